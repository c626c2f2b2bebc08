import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  CASE_POLICY,
  CaseMatching,
  CasePolicy,
  type CaseRecord,
  CaseUnitOfWork,
  ChangeOrigin,
  matchCase,
  type MeetingPlace,
  MentorTimeForCase,
  type Participants,
  participantsOf,
  reassignAfterExpiry,
  waitlistCase,
} from '../cases';
import { MessagingRuntime } from '@mentoring/messaging';
import { Clock, CLOCK } from '@mentoring/platform';
import { MentorMatchingConfig } from '../config/mentor-matching.config';
import { MentorCapacity } from '../mentors';
import { HOUR_MS, type IsoInterval } from '../shared/time';
import type { Student } from '../students';
import {
  CandidateEvaluation,
  evaluateCandidates,
  freshMentorTime,
  IneligibilityReason,
  MatchPlan,
  MatchRequest,
  planMatches,
  PlanOptions,
  prepareMentors,
  ProposedSlot,
  slotAllocator,
} from './domain';
import { lockMatching, tryLockMatching } from './infrastructure/matching.store';
import { MatchingData, MentorPool, studentProfileFor } from './matching-data';
import { planOptionsAt } from './matching-options';

export interface Offer {
  readonly mentorId: string;
  readonly proposedSlots: readonly ProposedSlot[];
}

interface MatchingRun {
  readonly plan: MatchPlan;
  readonly participants: Participants;
}

/** Everything that assigns mentors: queued runs, re-matching after a decline or an SLA expiry, reassignments. */
@Injectable()
export class MatchingService implements CaseMatching {
  constructor(
    private readonly store: CaseUnitOfWork,
    private readonly data: MatchingData,
    private readonly capacity: MentorCapacity,
    private readonly config: MentorMatchingConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CASE_POLICY) private readonly casePolicy: CasePolicy,
    private readonly runtime: MessagingRuntime,
  ) {}

  /**
   * Every transaction that assigns mentors holds this lock first, so plans are made on capacity
   * that nobody else is assigning; all mentors are then locked in id order, so a close or a
   * capacity change cannot alter them mid-plan and no two transactions wait on each other's mentors.
   */
  async lockForMatching(manager: EntityManager): Promise<void> {
    await lockMatching(manager);
    await this.capacity.lockAll(manager);
  }

  /** As lockForMatching, but gives up at once when another replica is matching. */
  async tryLockForMatching(manager: EntityManager): Promise<boolean> {
    const locked = await tryLockMatching(manager);
    if (locked) await this.capacity.lockAll(manager);
    return locked;
  }

  /**
   * A queued run: the cases are assigned jointly. An open case nobody can take is waitlisted (and
   * the coordinator told); a waitlisted one simply waits on, so retries never repeat the escalation.
   */
  async matchQueued(manager: EntityManager, records: readonly CaseRecord[]): Promise<void> {
    const now = this.clock.now();
    const { plan, participants } = await this.planRun(manager, records, now);
    const byId = new Map(records.map((record) => [record.id, record]));
    // Each outcome continues the trace of the risk event that opened its case, so a grade's trace
    // reaches the mentor's offer however long the case waited for its burst.
    for (const match of plan.matches) {
      const record = known(byId.get(match.caseId));
      const transition = matchCase(record, offerOf(match), now, this.casePolicy);
      await this.runtime.onBehalfOf(record.triggerEventId, 'match case', () => this.store.apply(manager, record, transition, matcherOrigin(record, participants)), manager);
    }
    for (const { caseId } of plan.waitlisted) {
      const record = known(byId.get(caseId));
      if (record.status !== 'open') continue;
      await this.runtime.onBehalfOf(record.triggerEventId, 'waitlist case', () => this.store.apply(manager, record, waitlistCase(record, now), matcherOrigin(record, participants)), manager);
    }
  }

  /**
   * Matches at once a case a mentor has just left. After an SLA expiry the new offer is published
   * as a reassignment, so the mentor who let it lapse hears the case has moved on.
   */
  async rematch(manager: EntityManager, record: CaseRecord, origin: ChangeOrigin, afterExpiry: boolean): Promise<CaseRecord> {
    const now = this.clock.now();
    const { plan, participants } = await this.planRun(manager, [record], now);
    const withParticipants = { ...origin, participants };
    const [match] = plan.matches;
    if (!match) return this.store.apply(manager, record, waitlistCase(record, now), withParticipants);
    const policy = this.casePolicy;
    const transition = afterExpiry ? reassignAfterExpiry(record, offerOf(match), now, policy) : matchCase(record, offerOf(match), now, policy);
    return this.store.apply(manager, record, transition, withParticipants);
  }

  /** The best mentor for a case other than those the student excluded or who left it; null when none can take it. */
  async bestOffer(manager: EntityManager, record: CaseRecord): Promise<Offer | null> {
    const { plan } = await this.planRun(manager, [record], this.clock.now());
    const [match] = plan.matches;
    return match ? offerOf(match) : null;
  }

  /** A coordinator's choice of mentor: what keeps them from this case (missing free time aside), and slots with them. */
  async offerFrom(manager: EntityManager, record: CaseRecord, mentorId: string): Promise<{ blockingReasons: IneligibilityReason[] | null; offer: Offer }> {
    const options = this.planOptions(this.clock.now());
    const pool = await this.data.mentorPool(manager, options.now);
    const {
      requests: [request],
    } = await this.requestsFor(manager, [record]);
    const prepared = prepareMentors(pool.profiles.filter((profile) => profile.mentorId === mentorId), options);
    const [evaluation] = evaluateCandidates(request, prepared, options);
    const blockingReasons = evaluation ? evaluation.eligibility.reasons.filter((reason) => reason !== 'no-free-time') : null;
    return { blockingReasons, offer: { mentorId, proposedSlots: slotAllocator(prepared, options)(request.student, mentorId) } };
  }

  /** The case's mentor's time now, for offering slots and re-checking a pick. */
  async mentorTimeFor(manager: EntityManager, record: CaseRecord & { readonly mentorId: string }): Promise<MentorTimeForCase> {
    const options = this.planOptions(this.clock.now());
    const time = await this.data.mentorTimeFor(manager, record.mentorId, record.id);
    if (!time) throw new Error(`Case ${record.id} names mentor ${record.mentorId}, who does not exist`);
    const [student] = await this.data.students(manager, [record.studentId]);
    const { free, slots } = freshMentorTime(time.availability, studentProfileFor(known(student), record), record.confirmedSlot, options);
    return {
      now: options.now,
      free,
      booked: time.availability.bookedMeetings,
      meetingMinutes: options.meetingMinutes ?? this.config.MEETING_MINUTES,
      slots: slots.map(({ start, end }) => ({ start, end })),
      slotCount: options.slotCount,
      place: { mode: time.mentor.meetingMode, location: time.mentor.meetingPlace },
    };
  }

  async slotsFrom(manager: EntityManager, record: CaseRecord & { readonly mentorId: string }, notBefore: Date): Promise<{ slots: IsoInterval[]; place: MeetingPlace }> {
    // Planned as if from a later moment, so the usual notice ends at `notBefore` and the horizon runs on from there.
    const now = this.clock.now();
    const from = new Date(Math.max(now.getTime(), notBefore.getTime() - this.config.SLOT_MIN_LEAD_HOURS * HOUR_MS));
    const time = await this.data.mentorTimeFor(manager, record.mentorId, record.id);
    if (!time) throw new Error(`Case ${record.id} names mentor ${record.mentorId}, who does not exist`);
    const [student] = await this.data.students(manager, [record.studentId]);
    const { slots } = freshMentorTime(time.availability, studentProfileFor(known(student), record), record.confirmedSlot, this.planOptions(from));
    return { slots: slots.map(({ start, end }) => ({ start, end })), place: { mode: time.mentor.meetingMode, location: time.mentor.meetingPlace } };
  }

  /** Every mentor's verdict for each case: why a waitlisted case is waiting. */
  async evaluate(manager: EntityManager, records: readonly CaseRecord[]): Promise<{ evaluations: Map<string, CandidateEvaluation[]>; pool: MentorPool }> {
    const options = this.planOptions(this.clock.now());
    const pool = await this.data.mentorPool(manager, options.now);
    const prepared = prepareMentors(pool.profiles, options);
    const { requests } = await this.requestsFor(manager, records);
    const evaluations = new Map(requests.map((request) => [request.caseId, evaluateCandidates(request, prepared, options)]));
    return { evaluations, pool };
  }

  private async planRun(manager: EntityManager, records: readonly CaseRecord[], now: Date): Promise<MatchingRun> {
    const options = this.planOptions(now);
    const pool = await this.data.mentorPool(manager, now);
    const { requests, students } = await this.requestsFor(manager, records);
    return { plan: planMatches(requests, pool.profiles, options), participants: participantsOf(students, pool.entities) };
  }

  private async requestsFor(manager: EntityManager, records: readonly CaseRecord[]): Promise<{ requests: MatchRequest[]; students: Student[] }> {
    const students = await this.data.students(manager, records.map((record) => record.studentId));
    const byId = new Map(students.map((student) => [student.id, student]));
    const requests = records.map((record) => ({
      caseId: record.id,
      student: studentProfileFor(known(byId.get(record.studentId)), record),
      mentorsWhoLeftThisCase: record.mentorsWhoLeft,
    }));
    return { requests, students };
  }

  private planOptions(now: Date): PlanOptions {
    return planOptionsAt(this.config, this.casePolicy, now);
  }
}

function offerOf(match: Offer): Offer {
  return { mentorId: match.mentorId, proposedSlots: match.proposedSlots };
}

// Matching publishes on behalf of the risk event that opened the case, so its correlation id flows on.
function matcherOrigin(record: CaseRecord, participants: Participants): ChangeOrigin {
  return { cause: { eventId: record.triggerEventId, correlationId: record.correlationId }, actor: 'system:matcher', participants };
}

function known<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('A matching run lost track of one of its cases');
  return value;
}
