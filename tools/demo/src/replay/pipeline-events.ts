import type { Channel, DeliveryStatus, RecipientRole } from '@mentoring/contracts';

/** A grade grade-ingest recorded (grades.recorded.v1), reduced to what tracing needs. */
export interface RecordedGradeSeen {
  correlationId: string;
  studentId: string;
  /** The envelope's `time`: when grade-ingest accepted the grade. */
  timeMs: number;
}

/** One delivery outcome (notifications.dispatched.v1). */
export interface DeliverySeen {
  correlationId: string;
  studentId: string;
  messageId: string;
  channel: Channel;
  status: DeliveryStatus;
  recipientRole: RecipientRole;
  timeMs: number;
}

export interface LatencySummary {
  /** Messages traced back to a grade of this run. */
  count: number;
  p50Ms: number | null;
  p99Ms: number | null;
}

export type DeliveredCounts = Record<Channel, Record<RecipientRole, number>>;

/**
 * Grade accepted -> email sent, for every email traced back to a grade. Correlation ids follow a
 * grade through every hop; one id can cover a whole REST batch, so the student is part of the key,
 * and a student graded several times in one batch counts from the latest grade before the email.
 */
export function gradeToEmailLatency(grades: readonly RecordedGradeSeen[], deliveries: readonly DeliverySeen[]): LatencySummary {
  const gradeTimes = new Map<string, number[]>();
  for (const grade of grades) {
    const key = traceKey(grade);
    gradeTimes.set(key, [...(gradeTimes.get(key) ?? []), grade.timeMs]);
  }
  const latencies = deliveries
    .filter((delivery) => delivery.channel === 'email' && delivery.status === 'sent')
    .flatMap((delivery) => {
      const before = (gradeTimes.get(traceKey(delivery)) ?? []).filter((time) => time <= delivery.timeMs);
      return before.length === 0 ? [] : [delivery.timeMs - Math.max(...before)];
    })
    .sort((a, b) => a - b);
  return { count: latencies.length, p50Ms: nearestRank(latencies, 0.5), p99Ms: nearestRank(latencies, 0.99) };
}

/** Messages delivered, by channel and recipient: emails handed to SMTP, inbox copies stored. */
export function deliveredCounts(deliveries: readonly DeliverySeen[]): DeliveredCounts {
  const counts: DeliveredCounts = {
    email: { student: 0, mentor: 0, coordinator: 0 },
    inbox: { student: 0, mentor: 0, coordinator: 0 },
  };
  for (const delivery of deliveries) if (delivery.status === 'sent') counts[delivery.channel][delivery.recipientRole] += 1;
  return counts;
}

/** Emails whose latest outcome is `queued`: due, but not handed to SMTP yet. */
export function emailsInFlight(deliveries: readonly DeliverySeen[]): number {
  const latest = new Map<string, DeliveryStatus>();
  for (const delivery of deliveries) if (delivery.channel === 'email') latest.set(delivery.messageId, delivery.status);
  return [...latest.values()].filter((status) => status === 'queued').length;
}

function traceKey(event: { correlationId: string; studentId: string }): string {
  return `${event.correlationId}|${event.studentId}`;
}

function nearestRank(sorted: readonly number[], quantile: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(quantile * sorted.length) - 1)];
}
