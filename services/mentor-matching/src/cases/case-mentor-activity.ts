import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MentorCaseActivity, PastOffer, ResponsivenessSummary, summariseResponsiveness } from '../mentors';
import { DAY_MS } from '../shared/time';
import { CaseQueue } from './case-queue';
import { offerAnswers } from './infrastructure/cases.store';

/** How far back a mentor's answers to offers count towards their responsiveness. */
const RESPONSIVENESS_LOOKBACK_DAYS = 180;

/** What mentors learn from cases: their answers to offers, and the waitlist moving when their capacity may have grown. */
@Injectable()
export class CaseMentorActivity extends MentorCaseActivity {
  constructor(private readonly queue: CaseQueue) {
    super();
  }

  /** Each mentor's responsiveness, from their answers to recent offers (withdrawn and pending ones say nothing). */
  async responsiveness(manager: EntityManager, now: Date, mentorIds?: readonly string[]): Promise<Map<string, ResponsivenessSummary>> {
    const rows = await offerAnswers(manager, new Date(now.getTime() - RESPONSIVENESS_LOOKBACK_DAYS * DAY_MS), mentorIds ? [...mentorIds] : null);
    const byMentor = new Map<string, PastOffer[]>();
    for (const row of rows) {
      const past: PastOffer = { offeredAt: row.offered_at, respondedAt: row.responded_at, response: row.response };
      const offers = byMentor.get(row.mentor_id);
      if (offers) offers.push(past);
      else byMentor.set(row.mentor_id, [past]);
    }
    return new Map([...byMentor].map(([mentorId, past]) => [mentorId, summariseResponsiveness(past)]));
  }

  capacityMayHaveFreed(manager: EntityManager): Promise<void> {
    return this.queue.retryWaitlist(manager);
  }
}
