import { uniqueName } from '@mentoring/testing';
import request from 'supertest';
import { nextDailyDigestAt } from '../src/messages/domain';
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
  TestClock,
  TestMailServer,
} from './support';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function wallClock(moment: Date): string {
  return moment.toISOString().slice(11, 16);
}

function toTheMinute(moment: Date): Date {
  return new Date(Math.floor(moment.getTime() / MINUTE) * MINUTE);
}

// Time only moves forward here, so the tests run in order and each starts where the last one left the clock.
describe('email scheduling: quiet hours, frequency cap, daily digest', () => {
  const clock = new TestClock();
  let mail: TestMailServer;
  let service: Notification;
  let producer: CaseEventProducer;
  let dispatched: DispatchedReader;

  beforeAll(async () => {
    mail = await TestMailServer.start();
    service = await startNotification('notification_scheduling', { smtpPort: mail.port, clock });
    producer = await CaseEventProducer.start(service.namespace);
    dispatched = await DispatchedReader.start(service.namespace);
  });

  afterAll(async () => {
    await dispatched?.stop();
    await producer?.stop();
    await service?.close();
    await mail?.stop();
  });

  it('defers an email due in quiet hours to their end, then delivers it', async () => {
    const student = person('student', 'UTC');
    const now = clock.now();
    const quietUntil = toTheMinute(new Date(now.getTime() + 60 * MINUTE));
    await putPreferences(service, student, 'student', { quietHours: { start: wallClock(new Date(now.getTime() - 60 * MINUTE)), end: wallClock(quietUntil) } });

    await producer.send(caseEnvelope({ kind: 'accepted', status: 'active', student, mentor: person('mentor') }));

    const [deferred] = await dispatched.waitFor(student.id, { channel: 'email', status: 'deferred' });
    expect(deferred.detail).toBe(`quiet hours until ${quietUntil.toISOString()}`);
    const [item] = (await inboxOf(service, student, 'student')).items;
    expect(item.template).toBe('student-first-contact');
    expect(mail.to(student.email as string)).toEqual([]);

    clock.advanceTo(new Date(quietUntil.getTime() + 1_000));

    await mail.waitFor(student.email as string);
    await dispatched.waitFor(student.id, { channel: 'email', status: 'sent' });
    const email = (await deliveriesOf(service, item.messageId)).deliveries.find((delivery) => delivery.channel === 'email');
    expect(email?.log.map((entry) => entry.status)).toEqual(['deferred', 'queued', 'sent']);
  });

  it('gathers the emails over the cap into one digest once the day has room again, dropping none', async () => {
    const mentor = person('mentor', 'UTC');
    await putPreferences(service, mentor, 'mentor', { maxEmailsPer24h: 2 });
    const cases = Array.from({ length: 4 }, () => caseEnvelope({ kind: 'matched', student: person('student'), mentor }));

    await producer.send(...cases);

    const held = await dispatched.waitFor(mentor.id, { channel: 'email', status: 'digested' }, 2);
    await mail.waitFor(mentor.email as string, 2);
    expect(dispatched.of(mentor.id, { channel: 'email', status: 'queued' })).toHaveLength(2);
    const inbox = await inboxOf(service, mentor, 'mentor');
    expect(inbox.items).toHaveLength(4);
    const heldSubjects = held.map((event) => inbox.items.find((item) => item.messageId === event.messageId)?.subject);

    clock.advanceTo(new Date(clock.now().getTime() + DAY + MINUTE));

    const mails = await mail.waitFor(mentor.email as string, 3);
    const digest = mails[2].parsed;
    expect(digest.subject).toBe('A round-up of our recent messages');
    for (const subject of heldSubjects) expect(digest.text).toContain(subject);
    for (const event of held) {
      const email = (await deliveriesOf(service, event.messageId)).deliveries.find((delivery) => delivery.channel === 'email');
      expect(email).toMatchObject({ status: 'digested', digestMessageId: expect.any(String) });
    }
    expect(mail.to(mentor.email as string)).toHaveLength(3);
  });

  it("sends a coordinator who chose it one daily digest of escalations at their morning hour, the inbox getting each at once", async () => {
    const coordinator = person('coordinator', 'Asia/Dubai');
    const program = `P${uniqueName('x').slice(-6).toUpperCase()}`;
    await request(service.app.getHttpServer())
      .put(`/v1/recipients/${coordinator.id}`)
      .set('authorization', await service.bearer('ops'))
      .send({ displayName: coordinator.displayName, email: coordinator.email, timeZone: coordinator.timeZone, programmes: [program] })
      .expect(200);
    await putPreferences(service, coordinator, 'coordinator', { dailyDigest: true });
    const students = [person('student'), person('student')];

    await producer.send(...students.map((student) => caseEnvelope({ kind: 'escalated', status: 'waitlisted', program, escalationReason: 'no-eligible-mentor', student, mentor: null })));

    await dispatched.waitFor(coordinator.id, { channel: 'email', status: 'digested' }, 2);
    expect((await inboxOf(service, coordinator, 'coordinator', [program])).items).toHaveLength(2);
    expect(mail.to(coordinator.email as string)).toEqual([]);

    clock.advanceTo(new Date(nextDailyDigestAt(clock.now(), 'Asia/Dubai', service.config.COORDINATOR_DIGEST_TIME).getTime() + 1_000));

    const [digest] = await mail.waitFor(coordinator.email as string);
    expect(digest.parsed.subject).toBe('Escalations waiting for you');
    for (const student of students) expect(digest.parsed.text).toContain(student.displayName);
    expect(mail.to(coordinator.email as string)).toHaveLength(1);
  });
});
