import { createTestDatabase, TestDatabase, uniqueName, waitUntil } from '@mentoring/testing';
import { createTransport } from 'nodemailer';
import request from 'supertest';
import { InboundMailListener } from '../src/conversations';
import { slots } from '../src/outreach/domain/testing/realistic-cases';
import { caseEnvelope, CaseEventProducer, deliveriesOf, inboxOf, Notification, person, putPreferences, startNotification, TestMailServer } from './support';

const DAY_MS = 86_400_000;

interface ThreadBody {
  caseId: string;
  messages: { id: string; authorId: string; authorRole: string; text: string; via: string }[];
}

describe('case threads: the student and their mentor write to each other, in the console and by replying to email', () => {
  let mail: TestMailServer;
  let database: TestDatabase;
  let namespace: string;
  let service: Notification;
  let producer: CaseEventProducer;

  const http = () => request(service.app.getHttpServer());

  beforeAll(async () => {
    mail = await TestMailServer.start();
    database = await createTestDatabase('notification_threads');
    namespace = uniqueName('notification_threads');
    service = await startNotification('notification_threads', { smtpPort: mail.port, database, namespace });
    producer = await CaseEventProducer.start(namespace);
  });

  afterAll(async () => {
    await producer?.stop();
    await service?.close();
    await mail?.stop();
    await database?.drop();
  });

  /** Sends mail to the service's inbound listener as a mail relay would. */
  function sendToListener(to: string, text: string, extra: { messageId?: string; raw?: string } = {}) {
    const transport = createTransport({ host: '127.0.0.1', port: service.app.get(InboundMailListener).port, secure: false, ignoreTLS: true });
    const envelope = { from: 'someone@example.edu', to: [to] };
    return extra.raw !== undefined
      ? transport.sendMail({ envelope, raw: extra.raw })
      : transport.sendMail({ from: 'someone@example.edu', to, subject: 'Re: A message', text, messageId: extra.messageId });
  }

  async function refusal(sending: Promise<unknown>): Promise<number> {
    const error = await sending.then(() => null, (failure: { responseCode?: number }) => failure);
    if (!error) throw new Error('the listener accepted what it should refuse');
    return error.responseCode ?? 0;
  }

  /** A case with a student and a mentor, known to notification once the student's first email arrived. */
  async function openCase(student = person('student')) {
    const mentor = person('mentor');
    const envelope = caseEnvelope({ kind: 'accepted', status: 'active', student, mentor, program: 'MBBS', proposedSlots: slots(2, new Date(Date.now() + 2 * DAY_MS).toISOString()) });
    await producer.send(envelope);
    await mail.waitFor(student.email as string);
    return { caseId: envelope.data.caseId, student, mentor };
  }

  async function threadAs(caseId: string, role: 'student' | 'mentor', id: string): Promise<ThreadBody> {
    return (await http().get(`/v1/cases/${caseId}/messages`).set('authorization', await service.bearer(role, id)).expect(200)).body as ThreadBody;
  }

  it('emails the student a message from the mentor, and the student’s emailed reply lands in the thread and reaches the mentor', async () => {
    const { caseId, student, mentor } = await openCase();
    await http()
      .post(`/v1/cases/${caseId}/messages`)
      .set('authorization', await service.bearer('mentor', mentor.id))
      .send({ text: 'Hi! How did the anatomy practical go?' })
      .expect(201);

    const [, notice] = await mail.waitFor(student.email as string, 2);
    expect(notice.parsed.text).toContain('How did the anatomy practical go?');
    expect(notice.parsed.text).toContain('replying to this email');
    const replyTo = notice.parsed.replyTo?.value[0]?.address as string;
    expect(replyTo).toMatch(/^reply\+/);
    expect((await inboxOf(service, student, 'student')).items.map((item) => item.template)).toContain('student-case-message');

    const reply = `It went well, thank you.\nCould we talk about the next one?\n\nOn Thu, 3 Dec 2026 at 10:00, The Student Mentoring Team <mentoring@mentoring.localhost> wrote:\n> Hi! How did the anatomy practical go?`;
    const messageId = `<${uniqueName('reply')}@example.edu>`;
    await sendToListener(replyTo, reply, { messageId });

    const thread = await threadAs(caseId, 'mentor', mentor.id);
    expect(thread.messages.map(({ authorRole, text, via }) => ({ authorRole, text, via }))).toEqual([
      { authorRole: 'mentor', text: 'Hi! How did the anatomy practical go?', via: 'console' },
      { authorRole: 'student', text: 'It went well, thank you.\nCould we talk about the next one?', via: 'email' },
    ]);
    expect((await threadAs(caseId, 'student', student.id)).messages).toHaveLength(2);

    // The mentor hears of it by email, with a reply address of their own.
    const [mentorNotice] = await waitUntil('the mentor is told of the reply', () => {
      const found = mail.to(mentor.email as string).filter((received) => received.parsed.text?.includes('Could we talk about the next one?'));
      return found.length > 0 && found;
    });
    const mentorReplyTo = mentorNotice.parsed.replyTo?.value[0]?.address as string;
    expect(mentorReplyTo).toMatch(/^reply\+/);
    expect(mentorReplyTo).not.toBe(replyTo);

    // The sending server retrying the same email adds nothing.
    await sendToListener(replyTo, reply, { messageId });
    expect((await threadAs(caseId, 'student', student.id)).messages).toHaveLength(2);
  });

  it('tells the student in their inbox at once, and keeps the email for the end of their quiet hours', async () => {
    const { caseId, student, mentor } = await openCase(person('student', 'UTC'));
    const hhmm = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString().slice(11, 16);
    await putPreferences(service, student, 'student', { quietHours: { start: hhmm(-60 * 60_000), end: hhmm(60 * 60_000) } });

    await http().post(`/v1/cases/${caseId}/messages`).set('authorization', await service.bearer('mentor', mentor.id)).send({ text: 'Quiet-hours hello' }).expect(201);

    const notice = (await inboxOf(service, student, 'student')).items.find((item) => item.template === 'student-case-message');
    expect(notice?.text).toContain('Quiet-hours hello');
    const email = (await deliveriesOf(service, notice?.messageId as string)).deliveries.find((delivery) => delivery.channel === 'email');
    expect(email?.status).toBe('deferred');
    expect(mail.to(student.email as string).filter((received) => received.parsed.text?.includes('Quiet-hours hello'))).toEqual([]);
  });

  it('refuses a forged or altered reply address, and mail to anything but a reply address, with a 5xx', async () => {
    const { caseId, student, mentor } = await openCase();
    await http().post(`/v1/cases/${caseId}/messages`).set('authorization', await service.bearer('mentor', mentor.id)).send({ text: 'Hello there' }).expect(201);
    const [, notice] = await mail.waitFor(student.email as string, 2);
    const replyTo = notice.parsed.replyTo?.value[0]?.address as string;
    const [local, domain] = replyTo.split('@');
    const [caseSegment, , signature] = local.split('.');
    const otherPerson = Buffer.from(person('student').id).toString('base64url');
    const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;

    for (const forged of [`${caseSegment}.${otherPerson}.${signature}@${domain}`, `${caseSegment}.${local.split('.')[1]}.${flipped}@${domain}`, `${local}@example.org`, `mentoring@${domain}`]) {
      const code = await refusal(sendToListener(forged, 'Let me in'));
      expect(code).toBeGreaterThanOrEqual(500);
      expect(code).toBeLessThan(600);
    }
    // Too big, or nothing but the quoted message: refused too, and the listener keeps working.
    expect(await refusal(sendToListener(replyTo, 'x'.repeat(300_000)))).toBe(552);
    expect(await refusal(sendToListener(replyTo, '> Hello there'))).toBe(550);
    await sendToListener(replyTo, 'Thanks, see you soon');

    expect((await threadAs(caseId, 'student', student.id)).messages.map((message) => message.text)).toEqual(['Hello there', 'Thanks, see you soon']);
  });

  it('is read by no coordinator, no other student and no other mentor', async () => {
    const { caseId, student, mentor } = await openCase();
    await http().post(`/v1/cases/${caseId}/messages`).set('authorization', await service.bearer('student', student.id)).send({ text: 'Something private' }).expect(201);

    const coordinator = await service.bearer('coordinator', uniqueName('coordinator'), ['MBBS']);
    await http().get(`/v1/cases/${caseId}/messages`).set('authorization', coordinator).expect(403);
    await http().post(`/v1/cases/${caseId}/messages`).set('authorization', coordinator).send({ text: 'hello' }).expect(403);
    const otherStudent = await service.bearer('student', (await openCase()).student.id);
    await http().get(`/v1/cases/${caseId}/messages`).set('authorization', otherStudent).expect(403);
    await http().get(`/v1/cases/${caseId}/messages`).set('authorization', await service.bearer('mentor', person('mentor').id)).expect(403);
    await http().get(`/v1/cases/${caseId}/messages`).set('authorization', await service.bearer('ops')).expect(403);
    expect((await threadAs(caseId, 'mentor', mentor.id)).messages.map((message) => message.text)).toEqual(['Something private']);
  });

  it('leaves a replaced mentor out: they read nothing more and their reply address stops working', async () => {
    const { caseId, student, mentor } = await openCase();
    await http().post(`/v1/cases/${caseId}/messages`).set('authorization', await service.bearer('student', student.id)).send({ text: 'Hello mentor' }).expect(201);
    const [notice] = await waitUntil('the mentor is told', () => {
      const found = mail.to(mentor.email as string).filter((received) => received.parsed.text?.includes('Hello mentor'));
      return found.length > 0 && found;
    });
    const oldAddress = notice.parsed.replyTo?.value[0]?.address as string;

    const newMentor = person('mentor');
    await producer.send(caseEnvelope({ caseId, kind: 'reassigned', status: 'active', student, mentor: newMentor, previousMentor: mentor, program: 'MBBS' }));
    await mail.waitFor(newMentor.email as string);

    await http().get(`/v1/cases/${caseId}/messages`).set('authorization', await service.bearer('mentor', mentor.id)).expect(403);
    expect((await threadAs(caseId, 'mentor', newMentor.id)).messages.map((message) => message.text)).toEqual(['Hello mentor']);
    expect(await refusal(sendToListener(oldAddress, 'Still me'))).toBe(550);
  });
});
