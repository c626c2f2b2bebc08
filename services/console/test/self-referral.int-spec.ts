import { TOPICS } from '@mentoring/contracts';
import { Pipeline, PipelineCaller, recordTopics, registerMentor, registerStudent, TopicRecorder, waitUntil } from '@mentoring/testing';
import { createHmac } from 'node:crypto';

// "Talk to someone": a student with no low marks asks for a mentor from the inbox page a message
// footer opens; the case is matched to a mentor with free time, and the first emails (to the
// mentor, then the student's introduction) never mention marks.

const MENTOR = { id: 'M-SELF-1', displayName: 'Dr Layla Nasser', email: 'layla.nasser@faculty.example.edu' };
const STUDENT = { id: 'S-SELF-1', displayName: 'Yusuf Karimi', email: 'yusuf.karimi@students.example.edu' };
const MBBS_COORDINATOR: PipelineCaller = { role: 'coordinator', subject: 'coordinator-mbbs-e2e', programmes: ['MBBS'] };
// notification's LINK_SECRET when it is unset (the pipeline leaves it unset).
const DEV_LINK_SECRET = 'mentoring-platform-local-link-signing-key-do-not-use-in-production';
const NEVER_SAID = /\b(marks?|grades?|scores?|risk\w*|fail\w*|weak|below|behind|concern\w*)\b|\d+\s*%/i;

/**
 * A genuinely signed link, as notification signs them (services/notification/src/links/domain/link-token.ts:
 * base64url JSON `{ claims, exp, jti, gen }`, a dot, base64url HMAC-SHA256 of the first part),
 * reproduced because a test may not import another service's source. The student has had no
 * message yet, so no footer link was sent to them.
 */
function signedToken(claims: Record<string, string>): string {
  const encoded = Buffer.from(JSON.stringify({ claims, exp: Math.floor(Date.now() / 1000) + 3600, jti: `link-${claims.action}-${claims.recipientId}`, gen: 0 })).toString('base64url');
  return `${encoded}.${createHmac('sha256', DEV_LINK_SECRET).update(encoded).digest('base64url')}`;
}

describe('console: a student asks for a mentor from their inbox page', () => {
  const pipeline = new Pipeline();
  let recorder: TopicRecorder;

  beforeAll(async () => {
    await pipeline.start();
    await pipeline.startConsole();
    recorder = await recordTopics(pipeline, [TOPICS.mentoringCaseEvents]);
    await registerMentor(pipeline, MENTOR, 3);
    await registerStudent(pipeline, STUDENT);
  }, 300_000);

  afterAll(async () => {
    await recorder?.stop();
    await pipeline.stop();
  });

  const inboxToken = (recipientId: string) => signedToken({ action: 'inbox', recipientId });
  const ask = (token: string, note?: string) =>
    fetch(`${pipeline.consoleUrl}/v1/links/ask-for-a-mentor`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, ...(note ? { note } : {}) }).toString(),
    });
  const eventsOf = (kind: string) => recorder.received.filter((envelope) => envelope.type === `mentoring.case-${kind}.v1` && envelope.data.studentId === STUDENT.id);
  const mailTo = (address: string) =>
    waitUntil(`an email to ${address}`, async () => (await pipeline.mail()).find((message) => message.envelope.to.includes(address)), { timeoutMs: 120_000, intervalMs: 500 });

  it('shows "talk to someone" on a student’s inbox page', async () => {
    const studentPage = await (await fetch(`${pipeline.consoleUrl}/v1/links/inbox?token=${inboxToken(STUDENT.id)}`)).text();
    expect(studentPage).toContain('Talk to someone');
    expect(studentPage).toContain('action="/v1/links/ask-for-a-mentor"');
  });

  it('opens a self-referral matched to a mentor with free time, whose first emails never mention marks', async () => {
    const response = await ask(inboxToken(STUDENT.id), 'Settling into the year');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toContain('/v1/links/inbox?token=');
    expect(decodeURIComponent(response.headers.get('set-cookie') ?? '')).toContain('We are finding you a mentor');

    const matched = await waitUntil('the self-referral is matched', () => eventsOf('matched')[0]?.data, { timeoutMs: 120_000, intervalMs: 500 });
    expect(matched).toMatchObject({ openedFor: 'self-referral', reasons: [], weakCourses: [], mentor: { id: MENTOR.id } });
    expect((matched.proposedSlots as unknown[]).length).toBeGreaterThan(0);

    const offer = await mailTo(MENTOR.email);
    expect(offer.subject).toContain('A student asked for a mentor');
    expect(`${offer.subject}\n${offer.text}`.replace(/https?:\/\/\S+/g, ' ')).not.toMatch(NEVER_SAID);

    const caseId = String(matched.caseId);
    expect((await pipeline.call('mentor-matching', 'POST', `/v1/cases/${caseId}/accept`, { role: 'mentor', subject: MENTOR.id })).status).toBe(200);
    const introduction = await mailTo(STUDENT.email);
    expect(introduction.text).toContain('Thanks for asking to talk to someone.');
    expect(`${introduction.subject}\n${introduction.text}`.replace(/https?:\/\/\S+/g, ' ')).not.toMatch(NEVER_SAID);
  });

  it('answers a second request with the same case, telling the student who their mentor is', async () => {
    const again = await ask(inboxToken(STUDENT.id));
    expect(again.status).toBe(303);
    expect(decodeURIComponent(again.headers.get('set-cookie') ?? '')).toContain(`${MENTOR.displayName} is already your mentor`);
    const cases = await pipeline.call<Array<{ caseId: string }>>('mentor-matching', 'GET', `/v1/mentors/${MENTOR.id}/cases`, MBBS_COORDINATOR);
    expect(cases.body.map((entry) => entry.caseId)).toEqual([eventsOf('opened')[0].data.caseId]);
    expect(eventsOf('opened')).toHaveLength(1);
  });

  it('opens nothing from a mentor’s inbox link: the footer link of a mentor’s message cannot ask for a mentor', async () => {
    const mentorPage = await fetch(`${pipeline.consoleUrl}/v1/links/inbox?token=${inboxToken(MENTOR.id)}`);
    expect(await mentorPage.text()).not.toContain('Talk to someone');
    expect((await ask(inboxToken(MENTOR.id))).status).not.toBe(303);
    expect(recorder.received.filter((envelope) => envelope.type === 'mentoring.case-opened.v1' && envelope.data.studentId === MENTOR.id)).toEqual([]);
  });

  it('refuses a link sent for something else', async () => {
    const caseLink = signedToken({ action: 'messages', recipientId: STUDENT.id, caseId: String(eventsOf('opened')[0].data.caseId) });
    expect((await ask(caseLink)).status).toBe(403);
  });
});
