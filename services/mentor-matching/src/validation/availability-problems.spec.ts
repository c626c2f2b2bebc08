import { mentorAvailabilityProblems, scheduleProblems } from './availability-problems';

describe('availability problems', () => {
  it('names every bad field of a mentor’s availability at once', () => {
    const problems = mentorAvailabilityProblems({
      timeZone: 'Mars/Olympus',
      weeklyAvailability: [{ weekday: 8, start: '9:00', end: '10:00' }],
      blocks: [{ start: '2025-10-21T10:00:00Z', end: '2025-10-21T09:00:00Z' }],
      leave: [{ firstDay: '2025-10-30', lastDay: '2025-10-20' }, { firstDay: '2025-02-30', lastDay: 'soon' }],
    });
    expect(problems.map((problem) => problem.field)).toEqual([
      'timeZone',
      'weeklyAvailability.0.weekday',
      'weeklyAvailability.0.start',
      'blocks.0.end',
      'leave.0.lastDay',
      'leave.1.firstDay',
      'leave.1.lastDay',
    ]);
  });

  it('accepts a sound schedule, overnight windows included', () => {
    expect(
      mentorAvailabilityProblems({
        timeZone: 'Asia/Karachi',
        weeklyAvailability: [{ weekday: 1, start: '22:00', end: '01:00' }, { weekday: 2, start: '09:00', end: '24:00' }],
        blocks: [{ start: '2025-10-21T09:00:00Z', end: '2025-10-21T10:00:00Z' }],
        leave: [{ firstDay: '2025-10-20', lastDay: '2025-10-20' }],
      }),
    ).toEqual([]);
  });

  it('reports student windows under the field the API uses', () => {
    expect(scheduleProblems([{ weekday: 1, start: '10:00', end: '10:00' }], 'UTC', 'preferredTimes')).toEqual([
      { field: 'preferredTimes.0.end', problem: 'end must differ from start' },
    ]);
  });
});
