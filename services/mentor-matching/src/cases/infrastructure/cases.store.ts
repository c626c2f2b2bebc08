import type { ProgrammeFilter } from '@mentoring/auth';
import { randomUUID } from 'node:crypto';
import { EntityManager, FindOptionsWhere, In, MoreThanOrEqual, Not } from 'typeorm';
import type { CaseRecord } from '../case-record';
import type { OfferAnswer } from '../domain';
import { CaseHistoryEntity } from './case-history.entity';
import { CaseSessionEntity } from './case-session.entity';
import { CaseEntity } from './case.entity';

const QUEUED_STATUSES = ['open', 'waitlisted'];

export type HistoryEntry = Omit<CaseHistoryEntity, 'id'>;

export interface OfferAnswerRow {
  mentor_id: string;
  offered_at: Date;
  responded_at: Date | null;
  response: 'accepted' | 'declined' | 'expired';
}

export interface ReservationRow {
  mentor_id: string;
  proposed_slots: CaseRecord['proposedSlots'];
  confirmed_slot: CaseRecord['confirmedSlot'];
}

export function findCase(manager: EntityManager, caseId: string): Promise<CaseEntity | null> {
  return manager.findOne(CaseEntity, { where: { id: caseId } });
}

export function lockCase(manager: EntityManager, caseId: string): Promise<CaseEntity | null> {
  return manager.findOne(CaseEntity, { where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
}

/** Every case that is not closed. */
export function casesNotClosed(manager: EntityManager): Promise<CaseEntity[]> {
  return manager.find(CaseEntity, { where: { status: Not('closed') } });
}

export function lockOpenCaseOf(manager: EntityManager, studentId: string): Promise<CaseEntity | null> {
  return manager.findOne(CaseEntity, { where: { studentId, status: Not('closed') }, lock: { mode: 'pessimistic_write' } });
}

export async function hasAnyCase(manager: EntityManager, studentId: string): Promise<boolean> {
  return (await manager.count(CaseEntity, { where: { studentId } })) > 0;
}

/**
 * Stores a just-opened case, queued for matching, unless the student already has a case that is
 * not closed (the partial unique index decides, whatever the race). True when stored.
 */
export async function insertOpenedCase(manager: EntityManager, record: CaseRecord): Promise<boolean> {
  const result = await manager
    .createQueryBuilder()
    .insert()
    .into(CaseEntity)
    .values({ ...columnsOf(record), id: record.id, matchRequestedAt: () => 'clock_timestamp()' })
    .orIgnore()
    .returning('id')
    .execute();
  return (result.raw as unknown[]).length > 0;
}

export async function updateCase(manager: EntityManager, record: CaseRecord): Promise<void> {
  await manager.update(CaseEntity, { id: record.id }, columnsOf(record));
}

export async function answerPendingOffer(manager: EntityManager, caseId: string, response: OfferAnswer, at: Date): Promise<void> {
  await manager.query(`UPDATE case_offers SET response = $2, responded_at = $3 WHERE case_id = $1 AND response IS NULL`, [caseId, response, at]);
}

export async function insertOffer(manager: EntityManager, caseId: string, mentorId: string, at: Date): Promise<void> {
  await manager.query(`INSERT INTO case_offers (id, case_id, mentor_id, offered_at) VALUES ($1, $2, $3, $4)`, [randomUUID(), caseId, mentorId, at]);
}

/** Answers to offers made since `since` (withdrawn and pending ones say nothing of a mentor), of some mentors or all. */
export function offerAnswers(manager: EntityManager, since: Date, mentorIds: readonly string[] | null): Promise<OfferAnswerRow[]> {
  return manager.query(
    `SELECT mentor_id, offered_at, responded_at, response FROM case_offers
     WHERE response IN ('accepted', 'declined', 'expired') AND offered_at >= $1
       AND ($2::text[] IS NULL OR mentor_id = ANY($2))`,
    [since, mentorIds],
  );
}

export async function appendHistory(manager: EntityManager, entries: readonly HistoryEntry[]): Promise<void> {
  if (entries.length > 0) await manager.insert(CaseHistoryEntity, [...entries]);
}

export function historyOf(manager: EntityManager, caseId: string): Promise<CaseHistoryEntity[]> {
  return manager.find(CaseHistoryEntity, { where: { caseId }, order: { id: 'ASC' } });
}

export async function insertSession(manager: EntityManager, session: CaseSessionEntity): Promise<void> {
  await manager.insert(CaseSessionEntity, session);
}

export function sessionsOf(manager: EntityManager, caseId: string): Promise<CaseSessionEntity[]> {
  return manager.find(CaseSessionEntity, { where: { caseId }, order: { occurredAt: 'ASC' } });
}

/** The booked meetings of a mentor's matched and active cases. */
export async function bookedMeetingsOf(manager: EntityManager, mentorId: string): Promise<Array<{ id: string; confirmedSlot: CaseRecord['confirmedSlot'] }>> {
  const rows: Array<{ id: string; confirmed_slot: CaseRecord['confirmedSlot'] }> = await manager.query(
    `SELECT id, confirmed_slot FROM cases WHERE mentor_id = $1 AND status IN ('matched', 'active') AND confirmed_slot IS NOT NULL`,
    [mentorId],
  );
  return rows.map((row) => ({ id: row.id, confirmedSlot: row.confirmed_slot }));
}

/** The slots promised by matched and active cases, per mentor. */
export function reservations(manager: EntityManager): Promise<ReservationRow[]> {
  return manager.query(`SELECT mentor_id, proposed_slots, confirmed_slot FROM cases WHERE status IN ('matched', 'active') AND mentor_id IS NOT NULL`);
}

export async function countByStatus(manager: EntityManager): Promise<Map<string, number>> {
  const rows: Array<{ status: string; count: number }> = await manager.query(`SELECT status, count(*)::int AS count FROM cases GROUP BY status`);
  return new Map(rows.map((row) => [row.status, row.count]));
}

/**
 * Puts every waitlisted case into the next run. Cases another transaction holds are skipped
 * rather than waited for: they are changing anyway, and waiting here could deadlock with a
 * matching run.
 */
export async function requeueWaitlist(manager: EntityManager): Promise<void> {
  await manager.query(
    `UPDATE cases SET match_requested_at = clock_timestamp()
     WHERE id IN (
       SELECT id FROM cases WHERE status = 'waitlisted' AND match_requested_at IS NULL FOR UPDATE SKIP LOCKED
     )`,
  );
}

/** Milliseconds until the oldest waiting case has waited `windowMs` (by the database's clock): 0 when due, null when none waits. */
export async function msUntilOldestQueuedWaited(manager: EntityManager, windowMs: number): Promise<number | null> {
  const [row]: Array<{ wait_ms: number | null }> = await manager.query(
    `SELECT GREATEST(0, $1 - EXTRACT(EPOCH FROM clock_timestamp() - min(match_requested_at)) * 1000)::float AS wait_ms
     FROM cases
     WHERE match_requested_at IS NOT NULL AND status = ANY($2)`,
    [windowMs, QUEUED_STATUSES],
  );
  return row.wait_ms === null ? null : Math.ceil(row.wait_ms);
}

/** Waiting cases, oldest first, skipping any another transaction holds. */
export function claimQueued(manager: EntityManager, limit: number): Promise<CaseEntity[]> {
  return manager
    .createQueryBuilder(CaseEntity, 'c')
    .where('c.match_requested_at IS NOT NULL')
    .andWhere('c.status IN (:...statuses)', { statuses: QUEUED_STATUSES })
    .orderBy('c.match_requested_at', 'ASC')
    .limit(limit)
    .setLock('pessimistic_write')
    .setOnLocked('skip_locked')
    .getMany();
}

export async function unqueue(manager: EntityManager, caseIds: readonly string[]): Promise<void> {
  await manager.query(`UPDATE cases SET match_requested_at = NULL WHERE id = ANY($1)`, [caseIds]);
}

/** The programme condition of a case query: none when the filter covers everything. */
function withinProgrammes(filter: ProgrammeFilter): FindOptionsWhere<CaseEntity> {
  return filter.all ? {} : { program: In([...filter.programmes]) };
}

/** A mentor's cases in the filter's programmes, oldest first; closed ones only when asked. */
export function caseloadOf(manager: EntityManager, mentorId: string, options: { includeClosed: boolean; programmes: ProgrammeFilter }): Promise<CaseEntity[]> {
  return manager.find(CaseEntity, {
    where: { mentorId, ...(options.includeClosed ? {} : { status: Not('closed') }), ...withinProgrammes(options.programmes) },
    order: { openedAt: 'ASC' },
  });
}

/** Waitlisted cases of the filter's programmes, oldest first. */
export function waitlistedCases(manager: EntityManager, programmes: ProgrammeFilter): Promise<CaseEntity[]> {
  return manager.find(CaseEntity, { where: { status: 'waitlisted', ...withinProgrammes(programmes) }, order: { openedAt: 'ASC' } });
}

/** When each case was last put on the waitlist. */
export async function lastWaitlisted(manager: EntityManager, caseIds: readonly string[]): Promise<Map<string, Date>> {
  const rows: Array<{ case_id: string; at: Date }> = await manager.query(
    `SELECT case_id, max(occurred_at) AS at FROM case_history WHERE kind = 'waitlisted' AND case_id = ANY($1) GROUP BY case_id`,
    [[...caseIds]],
  );
  return new Map(rows.map((row) => [row.case_id, row.at]));
}

/** The timing and outcome columns of the cases of the filter's programmes flagged since a moment, of one mentor when asked. */
export function caseTimings(manager: EntityManager, options: { programmes: ProgrammeFilter; since?: Date; mentorId?: string }) {
  return manager.find(CaseEntity, {
    where: {
      ...withinProgrammes(options.programmes),
      ...(options.since ? { flaggedAt: MoreThanOrEqual(options.since) } : {}),
      ...(options.mentorId ? { mentorId: options.mentorId } : {}),
    },
    select: { id: true, program: true, mentorId: true, status: true, outcome: true, flaggedAt: true, firstContactAt: true, firstMeetingAt: true, closedAt: true, openedFor: true },
  });
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
    meeting: record.meeting,
    meetingsBooked: record.meetingsBooked,
    remindersSent: [...record.remindersSent],
    nudgesSent: [...record.nudgesSent],
    contactAttempts: record.contactAttempts,
    consecutiveMissed: record.consecutiveMissed,
    cadenceDaysOverride: record.cadenceDaysOverride,
    outcome: record.outcome,
    closedAt: record.closedAt,
    program: record.program,
    yearOfStudy: record.yearOfStudy,
    riskLevel: record.riskLevel,
    riskReasons: [...record.riskReasons],
    weakCourses: [...record.weakCourses],
    openedFor: record.openedFor,
    studentNote: record.studentNote,
    triggerEventId: record.triggerEventId,
    correlationId: record.correlationId,
    ...(record.status === 'open' || record.status === 'waitlisted' ? {} : { matchRequestedAt: null }),
  };
}
