import { Inject, Injectable } from '@nestjs/common';
import { TOPICS } from '@mentoring/contracts';
import { MessagingRuntime } from '@mentoring/messaging';
import { Clock, CLOCK } from '@mentoring/platform';
import { EntityManager } from 'typeorm';
import { MentorCapacity, MentorDirectory } from '../mentors';
import { StudentContinuity, StudentDirectory } from '../students';
import { CaseTimers } from '../timers';
import { caseEventEnvelope, EventCause, Participants } from './case-events';
import { CASE_POLICY } from './case-policy';
import { CaseQueue } from './case-queue';
import type { CaseRecord } from './case-record';
import { CaseChange, CaseEffects, caseEffects, CasePolicy, CaseTransition, followThroughTimers } from './domain';
import { answerPendingOffer, appendHistory, insertOffer, insertOpenedCase, updateCase } from './infrastructure/cases.store';
import { participantsOf } from './participants';

/** Where a change comes from: what caused it (for correlation) and who did it (for the history). */
export interface ChangeOrigin {
  readonly cause: EventCause;
  /** `<role>:<id>` of a person, or `system:<worker>`. */
  readonly actor: string;
  /** Preloaded by batch callers; otherwise read for the change. */
  readonly participants?: Participants;
}

/**
 * Applies a case transition in the caller's transaction: the case row, then its effects through
 * their owners (mentors' capacity, offers, timers, the student's current mentor), then the
 * history and the case events (outbox).
 */
@Injectable()
export class CaseUnitOfWork {
  constructor(
    private readonly runtime: MessagingRuntime,
    private readonly queue: CaseQueue,
    private readonly capacity: MentorCapacity,
    private readonly mentors: MentorDirectory,
    private readonly students: StudentDirectory,
    private readonly continuity: StudentContinuity,
    private readonly timers: CaseTimers,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CASE_POLICY) private readonly policy: CasePolicy,
  ) {}

  /**
   * Stores a just-opened case and queues it for matching, unless the student already has a case
   * that is not closed (the partial unique index decides, whatever the race). True when stored.
   */
  async insertOpened(manager: EntityManager, opened: CaseTransition<CaseRecord>, origin: ChangeOrigin): Promise<boolean> {
    if (!(await insertOpenedCase(manager, opened.state))) return false;
    for (const timer of followThroughTimers(null, opened.state, this.policy, this.clock.now())) {
      await this.timers.schedule(manager, opened.state.id, timer.kind, timer.dueAt);
    }
    await this.publish(manager, opened.state, opened.changes, origin);
    return true;
  }

  /** Stores a transition of `before`; a mentor giving a case back puts the waitlist into the next matching run. */
  async apply(manager: EntityManager, before: CaseRecord, transition: CaseTransition<CaseRecord>, origin: ChangeOrigin): Promise<CaseRecord> {
    const after = transition.state;
    const effects = caseEffects(before, transition, this.policy, this.clock.now());
    await this.moveCapacity(manager, effects.capacity);
    await updateCase(manager, after);
    if (effects.capacity.release) await this.queue.retryWaitlist(manager);
    await this.recordOffers(manager, after.id, effects.offers);
    for (const timer of effects.timers) await this.timers.schedule(manager, after.id, timer.kind, timer.dueAt);
    if (effects.acceptedMentorId) await this.continuity.rememberAcceptedMentor(manager, after.studentId, effects.acceptedMentorId);
    await this.publish(manager, after, effects.events, origin);
    return after;
  }

  /** A history entry that is not an event (a re-assessment, an agreed cadence). */
  async recordQuietly(manager: EntityManager, caseId: string, entry: { kind: string; occurredAt: Date; details: object }, origin: ChangeOrigin): Promise<void> {
    await appendHistory(manager, [
      { caseId, kind: entry.kind, occurredAt: entry.occurredAt, eventId: null, correlationId: origin.cause.correlationId, actor: origin.actor, details: { ...entry.details } },
    ]);
  }

  // Release before take: a mentor handing a case to themselves never needs a free place.
  private async moveCapacity(manager: EntityManager, capacity: CaseEffects['capacity']): Promise<void> {
    if (capacity.release) await this.capacity.release(manager, capacity.release);
    if (capacity.take) await this.capacity.take(manager, capacity.take);
  }

  private async recordOffers(manager: EntityManager, caseId: string, offers: CaseEffects['offers']): Promise<void> {
    for (const offer of offers) {
      if (offer.kind === 'answer') await answerPendingOffer(manager, caseId, offer.response, offer.at);
      else await insertOffer(manager, caseId, offer.mentorId, offer.at);
    }
  }

  private async publish(manager: EntityManager, state: CaseRecord, changes: readonly CaseChange[], origin: ChangeOrigin): Promise<void> {
    if (changes.length === 0) return;
    const participants = await this.participantsFor(manager, state, changes, origin);
    const envelopes = changes.map((change) => caseEventEnvelope(state, change, participants, origin.cause));
    await this.runtime.outbox.append(manager, TOPICS.mentoringCaseEvents, envelopes);
    await appendHistory(
      manager,
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

  private async participantsFor(manager: EntityManager, state: CaseRecord, changes: readonly CaseChange[], origin: ChangeOrigin): Promise<Participants> {
    if (origin.participants) return origin.participants;
    const mentorIds = [...changes.flatMap((change) => mentorIdsIn(change)), ...(state.mentorId ? [state.mentorId] : [])];
    const students = await this.students.findMany(manager, [state.studentId]);
    const mentors = await this.mentors.findMany(manager, mentorIds);
    return participantsOf(students, mentors);
  }
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
