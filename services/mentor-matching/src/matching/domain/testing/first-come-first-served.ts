import { Assignment, AssignmentResult, assignJointly, MentorCapacity, ScoreMatrix, WaitlistedCase } from '../assignment';

/**
 * First come, first served, the baseline the joint assignment is measured against: each case in
 * arrival order takes its best mentor with capacity left. An optimal assignment of one case at a
 * time is exactly that, so the baseline reuses the joint solver case by case.
 */
export function assignGreedily(caseIds: readonly string[], mentors: readonly MentorCapacity[], scores: ScoreMatrix): AssignmentResult {
  const remaining = new Map(mentors.map((mentor) => [mentor.mentorId, Math.max(0, mentor.remainingCapacity)]));
  const assignments: Assignment[] = [];
  const waitlisted: WaitlistedCase[] = [];
  for (const caseId of caseIds) {
    const capacities = [...remaining].map(([mentorId, remainingCapacity]) => ({ mentorId, remainingCapacity }));
    const [assignment] = assignJointly([caseId], capacities, scores).assignments;
    if (assignment) {
      assignments.push(assignment);
      remaining.set(assignment.mentorId, (remaining.get(assignment.mentorId) ?? 0) - 1);
      continue;
    }
    const hadCandidate = [...(scores.get(caseId)?.keys() ?? [])].some((mentorId) => mentors.some((mentor) => mentor.mentorId === mentorId && mentor.remainingCapacity > 0));
    waitlisted.push({ caseId, reason: hadCandidate ? 'eligible-mentors-full' : 'no-eligible-mentor' });
  }
  return { assignments, waitlisted, totalScore: assignments.reduce((sum, assignment) => sum + assignment.score, 0) };
}
