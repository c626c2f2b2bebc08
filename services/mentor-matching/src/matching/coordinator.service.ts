import { Injectable } from '@nestjs/common';
import { Principal } from '@mentoring/auth';
import { CASE_OUTCOMES, CASE_STATUSES } from '@mentoring/contracts';
import { DataSource } from 'typeorm';
import { CaseFacts, CaseTimingQuery, flagToFirstContactHours, flagToFirstMeetingHours, summariseDurations } from '../cases';
import { programmeReach, programmesAsked } from '../shared/programme-reach';
import { MatchingService } from './matching.service';

/**
 * What coordinators watch: who is waiting for a mentor and why, and how fast students are reached;
 * each coordinator for their own programmes, ops for all.
 */
@Injectable()
export class CoordinatorService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly matching: MatchingService,
    private readonly cases: CaseFacts,
  ) {}

  /** Waitlisted cases, oldest first, with every mentor of the programme and what keeps each from taking the case. */
  async waitlist(principal: Principal) {
    const manager = this.dataSource.manager;
    const cases = await this.cases.waitlisted(manager, programmeReach(principal).filter);
    if (cases.length === 0) return [];
    const { evaluations, pool } = await this.matching.evaluate(manager, cases);
    const waitlistedAt = await this.cases.lastWaitlisted(manager, cases.map((record) => record.id));
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
  async caseTiming(principal: Principal, query: CaseTimingQuery) {
    const cases = await this.cases.timings(this.dataSource.manager, { programmes: programmesAsked(principal, query.program), since: query.since ? new Date(query.since) : undefined });
    return {
      cases: cases.length,
      flagToFirstContact: summariseDurations(cases.map(flagToFirstContactHours)),
      flagToFirstMeeting: summariseDurations(cases.map(flagToFirstMeetingHours)),
      byStatus: countBy(CASE_STATUSES, cases.map((record) => record.status)),
      outcomes: countBy(CASE_OUTCOMES, cases.flatMap((record) => (record.outcome ? [record.outcome] : []))),
    };
  }
}

function countBy<K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const value of values) counts[value] += 1;
  return counts;
}
