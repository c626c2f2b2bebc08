import { PROGRAM_YEARS, PROGRAMS } from './catalogue';
import { generateCohort } from './cohort';
import { Cohort, WeeklyWindow } from './model';

const TERM = { termStart: '2026-01-12', now: new Date('2026-04-20T10:00:00Z') };
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

describe('generateCohort', () => {
  let cohort: Cohort;
  beforeAll(() => {
    cohort = generateCohort(TERM);
  });

  describe('determinism', () => {
    it('gives the same cohort for the same seed and another for a different seed', () => {
      expect(JSON.stringify(generateCohort(TERM))).toBe(JSON.stringify(cohort));
      const other = generateCohort({ ...TERM, seed: 43 });
      expect(other.students).not.toEqual(cohort.students);
      expect(other.feed).not.toEqual(cohort.feed);
    });

    it('keeps mentors and courses when only the number of students changes', () => {
      const smaller = generateCohort({ ...TERM, students: 300 });
      expect(smaller.mentors).toEqual(cohort.mentors);
      expect(smaller.courses).toEqual(cohort.courses);
      expect(smaller.students).toEqual(cohort.students.slice(0, 300));
    });
  });

  describe('students', () => {
    it('have unique ids, names and ASCII e-mail addresses', () => {
      expect(cohort.students).toHaveLength(2000);
      expect(new Set(cohort.students.map((s) => s.studentId)).size).toBe(2000);
      expect(new Set(cohort.students.map((s) => s.email)).size).toBe(2000);
      for (const student of cohort.students) {
        expect(student.studentId).toMatch(/^S\d{6}$/);
        expect(student.email).toMatch(/^[a-z]+\.[a-z]+\.\d+@students\.example\.edu$/);
        expect(student.displayName).toBe(`${student.givenName} ${student.familyName}`);
      }
      // eslint-disable-next-line no-control-regex
      expect(cohort.students.some((s) => /[^\x00-\x7f]/.test(s.displayName))).toBe(true);
    });

    it('spread over the programmes by weight and over each programme’s years', () => {
      const share = (program: string) => cohort.students.filter((s) => s.program === program).length / 2000;
      expect(share('MBBS')).toBeCloseTo(0.45, 1);
      expect(share('MD')).toBeCloseTo(0.2, 1);
      expect(share('BBMS')).toBeCloseTo(0.2, 1);
      expect(share('HDPCS')).toBeCloseTo(0.15, 1);
      for (const program of PROGRAMS) {
        const years = new Set(cohort.students.filter((s) => s.program === program).map((s) => s.yearOfStudy));
        expect([...years].sort()).toEqual(Array.from({ length: PROGRAM_YEARS[program] }, (_, index) => index + 1));
      }
    });

    it('live mostly in Dubai and prefer 2-4 windows, many in evenings and at weekends', () => {
      expect(cohort.students.filter((s) => s.timeZone === 'Asia/Dubai').length / 2000).toBeGreaterThan(0.7);
      expect(new Set(cohort.students.map((s) => s.timeZone)).size).toBeGreaterThanOrEqual(5);
      const windowCounts = new Set(cohort.students.map((s) => s.preferredTimes.length));
      expect([...windowCounts].sort()).toEqual([2, 3, 4]);
      expect(cohort.students.flatMap((s) => windowProblems(s.preferredTimes))).toEqual([]);
      const outOfHours = (w: WeeklyWindow) => w.weekday >= 6 || w.start >= '17:00';
      const withOutOfHours = cohort.students.filter((s) => s.preferredTimes.some(outOfHours)).length;
      expect(withOutOfHours / 2000).toBeGreaterThan(0.6);
    });

    it('are mostly steady, with a low-achieving minority and a few in decline', () => {
      const share = (trajectory: string) => cohort.students.filter((s) => s.latent.trajectory === trajectory).length / 2000;
      expect(share('consistently-low')).toBeGreaterThan(0.07);
      expect(share('consistently-low')).toBeLessThan(0.14);
      expect(share('declining')).toBeGreaterThan(0.02);
      expect(share('declining')).toBeLessThan(0.07);
      for (const student of cohort.students.filter((s) => s.latent.trajectory === 'declining')) {
        expect(student.latent.trendPerTerm).toBeLessThan(0);
      }
    });
  });

  describe('mentors', () => {
    it('have ids, titles, faculty e-mail addresses and 1-2 programmes with expertise from them', () => {
      expect(cohort.mentors).toHaveLength(60);
      expect(new Set(cohort.mentors.map((m) => m.email)).size).toBe(60);
      const coursesOf = (program: string) => cohort.courses.filter((c) => c.program === program).map((c) => c.courseCode);
      for (const mentor of cohort.mentors) {
        expect(mentor.mentorId).toMatch(/^M\d{3}$/);
        expect(mentor.displayName).toMatch(/^(Dr\.|Prof\.|Assoc\. Prof\.) /);
        expect(mentor.email).toMatch(/^[a-z]+\.[a-z]+\d*@faculty\.example\.edu$/);
        expect(mentor.programs.length).toBeGreaterThanOrEqual(1);
        expect(mentor.programs.length).toBeLessThanOrEqual(2);
        expect(mentor.expertiseCourseCodes.length).toBeGreaterThanOrEqual(2);
        expect(mentor.expertiseCourseCodes.length).toBeLessThanOrEqual(4);
        const taught = mentor.programs.flatMap(coursesOf);
        expect(mentor.expertiseCourseCodes.every((code) => taught.includes(code))).toBe(true);
        expect(mentor.capacity).toBeGreaterThanOrEqual(3);
        expect(mentor.capacity).toBeLessThanOrEqual(8);
        expect(mentor.responsiveness.medianHoursToAccept).toBeGreaterThan(0);
      }
    });

    it('offer 1-2 h blocks, 2-4 of them, except busy mentors who offer a single hour', () => {
      for (const { weeklyAvailability } of cohort.mentors) {
        expect(windowProblems(weeklyAvailability)).toEqual([]);
        expect(weeklyAvailability.length).toBeLessThanOrEqual(4);
        for (const window of weeklyAvailability) {
          const minutes = minutesBetween(window);
          expect(minutes).toBeGreaterThanOrEqual(60);
          expect(minutes).toBeLessThanOrEqual(120);
        }
      }
      const busy = cohort.mentors.filter((m) => m.weeklyAvailability.length === 1);
      expect(busy.length).toBeGreaterThan(0);
      expect(busy.every((m) => minutesBetween(m.weeklyAvailability[0]) === 60)).toBe(true);
    });

    it('are about 5% on leave now and a few inactive; others may have leave planned', () => {
      const today = TERM.now.toISOString().slice(0, 10);
      const onLeaveNow = cohort.mentors.filter((m) => m.leave.some((p) => p.start < today && today < p.end));
      expect(onLeaveNow).toHaveLength(3);
      expect(cohort.mentors.filter((m) => !m.active).length).toBeGreaterThanOrEqual(1);
      expect(cohort.mentors.filter((m) => m.leave.some((p) => p.start > today)).length).toBeGreaterThan(0);
      expect(new Set(cohort.mentors.map((m) => m.timeZone)).size).toBeGreaterThan(1);
    });
  });

  describe('courses', () => {
    it('are four per programme and year, with unique codes', () => {
      const programYears = Object.values(PROGRAM_YEARS).reduce((sum, years) => sum + years, 0);
      expect(cohort.courses).toHaveLength(programYears * 4);
      expect(new Set(cohort.courses.map((c) => c.courseCode)).size).toBe(cohort.courses.length);
    });

    it('have two summatives and two formatives, sat and released within the term in order', () => {
      const termStart = Date.parse(`${TERM.termStart}T00:00:00Z`);
      for (const course of cohort.courses) {
        const types = course.assessments.map((a) => a.assessmentType).sort();
        expect(types).toEqual(['formative', 'formative', 'summative', 'summative']);
        const sat = course.assessments.map((a) => Date.parse(a.heldAt));
        expect([...sat].sort((a, b) => a - b)).toEqual(sat);
        for (const assessment of course.assessments) {
          expect(Date.parse(assessment.heldAt)).toBeGreaterThan(termStart);
          expect(Date.parse(assessment.releasedAt)).toBeGreaterThan(Date.parse(assessment.heldAt));
          expect(Date.parse(assessment.releasedAt)).toBeLessThan(TERM.now.getTime());
        }
      }
    });

    it('split the assessments between the channels in thirds', () => {
      const assessments = cohort.courses.flatMap((c) => c.assessments);
      for (const channel of ['rest', 'kafka', 'oneroster']) {
        expect(Math.abs(assessments.filter((a) => a.channel === channel).length - assessments.length / 3)).toBeLessThanOrEqual(1);
      }
    });
  });

  it('refuses options it cannot honour', () => {
    expect(() => generateCohort({ ...TERM, termStart: '12/01/2026' })).toThrow(RangeError);
    expect(() => generateCohort({ ...TERM, termStart: '2026-04-01' })).toThrow(/at least 28 days/);
    expect(() => generateCohort({ ...TERM, students: 0 })).toThrow(RangeError);
    expect(() => generateCohort({ ...TERM, mentors: 1000 })).toThrow(RangeError);
    expect(() => generateCohort({ ...TERM, seed: 1.5 })).toThrow(RangeError);
    expect(() => generateCohort({ ...TERM, now: new Date('not a date') })).toThrow(RangeError);
  });
});

function minutesBetween({ start, end }: WeeklyWindow): number {
  const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3));
  return minutes(end) - minutes(start);
}

function windowProblems(windows: readonly WeeklyWindow[]): string[] {
  const describe = (w: WeeklyWindow) => `${w.weekday} ${w.start}-${w.end}`;
  const malformed = windows.filter(
    (w) => !(w.weekday >= 1 && w.weekday <= 7 && CLOCK.test(w.start) && CLOCK.test(w.end) && minutesBetween(w) > 0),
  );
  const overlapping = windows.flatMap((a, i) =>
    windows.slice(i + 1).filter((b) => b.weekday === a.weekday && b.start < a.end && a.start < b.end),
  );
  return [...malformed.map((w) => `malformed ${describe(w)}`), ...overlapping.map((w) => `overlapping ${describe(w)}`)];
}
