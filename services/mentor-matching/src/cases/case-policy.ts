import { MentorMatchingConfig } from '../config/mentor-matching.config';
import { CasePolicy, DEFAULT_CASE_POLICY } from './domain';

/** The rules of a case's life as this deployment configures them. */
export const CASE_POLICY = Symbol('CASE_POLICY');

export function casePolicyFrom(config: MentorMatchingConfig): CasePolicy {
  return {
    ...DEFAULT_CASE_POLICY,
    slaHours: config.SLA_HOURS,
    missedSessionsBeforeEscalation: config.MISSED_SESSIONS_BEFORE_ESCALATION,
    cadenceDays: {
      'ice-breaking': config.CADENCE_DAYS_ICE_BREAKING,
      'structured-engagement': config.CADENCE_DAYS_STRUCTURED_ENGAGEMENT,
      'self-directed': config.CADENCE_DAYS_SELF_DIRECTED,
    },
    meetingReminderLeadMinutes: config.MEETING_REMINDER_LEAD_HOURS.map((hours) => Math.round(hours * 60)).sort((a, b) => b - a),
    nudges: {
      notBookedDays: config.NUDGE_NOT_BOOKED_DAYS,
      noFirstMeetingDays: config.NUDGE_NO_FIRST_MEETING_DAYS,
      cadenceGraceDays: config.NUDGE_CADENCE_GRACE_DAYS,
    },
    unreachableAfterAttempts: config.UNREACHABLE_AFTER_ATTEMPTS,
  };
}
