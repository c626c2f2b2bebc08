import { decideEmail, EmailDecisionInput } from '../../outreach/domain';

/** Why email was held back for a digest: the frequency cap, or a coordinator's choice of one email a day. */
export const DIGEST_KINDS = ['frequency-cap', 'daily-escalations'] as const;
export type DigestKind = (typeof DIGEST_KINDS)[number];

/** Where an email stands once planned; `detail` goes to the delivery log and the dispatched event. */
export type EmailPlan =
  | { status: 'queued'; dueAt: Date; detail: null }
  | { status: 'deferred'; dueAt: Date; detail: string }
  | { status: 'held'; dueAt: Date; digestKind: DigestKind; detail: string }
  | { status: 'skipped'; detail: string }
  | { status: 'awaiting-address'; detail: string };

export interface EmailPlanInput extends EmailDecisionInput {
  /** Set when this email is an escalation for a coordinator who reads escalations once a day: the next digest time. */
  dailyDigestAt: Date | null;
  /** When the email stops being worth sending (a reminder, at the meeting's start); null: never. */
  expiresAt?: Date | null;
  /**
   * A student's email waits for an address instead of being skipped: the directory may bring one
   * (and the coordinators are told meanwhile), and the inbox copy is there already.
   */
  waitForAddress?: boolean;
}

/** What the log and the dispatched event say of an email waiting for an address. */
export const AWAITING_ADDRESS = 'awaiting-address: no email address yet; sent when the student directory brings one';

/** Why an email that could only go once it no longer helps is dropped. */
export const EXPIRED = 'expired';

/**
 * The email of a message: send now, wait for the end of quiet hours, gather into a digest, or
 * skip; an email that could only go at or after its expiry (a reminder held past the meeting's
 * start) is skipped, never sent late.
 */
export function planEmail(input: EmailPlanInput): EmailPlan {
  const plan = planUnexpiring(input);
  if (plan.status === 'skipped' || plan.status === 'awaiting-address' || !input.expiresAt || plan.dueAt < input.expiresAt) return plan;
  return { status: 'skipped', detail: `${EXPIRED}: could only go at ${plan.dueAt.toISOString()}, not before ${input.expiresAt.toISOString()}` };
}

function planUnexpiring(input: EmailPlanInput): EmailPlan {
  const decision = decideEmail(input);
  if (decision.action === 'skip' && decision.reason === 'no-address' && input.waitForAddress) return { status: 'awaiting-address', detail: AWAITING_ADDRESS };
  if (decision.action === 'skip') return { status: 'skipped', detail: decision.reason };
  if (input.dailyDigestAt) {
    return { status: 'held', dueAt: input.dailyDigestAt, digestKind: 'daily-escalations', detail: `daily digest at ${input.dailyDigestAt.toISOString()}` };
  }
  switch (decision.action) {
    case 'send':
      return { status: 'queued', dueAt: input.now, detail: null };
    case 'defer':
      return { status: 'deferred', dueAt: decision.until, detail: `quiet hours until ${decision.until.toISOString()}` };
    case 'digest':
      return { status: 'held', dueAt: decision.at, digestKind: 'frequency-cap', detail: `frequency cap reached; in a digest at ${decision.at.toISOString()}` };
  }
}
