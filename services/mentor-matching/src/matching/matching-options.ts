import { MentorMatchingConfig } from '../config/mentor-matching.config';
import type { CasePolicy } from '../cases';
import { DEFAULT_SCORING_POLICY, PlanOptions } from './domain';

/** The horizon: the most overlapping free time "in the next 14 days". */
const HORIZON_DAYS = 14;

/** The options of one matching run at `now`; speed of acceptance is scored against the configured SLA. */
export function planOptionsAt(config: MentorMatchingConfig, casePolicy: CasePolicy, now: Date): PlanOptions {
  return {
    now,
    meetingMinutes: config.MEETING_MINUTES,
    minLeadHours: config.SLOT_MIN_LEAD_HOURS,
    horizonDays: HORIZON_DAYS,
    policy: { ...DEFAULT_SCORING_POLICY, acceptReferenceHours: casePolicy.slaHours },
    slotCount: config.PROPOSED_SLOT_COUNT,
  };
}
