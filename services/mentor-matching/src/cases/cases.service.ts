import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@mentoring/auth';
import type { CaseCloser, SessionOutcome } from '@mentoring/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, CLOCK } from '@mentoring/platform';
import { MentorDirectory } from '../mentors';
import { programmeReach } from '../shared/programme-reach';
import { StudentContinuity, StudentDirectory } from '../students';
import {
  AdjustCadenceDto,
  ChangePhaseDto,
  CloseCaseDto,
  CancelMeetingDto,
  ContactAttemptDto,
  DeclineCaseDto,
  LogSessionDto,
  MeetingSlotDto,
  ProposeSlotsDto,
  ReassignCaseDto,
  RequestAnotherMentorDto,
} from './case-actions.dto';
import { assertCoordinatorOf, assertMentorOrCoordinator, assertStudentOf, canReadCase, isAssignedMentor, isStudentOf, requestOrigin } from './case-access';
import { CaseMatching } from './case-matching.port';
import { CaseMeetings, SlotTakenException } from './case-meetings';
import { CASE_POLICY } from './case-policy';
import type { CaseRecord } from './case-record';
import { CaseUnitOfWork, ChangeOrigin } from './case-unit-of-work';
import { caseloadEntry, fullCaseView, studentCaseView } from './case-views';
import {
  acceptCase,
  adjustCadence,
  CaseTransitionError,
  changePhase,
  cancelMeeting,
  closeCase,
  declineCase,
  logSession,
  CasePolicy,
  matchCase,
  nextMeetingSlotsFrom,
  proposeNewSlots,
  reassignCase,
  recordContactAttempt,
} from './domain';
import { CaseEntity } from './infrastructure/case.entity';
import { caseloadOf, findCase, historyOf, insertSession, lockCase, sessionsOf } from './infrastructure/cases.store';

type CaseWork = (manager: EntityManager, record: CaseEntity, now: Date) => Promise<CaseRecord>;

const DEFAULT_CHANGE_REASON = 'The student asked for another mentor';

/** The case's life through the API: one transaction per action, its events in the same one. */
@Injectable()
export class CasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CaseUnitOfWork,
    private readonly matching: CaseMatching,
    private readonly meetings: CaseMeetings,
    private readonly mentors: MentorDirectory,
    private readonly students: StudentDirectory,
    private readonly continuity: StudentContinuity,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CASE_POLICY) private readonly policy: CasePolicy,
  ) {}

  async view(principal: Principal, caseId: string) {
    const record = await findCase(this.dataSource.manager, caseId);
    if (!record) throw new NotFoundException(`No case ${caseId}`);
    assertCoordinatorOf(principal, record);
    if (!canReadCase(principal, record) && !isStudentOf(principal, record)) {
      throw new ForbiddenException('Only the case’s mentor, its student, the coordinators of its programme and ops may read it');
    }
    return this.viewFor(this.dataSource.manager, principal, record);
  }

  /** The student's introduction offers times free now, not those picked when the case was matched. */
  accept(principal: Principal, caseId: string) {
    return this.change(principal, caseId, async (manager, record, now) => {
      const fresh = record.mentorId === principal.subject ? await this.meetings.offeredNow(manager, record) : record.proposedSlots;
      return this.store.apply(manager, record, acceptCase(record, principal.subject, now, fresh), requestOrigin(principal));
    });
  }

  /** The case is offered to the next mentor at once (or waitlisted); the one declining is not asked again. */
  decline(principal: Principal, caseId: string, dto: DeclineCaseDto) {
    return this.change(principal, caseId, async (manager, record, now) => {
      const declined = declineCase(record, { mentorId: principal.subject, reason: dto.reason }, now);
      await this.matching.lockForMatching(manager);
      const origin = requestOrigin(principal);
      return this.matching.rematch(manager, await this.store.apply(manager, record, declined, origin), origin, false);
    });
  }

  /**
   * Other times with the same mentor: the mentor's own, or (when the student asks) worked out from
   * the mentor's availability, away from the slots already on offer.
   */
  proposeSlots(principal: Principal, caseId: string, dto: ProposeSlotsDto) {
    return this.change(principal, caseId, async (manager, record, now) => {
      const student = isStudentOf(principal, record);
      if (!student) assertMentorOrCoordinator(principal, record);
      if (student && dto.slots) throw new ForbiddenException('A student asks for other times; the mentor names them');
      const times = dto.slots ?? (await this.otherSlots(manager, record));
      const { place } = await this.matching.mentorTimeFor(manager, { ...record, mentorId: currentMentorOf(record) });
      const slots = times.map(({ start, end }) => ({ start, end, ...place, keepOnOffer: true }));
      const origin = requestOrigin(principal);
      return this.store.apply(manager, record, proposeNewSlots(record, slots, now), origin);
    });
  }

  /**
   * The student (or the mentor, or a coordinator on their behalf) picks a time offered, or moves
   * the booked meeting to it. A time no longer free is a 409 offering the next free ones, which
   * are kept on the case (so that answer is committed before it is sent).
   */
  async confirmSlot(principal: Principal, caseId: string, dto: MeetingSlotDto) {
    const result = await this.dataSource.transaction(async (manager) => {
      const record = await lockCase(manager, caseId);
      if (!record) throw new NotFoundException(`No case ${caseId}`);
      if (!isStudentOf(principal, record)) assertMentorOrCoordinator(principal, record);
      const booking = await this.meetings.book(manager, record, { start: dto.start, end: dto.end }, requestOrigin(principal));
      return 'gone' in booking ? booking : { view: await this.viewFor(manager, principal, booking.booked) };
    });
    if ('gone' in result) throw new SlotTakenException(caseId, result.nextSlots);
    return result.view;
  }

  /** The student, the mentor or a coordinator of the programme calls the booked meeting off. */
  cancelMeeting(principal: Principal, caseId: string, dto: CancelMeetingDto) {
    return this.change(principal, caseId, (manager, record, now) => {
      if (!isStudentOf(principal, record)) assertMentorOrCoordinator(principal, record);
      return this.store.apply(manager, record, cancelMeeting(record, { reason: dto.reason }, now), requestOrigin(principal));
    });
  }

  /** Attendance is published (risk-scoring reads missed sessions); the notes are stored for the mentor and coordinators only. */
  recordSession(principal: Principal, caseId: string, dto: LogSessionDto) {
    return this.change(principal, caseId, async (manager, record, now) => {
      assertMentorOrCoordinator(principal, record);
      const occurredAt = new Date(dto.occurredAt);
      const logged = logSession(record, { outcome: dto.outcome, occurredAt }, now, this.policy);
      const origin = requestOrigin(principal);
      const updated = await this.store.apply(manager, record, logged, origin);
      await insertSession(manager, {
        id: randomUUID(),
        caseId: record.id,
        mentorId: record.mentorId,
        outcome: dto.outcome,
        occurredAt,
        notes: dto.notes?.trim() || null,
        loggedBy: origin.actor,
        loggedAt: now,
      });
      return this.proposeNextMeeting(manager, updated, dto.outcome, now, origin);
    });
  }

  /** After an attended session with nothing booked next, the student is offered times around when the cadence says to meet again. */
  private async proposeNextMeeting(manager: EntityManager, record: CaseRecord, outcome: SessionOutcome, now: Date, origin: ChangeOrigin): Promise<CaseRecord> {
    const from = nextMeetingSlotsFrom(record, { outcome }, this.policy);
    if (!from || record.mentorId === null) return record;
    const { slots, place } = await this.matching.slotsFrom(manager, { ...record, mentorId: record.mentorId }, from);
    if (slots.length === 0) return record;
    // Chosen for this case: kept on offer rather than swapped for the earliest free times.
    const offered = slots.map(({ start, end }) => ({ start, end, ...place, keepOnOffer: true }));
    return this.store.apply(manager, record, proposeNewSlots(record, offered, now), origin);
  }

  async sessions(principal: Principal, caseId: string) {
    const record = await findCase(this.dataSource.manager, caseId);
    if (!record) throw new NotFoundException(`No case ${caseId}`);
    assertMentorOrCoordinator(principal, record);
    const sessions = await sessionsOf(this.dataSource.manager, caseId);
    return sessions.map(({ outcome, occurredAt, notes, loggedBy, loggedAt }) => ({ outcome, occurredAt, notes, loggedBy, loggedAt }));
  }

  changePhase(principal: Principal, caseId: string, dto: ChangePhaseDto) {
    return this.change(principal, caseId, (manager, record, now) => {
      assertMentorOrCoordinator(principal, record);
      return this.store.apply(manager, record, changePhase(record, dto.phase, now), requestOrigin(principal));
    });
  }

  adjustCadence(principal: Principal, caseId: string, dto: AdjustCadenceDto) {
    return this.change(principal, caseId, async (manager, record, now) => {
      assertMentorOrCoordinator(principal, record);
      const origin = requestOrigin(principal);
      const updated = await this.store.apply(manager, record, adjustCadence(record, dto.days), origin);
      await this.store.recordQuietly(manager, record.id, { kind: 'cadence-adjusted', occurredAt: now, details: { days: dto.days } }, origin);
      return updated;
    });
  }

  /** The mentor or a coordinator records the outcome; a student may close their own case only by opting out. */
  close(principal: Principal, caseId: string, dto: CloseCaseDto) {
    return this.change(principal, caseId, (manager, record, now) => {
      if (!(isStudentOf(principal, record) && dto.outcome === 'declined-by-student')) assertMentorOrCoordinator(principal, record);
      const closure = { outcome: dto.outcome, reason: dto.reason, referredTo: dto.referredTo, closedBy: closerOf(principal) };
      return this.store.apply(manager, record, closeCase(record, closure, now, this.policy), requestOrigin(principal));
    });
  }

  /** The assigned mentor tried to reach the student; it counts towards closing as unreachable. */
  recordContactAttempt(principal: Principal, caseId: string, dto: ContactAttemptDto) {
    return this.change(principal, caseId, async (manager, record, now) => {
      if (!isAssignedMentor(principal, record)) throw new ForbiddenException('Only the case’s mentor records attempts to reach the student');
      const origin = requestOrigin(principal);
      const recorded = recordContactAttempt(record, principal.subject);
      const updated = await this.store.apply(manager, record, recorded, origin);
      const details = { note: dto.note?.trim() || null, attempts: updated.contactAttempts };
      await this.store.recordQuietly(manager, record.id, { kind: 'contact-attempt', occurredAt: now, details }, origin);
      return updated;
    });
  }

  /** The student never sees this mentor again; the case goes to the best other mentor, or the waitlist. */
  requestAnotherMentor(principal: Principal, caseId: string, dto: RequestAnotherMentorDto) {
    return this.change(principal, caseId, async (manager, record, now) => {
      assertStudentOf(principal, record);
      const mentorId = currentMentorOf(record);
      await this.matching.lockForMatching(manager);
      await this.continuity.exclude(manager, record.studentId, mentorId);
      const offer = await this.matching.bestOffer(manager, record);
      const reassigned = reassignCase(
        record,
        { mentorId: offer?.mentorId ?? null, proposedSlots: offer?.proposedSlots ?? [], reason: dto.reason?.trim() || DEFAULT_CHANGE_REASON, requestedBy: 'student' },
        now,
        this.policy,
      );
      return this.store.apply(manager, record, reassigned, requestOrigin(principal));
    });
  }

  /** A coordinator gives the case to a mentor of their choice, within the hard constraints (capacity above all). */
  reassign(principal: Principal, caseId: string, dto: ReassignCaseDto) {
    return this.change(principal, caseId, async (manager, record, now) => {
      assertCoordinatorOf(principal, record);
      await this.matching.lockForMatching(manager);
      const { offer, blockingReasons } = await this.matching.offerFrom(manager, record, dto.mentorId);
      if (!blockingReasons) throw new NotFoundException(`No mentor ${dto.mentorId}`);
      const policy = this.policy;
      const transition =
        record.mentorId === null
          ? matchCase(record, offer, now, policy)
          : reassignCase(record, { ...offer, reason: dto.reason, requestedBy: 'coordinator' }, now, policy);
      assertEligible(dto.mentorId, blockingReasons);
      return this.store.apply(manager, record, transition, requestOrigin(principal));
    });
  }

  /** The mentor's cases; a coordinator sees those of their own programmes only. */
  async caseload(principal: Principal, mentorId: string, includeClosed: boolean) {
    const manager = this.dataSource.manager;
    const cases = await caseloadOf(manager, mentorId, { includeClosed, programmes: programmeReach(principal).filter });
    const students = await this.students.findMany(manager, cases.map((record) => record.studentId));
    const byId = new Map(students.map((student) => [student.id, student]));
    return cases.map((record) => caseloadEntry(record, byId.get(record.studentId), this.policy));
  }

  private async otherSlots(manager: EntityManager, record: CaseRecord) {
    const mentorId = currentMentorOf(record);
    await this.matching.lockForMatching(manager);
    const { offer } = await this.matching.offerFrom(manager, record, mentorId);
    return offer.proposedSlots.map(({ start, end }) => ({ start, end }));
  }

  private async change(principal: Principal, caseId: string, work: CaseWork) {
    return this.dataSource.transaction(async (manager) => {
      const record = await lockCase(manager, caseId);
      if (!record) throw new NotFoundException(`No case ${caseId}`);
      return this.viewFor(manager, principal, await work(manager, record, this.clock.now()));
    });
  }

  /** The view the caller may have; a mentor who has just handed the case on gets its status only. */
  private async viewFor(manager: EntityManager, principal: Principal, record: CaseRecord) {
    const policy = this.policy;
    const mentor = record.mentorId ? await this.mentors.find(manager, record.mentorId) : null;
    if (isStudentOf(principal, record)) return studentCaseView(record, mentor, policy, await this.meetings.offeredNow(manager, record));
    if (!canReadCase(principal, record)) return { caseId: record.id, status: record.status };
    const student = await this.students.find(manager, record.studentId);
    const history = await historyOf(manager, record.id);
    return fullCaseView(record, { student, mentor, readByItsMentor: isAssignedMentor(principal, record) }, history, policy);
  }
}

/** Hard constraints hold for coordinators too; only missing free time is theirs to overrule. */
function assertEligible(mentorId: string, blocking: readonly string[]): void {
  if (blocking.length > 0) {
    throw new ConflictException({ code: 'MENTOR_NOT_ELIGIBLE', message: `Mentor ${mentorId} cannot take this case`, reasons: blocking });
  }
}

/** Who closes a case, for the coordinator's notice and the outcome figures. */
function closerOf(principal: Principal): CaseCloser {
  if (principal.role === 'mentor' || principal.role === 'coordinator' || principal.role === 'student') return principal.role;
  return 'system';
}

function currentMentorOf(record: CaseRecord): string {
  if (record.mentorId !== null && record.status !== 'closed') return record.mentorId;
  throw new CaseTransitionError(record.status === 'closed' ? 'CASE_CLOSED' : 'INVALID_STATUS', record.id, 'The case has no mentor yet');
}
