import { cadenceDays, flagToFirstContactHours, flagToFirstMeetingHours, nextMeetingDueAt, summariseDurations } from './case-timing';
import { acceptCase, adjustCadence, changePhase, logSession, matchCase, openCase } from './case-transitions';
import { DEFAULT_CASE_POLICY } from './mentoring-case';

const flaggedAt = new Date('2025-10-20T08:00:00Z');
const at = (hours: number) => new Date(flaggedAt.getTime() + hours * 3_600_000);

const opened = openCase({ id: 'case-1', studentId: 'student-1', flaggedAt }, at(0)).state;
const active = acceptCase(matchCase(opened, { mentorId: 'mentor-a', proposedSlots: [] }, at(0)).state, 'mentor-a', at(6)).state;
const met = logSession(active, { outcome: 'attended', occurredAt: at(50) }, at(51)).state;

describe('response times', () => {
  it('measures flag to first contact and flag to first meeting', () => {
    expect([flagToFirstContactHours(met), flagToFirstMeetingHours(met)]).toEqual([6, 50]);
  });

  it('is null until the moment has come', () => {
    expect([flagToFirstContactHours(opened), flagToFirstMeetingHours(active)]).toEqual([null, null]);
  });

  it('summarises durations by median and 90th percentile, leaving unmeasured cases out', () => {
    expect(summariseDurations([5, 1, null, 3, 2, 4, 10, 7, 6, 8, 9])).toEqual({ count: 10, medianHours: 5, p90Hours: 9 });
    expect(summariseDurations([null])).toEqual({ count: 0, medianHours: null, p90Hours: null });
  });
});

describe('cadence', () => {
  it('uses the phase default unless the student agreed another rhythm', () => {
    expect(cadenceDays(active)).toBe(7);
    expect(cadenceDays(changePhase(active, 'structured-engagement', at(10)).state)).toBe(14);
    expect(cadenceDays(adjustCadence(active, 10).state)).toBe(10);
    expect(cadenceDays(active, { ...DEFAULT_CASE_POLICY, cadenceDays: { ...DEFAULT_CASE_POLICY.cadenceDays, 'ice-breaking': 5 } })).toBe(5);
  });

  it('dates the next meeting from the last attended one, or from acceptance before any', () => {
    expect(nextMeetingDueAt(active)).toEqual(at(6 + 7 * 24));
    expect(nextMeetingDueAt(met)).toEqual(at(50 + 7 * 24));
    expect(nextMeetingDueAt(opened)).toBeNull();
  });
});
