import { ConflictException, Injectable } from '@nestjs/common';
import { TOPICS } from '@mentoring/contracts';
import { MessagingRuntime } from '@mentoring/messaging';
import { randomUUID } from 'node:crypto';
import { EntityManager, Not } from 'typeorm';
import { CaseQueue } from '../matching/case-queue';
import { CaseTimerKind } from '../timers/infrastructure/case-timer.entity';
import { caseEventEnvelope, EventCause, Participants } from './case-events';
import type { CaseRecord } from './case-record';
import type { CaseChange, CaseTransition, MentoringCase } from './domain';
import { CaseEntity } from './infrastructure/case.entity';
import { CaseHistoryEntity } from './infrastructure/case-history.entity';
import { StoredOfferResponse } from './infrastructure/case-offer.entity';
import { loadParticipants } from './participants';

/** Where a change comes from: what caused it (for correlation) and who did it (for the history). */
export interface ChangeOrigin {
  readonly cause: EventCause;
  /** `<role>:<id>` of a person, or `system:<worker>`. */
  readonly actor: string;
  /** Preloaded by batch callers; otherwise read for the change. */
  readonly participants?: Participants;
}

/** The mentor has no capacity left: the database refused the case (another replica or request was first). */
export class MentorAtCapacityError extends ConflictException {
  constructor(readonly mentorId: string) {
    super({ code: 'MENTOR_AT_CAPACITY', message: `Mentor ${mentorId} has no capacity left` });
  }
}

/**
 * Persists cases and everything a change brings along, in the caller's transaction: the mentors'
 * open-case counters, offers, durable SLA timers, the student's current mentor, the history and
 * the case events (outbox).
 */
@Injectable()
export class CaseStore {
  constructor(
    private readonly runtime: MessagingRuntime,
    private readonly queue: CaseQueue,
  ) {}

  find(manager: EntityManager, caseId: string): Promise<CaseEntity | null> {
    return manager.findOne(CaseEntity, { where: { id: caseId } });
  }

  lock(manager: EntityManager, caseId: string): Promise<CaseEntity | null> {
    return manager.findOne(CaseEntity, { where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
  }

  lockOpenCaseOf(manager: EntityManager, studentId: string): Promise<CaseEntity | null> {
    return manager.findOne(CaseEntity, { where: { studentId, status: Not('closed') }, lock: { mode: 'pessimistic_write' } });
  }

  async hasAnyCase(manager: EntityManager, studentId: string): Promise<boolean> {
    return (await manager.count(CaseEntity, { where: { studentId } })) > 0;
  }

  /**
   * Stores a just-opened case and queues it for matching, unless the student already has a case
   * that is not closed (the partial unique index decides, whatever the race). True when stored.
   */
  async insertOpened(manager: EntityManager, opened: CaseTransition<CaseRecord>, origin: ChangeOrigin): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(CaseEntity)
      .values({ ...columnsOf(opened.state), id: opened.state.id, matchRequestedAt: () => 'clock_timestamp()' })
      .orIgnore()
      .returning('id')
      .execute();
    if ((result.raw as unknown[]).length === 0) return false;
    await this.publish(manager, opened.state, opened.changes, origin);
    return true;
  }

  /** Stores a transition of `before`; a mentor giving a case back puts the waitlist into the next matching run. */
  async apply(manager: EntityManager, before: CaseRecord, transition: CaseTransition<CaseRecord>, origin: ChangeOrigin): Promise<CaseRecord> {
    const after = transition.state;
    const freedCapacity = await this.moveCapacity(manager, before, after);
    await manager.update(CaseEntity, { id: after.id }, columnsOf(after));
    if (freedCapacity) await this.queue.retryWaitlist(manager);
    await this.recordOffers(manager, after.id, transition.changes);
    await this.scheduleSlaTimers(manager, before, after);
    await this.rememberAcceptedMentor(manager, after.studentId, transition.changes);
    await this.publish(manager, after, transition.changes, origin);
    return after;
  }

  /** A history entry that is not an event (a re-assessment, an agreed cadence). */
  async recordQuietly(manager: EntityManager, caseId: string, entry: { kind: string; occurredAt: Date; details: object }, origin: ChangeOrigin): Promise<void> {
    await manager.insert(CaseHistoryEntity, {
      caseId,
      kind: entry.kind,
      occurredAt: entry.occurredAt,
      eventId: null,
      correlationId: origin.cause.correlationId,
      actor: origin.actor,
      details: { ...entry.details },
    });
  }

  /**
   * The mentor holding the case before and after; when it changes, one gives a case back and the
   * other takes one, the take being conditional so capacity holds whatever else runs.
   */
  private async moveCapacity(manager: EntityManager, before: MentoringCase, after: MentoringCase): Promise<boolean> {
    const previousHolder = holderOf(before);
    const nextHolder = holderOf(after);
    if (previousHolder === nextHolder) return false;
    if (previousHolder) {
      await manager.query(`UPDATE mentors SET open_cases = open_cases - 1 WHERE id = $1 AND open_cases > 0`, [previousHolder]);
    }
    if (nextHolder) {
      const [, affected]: [unknown, number] = await manager.query(
        `UPDATE mentors SET open_cases = open_cases + 1 WHERE id = $1 AND open_cases < max_open_cases AND active`,
        [nextHolder],
      );
      if (affected === 0) throw new MentorAtCapacityError(nextHolder);
    }
    return previousHolder !== null;
  }

  private async recordOffers(manager: EntityManager, caseId: string, changes: readonly CaseChange[]): Promise<void> {
    for (const change of changes) {
      const response = pendingOfferResponse(change);
      if (response) {
        await manager.query(`UPDATE case_offers SET response = $2, responded_at = $3 WHERE case_id = $1 AND response IS NULL`, [
          caseId,
          response,
          change.occurredAt,
        ]);
      }
      const offeredTo = offeredMentor(change);
      if (offeredTo) {
        await manager.query(`INSERT INTO case_offers (id, case_id, mentor_id, offered_at) VALUES ($1, $2, $3, $4)`, [
          randomUUID(),
          caseId,
          offeredTo,
          change.occurredAt,
        ]);
      }
    }
  }

  private async scheduleSlaTimers(manager: EntityManager, before: MentoringCase, after: MentoringCase): Promise<void> {
    const timers: Array<[CaseTimerKind, Date | null, Date | null]> = [
      ['sla-reminder', before.slaReminderAt, after.slaReminderAt],
      ['sla-expiry', before.slaDeadline, after.slaDeadline],
    ];
    for (const [kind, previous, dueAt] of timers) {
      if (!dueAt || dueAt.getTime() === previous?.getTime()) continue;
      await manager.query(
        `INSERT INTO case_timers (id, case_id, kind, due_at) VALUES ($1, $2, $3, $4) ON CONFLICT (case_id, kind, due_at) DO NOTHING`,
        [randomUUID(), after.id, kind, dueAt],
      );
    }
  }

  // The mentor who said yes is the one continuity prefers next time.
  private async rememberAcceptedMentor(manager: EntityManager, studentId: string, changes: readonly CaseChange[]): Promise<void> {
    const accepted = changes.find((change) => change.kind === 'accepted');
    if (accepted?.kind !== 'accepted') return;
    await manager.query(`UPDATE students SET current_mentor_id = $2, updated_at = now() WHERE id = $1`, [studentId, accepted.mentorId]);
  }

  private async publish(manager: EntityManager, state: CaseRecord, changes: readonly CaseChange[], origin: ChangeOrigin): Promise<void> {
    if (changes.length === 0) return;
    const participants = await this.participantsFor(manager, state, changes, origin);
    const envelopes = changes.map((change) => caseEventEnvelope(state, change, participants, origin.cause));
    await this.runtime.outbox.append(manager, TOPICS.mentoringCaseEvents, envelopes);
    await manager.insert(
      CaseHistoryEntity,
      changes.map((change, index) => ({
        caseId: state.id,
        kind: change.kind,
        occurredAt: change.occurredAt,
        eventId: envelopes[index].id,
        correlationId: envelopes[index].correlationId,
        actor: origin.actor,
        details: detailsOf(change),
      })),
    );
  }

  private participantsFor(manager: EntityManager, state: CaseRecord, changes: readonly CaseChange[], origin: ChangeOrigin): Promise<Participants> | Participants {
    if (origin.participants) return origin.participants;
    const mentorIds = changes.flatMap((change) => mentorIdsIn(change));
    return loadParticipants(manager, [state.studentId], [...mentorIds, ...(state.mentorId ? [state.mentorId] : [])]);
  }
}

/** The mentor whose capacity a case uses: offered (matched) or taken on (active). */
function holderOf(state: Pick<MentoringCase, 'status' | 'mentorId'>): string | null {
  return state.status === 'matched' || state.status === 'active' ? state.mentorId : null;
}

function pendingOfferResponse(change: CaseChange): StoredOfferResponse | null {
  switch (change.kind) {
    case 'accepted':
      return 'accepted';
    case 'declined':
      return 'declined';
    case 'escalated':
      return change.escalationReason === 'sla-expired' ? 'expired' : null;
    case 'reassigned':
    case 'closed':
      return 'withdrawn';
    default:
      return null;
  }
}

function offeredMentor(change: CaseChange): string | null {
  if (change.kind === 'matched') return change.mentorId;
  return change.kind === 'reassigned' ? change.mentorId : null;
}

function mentorIdsIn(change: CaseChange): string[] {
  const ids: Array<string | null> = [];
  if ('mentorId' in change) ids.push(change.mentorId);
  if (change.kind === 'reassigned') ids.push(change.previousMentorId);
  return ids.filter((id): id is string => id !== null);
}

function detailsOf(change: CaseChange): object {
  const { kind: _kind, occurredAt: _occurredAt, ...details } = change;
  return details;
}

/** The stored columns of a record; the queue column goes when the case no longer waits for a mentor. */
function columnsOf(record: CaseRecord) {
  return {
    studentId: record.studentId,
    status: record.status,
    phase: record.phase,
    mentorId: record.mentorId,
    previousMentorId: record.previousMentorId,
    mentorsWhoLeft: [...record.mentorsWhoLeft],
    flaggedAt: record.flaggedAt,
    openedAt: record.openedAt,
    matchedAt: record.matchedAt,
    slaReminderAt: record.slaReminderAt,
    slaDeadline: record.slaDeadline,
    reminderSentAt: record.reminderSentAt,
    acceptedAt: record.acceptedAt,
    firstContactAt: record.firstContactAt,
    firstMeetingAt: record.firstMeetingAt,
    lastMeetingAt: record.lastMeetingAt,
    proposedSlots: [...record.proposedSlots],
    confirmedSlot: record.confirmedSlot,
    consecutiveMissed: record.consecutiveMissed,
    cadenceDaysOverride: record.cadenceDaysOverride,
    outcome: record.outcome,
    closedAt: record.closedAt,
    program: record.program,
    yearOfStudy: record.yearOfStudy,
    riskLevel: record.riskLevel,
    riskReasons: [...record.riskReasons],
    weakCourses: [...record.weakCourses],
    triggerEventId: record.triggerEventId,
    correlationId: record.correlationId,
    ...(record.status === 'open' || record.status === 'waitlisted' ? {} : { matchRequestedAt: null }),
  };
}
