import { Injectable } from '@nestjs/common';
import { CASE_OUTCOMES, CASE_STATUSES } from '@mentoring/contracts';
import { DataSource, EntityManager, FindOptionsWhere, MoreThanOrEqual } from 'typeorm';
import { MatchingService } from '../matching/matching.service';
import { CaseTimingQuery } from './case-actions.dto';
import { flagToFirstContactHours, flagToFirstMeetingHours, summariseDurations } from './domain';
import { CaseEntity } from './infrastructure/case.entity';

/** What coordinators watch: who is waiting for a mentor and why, and how fast students are reached. */
@Injectable()
export class CoordinatorService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly matching: MatchingService,
  ) {}

  /** Waitlisted cases, oldest first, with every mentor of the programme and what keeps each from taking the case. */
  async waitlist() {
    const manager = this.dataSource.manager;
    const cases = await manager.find(CaseEntity, { where: { status: 'waitlisted' }, order: { openedAt: 'ASC' } });
    if (cases.length === 0) return [];
    const { evaluations, pool } = await this.matching.evaluate(manager, cases);
    const waitlistedAt = await lastWaitlisted(manager, cases);
    const names = new Map(pool.entities.map((mentor) => [mentor.id, mentor.displayName]));
    return cases.map((record) => {
      const candidates = (evaluations.get(record.id) ?? []).filter((candidate) => !candidate.eligibility.reasons.includes('program-not-covered'));
      return {
        caseId: record.id,
        studentId: record.studentId,
        program: record.program,
        yearOfStudy: record.yearOfStudy,
        riskLevel: record.riskLevel,
        openedAt: record.openedAt,
        waitlistedAt: waitlistedAt.get(record.id) ?? null,
        mentors: candidates.map((candidate) => ({
          mentorId: candidate.mentorId,
          displayName: names.get(candidate.mentorId) ?? candidate.mentorId,
          eligible: candidate.eligibility.eligible,
          reasons: candidate.eligibility.reasons,
          bookableFreeMinutesNext14Days: candidate.facts.bookableFreeMinutesNext14Days,
        })),
      };
    });
  }

  /** Time from flag to first contact and to first meeting (median, 90th percentile), and how cases ended. */
  async caseTiming(query: CaseTimingQuery) {
    const where: FindOptionsWhere<CaseEntity> = {
      ...(query.program ? { program: query.program } : {}),
      ...(query.since ? { flaggedAt: MoreThanOrEqual(new Date(query.since)) } : {}),
    };
    const cases = await this.dataSource.manager.find(CaseEntity, {
      where,
      select: { id: true, status: true, outcome: true, flaggedAt: true, firstContactAt: true, firstMeetingAt: true },
    });
    return {
      cases: cases.length,
      flagToFirstContact: summariseDurations(cases.map(flagToFirstContactHours)),
      flagToFirstMeeting: summariseDurations(cases.map(flagToFirstMeetingHours)),
      byStatus: countBy(CASE_STATUSES, cases.map((record) => record.status)),
      outcomes: countBy(CASE_OUTCOMES, cases.flatMap((record) => (record.outcome ? [record.outcome] : []))),
    };
  }
}

async function lastWaitlisted(manager: EntityManager, cases: readonly CaseEntity[]): Promise<Map<string, Date>> {
  const rows: Array<{ case_id: string; at: Date }> = await manager.query(
    `SELECT case_id, max(occurred_at) AS at FROM case_history WHERE kind = 'waitlisted' AND case_id = ANY($1) GROUP BY case_id`,
    [cases.map((record) => record.id)],
  );
  return new Map(rows.map((row) => [row.case_id, row.at]));
}

function countBy<K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const value of values) counts[value] += 1;
  return counts;
}
