import { freshMentorTime } from './fresh-slots';
import { MentorAvailability } from './availability';
import { StudentProfile } from './candidate-evaluation';

// Monday 2030-03-04; the mentor is free 09:00-12:00 UTC on weekdays.
const now = new Date('2030-03-04T06:00:00Z');
const mentor = (bookedMeetings: MentorAvailability['bookedMeetings'] = []): MentorAvailability => ({
  timeZone: 'UTC',
  weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })),
  blocks: [],
  leave: [],
  bookedMeetings,
});
const student: StudentProfile = {
  studentId: 's-1',
  program: 'MBBS',
  preferences: { timeZone: 'UTC', weekly: [] },
  currentMentorId: null,
  excludedMentorIds: [],
  weakCourses: [],
};
const options = { now, meetingMinutes: 30, minLeadHours: 0, horizonDays: 2, slotCount: 3 };
const at = (iso: string, minutes = 30) => ({ start: new Date(iso).toISOString(), end: new Date(Date.parse(iso) + minutes * 60_000).toISOString() });

describe('freshMentorTime', () => {
  it('offers slots from now on, never in the past', () => {
    const later = { ...options, now: new Date('2030-03-04T10:10:00Z') };
    const { slots, free } = freshMentorTime(mentor(), student, null, later);
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((slot) => Date.parse(slot.start) >= later.now.getTime())).toBe(true);
    expect(free[0]).toEqual({ start: '2030-03-04T10:10:00.000Z', end: '2030-03-04T12:00:00.000Z' });
  });

  it('takes the mentor’s meetings on other cases out of their free time and the slots', () => {
    const booked = at('2030-03-04T09:00:00Z', 60);
    const { slots, free } = freshMentorTime(mentor([booked]), student, null, options);
    expect(free[0]).toEqual({ start: '2030-03-04T10:00:00.000Z', end: '2030-03-04T12:00:00.000Z' });
    expect(slots.some((slot) => slot.start < booked.end && booked.start < slot.end)).toBe(false);
  });

  it('does not offer the case’s own meeting again, but keeps its time free for a move', () => {
    const own = at('2030-03-04T09:00:00Z');
    const { slots, free } = freshMentorTime(mentor(), student, own, options);
    expect(slots.map((slot) => slot.start)).not.toContain(own.start);
    expect(free[0]).toEqual({ start: '2030-03-04T09:00:00.000Z', end: '2030-03-04T12:00:00.000Z' });
  });
});
