import { CaseTransitionError } from './case-errors';
import { acceptCase, logSession, matchCase, openCase, reassignCase } from './case-transitions';
import {
  cancelMeeting,
  CASE_CLOSED_REASON,
  confirmSlot,
  droppedMeetingCancellations,
  meetingUid,
  MENTOR_LEFT_REASON,
  otherBookedMeetings,
  slotAvailability,
  slotsOnOffer,
} from './meetings';
import { MentoringCase } from './mentoring-case';

const flaggedAt = new Date('2030-03-04T06:00:00Z');
const at = (hours: number) => new Date(flaggedAt.getTime() + hours * 3_600_000);
const slot = (hours: number, minutes = 30) => ({ start: at(hours).toISOString(), end: new Date(at(hours).getTime() + minutes * 60_000).toISOString() });
const room = { mode: 'in-person' as const, location: 'Room 204' };
const video = { mode: 'video' as const, location: 'https://meet.example.edu/dr-a' };

function active(): MentoringCase {
  const opened = openCase({ id: 'case-1', studentId: 's-1', flaggedAt }, flaggedAt).state;
  const matched = matchCase(opened, { mentorId: 'mentor-a', proposedSlots: [slot(30)] }, at(0)).state;
  return acceptCase(matched, 'mentor-a', at(1)).state;
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof CaseTransitionError) return error.code;
    throw error;
  }
  return undefined;
}

describe('booking, moving and cancelling a meeting', () => {
  it('books the first meeting at sequence 0 with the mentor’s place', () => {
    const { state, changes } = confirmSlot(active(), slot(30), at(2), room);
    const meeting = { uid: meetingUid('case-1', 1), sequence: 0, ...slot(30), ...room };
    expect(state).toMatchObject({ confirmedSlot: slot(30), meeting, meetingsBooked: 1 });
    expect(changes).toEqual([{ kind: 'slot-confirmed', occurredAt: at(2), slot: slot(30), meeting }]);
  });

  it('moves a booked meeting under the same uid at the next sequence, each time', () => {
    const booked = confirmSlot(active(), slot(30), at(2), room).state;
    const moved = confirmSlot(booked, slot(50), at(3), video);
    expect(moved.state.meeting).toEqual({ uid: booked.meeting?.uid, sequence: 1, ...slot(50), ...video });
    expect(moved.state.meetingsBooked).toBe(1);
    expect(confirmSlot(moved.state, slot(74), at(4), video).state.meeting).toMatchObject({ uid: booked.meeting?.uid, sequence: 2 });
    expect(codeOf(() => confirmSlot(moved.state, slot(50), at(4), video))).toBe('MEETING_UNCHANGED');
  });

  it('cancels at the next sequence, frees the time, and gives the next booking a new uid', () => {
    const moved = confirmSlot(confirmSlot(active(), slot(30), at(2), room).state, slot(50), at(3), room).state;
    const cancelled = cancelMeeting(moved, { reason: ' Exam clash ' }, at(4));
    expect(cancelled.changes).toEqual([
      { kind: 'meeting-cancelled', occurredAt: at(4), meeting: { ...moved.meeting, sequence: 2 }, reason: 'Exam clash', mentorId: null },
    ]);
    expect(cancelled.state).toMatchObject({ confirmedSlot: null, meeting: null });
    const rebooked = confirmSlot(cancelled.state, slot(74), at(5), room).state.meeting;
    expect(rebooked).toMatchObject({ uid: meetingUid('case-1', 2), sequence: 0 });
  });

  it('refuses to cancel what is not booked or has begun', () => {
    expect(codeOf(() => cancelMeeting(active(), {}, at(2)))).toBe('NO_MEETING');
    const booked = confirmSlot(active(), slot(30), at(2), room).state;
    expect(codeOf(() => cancelMeeting(booked, {}, at(30)))).toBe('MEETING_STARTED');
  });

  it('gives the meeting after a logged session a new uid', () => {
    const booked = confirmSlot(active(), slot(30), at(2), room).state;
    const held = logSession(booked, { outcome: 'attended', occurredAt: at(30) }, at(31)).state;
    expect(held.meeting).toBeNull();
    expect(confirmSlot(held, slot(200), at(32), room).state.meeting).toMatchObject({ uid: meetingUid('case-1', 2), sequence: 0 });
  });
});

describe('re-checking a pick against the mentor’s time now', () => {
  const mentor = (booked = [slot(50)], now = at(2)) => ({ now, free: [{ start: at(48).toISOString(), end: at(56).toISOString() }], booked, meetingMinutes: 30 });

  it('books a meeting-length stretch of free time, or a slot proposed on the case', () => {
    expect(slotAvailability(slot(49), [], mentor())).toBe('bookable');
    expect(slotAvailability(slot(70, 45), [slot(70, 45)], mentor())).toBe('bookable');
  });

  it('says a time taken meanwhile by another case, or begun, is gone', () => {
    expect(slotAvailability(slot(50), [slot(50)], mentor())).toBe('gone');
    expect(slotAvailability(slot(49.75), [], mentor())).toBe('gone');
    expect(slotAvailability(slot(49), [], mentor([], at(49.5)))).toBe('gone');
  });

  it('refuses a time the mentor was never free at, or of another length, that nobody offered', () => {
    expect(slotAvailability(slot(60), [], mentor())).toBe('not-offered');
    expect(slotAvailability(slot(49, 120), [], mentor())).toBe('not-offered');
  });

  it('counts only the mentor’s other cases’ meetings as booked', () => {
    const cases = [
      { id: 'case-1', confirmedSlot: slot(30) },
      { id: 'case-2', confirmedSlot: slot(50) },
      { id: 'case-3', confirmedSlot: null },
    ];
    expect(otherBookedMeetings(cases, 'case-1')).toEqual([slot(50)]);
  });
});

describe('slots on offer now', () => {
  const time = { now: at(2), free: [], booked: [slot(50)], meetingMinutes: 30 };

  it('drops slots picked at matching time for fresh ones, each with the mentor’s place', () => {
    const offered = slotsOnOffer([slot(10), slot(20)], [slot(26), slot(27)], time, video, 3);
    expect(offered).toEqual([
      { ...slot(26), ...video },
      { ...slot(27), ...video },
    ]);
  });

  it('keeps times chosen for the case while bookable and tops up with fresh ones that do not clash', () => {
    const stored = [{ ...slot(60), keepOnOffer: true }, { ...slot(50), keepOnOffer: true }, { ...slot(1), keepOnOffer: true }];
    const offered = slotsOnOffer(stored, [slot(60.25), slot(70), slot(80)], time, room, 3);
    expect(offered.map(({ start }) => start)).toEqual([slot(60).start, slot(70).start, slot(80).start]);
    expect(offered[0]).toMatchObject({ keepOnOffer: true, ...room });
  });
});

describe('a booked meeting taken away by another change', () => {
  const booked = () => confirmSlot(active(), slot(30), at(2), room).state;
  const cancellationOf = (before: MentoringCase, after: MentoringCase, hours: number) =>
    droppedMeetingCancellations(before, after, [{ kind: 'progress-noted', occurredAt: at(hours) }]);

  it('is called off in calendars, naming the mentor it was with, when the mentor leaves the case', () => {
    const before = booked();
    const reassigned = reassignCase(before, { mentorId: 'mentor-b', reason: 'Clash', requestedBy: 'coordinator', proposedSlots: [] }, at(3));
    expect(droppedMeetingCancellations(before, reassigned.state, reassigned.changes)).toEqual([
      { kind: 'meeting-cancelled', occurredAt: at(3), meeting: { ...before.meeting, sequence: 1 }, reason: MENTOR_LEFT_REASON, mentorId: 'mentor-a' },
    ]);
  });

  it('is called off when the case closes, but not once it has begun or when nothing took it away', () => {
    const before = booked();
    expect(cancellationOf(before, { ...before, status: 'closed' }, 3)).toMatchObject([{ reason: CASE_CLOSED_REASON, meeting: { sequence: 1 } }]);
    expect(cancellationOf(before, { ...before, status: 'closed' }, 31)).toEqual([]);
    expect(cancellationOf(before, before, 3)).toEqual([]);
    expect(cancellationOf(active(), { ...active(), status: 'closed' }, 3)).toEqual([]);
  });
});
