import fc from 'fast-check';
import { assignJointly, AssignmentResult, MentorCapacity, ScoreMatrix } from './assignment';
import { assignGreedily } from './testing/first-come-first-served';

const matrix = (rows: Record<string, Record<string, number>>): ScoreMatrix =>
  new Map(Object.entries(rows).map(([caseId, row]) => [caseId, new Map(Object.entries(row))]));

function loadsWithin(result: AssignmentResult, mentors: readonly MentorCapacity[]): boolean {
  return mentors.every(
    (mentor) => result.assignments.filter((a) => a.mentorId === mentor.mentorId).length <= Math.max(0, mentor.remainingCapacity),
  );
}

describe('assignJointly', () => {
  it('beats first-come-first-served when an early case would take the only mentor a later case can have', () => {
    const mentors = [
      { mentorId: 'broad', remainingCapacity: 1 },
      { mentorId: 'narrow', remainingCapacity: 1 },
    ];
    // case-1 arrives first and slightly prefers "broad"; case-2 can only meet "broad".
    const scores = matrix({ 'case-1': { broad: 60, narrow: 55 }, 'case-2': { broad: 50 } });
    const greedy = assignGreedily(['case-1', 'case-2'], mentors, scores);
    const joint = assignJointly(['case-1', 'case-2'], mentors, scores);
    expect(greedy.assignments).toEqual([{ caseId: 'case-1', mentorId: 'broad', score: 60 }]);
    expect(greedy.waitlisted).toEqual([{ caseId: 'case-2', reason: 'eligible-mentors-full' }]);
    expect(joint.assignments).toEqual([
      { caseId: 'case-1', mentorId: 'narrow', score: 55 },
      { caseId: 'case-2', mentorId: 'broad', score: 50 },
    ]);
    expect(joint.totalScore).toBe(105);
  });

  it('uses a mentor up to their capacity and no further', () => {
    const scores = matrix({ a: { m: 10 }, b: { m: 9 }, c: { m: 8 } });
    const result = assignJointly(['a', 'b', 'c'], [{ mentorId: 'm', remainingCapacity: 2 }], scores);
    expect(result.assignments.map((a) => a.caseId)).toEqual(['a', 'b']);
    expect(result.waitlisted).toEqual([{ caseId: 'c', reason: 'eligible-mentors-full' }]);
  });

  it('waitlists a case no mentor is eligible for, and treats a mentor without capacity as unavailable', () => {
    const scores = matrix({ a: {}, b: { full: 80 } });
    const result = assignJointly(['a', 'b'], [{ mentorId: 'full', remainingCapacity: 0 }], scores);
    expect(result.assignments).toEqual([]);
    expect(result.waitlisted).toEqual([
      { caseId: 'a', reason: 'no-eligible-mentor' },
      { caseId: 'b', reason: 'no-eligible-mentor' },
    ]);
  });

  it('rejects duplicate ids', () => {
    expect(() => assignJointly(['a', 'a'], [], matrix({}))).toThrow(RangeError);
    expect(() => assignJointly(['a'], [{ mentorId: 'm', remainingCapacity: 1 }, { mentorId: 'm', remainingCapacity: 1 }], matrix({}))).toThrow(
      RangeError,
    );
  });

  it('is optimal: the most cases, then the highest total, matching an exhaustive search on small bursts', () => {
    const instance = fc
      .record({
        cases: fc.integer({ min: 1, max: 6 }),
        capacities: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }),
      })
      .chain(({ cases, capacities }) =>
        fc.record({
          capacities: fc.constant(capacities),
          rows: fc.array(fc.array(fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }), { minLength: capacities.length, maxLength: capacities.length }), {
            minLength: cases,
            maxLength: cases,
          }),
        }),
      );
    fc.assert(
      fc.property(instance, ({ capacities, rows }) => {
        const mentors = capacities.map((remainingCapacity, j) => ({ mentorId: `m${j}`, remainingCapacity }));
        const caseIds = rows.map((_, i) => `c${i}`);
        const scores: ScoreMatrix = new Map(
          rows.map((row, i) => [`c${i}`, new Map(row.flatMap((score, j) => (score === null ? [] : [[`m${j}`, score] as const])))]),
        );
        const joint = assignJointly(caseIds, mentors, scores);
        const best = exhaustiveBest(rows, capacities);
        expect(loadsWithin(joint, mentors)).toBe(true);
        expect([joint.assignments.length, joint.totalScore]).toEqual([best.count, best.total]);
        expect(joint.assignments.length + joint.waitlisted.length).toBe(caseIds.length);
      }),
      { numRuns: 300 },
    );
  });
});

/** Tries every choice (a mentor or none) for every case. */
function exhaustiveBest(rows: (number | null)[][], capacities: number[]): { count: number; total: number } {
  let best = { count: 0, total: 0 };
  const remaining = [...capacities];
  const visit = (i: number, count: number, total: number): void => {
    if (i === rows.length) {
      if (count > best.count || (count === best.count && total > best.total)) best = { count, total };
      return;
    }
    visit(i + 1, count, total);
    rows[i].forEach((score, j) => {
      if (score === null || remaining[j] === 0) return;
      remaining[j]--;
      visit(i + 1, count + 1, total + score);
      remaining[j]++;
    });
  };
  visit(0, 0, 0);
  return best;
}
