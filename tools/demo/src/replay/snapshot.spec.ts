import { emptyTallies } from './channel-tally';
import { snapshotOf } from '../../test/snapshot-fixture';
import { activityOf, hasSettled, pendingWork, QUIET_AFTER_CLOCK_MOVE_MS, QUIET_MS } from './snapshot';

describe('settling', () => {
  const sent = { sendingDone: true };

  it('is settled once nothing is pending and nothing has moved for the quiet period', () => {
    expect(hasSettled(sent, snapshotOf(), QUIET_MS)).toBe(true);
    expect(hasSettled(sent, snapshotOf(), QUIET_MS - 1)).toBe(false);
  });

  it('waits longer for quiet after the development clock moved, until held email has had its chance to go out', () => {
    expect(QUIET_AFTER_CLOCK_MOVE_MS).toBeGreaterThan(QUIET_MS);
    expect(hasSettled(sent, snapshotOf(), QUIET_MS, QUIET_AFTER_CLOCK_MOVE_MS)).toBe(false);
    expect(hasSettled(sent, snapshotOf(), QUIET_AFTER_CLOCK_MOVE_MS, QUIET_AFTER_CLOCK_MOVE_MS)).toBe(true);
  });

  it('names everything still pending', () => {
    const grades = emptyTallies();
    grades.rest.sent = 3;
    grades.rest.outcomes.accepted = 1;
    const snapshot = snapshotOf({ grades, consumerLag: 4, cases: { open: 2, waitlisted: 0, matched: 0, active: 0, closed: 0 }, emailsInFlight: 1 });
    expect(pendingWork({ sendingDone: false }, snapshot)).toEqual([
      'the feed is still being sent',
      '2 records without an outcome yet',
      '4 events not yet consumed',
      '2 cases waiting for a matching run',
      '1 emails waiting for SMTP',
    ]);
    expect(hasSettled(sent, snapshot, QUIET_MS * 10)).toBe(false);
  });

  it('sees activity in any count that moves', () => {
    expect(activityOf(snapshotOf())).toBe(activityOf(snapshotOf()));
    expect(activityOf(snapshotOf({ eventsHandled: 1 }))).not.toBe(activityOf(snapshotOf()));
  });
});
