import { CasePolicy, DEFAULT_CASE_POLICY } from '../cases/domain';
import { DEFAULT_SCORING_POLICY, MatchingOptions } from '../matching/domain';
import { MentorMatchingConfig } from './mentor-matching.config';

/** The rules of matching and of a case's life, as this deployment configures them. */
export interface MatchingSettings {
  readonly casePolicy: CasePolicy;
  readonly meetingMinutes: number;
  readonly slotCount: number;
  readonly minLeadHours: number;
  readonly horizonDays: number;
}

export const MATCHING_SETTINGS = Symbol('MATCHING_SETTINGS');

/** The horizon: the most overlapping free time "in the next 14 days". */
const HORIZON_DAYS = 14;

export function matchingSettingsFrom(config: MentorMatchingConfig): MatchingSettings {
  return {
    casePolicy: {
      ...DEFAULT_CASE_POLICY,
      slaHours: config.SLA_HOURS,
      missedSessionsBeforeEscalation: config.MISSED_SESSIONS_BEFORE_ESCALATION,
      cadenceDays: {
        'ice-breaking': config.CADENCE_DAYS_ICE_BREAKING,
        'structured-engagement': config.CADENCE_DAYS_STRUCTURED_ENGAGEMENT,
        'self-directed': config.CADENCE_DAYS_SELF_DIRECTED,
      },
    },
    meetingMinutes: config.MEETING_MINUTES,
    slotCount: config.PROPOSED_SLOT_COUNT,
    minLeadHours: config.SLOT_MIN_LEAD_HOURS,
    horizonDays: HORIZON_DAYS,
  };
}

/** The options of one matching run at `now`; speed of acceptance is scored against the configured SLA. */
export function matchingOptionsAt(settings: MatchingSettings, now: Date): MatchingOptions {
  return {
    now,
    meetingMinutes: settings.meetingMinutes,
    minLeadHours: settings.minLeadHours,
    horizonDays: settings.horizonDays,
    policy: { ...DEFAULT_SCORING_POLICY, acceptReferenceHours: settings.casePolicy.slaHours },
  };
}
