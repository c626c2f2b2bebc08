import { createEnvelope, EventEnvelope, namespacedTopic, STUDENT_DIRECTORY_UPDATED_V1, StudentDirectoryUpdatedV1, TOPICS } from '@mentoring/contracts';
import { testKafka, uniqueName, waitUntil } from '@mentoring/testing';
import { Producer } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { caseEnvelope, CaseEventProducer, inboxOf, Notification, person, startNotification, TestMailServer } from './support';

function directoryUpdate(studentId: string, asOf: string, data: Partial<StudentDirectoryUpdatedV1>): EventEnvelope<StudentDirectoryUpdatedV1> {
  return createEnvelope({ type: STUDENT_DIRECTORY_UPDATED_V1, source: 'grade-ingest', subject: studentId, data: { studentId, source: 'oneroster', asOf, ...data } });
}

/** A student as mentor-matching knows one first seen in a risk event: no name but their id, no email. */
function unnamedStudent() {
  const student = person('student');
  return { ...student, displayName: student.id, email: null };
}

// The student directory in notification: names and addresses from students.directory-updated.v1,
// the newest word kept, and a student's first message greeting them by name, waiting for their
// address when there is none.
describe('notification: student directory sync', () => {
  let mail: TestMailServer;
  let service: Notification;
  let cases: CaseEventProducer;
  let producer: Producer;
  let ops: string;

  beforeAll(async () => {
    mail = await TestMailServer.start();
    service = await startNotification('notification_directory', { smtpPort: mail.port });
    cases = await CaseEventProducer.start(service.namespace);
    producer = testKafka().producer();
    await producer.connect();
    ops = await service.bearer('ops');
  });

  afterAll(async () => {
    await producer?.disconnect();
    await cases?.stop();
    await service?.close();
    await mail?.stop();
  });

  const sendDirectory = (...events: EventEnvelope<StudentDirectoryUpdatedV1>[]) =>
    producer.send({
      topic: namespacedTopic(TOPICS.studentsDirectoryUpdated, service.namespace),
      messages: events.map((event) => ({ key: event.subject, value: JSON.stringify(event) })),
    });
  const processed = async (eventId: string) => (await service.app.get(DataSource).query(`SELECT 1 FROM inbox WHERE event_id = $1`, [eventId])).length > 0;
  const recipient = async (id: string) => (await request(service.app.getHttpServer()).get(`/v1/recipients/${id}`).set('authorization', ops).expect(200)).body;
  const emailStatus = async (recipientId: string, template: string): Promise<string | undefined> => {
    const [row] = await service.app.get(DataSource).query(
      `SELECT d.status FROM deliveries d JOIN messages m ON m.id = d.message_id WHERE m.recipient_id = $1 AND m.template = $2 AND d.channel = 'email'`,
      [recipientId, template],
    );
    return row?.status;
  };

  it("puts the student's name from the directory in the first email, though the case event knew only their id", async () => {
    const student = unnamedStudent();
    const mentor = person('mentor', 'Europe/London', 'Dr Farah Azhar');
    const synced = directoryUpdate(student.id, '2026-10-01T08:00:00Z', { displayName: 'Adaeze Okafor', preferredName: 'Ada', email: `${student.id}@students.example.edu`, program: 'MBBS', yearOfStudy: 2 });

    await sendDirectory(synced);
    await waitUntil('the directory update applied', () => processed(synced.id));
    await cases.send(caseEnvelope({ kind: 'matched', status: 'matched', student, mentor }));
    await cases.send(caseEnvelope({ kind: 'accepted', status: 'active', student, mentor }));

    const [first] = await mail.waitFor(`${student.id}@students.example.edu`);
    expect(first.parsed.text).toMatch(/^Hi Ada,/);
    expect(first.parsed.text).not.toContain(student.id);
    const [offer] = await mail.waitFor(mentor.email as string);
    expect(offer.parsed.subject).toContain('Adaeze Okafor');
    expect(await recipient(student.id)).toMatchObject({ displayName: 'Adaeze Okafor', preferredName: 'Ada', programmes: ['MBBS'] });
  });

  it('greets a student whose name nobody knows neutrally, never by their id', async () => {
    const student = { ...person('student'), displayName: '' };
    student.displayName = student.id;

    await cases.send(caseEnvelope({ kind: 'accepted', status: 'active', student, mentor: person('mentor') }));

    const [first] = await mail.waitFor(student.email as string);
    expect(first.parsed.text).toMatch(/^Hi there,/);
    expect(first.parsed.subject).not.toContain(student.id);
  });

  it('keeps the newest update: an older one and a redelivery change nothing', async () => {
    const studentId = uniqueName('student');
    const newer = directoryUpdate(studentId, '2026-10-02T08:00:00Z', { displayName: 'Siobhán Ó Briain', email: 'siobhan@students.example.edu' });
    const older = directoryUpdate(studentId, '2026-10-01T08:00:00Z', { displayName: 'Old Name', email: 'old@students.example.edu' });
    const sameTime = directoryUpdate(studentId, '2026-10-02T08:00:00Z', { displayName: 'Same Time' });

    await sendDirectory(newer);
    await waitUntil('the newer update applied', () => processed(newer.id));
    await sendDirectory(older, newer, sameTime);
    await waitUntil('the others handled', async () => (await processed(older.id)) && (await processed(sameTime.id)));

    expect(await recipient(studentId)).toMatchObject({ displayName: 'Siobhán Ó Briain', email: 'siobhan@students.example.edu', roles: ['student'] });
  });

  it('lets the directory correct the address of a student already known from a case event', async () => {
    const student = person('student', 'Europe/Dublin', 'Aoife Ní Bhriain');
    const mentor = person('mentor');
    await cases.send(caseEnvelope({ kind: 'accepted', status: 'active', student, mentor }));
    await mail.waitFor(student.email as string);

    const corrected = directoryUpdate(student.id, new Date().toISOString(), { email: 'aoife.nibhriain@students.example.edu' });
    await sendDirectory(corrected);
    await waitUntil('the correction applied', () => processed(corrected.id));
    await cases.send(caseEnvelope({ kind: 'phase-changed', status: 'active', phase: 'structured-engagement', student, mentor }));

    const [next] = await mail.waitFor('aoife.nibhriain@students.example.edu');
    expect(next.parsed.text).toMatch(/^Hi Aoife Ní Bhriain,/);
    expect(await recipient(student.id)).toMatchObject({ email: 'aoife.nibhriain@students.example.edu' });
  });

  it('keeps the first message of a student without an address in the inbox, tells the coordinator once, and emails it when the directory brings one', async () => {
    const programme = 'HDPCS';
    const coordinator = { id: uniqueName('coordinator'), email: `${uniqueName('coordinator')}@faculty.example.edu` };
    await request(service.app.getHttpServer())
      .put(`/v1/recipients/${coordinator.id}`)
      .set('authorization', ops)
      .send({ displayName: 'Renée Dupont', email: coordinator.email, timeZone: 'Europe/Paris', programmes: [programme] })
      .expect(200);
    const student = unnamedStudent();
    const mentor = person('mentor');
    await cases.send(caseEnvelope({ kind: 'accepted', status: 'active', program: programme, student, mentor }));

    await waitUntil('the email waits for an address', async () => (await emailStatus(student.id, 'student-first-contact')) === 'awaiting-address');
    expect((await inboxOf(service, student, 'student')).items).toEqual([expect.objectContaining({ template: 'student-first-contact' })]);
    const [notice] = await mail.waitFor(coordinator.email);
    expect(notice.parsed.subject).toBe(`No email address for ${student.id} (${programme}, year 2)`);
    expect(notice.parsed.text).toMatch(/^Hi Renée Dupont,/);

    await cases.send(caseEnvelope({ kind: 'phase-changed', status: 'active', phase: 'structured-engagement', program: programme, student, mentor }));
    await waitUntil('the second email waits too', async () => (await emailStatus(student.id, 'student-phase-structured-engagement')) === 'awaiting-address');
    expect(mail.to(coordinator.email)).toHaveLength(1);

    await sendDirectory(directoryUpdate(student.id, new Date().toISOString(), { displayName: 'Ọláolúwa Adéwálé', email: `${student.id}@students.example.edu` }));

    const received = await mail.waitFor(`${student.id}@students.example.edu`, 2);
    for (const email of received) expect(email.parsed.text).not.toContain(student.id);
    await waitUntil('the first email sent', async () => (await emailStatus(student.id, 'student-first-contact')) === 'sent');
  });
});
