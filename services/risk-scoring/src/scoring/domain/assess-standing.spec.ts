import type { StandingInput } from './assess-standing';
import type { EngagementFacts, GradeFact } from './grade-fact';
import type { Standing } from './standing';
import { assess, codesOf, formatives, grade, summatives } from './testing/grade-builders';

function reason(standing: Standing, code: string) {
  return standing.reasons.find((candidate) => candidate.code === code);
}

describe('assessStanding', () => {
  describe('a student without signals', () => {
    it('is ok with no reasons, even with no grades at all', () => {
      expect(assess([])).toMatchObject({ level: 'ok', reasons: [], weakCourses: [] });
      expect(assess(summatives(85, 78, 90))).toMatchObject({ level: 'ok', reasons: [] });
    });
  });

  describe('summative mean (the study: below 70% over at least 2 summatives)', () => {
    it('is at-risk below 70% and explains why with value, threshold and grades', () => {
      const standing = assess(summatives(65, 70));
      expect(standing.level).toBe('at-risk');
      expect(reason(standing, 'summative-mean-below-at-risk')).toEqual({
        code: 'summative-mean-below-at-risk',
        value: 67.5,
        threshold: 70,
        gradeIds: ['g0', 'g1'],
        summary: 'Summative average over 2 assessments is 67.5%, under the 70% support threshold.',
      });
    });

    it('is not at-risk at exactly 70%', () => {
      expect(assess(summatives(70, 70)).level).toBe('ok');
    });

    it('needs at least 2 summatives: one low mark is a watch, not at-risk', () => {
      const standing = assess(summatives(55));
      expect(standing.level).toBe('watch');
      expect(codesOf(standing)).toEqual(['latest-summative-below-pass-mark']);
    });

    it('honours a programme minimum above 2', () => {
      expect(assess(summatives(65, 66), { policy: { minSummatives: 3 } }).level).toBe('ok');
      expect(assess(summatives(65, 66, 67), { policy: { minSummatives: 3 } }).level).toBe('at-risk');
    });

    it('is urgent below 60% and reports only the deepest band', () => {
      const standing = assess(summatives(62, 55));
      expect(standing.level).toBe('urgent');
      expect(codesOf(standing)).toEqual(['summative-mean-below-urgent', 'latest-summative-below-pass-mark']);
      expect(reason(standing, 'summative-mean-below-urgent')).toMatchObject({ value: 58.5, threshold: 60 });
    });

    it('uses an optional watch band above at-risk', () => {
      const policy = { thresholds: { watch: 75, atRisk: 70, urgent: 60 } };
      const standing = assess(summatives(72, 74), { policy });
      expect(standing.level).toBe('watch');
      expect(reason(standing, 'summative-mean-below-watch')).toMatchObject({ value: 73, threshold: 75 });
    });

    it('weights categories like a gradebook when the policy says so', () => {
      const grades = [
        grade({ percentage: 50, day: 1, category: 'exam' }),
        grade({ percentage: 90, day: 2, category: 'osce' }),
        grade({ percentage: 90, day: 3, category: 'osce' }),
      ];
      expect(assess(grades).metrics.summativeMean).toBe(76.67);
      const weighted = assess(grades, { policy: { categoryWeighting: { weights: { exam: 70, osce: 30 }, uncategorisedWeight: 0 } } });
      expect(weighted.metrics.summativeMean).toBe(62);
      expect(weighted.level).toBe('at-risk');
    });

    it('pools unlisted and missing categories under uncategorisedWeight', () => {
      const grades = [
        grade({ percentage: 50, day: 1, category: 'exam' }),
        grade({ percentage: 90, day: 2, category: 'quiz' }),
        grade({ percentage: 70, day: 3 }),
      ];
      const standing = assess(grades, { policy: { categoryWeighting: { weights: { exam: 1 }, uncategorisedWeight: 1 } } });
      expect(standing.metrics.summativeMean).toBe(65);
    });

    it('takes the weights the feed sent for categories the policy does not list, when told to', () => {
      const grades = [
        grade({ percentage: 50, day: 1, category: 'Exams', categoryWeight: 0.8 }),
        grade({ percentage: 90, day: 2, category: 'Quizzes', categoryWeight: 0.2 }),
        grade({ percentage: 90, day: 3, category: 'Quizzes', categoryWeight: 0.2 }),
      ];
      const fromFeed = assess(grades, { policy: { categoryWeighting: { weights: {}, uncategorisedWeight: 0, useFeedWeights: true } } });
      expect(fromFeed.metrics.summativeMean).toBe(58);
      const overridden = assess(grades, { policy: { categoryWeighting: { weights: { Exams: 1 }, uncategorisedWeight: 0, useFeedWeights: true } } });
      expect(overridden.metrics.summativeMean).toBe(56.67);
    });
  });

  describe('OneRoster scoreStatus semantics', () => {
    const twoGood = summatives(80, 80);

    it('never counts exempt', () => {
      const standing = assess([...twoGood, grade({ percentage: 0, day: 9, status: 'exempt' })]);
      expect(standing.metrics.summativeCount).toBe(2);
      expect(standing.level).toBe('ok');
    });

    it('never counts a partially graded summative, even when formatives may', () => {
      const partial = grade({ percentage: 20, day: 9, status: 'partially graded' });
      const statuses = { submittedCounts: true, partiallyGradedCountsForFormatives: true, notSubmittedCountsAsZero: false };
      const standing = assess([...twoGood, partial], { policy: { scoreStatuses: statuses } });
      expect(standing.metrics.summativeCount).toBe(2);
    });

    it('counts submitted only when the policy treats it as final', () => {
      const submitted = [grade({ percentage: 50, day: 8, status: 'submitted' }), grade({ percentage: 50, day: 9, status: 'submitted' })];
      expect(assess(submitted).level).toBe('ok');
      const statuses = { submittedCounts: true, partiallyGradedCountsForFormatives: false, notSubmittedCountsAsZero: false };
      expect(assess(submitted, { policy: { scoreStatuses: statuses } }).level).toBe('urgent');
    });

    it('treats not submitted as an engagement signal, not as a zero', () => {
      const missing = [8, 9].map((day) => grade({ percentage: 0, day, status: 'not submitted' }));
      const standing = assess([...twoGood, ...missing]);
      expect(standing.metrics.summativeMean).toBe(80);
      expect(standing.level).toBe('watch');
      expect(reason(standing, 'missed-submissions')).toMatchObject({ value: 2, threshold: 2, gradeIds: ['g8', 'g9'] });
    });

    it('counts not submitted as 0% when the policy says so', () => {
      const missing = [grade({ percentage: 0, day: 8, status: 'not submitted' })];
      const statuses = { submittedCounts: false, partiallyGradedCountsForFormatives: false, notSubmittedCountsAsZero: true };
      const standing = assess([...twoGood, ...missing], { policy: { scoreStatuses: statuses } });
      expect(standing.metrics.summativeMean).toBe(53.33);
      expect(standing.level).toBe('urgent');
    });
  });

  describe('early signals (watch)', () => {
    it('flags the latest summative below the pass mark', () => {
      const standing = assess([grade({ percentage: 85, day: 1 }), grade({ percentage: 58, day: 2, course: 'PHYS102' })]);
      expect(standing.level).toBe('watch');
      expect(reason(standing, 'latest-summative-below-pass-mark')).toEqual({
        code: 'latest-summative-below-pass-mark',
        value: 58,
        threshold: 60,
        gradeIds: ['g2'],
        summary: 'The latest summative mark (PHYS102) is 58%, under the 60% pass mark.',
      });
    });

    it('lets a later pass clear an earlier low mark; the mean keeps the memory', () => {
      expect(codesOf(assess(summatives(58, 95)))).toEqual([]);
    });

    it('flags a clear downward trend over the last k summatives', () => {
      const standing = assess(summatives(95, 88, 80));
      expect(standing.level).toBe('watch');
      expect(reason(standing, 'downward-trend')).toMatchObject({ value: -15, threshold: -10, gradeIds: ['g0', 'g1', 'g2'] });
    });

    it('does not call a single dip or a small drift a trend', () => {
      expect(codesOf(assess(summatives(90, 60, 90)))).not.toContain('downward-trend');
      expect(codesOf(assess(summatives(90, 85, 81)))).toEqual([]);
    });

    it('looks only at the last k summatives for the trend', () => {
      expect(codesOf(assess(summatives(99, 80, 80, 80)))).toEqual([]);
    });

    it('flags a low formative mean once there are enough formatives', () => {
      expect(assess(formatives(40)).level).toBe('ok');
      const standing = assess(formatives(40, 55));
      expect(standing.level).toBe('watch');
      expect(reason(standing, 'low-formative-mean')).toMatchObject({ value: 47.5, threshold: 60, gradeIds: ['f0', 'f1'] });
    });

    it('counts partially graded formatives only when the policy allows', () => {
      const grades = [1, 2].map((day) => grade({ percentage: 30, type: 'formative', status: 'partially graded', day }));
      expect(assess(grades).level).toBe('ok');
      const statuses = { submittedCounts: false, partiallyGradedCountsForFormatives: true, notSubmittedCountsAsZero: false };
      expect(assess(grades, { policy: { scoreStatuses: statuses } }).level).toBe('watch');
    });

    it('flags consecutive missed mentoring sessions', () => {
      expect(assess([], { missedSessions: 1 }).level).toBe('ok');
      const standing = assess([], { missedSessions: 2 });
      expect(standing.level).toBe('watch');
      expect(reason(standing, 'missed-sessions')).toEqual({
        code: 'missed-sessions',
        value: 2,
        threshold: 2,
        gradeIds: [],
        summary: 'The last 2 mentoring sessions were missed; the meeting times may not suit.',
      });
    });

    it('needs a pattern of missed submissions, not one', () => {
      expect(assess([grade({ percentage: 0, day: 1, status: 'not submitted' })]).level).toBe('ok');
    });

    it('switches a rule off when the policy sets it to null', () => {
      const off = { trendRule: null, formativeRule: null, missedSessionRule: null, missedSubmissionRule: null };
      const notSubmitted = [50, 51].map((day) => grade({ percentage: 0, day, status: 'not submitted' }));
      const grades = [...summatives(95, 88, 80), ...formatives(10, 10), ...notSubmitted];
      expect(assess(grades, { policy: off, missedSessions: 5 }).level).toBe('ok');
    });
  });

  describe('compound trouble (urgent)', () => {
    it('escalates at-risk plus missed sessions to urgent', () => {
      const standing = assess(summatives(65, 66), { missedSessions: 2 });
      expect(standing.level).toBe('urgent');
      expect(codesOf(standing)).toEqual(['summative-mean-below-at-risk', 'missed-sessions']);
    });

    it('does not escalate when the policy turns escalation off', () => {
      const policy = { missedSessionRule: { consecutive: 2, escalatesAtRisk: false } };
      expect(assess(summatives(65, 66), { missedSessions: 2, policy }).level).toBe('at-risk');
    });

    it('does not escalate a watch', () => {
      expect(assess(summatives(55), { missedSessions: 3 }).level).toBe('watch');
    });
  });

  describe('hysteresis (margin 2 points)', () => {
    it('holds at-risk until the mean clears 72%, and says so', () => {
      const previous = assess(summatives(68, 69));
      const held = assess(summatives(71, 71.5), { previous });
      expect(held.level).toBe('at-risk');
      expect(reason(held, 'summative-mean-below-at-risk')).toMatchObject({
        value: 71.25,
        threshold: 72,
        summary:
          'Summative average over 2 assessments is 71.25%: back above the 70% support threshold, ' +
          'not yet by the margin (72%) that clears it.',
      });
      expect(assess(summatives(72, 72), { previous: held }).level).toBe('ok');
    });

    it('reports the policy threshold, not the margin, while the value is plainly under it', () => {
      const previous = assess(summatives(68, 69));
      const stillUnder = assess(summatives(66, 67), { previous });
      expect(reason(stillUnder, 'summative-mean-below-at-risk')).toMatchObject({ value: 66.5, threshold: 70 });
    });

    it('does not enter at-risk until the mean is below 70%', () => {
      expect(assess(summatives(70, 71), { previous: assess(summatives(80, 80)) }).level).toBe('ok');
    });

    it('holds urgent until 62% and then drops to at-risk, not further', () => {
      const urgent = assess(summatives(58, 59));
      expect(assess(summatives(61, 62), { previous: urgent }).level).toBe('urgent');
      const eased = assess(summatives(63, 63), { previous: urgent });
      expect(codesOf(eased)).toContain('summative-mean-below-at-risk');
      expect(eased.level).toBe('at-risk');
    });

    it('needs the at-risk margin when leaving urgent straight for ok', () => {
      const urgent = assess(summatives(58, 59));
      expect(assess(summatives(71, 71), { previous: urgent }).level).toBe('at-risk');
    });

    it('holds the pass-mark, trend and formative signals by the same margin', () => {
      const lowLatest = assess(summatives(80, 59));
      expect(codesOf(assess(summatives(80, 61), { previous: lowLatest }))).toContain('latest-summative-below-pass-mark');
      expect(codesOf(assess(summatives(80, 62), { previous: lowLatest }))).not.toContain('latest-summative-below-pass-mark');

      const falling = assess(summatives(95, 88, 80));
      expect(reason(assess(summatives(95, 90, 86), { previous: falling }), 'downward-trend')).toMatchObject({ value: -9, threshold: -8 });
      expect(codesOf(assess(summatives(95, 91, 87), { previous: falling }))).not.toContain('downward-trend');

      const lowFormatives = assess(formatives(55, 55));
      expect(codesOf(assess(formatives(61, 61), { previous: lowFormatives }))).toContain('low-formative-mean');
      expect(codesOf(assess(formatives(62, 62), { previous: lowFormatives }))).not.toContain('low-formative-mean');
    });
  });

  describe('improvement', () => {
    it('adds an improved reason when a student leaves at-risk', () => {
      const previous = assess(summatives(65, 66));
      const standing = assess(summatives(78, 80), { previous });
      expect(standing.level).toBe('ok');
      expect(reason(standing, 'improved')).toEqual({
        code: 'improved',
        value: 79,
        threshold: null,
        gradeIds: ['g0', 'g1'],
        summary: 'Moved from at-risk to ok, with a summative average of 79%. A good moment to recognise the progress.',
      });
    });

    it('adds it when leaving urgent for at-risk, and after missed sessions stop', () => {
      const urgent = assess(summatives(65, 66), { missedSessions: 2 });
      expect(codesOf(assess(summatives(65, 66), { previous: urgent }))).toEqual(['summative-mean-below-at-risk', 'improved']);
    });

    it('carries it while the level stays, and drops it when the level moves again', () => {
      const improved = assess(summatives(78, 80), { previous: assess(summatives(65, 66)) });
      const later = assess(summatives(78, 80, 85), { previous: improved });
      expect(reason(later, 'improved')).toEqual(reason(improved, 'improved'));
      expect(codesOf(assess(summatives(78, 80, 50), { previous: later }))).not.toContain('improved');
    });

    it('is not added when only the policy changed, though the level falls', () => {
      const previous = assess(summatives(65, 66));
      const lowered = { thresholds: { watch: null, atRisk: 60, urgent: 50 } };
      const rescored = assess(summatives(65, 66), { previous, policy: lowered, policyChangeOnly: true });
      expect(rescored.level).toBe('ok');
      expect(codesOf(rescored)).not.toContain('improved');
      expect(codesOf(assess(summatives(65, 66), { previous, policy: lowered }))).toContain('improved');
    });

    it('is not added for leaving watch, or for rising', () => {
      expect(codesOf(assess(summatives(80, 80), { previous: assess(summatives(55)) }))).toEqual([]);
      expect(codesOf(assess(summatives(50, 50), { previous: assess(summatives(65, 66)) }))).not.toContain('improved');
    });

    it('is not claimed when a new academic year simply empties the window', () => {
      const atRisk = assess(summatives(65, 66));
      const nextYear = assess(summatives(65, 66), { previous: atRisk, now: new Date('2026-09-15T00:00:00Z') });
      expect(nextYear.level).toBe('ok');
      expect(nextYear.reasons).toEqual([]);
    });
  });

  describe('reasons', () => {
    it('lists reasons in a fixed code order', () => {
      const grades: GradeFact[] = [...summatives(80, 60, 35), ...formatives(40, 40)];
      expect(codesOf(assess(grades, { missedSessions: 2 }))).toEqual([
        'summative-mean-below-urgent',
        'missed-sessions',
        'latest-summative-below-pass-mark',
        'downward-trend',
        'low-formative-mean',
      ]);
    });

    it('words summaries plainly, without judging the student', () => {
      const grades: GradeFact[] = [
        ...summatives(80, 66, 52),
        ...formatives(40, 40),
        grade({ percentage: 0, day: 60, status: 'not submitted' }),
        grade({ percentage: 0, day: 61, status: 'not submitted' }),
      ];
      const summaries = [
        ...assess(grades, { missedSessions: 2 }).reasons,
        ...assess(summatives(90, 90), { previous: assess(summatives(50, 50)) }).reasons,
      ].map((candidate) => candidate.summary);
      expect(summaries).toHaveLength(7);
      for (const summary of summaries) {
        expect(summary).not.toMatch(/\b(fail|failing|failed|poor|weak|lazy|bad|underperform\w*|probation|warning)\b/i);
        expect(summary.length).toBeLessThan(160);
      }
    });
  });

  describe('weak courses', () => {
    it('lists courses whose mean is below the at-risk threshold, lowest first', () => {
      const grades = [
        grade({ percentage: 55, course: 'PHYS102', day: 1 }),
        grade({ percentage: 65, course: 'ANAT101', day: 2 }),
        grade({ percentage: 90, course: 'BIOC103', day: 3 }),
        grade({ percentage: 50, course: 'ANAT101', type: 'formative', day: 4, id: 'f' }),
      ];
      expect(assess(grades).weakCourses).toEqual(['PHYS102', 'ANAT101']);
    });
  });

  describe('fairness', () => {
    it('has no input for a protected attribute (checked by tsc)', () => {
      type Protected = 'sex' | 'gender' | 'ethnicity' | 'race' | 'nationality' | 'age' | 'dateOfBirth' | 'disability' | 'name';
      type InputFields = keyof StandingInput | keyof GradeFact | keyof EngagementFacts;
      const noProtectedInput: [Extract<InputFields, Protected>] extends [never] ? true : false = true;
      expect(noProtectedInput).toBe(true);
    });
  });

  describe('metrics', () => {
    it('reports the figures behind the standing', () => {
      const grades = [...summatives(95, 88, 80), ...formatives(50), grade({ percentage: 0, day: 70, status: 'not submitted' })];
      expect(assess(grades, { missedSessions: 1 }).metrics).toEqual({
        windowStart: '2025-09-01T00:00:00.000Z',
        summativeCount: 3,
        summativeMean: 87.67,
        formativeCount: 1,
        formativeMean: 50,
        latestSummativePercentage: 80,
        trendChange: -15,
        notSubmittedCount: 1,
        consecutiveMissedSessions: 1,
      });
    });
  });
});
