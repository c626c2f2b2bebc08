import { Client } from 'pg';
import { createTestDatabase, TestDatabase, uniqueName, waitUntil } from '@mentoring/testing';
import { caseEnvelope, CaseEventProducer, deliveriesOf, DispatchedReader, inboxOf, Notification, person, startNotification, TestMailServer } from './support';

const EMAILS = 5;
const FAILURES_BEFORE_RECOVERY = 3;

describe('SMTP outage', () => {
  let mail: TestMailServer;
  let database: TestDatabase;
  let replicas: Notification[];
  let producer: CaseEventProducer;
  let dispatched: DispatchedReader;

  beforeAll(async () => {
    mail = await TestMailServer.start();
    database = await createTestDatabase('notification_smtp');
    const namespace = uniqueName('notification_smtp');
    const start = () => startNotification('notification_smtp', { smtpPort: mail.port, database, namespace });
    // Two replicas on one database: they compete for every due email.
    replicas = [await start(), await start()];
    producer = await CaseEventProducer.start(namespace);
    dispatched = await DispatchedReader.start(namespace);
  });

  afterAll(async () => {
    await dispatched?.stop();
    await producer?.stop();
    for (const replica of replicas ?? []) await replica.close();
    await mail?.stop();
    await database?.drop();
  });

  it('logs each failed attempt, backs off exponentially, and once the server is back delivers every email exactly once', async () => {
    await mail.stop();
    const students = Array.from({ length: EMAILS }, () => person('student'));

    await producer.send(...students.map((student) => caseEnvelope({ kind: 'accepted', status: 'active', student, mentor: person('mentor') })));

    await waitUntil(`every email failed ${FAILURES_BEFORE_RECOVERY} times`, async () => {
      const failures = await failedAttemptsPerEmail(database.url);
      return failures.length === EMAILS && failures.every((count) => count >= FAILURES_BEFORE_RECOVERY);
    });
    const [item] = (await inboxOf(replicas[0], students[0], 'student')).items;
    const email = (await deliveriesOf(replicas[0], item.messageId)).deliveries.find((delivery) => delivery.channel === 'email');
    const failed = email?.log.filter((entry) => entry.status === 'failed') ?? [];
    expect(failed.slice(0, FAILURES_BEFORE_RECOVERY).map(retryDelayOf)).toEqual([100, 200, 400]);
    expect(failed[0].detail).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
    expect(dispatched.of(students[0].id, { channel: 'email', status: 'deferred' }).length).toBeGreaterThanOrEqual(FAILURES_BEFORE_RECOVERY);

    await mail.resume();

    for (const student of students) await mail.waitFor(student.email as string);
    for (const student of students) await dispatched.waitFor(student.id, { channel: 'email', status: 'sent' });
    for (const student of students) expect(mail.to(student.email as string)).toHaveLength(1);
    const messageIds = mail.received.map((received) => received.parsed.messageId);
    expect(new Set(messageIds).size).toBe(EMAILS);
    const delivered = (await deliveriesOf(replicas[0], item.messageId)).deliveries.find((delivery) => delivery.channel === 'email');
    expect(delivered).toMatchObject({ status: 'sent', smtpMessageId: mail.to(students[0].email as string)[0].parsed.messageId });
    expect(delivered?.log.at(-1)).toMatchObject({ status: 'sent', detail: expect.stringMatching(/^250/) });
  });

  it('sends again, with the same Message-ID, an email whose sender died holding its claim', async () => {
    const student = person('student');
    await mail.stop();
    await producer.send(caseEnvelope({ kind: 'accepted', status: 'active', student, mentor: person('mentor') }));
    await dispatched.waitFor(student.id, { channel: 'email', status: 'deferred' });
    const [item] = (await inboxOf(replicas[0], student, 'student')).items;

    await simulateSenderDiedMidAttempt(database.url, item.messageId);
    await mail.resume();

    const [{ parsed }] = await mail.waitFor(student.email as string);
    await dispatched.waitFor(student.id, { channel: 'email', status: 'sent' });
    const email = (await deliveriesOf(replicas[0], item.messageId)).deliveries.find((delivery) => delivery.channel === 'email');
    expect(email?.log.map((entry) => entry.status)).toContain('interrupted');
    expect(email).toMatchObject({ status: 'sent', smtpMessageId: parsed.messageId });
    expect(mail.to(student.email as string)).toHaveLength(1);
  });
});

// What a replica that claimed the email and was killed leaves behind: a claim whose lease has run out.
async function simulateSenderDiedMidAttempt(databaseUrl: string, messageId: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `UPDATE deliveries SET status = 'sending', claim_token = gen_random_uuid(), claimed_until = now() - interval '1 second', attempts = attempts + 1
        WHERE message_id = $1 AND channel = 'email'`,
      [messageId],
    );
  } finally {
    await client.end();
  }
}

function retryDelayOf(entry: { detail: string | null; occurredAt: string }): number {
  const nextAttempt = /next attempt at (\S+)$/.exec(entry.detail ?? '')?.[1];
  return Date.parse(nextAttempt ?? '') - Date.parse(entry.occurredAt);
}

async function failedAttemptsPerEmail(databaseUrl: string): Promise<number[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ failures: number }>(
      `SELECT count(l.id)::int AS failures FROM deliveries d LEFT JOIN delivery_log l ON l.delivery_id = d.id AND l.status = 'failed'
        WHERE d.channel = 'email' GROUP BY d.id`,
    );
    return rows.map((row) => row.failures);
  } finally {
    await client.end();
  }
}
