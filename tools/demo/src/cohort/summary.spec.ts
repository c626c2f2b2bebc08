import { generateCohort } from './cohort';
import { Cohort } from './model';
import { expectedLowAchievers } from './standing';
import { formatSummary, summarizeCohort } from './summary';

const TERM = { termStart: '2026-01-12', now: new Date('2026-04-20T10:00:00Z') };

describe('summarizeCohort', () => {
  let cohort: Cohort;
  beforeAll(() => {
    cohort = generateCohort({ ...TERM, students: 500, mentors: 20 });
  });

  it('counts students per programme and year, and those expected below 70%', () => {
    const summary = summarizeCohort(cohort);
    const perYear = Object.values(summary.students.byProgramYear).flatMap((years) => Object.values(years));
    expect(perYear.reduce((sum, count) => sum + count, 0)).toBe(500);
    expect(Object.keys(summary.students.byProgramYear.MBBS)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(Object.keys(summary.students.byProgramYear.HDPCS)).toEqual(['1', '2', '3']);
    expect(summary.students.expectedBelowThreshold).toBe(expectedLowAchievers(cohort.feed).length);
  });

  it('counts the feed by kind and by channel', () => {
    const { feed } = summarizeCohort(cohort);
    expect(Object.values(feed.byKind).reduce((a, b) => a + b, 0)).toBe(cohort.feed.length);
    expect(Object.values(feed.byChannel).reduce((a, b) => a + b, 0)).toBe(cohort.feed.length);
    expect(feed.byKind.original).toBe(500 * 16);
    expect(Object.values(feed.malformedByDefect).reduce((a, b) => a + b, 0)).toBe(feed.byKind.malformed);
  });

  it('counts mentors on leave now and their open-case capacity', () => {
    const { mentors } = summarizeCohort(cohort);
    expect(mentors.total).toBe(20);
    expect(mentors.onLeaveNow).toBe(1);
    expect(mentors.totalCapacity).toBe(cohort.mentors.filter((m) => m.active).reduce((sum, m) => sum + m.capacity, 0));
  });

  it('reads as a few lines for a terminal', () => {
    const text = formatSummary(summarizeCohort(cohort));
    expect(text).toContain('Students: 500');
    expect(text).toMatch(/below 70% summative mean \(expected at-risk\): \d+ \(\d+\.\d%\)/);
    expect(text).toMatch(/by kind: original 8000, duplicate \d+, amendment \d+, malformed \d+/);
  });
});
