import { Client } from 'pg';
import { createTestDatabase, TestDatabase, uniqueName, waitUntil } from '@mentoring/testing';
import { caseEnvelope, CaseEventProducer, DispatchedReader, Notification, person, startNotification, TestMailServer } from './support';

// Whoever can write mentoring.case-events.v1 can put any address in an event. A student's address
// is where their link credentials go, so a case event may fill a missing one but never replace it.
describe('student addresses named by case events', () => {
  let mail: TestMailServer;
  let database: TestDatabase;
  let namespace: string;
  let service: Notification;
  let producer: CaseEventProducer;
  let dispatched: DispatchedReader;
  let db: Client;

  async function storedEmail(recipientId: string): Promise<string | null | undefined> {
    const { rows } = await db.query<{ email: string | null }>('SELECT email FROM recipients WHERE id = $1', [recipientId]);
    return rows[0]?.email;
  }

  beforeAll(async () => {
    mail = await TestMailServer.start();
    database = await createTestDatabase('notification_forged');
    namespace = uniqueName('notification_forged');
    service = await startNotification('notification_forged', { smtpPort: mail.port, database, namespace });
    producer = await CaseEventProducer.start(namespace);
    dispatched = await DispatchedReader.start(namespace);
    db = new Client({ connectionString: database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await dispatched?.stop();
    await producer?.stop();
    await service?.close();
    await mail?.stop();
    await database?.drop();
  });

  it("keeps a student's known address when a forged event names another, and writes to the known one", async () => {
    const student = person('student');
    const mentor = person('mentor');
    await producer.send(caseEnvelope({ kind: 'opened', status: 'open', student }));
    await waitUntil('the student is in the directory', async () => (await storedEmail(student.id)) === student.email);

    const attacker = `${uniqueName('attacker')}@attacker.example`;
    await producer.send(caseEnvelope({ kind: 'accepted', status: 'active', student: { ...student, email: attacker }, mentor }));

    await dispatched.waitFor(student.id, { channel: 'email', status: 'sent' });
    expect(await storedEmail(student.id)).toBe(student.email);
    expect(mail.to(student.email as string)).toHaveLength(1);
    expect(mail.to(attacker)).toEqual([]);
  });

  it('takes an address from a case event for a student the directory has none for', async () => {
    const student = person('student');
    await producer.send(caseEnvelope({ kind: 'opened', status: 'open', student: { ...student, email: null } }));
    await waitUntil('the student is in the directory', async () => (await storedEmail(student.id)) === null);

    await producer.send(caseEnvelope({ kind: 'accepted', status: 'active', student, mentor: person('mentor') }));

    await mail.waitFor(student.email as string);
    expect(await storedEmail(student.id)).toBe(student.email);
  });

  it("still follows a mentor's address as mentor-matching's directory changes it", async () => {
    const student = person('student');
    const mentor = person('mentor');
    await producer.send(caseEnvelope({ kind: 'opened', status: 'open', student, mentor }));
    await waitUntil('the mentor is in the directory', async () => (await storedEmail(mentor.id)) === mentor.email);

    const moved = `${uniqueName('moved')}@example.edu`;
    await producer.send(caseEnvelope({ kind: 'phase-changed', status: 'active', student, mentor: { ...mentor, email: moved } }));

    await waitUntil("the mentor's new address is stored", async () => (await storedEmail(mentor.id)) === moved);
  });
});
