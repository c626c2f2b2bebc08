/** What nodemailer tells about a failed send. */
export interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  message: string;
}

// Credentials and TLS set-up are the operator's to fix; giving up on every email meanwhile would
// lose them, so those failures wait for the fix like an outage does.
const CONFIGURATION_CODES = new Set(['EAUTH', 'ENOAUTH', 'ETLS']);

/**
 * `permanent` when the server refused this very message (a 5xx reply: unknown mailbox, rejected
 * content); everything else (no connection, timeouts, 4xx "try later") may succeed on a retry.
 */
export function classifySmtpFailure(failure: SmtpFailure): 'transient' | 'permanent' {
  if (failure.code && CONFIGURATION_CODES.has(failure.code)) return 'transient';
  const replyCode = failure.responseCode ?? 0;
  return replyCode >= 500 && replyCode < 600 ? 'permanent' : 'transient';
}

/** The server's own words when it answered, else the client's error: what the delivery log keeps. */
export function describeSmtpFailure(failure: SmtpFailure): string {
  const reply = failure.response ?? failure.message;
  return failure.code ? `${failure.code}: ${reply}` : reply;
}

/** Exponential backoff: base, 2x base, 4x base ... capped at `maxMs`; `attempt` counts from 1. */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), maxMs);
}
