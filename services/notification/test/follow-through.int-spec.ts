import { uniqueName, waitUntil } from '@mentoring/testing';
import request from 'supertest';
import type { MeetingV1 } from '@mentoring/contracts';
import { formatMeetingTime } from '../src/outreach/domain';
import {
  caseEnvelope,
  CaseEventProducer,
  deliveriesOf,
  DispatchedReader,
  inboxOf,
  Notification,
  person,
  putPreferences,
  ReceivedMail,
  startNotification,
  TestClock,
  TestMailServer,
} from './support';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function wallClock(moment: Date): string {
  return moment.toISOString().slice(11, 16);
}

function toTheMinute(moment: Date): Date {
  return new Date(Math.floor(moment.getTime() / MINUTE) * MINUTE);
}

/** The .ics of an email, unfolded into its property lines. */
function calendarLinesOf(mail: ReceivedMail): string[] {
  const invite = mail.parsed.attachments.find((attachment) => attachment.contentType === 'text/calendar');
  if (!invite) throw new Error(`no calendar in "${mail.parsed.subject}"`);
  return invite.content.toString('utf8').replace(/\r\n[ \t]/g, '').split('\r\n');
}

function valuesOf(lines: string[], name: string): string[] {
  return lines.filter((line) => line.startsWith(`${name}:`) || line.startsWith(`${name};`)).map((line) => line.slice(line.indexOf(':') + 1));
}

// Time only moves forward here, so the tests run in order and each starts where the last one left the clock.
describe('follow-through: meeting reminders, nudges, invites and fresh times', () => {
  const clock = new TestClock();
  let mail: TestMailServer;
  let service: Notification;
  let producer: CaseEventProducer;
  let dispatched: DispatchedReader;

  beforeAll(async () => {
    mail = await TestMailServer.start();
    service = await startNotification('notification_follow_through', { smtpPort: mail.port, clock });
    producer = await CaseEventProducer.start(service.namespace);
    dispatched = await DispatchedReader.start(service.namespace);
  });

  afterAll(async () => {
    await dispatched?.stop();
    await producer?.stop();
    await service?.close();
    await mail?.stop();
  });

  function meetingIn(ms: number, overrides: Partial<MeetingV1> = {}): MeetingV1 {
    const start = toTheMinute(new Date(clock.now().getTime() + ms));
    return {
      uid: `${uniqueName('meeting')}@mentoring.example.edu`,
      sequence: 0,
      start: start.toISOString(),
      end: new Date(start.getTime() + 30 * MINUTE).toISOString(),
      mode: 'in-person',
      location: 'Room 2.14, Hamdan Building',
      ...overrides,
    };
  }

  it('reminds the student and the mentor of a booked meeting, each in their own time zone, with where it is', async () => {
    const student = person('student', 'Asia/Dubai');
    const mentor = person('mentor', 'America/New_York');
    const meeting = meetingIn(HOUR);

    await producer.send(caseEnvelope({ kind: 'meeting-reminder-due', status: 'active', student, mentor, meeting, reminder: { leadMinutes: 60 } }));

    const [toStudent] = await mail.waitFor(student.email as string);
    const [toMentor] = await mail.waitFor(mentor.email as string);
    expect(toStudent.parsed.subject).toBe(`A friendly reminder: your chat with ${mentor.displayName}`);
    expect(toStudent.parsed.text).toContain(formatMeetingTime({ start: meeting.start, end: meeting.end, timeZone: 'Asia/Dubai' }, 'en'));
    expect(toStudent.parsed.text).toContain('Where: Room 2.14, Hamdan Building');
    expect(toStudent.parsed.text).toMatch(/\/v1\/links\/reschedule\?token=/);
    expect(toMentor.parsed.subject).toBe(`Coming up: your meeting with ${student.displayName}`);
    expect(toMentor.parsed.text).toContain(formatMeetingTime({ start: meeting.start, end: meeting.end, timeZone: 'America/New_York' }, 'en'));
    expect(toMentor.parsed.text).toContain('Where: Room 2.14, Hamdan Building');
  });

  it('drops a reminder that quiet hours would hold past the start of the meeting, and still reminds the other side', async () => {
    const student = person('student', 'UTC');
    const mentor = person('mentor', 'UTC');
    const now = clock.now();
    await putPreferences(service, student, 'student', { quietHours: { start: wallClock(new Date(now.getTime() - HOUR)), end: wallClock(new Date(now.getTime() + 2 * HOUR)) } });
    const meeting = meetingIn(HOUR, { mode: 'video', location: 'https://meet.example.edu/j/4821' });

    await producer.send(caseEnvelope({ kind: 'meeting-reminder-due', status: 'active', student, mentor, meeting, reminder: { leadMinutes: 60 } }));

    const [toMentor] = await mail.waitFor(mentor.email as string);
    expect(toMentor.parsed.text).toContain('Join the video call: https://meet.example.edu/j/4821');
    const [reminder] = (await inboxOf(service, student, 'student')).items;
    expect(reminder.template).toBe('student-meeting-reminder');
    const email = (await deliveriesOf(service, reminder.messageId)).deliveries.find((delivery) => delivery.channel === 'email');
    expect(email?.status).toBe('skipped');
    expect(email?.log.map((entry) => entry.detail)).toEqual([expect.stringMatching(/^expired: could only go at /)]);

    clock.advanceTo(new Date(now.getTime() + 2 * HOUR + MINUTE));
    // A later email to the student goes through: the reminder was not waiting behind it.
    await putPreferences(service, student, 'student', { quietHours: null });
    await producer.send(caseEnvelope({ kind: 'phase-changed', status: 'active', phase: 'structured-engagement', student, mentor }));
    const received = await mail.waitFor(student.email as string);
    expect(received.map((item) => item.parsed.subject)).not.toContain(`A friendly reminder: your chat with ${mentor.displayName}`);
    expect(dispatched.of(student.id, { template: 'student-meeting-reminder', channel: 'email' })).toEqual([]);
  });

  it('nudges a pair that has not booked: a warm note to the student with times and the pick link, a prompt to the mentor', async () => {
    const student = person('student', 'Europe/London');
    const mentor = person('mentor', 'Europe/London');
    const start = toTheMinute(new Date(clock.now().getTime() + 26 * HOUR));
    const proposedSlots = [{ start: start.toISOString(), end: new Date(start.getTime() + 30 * MINUTE).toISOString() }];

    await producer.send(
      caseEnvelope({ kind: 'nudge-due', status: 'active', student, mentor, proposedSlots, nudge: { kind: 'not-booked', audience: 'student-and-mentor', daysWaiting: 3 } }),
    );

    const [toStudent] = await mail.waitFor(student.email as string);
    const [toMentor] = await mail.waitFor(mentor.email as string);
    expect(toStudent.parsed.subject).toBe(`${mentor.displayName} would love to meet you`);
    expect(toStudent.parsed.text).toContain(formatMeetingTime({ ...proposedSlots[0], timeZone: 'Europe/London' }, 'en'));
    expect(toStudent.parsed.text).toMatch(/\/v1\/links\/pick-slot\?token=/);
    expect(toStudent.parsed.text).toMatch(/\/v1\/links\/more-times\?token=/);
    expect(toMentor.parsed.subject).toBe(`${student.displayName} has not booked a time yet`);
    expect(toMentor.parsed.text).toContain('3 days ago');
    await dispatched.waitFor(student.id, { template: 'student-next-meeting', channel: 'email', status: 'sent' });
    await dispatched.waitFor(mentor.id, { template: 'mentor-nudge', channel: 'email', status: 'sent' });
  });

  it("tells the programme's coordinator when no first meeting happened, and how a mentor closed a case", async () => {
    const coordinator = person('coordinator', 'Asia/Dubai');
    const program = `P${uniqueName('x').slice(-6).toUpperCase()}`;
    await request(service.app.getHttpServer())
      .put(`/v1/recipients/${coordinator.id}`)
      .set('authorization', await service.bearer('ops'))
      .send({ displayName: coordinator.displayName, email: coordinator.email, timeZone: coordinator.timeZone, programmes: [program] })
      .expect(200);
    const student = person('student');
    const mentor = person('mentor');

    await producer.send(
      caseEnvelope({ kind: 'nudge-due', status: 'active', program, student, mentor, nudge: { kind: 'no-first-meeting', audience: 'coordinator', daysWaiting: 14 } }),
      caseEnvelope({ kind: 'closed', status: 'closed', program, student, mentor, outcome: 'referred', referredTo: 'Student Counselling Service', closedBy: 'mentor' }),
    );

    const received = await mail.waitFor(coordinator.email as string, 2);
    const bySubject = new Map(received.map((item) => [item.parsed.subject, item.parsed.text ?? '']));
    expect(bySubject.get(`No meeting yet: ${student.displayName} (${program}, year 2)`)).toContain('14 days after the case opened');
    expect(bySubject.get(`Case closed: ${student.displayName} (${program}, year 2)`)).toContain('referred to Student Counselling Service');
  });

  it('updates both calendars when a meeting moves (same UID, higher SEQUENCE) and removes it from both when it is called off', async () => {
    const student = person('student');
    const mentor = person('mentor');
    const booked = meetingIn(30 * HOUR);
    const moved = { ...meetingIn(54 * HOUR), uid: booked.uid, sequence: 1 };
    const calledOff = { ...moved, sequence: 2 };

    await producer.send(caseEnvelope({ kind: 'slot-confirmed', status: 'active', student, mentor, confirmedSlot: booked, meeting: booked }));
    await mail.waitFor(student.email as string);
    await producer.send(caseEnvelope({ kind: 'slot-confirmed', status: 'active', student, mentor, confirmedSlot: moved, meeting: moved }));
    await mail.waitFor(student.email as string, 2);
    await producer.send(caseEnvelope({ kind: 'meeting-cancelled', status: 'active', student, mentor, confirmedSlot: null, meeting: calledOff }));

    for (const participant of [student, mentor]) {
      const [first, second, cancellation] = (await mail.waitFor(participant.email as string, 3)).map(calendarLinesOf);
      expect(valuesOf(first, 'METHOD')).toEqual(['REQUEST']);
      expect(valuesOf(first, 'LOCATION')).toEqual(['Room 2.14\\, Hamdan Building']);
      expect(valuesOf(second, 'METHOD')).toEqual(['REQUEST']);
      expect(valuesOf(cancellation, 'METHOD')).toEqual(['CANCEL']);
      expect(valuesOf(cancellation, 'STATUS')).toEqual(['CANCELLED']);
      expect([first, second, cancellation].map((lines) => valuesOf(lines, 'UID'))).toEqual([[booked.uid], [booked.uid], [booked.uid]]);
      expect([first, second, cancellation].map((lines) => valuesOf(lines, 'SEQUENCE'))).toEqual([['0'], ['1'], ['2']]);
    }
  });

  it('never offers a time that passed while the email waited for quiet hours to end', async () => {
    const student = person('student', 'UTC');
    const now = clock.now();
    const quietUntil = toTheMinute(new Date(now.getTime() + 2 * HOUR));
    await putPreferences(service, student, 'student', { quietHours: { start: wallClock(new Date(now.getTime() - HOUR)), end: wallClock(quietUntil) } });
    const soon = toTheMinute(new Date(now.getTime() + HOUR));
    const later = toTheMinute(new Date(now.getTime() + 26 * HOUR));
    const slot = (start: Date) => ({ start: start.toISOString(), end: new Date(start.getTime() + 30 * MINUTE).toISOString() });

    await producer.send(caseEnvelope({ kind: 'slots-proposed', status: 'active', student, mentor: person('mentor'), proposedSlots: [slot(soon), slot(later)] }));

    await dispatched.waitFor(student.id, { channel: 'email', status: 'deferred' });
    clock.advanceTo(new Date(quietUntil.getTime() + 1_000));

    const [{ parsed }] = await mail.waitFor(student.email as string);
    expect(parsed.text).not.toContain(formatMeetingTime({ ...slot(soon), timeZone: 'UTC' }, 'en'));
    expect(parsed.text).toContain(formatMeetingTime({ ...slot(later), timeZone: 'UTC' }, 'en'));
    expect([...(parsed.text ?? '').matchAll(/\/v1\/links\/pick-slot\?token=/g)]).toHaveLength(1);
    const [item] = (await inboxOf(service, student, 'student')).items;
    expect(item.text).not.toContain(formatMeetingTime({ ...slot(soon), timeZone: 'UTC' }, 'en'));
    expect(item.text).toContain(formatMeetingTime({ ...slot(later), timeZone: 'UTC' }, 'en'));
  });

  it('points to the page with fresh times when every offered time has passed', async () => {
    const student = person('student', 'UTC');
    const now = clock.now();
    const quietUntil = toTheMinute(new Date(now.getTime() + 2 * HOUR));
    await putPreferences(service, student, 'student', { quietHours: { start: wallClock(new Date(now.getTime() - HOUR)), end: wallClock(quietUntil) } });
    const soon = toTheMinute(new Date(now.getTime() + HOUR));

    await producer.send(
      caseEnvelope({
        kind: 'nudge-due',
        status: 'active',
        student,
        mentor: person('mentor'),
        proposedSlots: [{ start: soon.toISOString(), end: new Date(soon.getTime() + 30 * MINUTE).toISOString() }],
        nudge: { kind: 'not-booked', audience: 'student-and-mentor', daysWaiting: 4 },
      }),
    );

    await dispatched.waitFor(student.id, { channel: 'email', status: 'deferred' });
    clock.advanceTo(new Date(quietUntil.getTime() + 1_000));

    const [{ parsed }] = await mail.waitFor(student.email as string);
    expect(parsed.text).not.toMatch(/\/v1\/links\/pick-slot\?token=/);
    expect(parsed.text).toMatch(/Pick a time that suits you: https:\/\/console\.example\.edu\/v1\/links\/more-times\?token=/);
  });

  it('drops a waiting reminder once its meeting has moved, and sends the new time instead', async () => {
    const student = person('student', 'UTC');
    const mentor = person('mentor', 'UTC');
    const now = clock.now();
    const quietUntil = toTheMinute(new Date(now.getTime() + HOUR));
    await putPreferences(service, student, 'student', { quietHours: { start: wallClock(new Date(now.getTime() - HOUR)), end: wallClock(quietUntil) } });
    const booked = meetingIn(3 * HOUR);
    const moved = { ...meetingIn(27 * HOUR), uid: booked.uid, sequence: 1 };

    const caseId = uniqueName('case');

    await producer.send(caseEnvelope({ kind: 'meeting-reminder-due', caseId, status: 'active', student, mentor, meeting: booked, reminder: { leadMinutes: 180 } }));
    await dispatched.waitFor(student.id, { template: 'student-meeting-reminder', channel: 'email', status: 'deferred' });
    await producer.send(caseEnvelope({ kind: 'slot-confirmed', caseId, status: 'active', student, mentor, confirmedSlot: moved, meeting: moved }));
    await dispatched.waitFor(student.id, { template: 'student-slot-confirmed', channel: 'email', status: 'deferred' });

    const reminder = (await inboxOf(service, student, 'student')).items.find((item) => item.template === 'student-meeting-reminder');
    const skipped = await waitForEmailStatus(reminder?.messageId as string, 'skipped');
    expect(skipped.log.at(-1)?.detail).toMatch(/^superseded by student-slot-confirmed /);

    clock.advanceTo(new Date(quietUntil.getTime() + 1_000));
    const [confirmation] = await mail.waitFor(student.email as string);
    expect(confirmation.parsed.subject).toBe(`Your chat with ${mentor.displayName} has a new time`);
    await dispatched.waitFor(student.id, { template: 'student-slot-confirmed', channel: 'email', status: 'sent' });
    expect(mail.to(student.email as string).map((received) => received.parsed.subject)).toEqual([confirmation.parsed.subject]);
  });

  it('drops a reminder whose sending failed until the meeting had begun, instead of sending it late', async () => {
    const student = person('student', 'UTC');
    const mentor = person('mentor', 'UTC');
    const meeting = meetingIn(HOUR);
    await mail.stop();
    try {
      await producer.send(caseEnvelope({ kind: 'meeting-reminder-due', status: 'active', student, mentor, meeting, reminder: { leadMinutes: 60 } }));
      await dispatched.waitFor(student.id, { template: 'student-meeting-reminder', channel: 'email', status: 'deferred' });
      clock.advanceTo(new Date(Date.parse(meeting.start) + MINUTE));
    } finally {
      await mail.resume();
    }

    const [reminder] = (await inboxOf(service, student, 'student')).items;
    const expired = await waitForEmailStatus(reminder.messageId, 'skipped');
    expect(expired.log.at(-1)?.detail).toBe(`expired: not sent after ${new Date(meeting.start).toISOString()}`);
    expect(mail.to(student.email as string)).toEqual([]);
  });

  async function waitForEmailStatus(messageId: string, status: string) {
    return waitUntil(`the email of ${messageId} ${status}`, async () => {
      const email = (await deliveriesOf(service, messageId)).deliveries.find((delivery) => delivery.channel === 'email');
      return email?.status === status && email;
    });
  }
});
