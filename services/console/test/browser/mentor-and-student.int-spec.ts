import { TOPICS } from '@mentoring/contracts';
import {
  launchBrowser,
  lowSummatives,
  Pipeline,
  PipelineCaller,
  postGrades,
  recordTopics,
  registerMentor,
  registerStudent,
  screenshot,
  TopicRecorder,
  waitUntil,
  watchPageErrors,
} from '@mentoring/testing';
import { createHmac } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';

// One pipeline for the mentor's and the student's side of the same case: starting the platform
// is most of the suite's time. A registrar posts low marks; the student is matched with Dr Amina
// Rahman; she works the case in the console while the student answers from the links in email.

const PASSWORD = 'a long mentor password';
const MENTOR = { id: 'M-CONSOLE-1', displayName: 'Dr Amina Rahman', email: 'amina.rahman@faculty.example.edu' };
const OTHER_MENTOR = { id: 'M-CONSOLE-2', displayName: 'Dr Ben Okafor', email: 'ben.okafor@faculty.example.edu' };
const STUDENT = { id: 'S-CONSOLE-1', displayName: 'Zoë Haddad', email: 'zoe.haddad@students.example.edu' };
// Words a student page must never use (DESIGN.md section 5).
const PUNITIVE = /\b(fail|failing|poor|weak|at-risk|at risk|probation|warning|underperform\w*|score)\b/i;
// The registered people are MBBS's (libs/testing's cohort), so MBBS's coordinator reads their cases.
const MBBS_COORDINATOR: PipelineCaller = { role: 'coordinator', subject: 'coordinator-mbbs-e2e', programmes: ['MBBS'] };
// notification's LINK_SECRET when it is unset (the pipeline leaves it unset).
const DEV_LINK_SECRET = 'mentoring-platform-local-link-signing-key-do-not-use-in-production';

interface CaseView {
  status: string;
  phase: string;
  confirmedSlot: { start: string; end: string } | null;
}

describe('console pages for mentors and students, in a real browser', () => {
  const pipeline = new Pipeline();
  let recorder: TopicRecorder;
  let browser: Browser;
  let caseId: string;

  beforeAll(async () => {
    await pipeline.start();
    await pipeline.startConsole();
    recorder = await recordTopics(pipeline, [TOPICS.mentoringCaseEvents]);
    await registerMentor(pipeline, MENTOR, 3);
    await registerStudent(pipeline, STUDENT);
    await postGrades(pipeline, lowSummatives(STUDENT.id));
    caseId = await waitUntil(
      'the student is matched with the mentor',
      async () => (await pipeline.call<Array<{ caseId: string; status: string }>>('mentor-matching', 'GET', `/v1/mentors/${MENTOR.id}/cases`, MBBS_COORDINATOR)).body.find((c) => c.status === 'matched')?.caseId,
      { timeoutMs: 180_000, intervalMs: 500 },
    );
    // Registered after the match, so the case can only have gone to the first mentor.
    await registerMentor(pipeline, OTHER_MENTOR, 3);
    await pipeline.addConsoleAccount({ username: 'amina', displayName: MENTOR.displayName, role: 'mentor', subject: MENTOR.id, password: PASSWORD });
    await pipeline.addConsoleAccount({ username: 'ben', displayName: OTHER_MENTOR.displayName, role: 'mentor', subject: OTHER_MENTOR.id, password: PASSWORD });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await recorder?.stop();
    await pipeline.stop();
  });

  /** A fresh browser profile (no cookies) with a page whose errors are collected. */
  async function freshPage(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    return { context, page, problems: watchPageErrors(page) };
  }

  async function signIn(page: Page, username: string): Promise<void> {
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async function submitAndSee(page: Page, button: string, notice: string): Promise<void> {
    await page.getByRole('button', { name: button }).first().click();
    await page.getByRole('status').filter({ hasText: notice }).waitFor();
  }

  function caseEvent(kind: string): Promise<Record<string, unknown>> {
    return waitUntil(`case-${kind} is published`, () =>
      recorder.received.find((envelope) => envelope.type === `mentoring.case-${kind}.v1` && envelope.data.caseId === caseId)?.data,
    );
  }

  /** Every `action` link in the first email to `recipient` that has one (from the text part). */
  async function linksIn(recipient: string, action: string): Promise<string[]> {
    const pattern = new RegExp(`https?://[^\\s"<>]+/v1/links/${action}\\?token=[\\w.-]+`, 'g');
    const mail = await waitUntil(
      `${recipient} is emailed a ${action} link`,
      async () => (await pipeline.mail()).find((message) => message.envelope.to.includes(recipient) && message.text.match(pattern)),
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    return mail.text.match(pattern) ?? [];
  }

  async function linkIn(recipient: string, action: string): Promise<string> {
    return (await linksIn(recipient, action))[0];
  }

  async function caseAsCoordinator(): Promise<CaseView> {
    return (await pipeline.call<CaseView>('mentor-matching', 'GET', `/v1/cases/${caseId}`, MBBS_COORDINATOR)).body;
  }

  it('takes the mentor from the emailed link through sign-in to the case, and through accepting, booking, logging and moving it on', async () => {
    const { context, page, problems } = await freshPage();
    const acceptLink = await linkIn(MENTOR.email, 'accept-case');

    await page.goto(acceptLink);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'mentor-sign-in');
    await signIn(page, 'amina');
    await page.waitForURL(`**/mentor/cases/${caseId}#respond`);
    expect(await caseAsCoordinator()).toMatchObject({ status: 'matched' }); // following the link did not accept anything

    await page.getByRole('link', { name: 'My caseload', exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: STUDENT.displayName });
    await expect(row.locator('.countdown').innerText()).resolves.toMatch(/^in \d+ (d|h)/);
    await expect(page.getByRole('heading', { name: 'New cases waiting for your answer' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'mentor-caseload');

    await row.getByRole('link', { name: STUDENT.displayName }).click();
    await page.getByRole('heading', { name: 'Why we reached out' }).waitFor();
    const main = page.locator('main');
    await expect(main.innerText()).resolves.toMatch(/Exam marks are (well )?under the support line/);
    await expect(main.innerText()).resolves.toContain('Get to know Zoë Haddad as a person first');
    await screenshot(page, 'mentor-case-new');

    await submitAndSee(page, 'Accept the case', 'Case accepted');
    await submitAndSee(page, 'Confirm this time', 'Meeting time confirmed');
    const booked = (await caseAsCoordinator()).confirmedSlot;
    expect(booked).not.toBeNull();
    await page.getByLabel('Private notes (only you and coordinators see them)').fill('We talked about the first weeks and planned anatomy revision together.');
    await submitAndSee(page, 'Log session', 'Session logged');
    await expect(page.locator('td.notes').innerText()).resolves.toContain('planned anatomy revision');
    await page.getByLabel('Move to').selectOption('structured-engagement');
    await submitAndSee(page, 'Change phase', 'Phase changed');
    await expect(main.innerText()).resolves.toContain('Phase changed: Ice breaking to Structured engagement');
    await screenshot(page, 'mentor-case-active');

    expect(await caseEvent('accepted')).toMatchObject({ mentor: expect.objectContaining({ id: MENTOR.id }) });
    expect(await caseEvent('slot-confirmed')).toMatchObject({ confirmedSlot: booked });
    expect(await caseEvent('session-logged')).toMatchObject({ session: expect.objectContaining({ outcome: 'attended' }) });
    expect(await caseEvent('phase-changed')).toMatchObject({ phase: 'structured-engagement' });
    expect(JSON.stringify(recorder.received)).not.toContain('planned anatomy revision'); // notes stay private

    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets another mentor keep their availability but shows them nothing of a case that is not theirs', async () => {
    const { context, page, problems } = await freshPage();
    await page.goto(`${pipeline.consoleUrl}/mentor/availability`);
    await signIn(page, 'ben');
    await page.waitForURL('**/mentor/availability');

    await page.getByLabel('Monday').fill('09:00-11:00, 14:00-16:00');
    await page.getByLabel('Time zone (the times below are in it)').selectOption('Europe/London');
    await page.getByLabel('First day of this leave').first().fill('2030-04-01');
    await page.getByLabel('Last day of this leave').first().fill('2030-04-05');
    await page.getByLabel('How you meet students (every time offered to them says so)').selectOption('video');
    await page.getByLabel('Where: the room, the https:// video link, or the phone number to call').fill('https://meet.example.edu/ben');
    await submitAndSee(page, 'Save availability', 'Availability saved');
    await expect(page.getByLabel('Monday').inputValue()).resolves.toBe('09:00-11:00, 14:00-16:00');
    await screenshot(page, 'mentor-availability');
    const profile = (await pipeline.call<{ timeZone: string; leave: unknown[] }>('mentor-matching', 'GET', `/v1/mentors/${OTHER_MENTOR.id}`, MBBS_COORDINATOR)).body;
    expect(profile).toMatchObject({
      timeZone: 'Europe/London',
      leave: [{ firstDay: '2030-04-01', lastDay: '2030-04-05' }],
      meetingMode: 'video',
      meetingPlace: 'https://meet.example.edu/ben',
    });
    expect(problems).toEqual([]);

    const response = await page.goto(`${pipeline.consoleUrl}/mentor/cases/${caseId}`);
    expect(response?.status()).toBe(403);
    await page.getByRole('heading', { name: 'This is not available to you' }).waitFor();
    await expect(page.locator('main').innerText()).resolves.not.toContain(STUDENT.displayName);
    await screenshot(page, 'mentor-other-mentors-case');
    await context.close();
  });

  it('lets the student pick a time from the link in their email, without an account', async () => {
    // The mentor booked one of the offered times already; the student prefers another.
    const bookedByMentor = Date.parse((await caseAsCoordinator()).confirmedSlot?.start ?? '');
    const slotOf = (link: string) => claimsOf(new URL(link).searchParams.get('token') as string).slotStart as string;
    const pickLink = (await linksIn(STUDENT.email, 'pick-slot')).find((link) => Date.parse(slotOf(link)) !== bookedByMentor) as string;
    const slotStart = slotOf(pickLink);
    const { context, page, problems } = await freshPage();

    await page.goto(pickLink);
    await page.getByRole('heading', { name: `Meeting ${MENTOR.displayName}` }).waitFor();
    await expect(page.locator('main').innerText()).resolves.not.toMatch(PUNITIVE);
    await screenshot(page, 'student-pick-slot');

    await submitAndSee(page, 'Book this time', 'You are booked in');
    await expect(page.locator('.confirmed-slot').isVisible()).resolves.toBe(true);
    await expect(page.locator('main').innerText()).resolves.not.toMatch(PUNITIVE);
    await screenshot(page, 'student-booked');
    expect(Date.parse((await caseAsCoordinator()).confirmedSlot?.start ?? '')).toBe(Date.parse(slotStart));
    await expect(page.getByRole('button', { name: 'Book this time' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Ask for another mentor' }).count()).resolves.toBe(0);

    // The link booked once: it cannot book again, nor do what other links are for.
    const pickToken = new URL(pickLink).searchParams.get('token') as string;
    const replayed = await page.request.post(`${pipeline.consoleUrl}/v1/links/slot`, { form: { token: pickToken, start: slotStart, end: slotStart } });
    expect(replayed.status()).toBe(409);
    const anotherMentor = await page.request.post(`${pipeline.consoleUrl}/v1/links/another-mentor`, { form: { token: pickToken } });
    expect(anotherMentor.status()).toBe(403);
    await expect(anotherMentor.text()).resolves.toContain('This link is for something else');
    const emailOff = await page.request.post(`${pipeline.consoleUrl}/v1/links/preferences`, { form: { token: pickToken, channel: 'inbox', emailOptOut: 'yes' } });
    expect(emailOff.status()).toBe(403);
    expect((await page.request.get(`${pipeline.consoleUrl}/v1/links/preferences?token=${pickToken}`)).status()).toBe(403);
    expect((await caseAsCoordinator()).status).toBe('active');
    expect((await pipeline.call<{ emailOptOut: boolean }>('notification', 'GET', `/v1/recipients/${STUDENT.id}/preferences`, 'ops')).body.emailOptOut).toBe(false);

    await page.goto(await linkIn(STUDENT.email, 'preferences'));
    await page.getByLabel('Only in my inbox').check();
    await submitAndSee(page, 'Save my choices', 'Your choices are saved');
    await expect(page.getByLabel('Only in my inbox').isChecked()).resolves.toBe(true);
    await screenshot(page, 'student-preferences');
    const preferences = await pipeline.call<{ channel: string }>('notification', 'GET', `/v1/recipients/${STUDENT.id}/preferences`, 'ops');
    expect(preferences.body.channel).toBe('inbox');

    // The student switches off every link they were sent; this one stops working too.
    const preferencesLink = page.url();
    await page.getByRole('button', { name: 'Switch off my links' }).click();
    await page.getByRole('heading', { name: 'Your links are switched off' }).waitFor();
    await screenshot(page, 'student-links-switched-off');
    expect(problems).toEqual([]);

    // Chromium reports every 4xx page load as a console error, so these come after the check above.
    const revoked = await page.goto(preferencesLink);
    expect(revoked?.status()).toBe(410);
    await page.getByRole('heading', { name: 'This link no longer works' }).waitFor();
    expect((await page.goto(pickLink))?.status()).toBe(410);
    await context.close();
  });

  it('explains kindly when a link was altered or has expired, and acts on neither', async () => {
    const genuine = new URL(await linkIn(STUDENT.email, 'pick-slot'));
    const token = genuine.searchParams.get('token') as string;
    const [payload, signature] = token.split('.');
    const forOtherStudent = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), claims: { ...claimsOf(token), recipientId: 'S-SOMEONE-ELSE' } })).toString('base64url');
    const { context, page } = await freshPage();

    const tampered = await page.goto(`${genuine.origin}/v1/links/pick-slot?token=${forOtherStudent}.${signature}`);
    expect(tampered?.status()).toBe(400);
    await page.getByRole('heading', { name: 'This link is not valid' }).waitFor();
    await screenshot(page, 'student-link-not-valid');

    const expired = await page.goto(`${genuine.origin}/v1/links/pick-slot?token=${expiredToken(claimsOf(token))}`);
    expect(expired?.status()).toBe(410);
    await page.getByRole('heading', { name: 'This link no longer works' }).waitFor();
    await expect(page.locator('main').innerText()).resolves.not.toMatch(PUNITIVE);
    await screenshot(page, 'student-link-expired');

    const forged = await page.request.post(`${genuine.origin}/v1/links/another-mentor`, { form: { token: expiredToken(claimsOf(token)) } });
    expect(forged.status()).toBe(410);
    expect((await caseAsCoordinator()).status).toBe('active');
    await context.close();
  });
});

function claimsOf(token: string): Record<string, unknown> {
  return (JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as { claims: Record<string, unknown> }).claims;
}

/**
 * A genuinely signed link that expired an hour ago. The format is notification's link token
 * (services/notification/src/links/domain/link-token.ts: base64url JSON `{ claims, exp, jti, gen }`,
 * a dot, base64url HMAC-SHA256 of the first part), reproduced here because a test may not import
 * another service's source.
 */
function expiredToken(claims: Record<string, unknown>): string {
  const encoded = Buffer.from(JSON.stringify({ claims, exp: Math.floor(Date.now() / 1000) - 3600, jti: 'expired-link', gen: 0 })).toString('base64url');
  return `${encoded}.${createHmac('sha256', DEV_LINK_SECRET).update(encoded).digest('base64url')}`;
}
