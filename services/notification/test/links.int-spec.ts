import { createTestDatabase, TestDatabase, uniqueName } from '@mentoring/testing';
import request from 'supertest';
import { slots } from '../src/outreach/domain/testing/realistic-cases';
import { caseEnvelope, CaseEventProducer, Notification, person, startNotification, TestMailServer } from './support';

interface VerifiedBody {
  action: string;
  recipientId: string;
  tokenId: string;
  generation: number;
  expiresAt: string;
}

const DAY_MS = 86_400_000;

/** The tokens of every `action` link in an email's text. */
function tokensIn(text: string, action: string): string[] {
  return [...text.matchAll(new RegExp(`/v1/links/${action}\\?token=([\\w.-]+)`, 'g'))].map((match) => match[1]);
}

describe('student links: short-lived, each its own, revocable per student', () => {
  let mail: TestMailServer;
  let database: TestDatabase;
  let namespace: string;
  let service: Notification;
  let producer: CaseEventProducer;

  const http = () => request(service.app.getHttpServer());
  const verify = (token: string) => http().get('/v1/links/verify').query({ token });

  beforeAll(async () => {
    mail = await TestMailServer.start();
    database = await createTestDatabase('notification_links');
    namespace = uniqueName('notification_links');
    service = await startNotification('notification_links', { smtpPort: mail.port, database, namespace });
    producer = await CaseEventProducer.start(namespace);
  });

  afterAll(async () => {
    await producer?.stop();
    await service?.close();
    await mail?.stop();
    await database?.drop();
  });

  /** A student introduced to their mentor; returns the email's text once it arrived. */
  async function introduce(student = person('student'), mentor = person('mentor')): Promise<{ text: string; student: typeof mentor }> {
    await producer.send(caseEnvelope({ kind: 'accepted', status: 'active', student, mentor, proposedSlots: slots(2, new Date(Date.now() + 2 * DAY_MS).toISOString()) }));
    const [{ parsed }] = await mail.waitFor(student.email as string);
    return { text: parsed.text ?? '', student };
  }

  it('signs every link of a message with its own id, for a week', async () => {
    const { text } = await introduce();
    const tokens = [...tokensIn(text, 'pick-slot'), ...tokensIn(text, 'change-mentor'), ...tokensIn(text, 'preferences')];
    expect(tokens.length).toBeGreaterThanOrEqual(4);
    const verified = await Promise.all(tokens.map(async (token) => (await verify(token).expect(200)).body as VerifiedBody));
    expect(new Set(verified.map((link) => link.tokenId)).size).toBe(tokens.length);
    for (const link of verified) {
      expect(link.generation).toBe(0);
      const lifetime = Date.parse(link.expiresAt) - Date.now();
      expect(lifetime).toBeGreaterThan(6 * DAY_MS);
      expect(lifetime).toBeLessThanOrEqual(7 * DAY_MS);
    }
  });

  it('lets the student switch off every link they were sent; the next message carries working ones', async () => {
    const { text, student } = await introduce();
    const [pick] = tokensIn(text, 'pick-slot');
    const [preferences] = tokensIn(text, 'preferences');

    const revoked = await http().post(`/v1/recipients/${student.id}/links/revoke`).set('authorization', await service.bearer('student', student.id)).expect(200);
    expect(revoked.body).toMatchObject({ recipientId: student.id, generation: 1 });

    for (const token of [pick, preferences]) expect((await verify(token).expect(410)).body.message).toBe('This link was switched off');

    await producer.send(caseEnvelope({ kind: 'phase-changed', status: 'active', phase: 'structured-engagement', student, mentor: person('mentor') }));
    const [, next] = await mail.waitFor(student.email as string, 2);
    const [fresh] = tokensIn(next.parsed.text ?? '', 'preferences');
    expect(((await verify(fresh).expect(200)).body as VerifiedBody).generation).toBe(1);
  });

  it("lets a coordinator or ops switch off a student's links, and counts concurrent revocations each", async () => {
    const { text, student } = await introduce();
    const [pick] = tokensIn(text, 'pick-slot');

    const answers = await Promise.all([
      http().post(`/v1/recipients/${student.id}/links/revoke`).set('authorization', await service.bearer('coordinator', 'coordinator-1', ['MBBS'])),
      http().post(`/v1/recipients/${student.id}/links/revoke`).set('authorization', await service.bearer('ops')),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(answers.map((answer) => (answer.body as { generation: number }).generation).sort()).toEqual([1, 2]);
    await verify(pick).expect(410);
  });

  it("refuses anyone else: another student, the student's mentor, and a student token for someone known as a mentor", async () => {
    const mentor = person('mentor');
    const { text, student } = await introduce(person('student'), mentor);
    const [pick] = tokensIn(text, 'pick-slot');
    const revoke = async (id: string, role: 'student' | 'mentor', subject: string) =>
      http().post(`/v1/recipients/${id}/links/revoke`).set('authorization', await service.bearer(role, subject));

    expect((await revoke(student.id, 'student', 'S-SOMEONE-ELSE')).status).toBe(403);
    expect((await revoke(student.id, 'mentor', mentor.id)).status).toBe(403);
    expect((await revoke(mentor.id, 'student', mentor.id)).status).toBe(403);
    await http().post(`/v1/recipients/${student.id}/links/revoke`).expect(401);

    expect(((await verify(pick).expect(200)).body as VerifiedBody).generation).toBe(0);
  });
});
