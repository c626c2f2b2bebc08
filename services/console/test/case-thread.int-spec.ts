import { lowSummatives, PATIENTLY, Pipeline, PipelineCaller, postGrades, registerStudent, waitUntil } from '@mentoring/testing';
import { createTransport } from 'nodemailer';
import { ConsoleSession } from './console-session';

// The case thread in the real console in front of the real services: the mentor writes from the
// case page, the student reads it on the page their email's link opens and answers there, then
// answers again by replying to the email (sent to notification's inbound listener); the mentor's
// page shows all of it.
const PASSWORD = 'a long thread password';
const MENTOR_ID = 'thread-mentor-mbbs';
const MENTOR_NAME = 'Dr Thread Mbbs';
const STUDENT = { id: 'thread-mbbs-1', displayName: 'Noor Thread', email: 'noor.thread@students.example.edu' };
const AS_MENTOR: PipelineCaller = { role: 'mentor', subject: MENTOR_ID };

describe('console: messages between a mentor and their student', () => {
  const pipeline = new Pipeline();
  let mentor: ConsoleSession;
  let caseId: string;

  beforeAll(async () => {
    await pipeline.start(1);
    await pipeline.startConsole();
    await pipeline.addConsoleAccount({ username: 'thread-mentor', displayName: MENTOR_NAME, role: 'mentor', subject: MENTOR_ID, password: PASSWORD });
    const coordinator: PipelineCaller = { role: 'coordinator', subject: 'coordinator-mbbs', programmes: ['MBBS'] };
    const added = await pipeline.call('mentor-matching', 'POST', '/v1/mentors', coordinator, {
      mentorId: MENTOR_ID,
      displayName: MENTOR_NAME,
      programs: ['MBBS'],
      maxOpenCases: 3,
      timeZone: 'Asia/Dubai',
      weeklyAvailability: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
    });
    if (added.status !== 201) throw new Error(`adding the mentor answered ${added.status}: ${JSON.stringify(added.body)}`);
    await registerStudent(pipeline, STUDENT);
    await postGrades(pipeline, lowSummatives(STUDENT.id));
    caseId = await waitUntil(
      'the student’s case is matched to the mentor',
      async () => (await pipeline.call<{ caseId: string }[]>('mentor-matching', 'GET', `/v1/mentors/${MENTOR_ID}/cases`, AS_MENTOR)).body[0]?.caseId,
      PATIENTLY,
    );
    mentor = new ConsoleSession(pipeline.consoleUrl);
    await mentor.signIn('thread-mentor', PASSWORD);
    await mentor.page(`/mentor/cases/${caseId}`);
    const accepted = await mentor.post(`/mentor/cases/${caseId}/accept`, {});
    if (accepted.status !== 303) throw new Error(`accepting answered ${accepted.status}`);
  }, 600_000);

  afterAll(async () => {
    await pipeline.stop();
  }, 120_000);

  it('carries a message from the case page to the student’s email and page, and the answers back, by page and by email reply', async () => {
    const empty = await mentor.page(`/mentor/cases/${caseId}`);
    expect(empty.html).toContain('id="message-form"');
    const sent = await mentor.post(`/mentor/cases/${caseId}/messages`, { text: 'Hello! Shall we meet on Tuesday?' });
    expect(sent.status).toBe(303);

    const notice = await waitUntil('the student is emailed the message', async () => (await pipeline.mail()).find((mail) => mail.envelope.to.includes(STUDENT.email) && mail.text.includes('Shall we meet on Tuesday?')), PATIENTLY);
    expect(notice.replyTo).toMatch(/^reply\+/);
    const link = /\/v1\/links\/messages\?token=[\w.-]+/.exec(notice.text)?.[0] as string;
    expect(link).toBeDefined();

    const student = new ConsoleSession(pipeline.consoleUrl);
    const page = await student.page(link);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Hello! Shall we meet on Tuesday?');
    const token = decodeURIComponent(link.split('token=')[1]);
    const answered = await student.post('/v1/links/messages', { token, text: 'Tuesday is good for me.' });
    expect(answered.status).toBe(303);

    const notification = pipeline.instancesOf('notification')[0];
    const transport = createTransport({ host: '127.0.0.1', port: notification.inboundSmtpPort, secure: false, ignoreTLS: true });
    await transport.sendMail({
      from: 'student@example.edu',
      to: notice.replyTo,
      subject: `Re: ${notice.subject}`,
      text: `See you then!\n\nOn Tue, 1 Dec 2026, The Student Mentoring Team wrote:\n> Hello! Shall we meet on Tuesday?`,
    });

    const thread = await mentor.page(`/mentor/cases/${caseId}`);
    const messages = [...thread.html.matchAll(/<li class="thread-message[^"]*"><p class="muted">([^<]*)<\/p><p[^>]*>([^<]*)<\/p><\/li>/g)].map((match) => [match[1].split(',')[0], match[2], match[1].includes('(by email)')]);
    expect(messages).toEqual([
      ['You', 'Hello! Shall we meet on Tuesday?', false],
      [expect.any(String), 'Tuesday is good for me.', false],
      [expect.any(String), 'See you then!', true],
    ]);
  });
});
