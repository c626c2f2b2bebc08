/** What a replay did, as the service answered it. */
export type ReplayAnswer = { status: 'replayed'; outcome: string } | { status: 'failed'; error: string };

/** The one-line notice after Replay: handled, or failed again and still pending (with the error). */
export function describeReplay(service: string, answer: ReplayAnswer): string {
  if (answer.status === 'replayed') return `Dead letter replayed (${service}): the consumer handled it (outcome: ${answer.outcome})`;
  return `Replay failed (${service}): ${answer.error}. The dead letter stays pending.`;
}
