import { deliveredCounts, DeliverySeen, emailsInFlight, gradeToEmailLatency, RecordedGradeSeen } from './pipeline-events';

const grade = (correlationId: string, studentId: string, timeMs: number): RecordedGradeSeen => ({ correlationId, studentId, timeMs });
const delivery = (overrides: Partial<DeliverySeen>): DeliverySeen => ({
  correlationId: 'c1',
  studentId: 'S1',
  messageId: 'm1',
  channel: 'email',
  status: 'sent',
  recipientRole: 'mentor',
  timeMs: 0,
  ...overrides,
});

describe('pipeline events', () => {
  it('measures each sent email from the latest grade of the same correlation and student before it', () => {
    const grades = [grade('c1', 'S1', 1_000), grade('c1', 'S1', 3_000), grade('c1', 'S2', 0), grade('c2', 'S3', 1_000)];
    const deliveries = [
      delivery({ timeMs: 9_000 }),
      delivery({ studentId: 'S2', messageId: 'm2', timeMs: 4_000 }),
      delivery({ correlationId: 'c2', studentId: 'S3', messageId: 'm3', timeMs: 2_000, status: 'queued' }),
      delivery({ correlationId: 'unknown', messageId: 'm4', timeMs: 5_000 }),
    ];
    expect(gradeToEmailLatency(grades, deliveries)).toEqual({ count: 2, p50Ms: 4_000, p99Ms: 6_000 });
  });

  it('has no latency when no email can be traced to a grade', () => {
    expect(gradeToEmailLatency([], [delivery({})])).toEqual({ count: 0, p50Ms: null, p99Ms: null });
  });

  it('counts delivered messages by channel and recipient, and emails still waiting for SMTP', () => {
    const deliveries = [
      delivery({ messageId: 'm1', status: 'queued' }),
      delivery({ messageId: 'm1', status: 'sent' }),
      delivery({ messageId: 'm2', status: 'queued', recipientRole: 'student' }),
      delivery({ messageId: 'm2', channel: 'inbox', status: 'sent', recipientRole: 'student' }),
    ];
    expect(deliveredCounts(deliveries)).toEqual({
      email: { student: 0, mentor: 1, coordinator: 0 },
      inbox: { student: 1, mentor: 0, coordinator: 0 },
    });
    expect(emailsInFlight(deliveries)).toBe(1);
  });
});
