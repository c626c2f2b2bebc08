import { FlowNetwork } from './min-cost-flow';

export interface MentorCapacity {
  readonly mentorId: string;
  /** Cases this mentor can still take (max open cases minus open cases). */
  readonly remainingCapacity: number;
}

/** caseId -> mentorId -> score. A missing pair means the mentor is not eligible for that case. */
export type ScoreMatrix = ReadonlyMap<string, ReadonlyMap<string, number>>;

export interface Assignment {
  readonly caseId: string;
  readonly mentorId: string;
  readonly score: number;
}

export type WaitlistReason = 'no-eligible-mentor' | 'eligible-mentors-full';

export interface WaitlistedCase {
  readonly caseId: string;
  /** `eligible-mentors-full`: mentors were eligible, but their capacity went to other cases of the burst. */
  readonly reason: WaitlistReason;
}

export interface AssignmentResult {
  /** In the order of the cases given. */
  readonly assignments: Assignment[];
  readonly waitlisted: WaitlistedCase[];
  readonly totalScore: number;
}

/** Scores are compared in thousandths, so the flow works on exact integers. */
const SCORE_RESOLUTION = 1000;

/**
 * The optimal assignment of a burst of cases: as many cases as capacity allows, and among those
 * the highest total score. Solved as min-cost max-flow (source -> case -> mentor -> sink, with a
 * mentor's edge to the sink carrying their remaining capacity), so no mentor exceeds capacity.
 * Costs are `best score - score`: non-negative, and every unit of flow pays exactly one of them,
 * so the least cost for the most flow is the most score.
 */
export function assignJointly(
  caseIds: readonly string[],
  mentors: readonly MentorCapacity[],
  scores: ScoreMatrix,
): AssignmentResult {
  assertDistinct(caseIds);
  const mentorIndex = indexMentors(mentors);
  const source = 0;
  const sink = caseIds.length + mentors.length + 1;
  const caseNode = (i: number) => 1 + i;
  const mentorNode = (j: number) => 1 + caseIds.length + j;
  const network = new FlowNetwork(sink + 1);
  const best = bestScaledScore(scores);

  mentors.forEach((mentor, j) => network.addEdge(mentorNode(j), sink, usableCapacity(mentor), 0));
  const pairs: Array<{ edge: number; caseId: string; mentorId: string; score: number }> = [];
  caseIds.forEach((caseId, i) => {
    network.addEdge(source, caseNode(i), 1, 0);
    for (const [mentorId, score] of scores.get(caseId) ?? []) {
      const j = mentorIndex.get(mentorId);
      if (j === undefined || usableCapacity(mentors[j]) === 0) continue;
      const edge = network.addEdge(caseNode(i), mentorNode(j), 1, best - scaled(score));
      pairs.push({ edge, caseId, mentorId, score });
    }
  });
  network.minCostMaxFlow(source, sink);

  const chosen = new Map(
    pairs.filter((pair) => network.flowOn(pair.edge) > 0).map((pair) => [pair.caseId, pair] as const),
  );
  return summarise(caseIds, mentors, scores, chosen);
}

function summarise(
  caseIds: readonly string[],
  mentors: readonly MentorCapacity[],
  scores: ScoreMatrix,
  chosen: ReadonlyMap<string, Assignment>,
): AssignmentResult {
  const withCapacity = new Set(mentors.filter((mentor) => usableCapacity(mentor) > 0).map((mentor) => mentor.mentorId));
  const assignments: Assignment[] = [];
  const waitlisted: WaitlistedCase[] = [];
  for (const caseId of caseIds) {
    const assignment = chosen.get(caseId);
    if (assignment) {
      assignments.push({ caseId, mentorId: assignment.mentorId, score: assignment.score });
      continue;
    }
    const hadCandidate = [...(scores.get(caseId)?.keys() ?? [])].some((mentorId) => withCapacity.has(mentorId));
    waitlisted.push({ caseId, reason: hadCandidate ? 'eligible-mentors-full' : 'no-eligible-mentor' });
  }
  const totalScore = assignments.reduce((sum, assignment) => sum + assignment.score, 0);
  return { assignments, waitlisted, totalScore };
}

function scaled(score: number): number {
  if (!Number.isFinite(score)) throw new RangeError(`Score must be finite: ${score}`);
  return Math.round(score * SCORE_RESOLUTION);
}

function bestScaledScore(scores: ScoreMatrix): number {
  let best = 0;
  for (const row of scores.values()) for (const score of row.values()) best = Math.max(best, scaled(score));
  return best;
}

// A mentor already over capacity (data entered by hand) simply has none left.
function usableCapacity(mentor: MentorCapacity): number {
  return Math.max(0, Math.floor(mentor.remainingCapacity));
}

function indexMentors(mentors: readonly MentorCapacity[]): Map<string, number> {
  const index = new Map(mentors.map((mentor, j) => [mentor.mentorId, j]));
  if (index.size !== mentors.length) throw new RangeError('Mentor ids must be distinct');
  return index;
}

function assertDistinct(caseIds: readonly string[]): void {
  if (new Set(caseIds).size !== caseIds.length) throw new RangeError('Case ids must be distinct');
}
