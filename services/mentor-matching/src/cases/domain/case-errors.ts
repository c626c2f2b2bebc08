/** Why a transition was refused. Stable: clients and the console match on them. */
export const CASE_ERROR_CODES = [
  'CASE_CLOSED',
  'INVALID_STATUS',
  'NOT_ASSIGNED_MENTOR',
  'MENTOR_ALREADY_LEFT',
  'SAME_MENTOR',
  'REASON_REQUIRED',
  'REMINDER_NOT_DUE',
  'REMINDER_ALREADY_SENT',
  'SLA_NOT_EXPIRED',
  'INVALID_SLOT',
  'SESSION_IN_FUTURE',
  'PHASE_UNCHANGED',
  'PHASE_SKIPPED',
  'INVALID_CADENCE',
  'OUTCOME_REQUIRES_MEETING',
  'SLOT_TAKEN',
  'MEETING_UNCHANGED',
  'NO_MEETING',
  'MEETING_STARTED',
  'REMINDER_NOT_PLANNED',
  'REMINDER_SUPERSEDED',
  'NOT_STALLED',
  'NUDGE_NOT_DUE',
  'NUDGE_ALREADY_SENT',
  'REFERRAL_REQUIRED',
  'OUTCOME_REQUIRES_CONTACT_ATTEMPTS',
] as const;
export type CaseErrorCode = (typeof CASE_ERROR_CODES)[number];

/**
 * `conflict`: the case is not in a state that allows this (HTTP 409); `forbidden`: the caller is
 * not the case's mentor (403); `invalid`: the request itself is wrong (400).
 */
export type CaseErrorCategory = 'conflict' | 'forbidden' | 'invalid';

const CATEGORY: Record<CaseErrorCode, CaseErrorCategory> = {
  CASE_CLOSED: 'conflict',
  INVALID_STATUS: 'conflict',
  NOT_ASSIGNED_MENTOR: 'forbidden',
  MENTOR_ALREADY_LEFT: 'conflict',
  SAME_MENTOR: 'conflict',
  REASON_REQUIRED: 'invalid',
  REMINDER_NOT_DUE: 'conflict',
  REMINDER_ALREADY_SENT: 'conflict',
  SLA_NOT_EXPIRED: 'conflict',
  INVALID_SLOT: 'invalid',
  SESSION_IN_FUTURE: 'invalid',
  PHASE_UNCHANGED: 'conflict',
  PHASE_SKIPPED: 'invalid',
  INVALID_CADENCE: 'invalid',
  OUTCOME_REQUIRES_MEETING: 'conflict',
  SLOT_TAKEN: 'conflict',
  MEETING_UNCHANGED: 'conflict',
  NO_MEETING: 'conflict',
  MEETING_STARTED: 'conflict',
  REMINDER_NOT_PLANNED: 'conflict',
  REMINDER_SUPERSEDED: 'conflict',
  NOT_STALLED: 'conflict',
  NUDGE_NOT_DUE: 'conflict',
  NUDGE_ALREADY_SENT: 'conflict',
  REFERRAL_REQUIRED: 'invalid',
  OUTCOME_REQUIRES_CONTACT_ATTEMPTS: 'conflict',
};

export class CaseTransitionError extends Error {
  readonly category: CaseErrorCategory;

  constructor(
    readonly code: CaseErrorCode,
    readonly caseId: string,
    message: string,
  ) {
    super(message);
    this.name = 'CaseTransitionError';
    this.category = CATEGORY[code];
  }
}
