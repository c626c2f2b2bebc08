import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase, testKafka, uniqueName, waitUntil } from '@mentoring/testing';
import request from 'supertest';
import { mailDomainOf, messageIdFor } from '../src/messages/domain';
import { deliveryKey, formatMeetingTime } from '../src/outreach/domain';
import { BANNED_FOR_STUDENTS, escapedForHtml, matchesOf, SCORE_LIKE, visibleTextOf, withoutUrls } from '../src/outreach/domain/testing/language-rules';
import { slots } from '../src/outreach/domain/testing/realistic-cases';
import {
  caseEnvelope,
  CaseEventProducer,
  deliveriesOf,
  DispatchedReader,
  inboxOf,
  Notification,
  person,
  putPreferences,
  startNotification,
  TestMailServer,
} from './support';

const STUDENT_LANGUAGE = [...BANNED_FOR_STUDENTS, ...SCORE_LIKE];

describe('outreach from case events', () => {
  let mail: TestMailServer;
  let database: TestDatabase;
  let namespace: string;
  let service: Notification;
  let producer: CaseEventProducer;
  let dispatched: DispatchedReader;

  const start = () => startNotification('notification_outreach', { smtpPort: mail.port, database, namespace });
  const http = () => request(service.app.getHttpServer());

  beforeAll(async () => {
    mail = await TestMailServer.start();
    database = await createTestDatabase('notification_outreach');
    namespace = uniqueName('notification_outreach');
    service = await start();
    producer = await CaseEventProducer.start(namespace);
    dispatched = await DispatchedReader.start(namespace);
  });

  afterAll(async () => {
    await dispatched?.stop();
    await producer?.stop();
    await service?.close();
    await mail?.stop();
    await database?.drop();
  });

  afterEach(() => {
    const messageIds = mail.received.map((received) => received.parsed.messageId);
    expect(new Set(messageIds).size).toBe(messageIds.length);
  });

  it("introduces the student's mentor with the slots to pick, working links and no banned words", async () => {
    const student = person('student', 'Asia/Dubai', "Zoë O'Connell");
    const mentor = person('mentor', 'Asia/Dubai', 'Dr Farah Azhar');
    const offered = slots(3, new Date(Date.now() + 2 * 86_400_000).toISOString());
    const accepted = caseEnvelope({ kind: 'accepted', status: 'active', student, mentor, proposedSlots: offered });

    await producer.send(accepted);

    const [{ parsed }] = await mail.waitFor(student.email as string);
    const text = parsed.text ?? '';
    const html = typeof parsed.html === 'string' ? parsed.html : '';
    expect(parsed.subject).toContain('Dr Farah Azhar');
    expect(text).toContain('Dr Farah Azhar');
    expect(html).toContain(escapedForHtml("Zoë O'Connell"));
    for (const slot of offered) {
      const shown = formatMeetingTime({ ...slot, timeZone: 'Asia/Dubai' }, 'en');
      expect(text).toContain(shown);
      expect(html).toContain(escapedForHtml(shown));
    }
    for (const words of [parsed.subject ?? '', withoutUrls(text), withoutUrls(visibleTextOf(html))]) expect(matchesOf(words, STUDENT_LANGUAGE)).toEqual([]);

    // Offered times are pick links, not calendar holds: only a booked meeting goes into a calendar.
    expect(parsed.attachments).toEqual([]);
    expect(parsed.messageId).toBe(messageIdFor(deliveryKey(accepted.id, student.id, 'email'), mailDomainOf(service.config.MAIL_FROM)));

    const pickLinks = [...text.matchAll(/https:\/\/console\.example\.edu\/v1\/links\/pick-slot\?token=([\w.-]+)/g)].map((match) => match[1]);
    expect(pickLinks).toHaveLength(3);
    const verified = await http().get('/v1/links/verify').query({ token: pickLinks[0] }).expect(200);
    expect(verified.body).toMatchObject({ action: 'pick-slot', recipientId: student.id, caseId: accepted.data.caseId, slotStart: offered[0].start });
    expect(text).toMatch(/\/v1\/links\/change-mentor\?token=/);
    expect(text).toContain(service.config.WELLBEING_URL);
    await http().get('/v1/links/verify').query({ token: `${pickLinks[0]}x` }).expect(400);
  });

  it('sends one email and keeps one inbox item per event, through redelivery and a replay from the first offset', async () => {
    const student = person('student');
    const mentor = person('mentor');
    const accepted = caseEnvelope({ kind: 'accepted', status: 'active', student, mentor });
    const phase = (id: string) => ({ ...caseEnvelope({ kind: 'phase-changed', status: 'active', phase: 'structured-engagement', student, mentor }), id });

    await producer.send(accepted, accepted, phase(randomUUID()));
    await mail.waitFor(student.email as string, 2);

    // Replay everything, and make the inbox table forget it first: only the delivery keys stand between the replay and a second message.
    await service.close();
    await forgetConsumedEvents(database.url);
    await replayFromTheStart(`${namespace}.notification`, producer.topic);
    service = await start();
    await producer.send(phase(randomUUID()));
    await mail.waitFor(student.email as string, 3);
    await caughtUp(`${namespace}.notification`, producer.topic);
    expect(await consumedAgain(database.url, accepted.id)).toBe(true);

    const subjects = mail.to(student.email as string).map((received) => received.parsed.subject);
    expect(subjects.filter((subject) => subject?.includes(mentor.displayName) && subject.includes('would like to meet you'))).toHaveLength(1);
    const inbox = await inboxOf(service, student, 'student');
    expect(inbox.items.filter((item) => item.template === 'student-first-contact')).toHaveLength(1);
    expect(inbox.items).toHaveLength(3);
    expect(dispatched.of(student.id, { template: 'student-first-contact', channel: 'email', status: 'sent' })).toHaveLength(1);
  });

  it('congratulates a student whose marks improved during mentoring, and tells their mentor', async () => {
    const student = person('student');
    const mentor = person('mentor');

    await producer.send(caseEnvelope({ kind: 'progress-noted', status: 'active', riskLevel: 'watch', student, mentor }));

    const [kudos] = await mail.waitFor(student.email as string, 1);
    expect(kudos.parsed.subject).toContain('Well done');
    expect(matchesOf(withoutUrls(kudos.parsed.text ?? ''), STUDENT_LANGUAGE)).toEqual([]);
    const [told] = await mail.waitFor(mentor.email as string, 1);
    expect(told.parsed.subject).toContain(student.displayName);
    expect((await inboxOf(service, student, 'student')).items).toEqual([expect.objectContaining({ template: 'student-kudos' })]);
    expect((await inboxOf(service, mentor, 'mentor')).items).toEqual([expect.objectContaining({ template: 'mentor-student-progress' })]);
  });

  it('keeps the inbox for a student who opted out of email, and sends them none', async () => {
    const student = person('student');
    await putPreferences(service, student, 'student', { emailOptOut: true });

    await producer.send(caseEnvelope({ kind: 'accepted', status: 'active', student, mentor: person('mentor') }));

    await dispatched.waitFor(student.id, { channel: 'inbox', status: 'sent' });
    const inbox = await inboxOf(service, student, 'student');
    expect(inbox).toMatchObject({ unread: 1, items: [{ template: 'student-first-contact' }] });
    const { deliveries } = await deliveriesOf(service, inbox.items[0].messageId);
    expect(deliveries.find((delivery) => delivery.channel === 'email')).toMatchObject({ status: 'skipped', log: [{ status: 'skipped', detail: 'opted-out' }] });
    expect(dispatched.of(student.id, { channel: 'email' })).toEqual([]);
    expect(mail.to(student.email as string)).toEqual([]);
  });

  it("lets a student read and mark their own inbox, never another student's", async () => {
    const student = person('student');
    const other = person('student');
    await producer.send(caseEnvelope({ kind: 'accepted', status: 'active', student, mentor: person('mentor') }));
    await dispatched.waitFor(student.id, { channel: 'inbox', status: 'sent' });
    const [item] = (await inboxOf(service, student, 'student')).items;

    const asOther = await service.bearer('student', other.id);
    await http().get(`/v1/recipients/${student.id}/inbox`).set('authorization', asOther).expect(403);
    await http().post(`/v1/recipients/${student.id}/inbox/${item.messageId}/read`).set('authorization', asOther).expect(403);
    await http().get(`/v1/recipients/${student.id}/preferences`).set('authorization', asOther).expect(403);
    await http().get(`/v1/recipients/${student.id}/inbox`).set('authorization', await service.bearer('mentor', student.id)).expect(403);
    await http().get(`/v1/recipients/${student.id}/inbox`).expect(401);
    await http().get(`/v1/recipients/${student.id}/inbox`).set('authorization', await service.bearer('ops')).expect(200);

    const asStudent = await service.bearer('student', student.id);
    const read = await http().post(`/v1/recipients/${student.id}/inbox/${item.messageId}/read`).set('authorization', asStudent).expect(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    await http().post(`/v1/recipients/${other.id}/inbox/${item.messageId}/read`).set('authorization', await service.bearer('student', other.id)).expect(404);
    expect(await inboxOf(service, student, 'student')).toMatchObject({ unread: 0, items: [{ readAt: read.body.readAt }] });
  });

  it('dead-letters an escalation nobody would receive, and delivers it once a coordinator is named and it is replayed', async () => {
    const program = `P${uniqueName('x').slice(-6).toUpperCase()}`;
    const coordinator = person('coordinator', 'Europe/Paris', 'Renée Dupont');
    const escalation = caseEnvelope({ kind: 'escalated', status: 'waitlisted', program, escalationReason: 'no-eligible-mentor', student: person('student'), mentor: null });
    const ops = await service.bearer('ops');

    await producer.send(escalation);
    const deadLetter = await waitUntil('the escalation is dead-lettered', async () => {
      const listed = await http().get('/v1/ops/dead-letters').set('authorization', ops).expect(200);
      return (listed.body.items as { id: string; eventId: string; reason: string }[]).find((letter) => letter.eventId === escalation.id);
    });
    expect(deadLetter.reason).toBe('no-coordinator');

    await http()
      .put(`/v1/recipients/${coordinator.id}`)
      .set('authorization', await service.bearer('coordinator', 'c-admin', [program]))
      .send({ displayName: coordinator.displayName, email: coordinator.email, timeZone: coordinator.timeZone, programmes: [program] })
      .expect(200);
    await http().post(`/v1/ops/dead-letters/${deadLetter.id}/replay`).set('authorization', ops).expect(200);

    const [{ parsed }] = await mail.waitFor(coordinator.email as string);
    expect(parsed.text).toContain(escalation.data.student.displayName);
    expect((await inboxOf(service, coordinator, 'coordinator', [program])).items).toMatchObject([{ template: 'coordinator-escalation-no-eligible-mentor' }]);
  });
});

async function forgetConsumedEvents(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('DELETE FROM inbox');
  } finally {
    await client.end();
  }
}

async function consumedAgain(databaseUrl: string, eventId: string): Promise<boolean> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM inbox WHERE event_id = $1', [eventId]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}

async function replayFromTheStart(groupId: string, topic: string): Promise<void> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    // The group empties once the stopped service's member has left.
    await waitUntil('the consumer group is empty', async () => (await admin.describeGroups([groupId])).groups[0].members.length === 0);
    await admin.resetOffsets({ groupId, topic, earliest: true });
  } finally {
    await admin.disconnect();
  }
}

async function caughtUp(groupId: string, topic: string): Promise<void> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    await waitUntil(`${groupId} has consumed all of ${topic}`, async () => {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const ends = await admin.fetchTopicOffsets(topic);
      // A partition that never held a message has no committed offset (-1).
      const committedOf = (partition: number) => Math.max(0, Number(committed.partitions.find((entry) => entry.partition === partition)?.offset ?? -1));
      return ends.every(({ partition, high }) => committedOf(partition) >= Number(high));
    });
  } finally {
    await admin.disconnect();
  }
}
