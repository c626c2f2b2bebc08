import type { ProgrammeFilter } from '@mentoring/auth';
import { EntityManager, FindOptionsWhere, In, MoreThanOrEqual, Not } from 'typeorm';
import { CaseEntity } from './case.entity';

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

/** The timing and outcome columns of the cases of the filter's programmes flagged since a moment. */
export function caseTimings(manager: EntityManager, options: { programmes: ProgrammeFilter; since?: Date }) {
  return manager.find(CaseEntity, {
    where: { ...withinProgrammes(options.programmes), ...(options.since ? { flaggedAt: MoreThanOrEqual(options.since) } : {}) },
    select: { id: true, status: true, outcome: true, flaggedAt: true, firstContactAt: true, firstMeetingAt: true },
  });
}
