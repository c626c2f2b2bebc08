import type { ReplayReply } from '@mentoring/contracts';

/** The one-line notice after Replay: handled, or failed again and still pending (with the error). */
export function describeReplay(service: string, answer: Pick<ReplayReply, 'status' | 'outcome' | 'error'>): string {
  if (answer.status === 'replayed') return `Dead letter replayed (${service}): the consumer handled it (outcome: ${answer.outcome})`;
  return `Replay failed (${service}): ${answer.error}. The dead letter stays pending.`;
}
