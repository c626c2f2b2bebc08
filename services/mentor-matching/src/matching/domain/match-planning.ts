import { assignJointly, WaitlistedCase } from './assignment';
import {
  CandidateEvaluation,
  evaluateCandidates,
  MatchingOptions,
  MatchRequest,
  MentorProfile,
  PreparedMentor,
  prepareMentors,
  proposeSlotsFor,
  StudentProfile,
  toScoreMatrix,
} from './candidate-evaluation';
import { ProposedSlot } from './slot-proposal';
import { fromIsoInterval, IsoInterval, subtractIntervals, UtcInterval } from '../../shared/time';

export interface PlannedMatch {
  readonly caseId: string;
  readonly mentorId: string;
  readonly score: number;
  readonly proposedSlots: readonly ProposedSlot[];
}

export interface MatchPlan {
  /** In the order of the requests. */
  readonly matches: readonly PlannedMatch[];
  readonly waitlisted: readonly WaitlistedCase[];
  /** Every mentor's verdict for every case, for explanations. */
  readonly evaluations: ReadonlyMap<string, readonly CandidateEvaluation[]>;
}

export interface PlanOptions extends MatchingOptions {
  readonly slotCount: number;
}

/**
 * One matching run, a single case being a run of one: every case scored against every mentor,
 * the optimal joint assignment within capacity, then slots for each match. A mentor's slots
 * already offered to an earlier case of the run are taken out of their free time first, so two
 * students are never offered the same half-hour.
 */
export function planMatches(requests: readonly MatchRequest[], mentors: readonly MentorProfile[], options: PlanOptions): MatchPlan {
  const prepared = prepareMentors(mentors, options);
  const evaluations = new Map(requests.map((request) => [request.caseId, evaluateCandidates(request, prepared, options)]));
  const result = assignJointly(
    requests.map((request) => request.caseId),
    prepared.map(({ profile }) => ({ mentorId: profile.mentorId, remainingCapacity: profile.maxOpenCases - profile.openCases })),
    toScoreMatrix(evaluations),
  );
  const students = new Map(requests.map((request) => [request.caseId, request.student]));
  const slotsFor = slotAllocator(prepared, options);
  const matches = result.assignments.map((assignment) => ({
    ...assignment,
    proposedSlots: slotsFor(required(students.get(assignment.caseId), assignment.caseId), assignment.mentorId),
  }));
  return { matches, waitlisted: result.waitlisted, evaluations };
}

/** Slots with a mentor for one case, outside the slots this allocator already handed out. */
export function slotAllocator(mentors: readonly PreparedMentor[], options: PlanOptions) {
  const freeTime = new Map(mentors.map((mentor) => [mentor.profile.mentorId, mentor.freeTime]));
  const offered = new Map<string, UtcInterval[]>();
  return (student: StudentProfile, mentorId: string): ProposedSlot[] => {
    const alreadyOffered = offered.get(mentorId) ?? [];
    const free = subtractIntervals(freeTime.get(mentorId) ?? [], alreadyOffered);
    const { slots } = proposeSlotsFor(student, free, { ...options, count: options.slotCount });
    offered.set(mentorId, [...alreadyOffered, ...slots.map(fromIsoInterval)]);
    return slots;
  };
}

/**
 * Time a mentor has promised to a case: its confirmed meeting, or while none is confirmed, the
 * slots the student may still pick. It counts as booked when matching further cases.
 */
export function reservedSlots(mentoringCase: {
  readonly proposedSlots: readonly IsoInterval[];
  readonly confirmedSlot: IsoInterval | null;
}): readonly IsoInterval[] {
  return mentoringCase.confirmedSlot ? [mentoringCase.confirmedSlot] : mentoringCase.proposedSlots;
}

function required<T>(value: T | undefined, caseId: string): T {
  if (value === undefined) throw new Error(`No student for case ${caseId}`);
  return value;
}
