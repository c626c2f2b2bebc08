import {
  EVERY_DAY,
  launchBrowser,
  lowSummatives,
  PATIENTLY,
  Pipeline,
  PipelineCaller,
  postGrades,
  screenshot,
  waitUntil,
  watchPageErrors,
} from '@mentoring/testing';
import { Browser, Page } from 'playwright-core';

// Coordinators and ops in a real browser against the whole platform. A student of a programme
// whose only mentor is inactive is waitlisted; the escalation to the programme's coordinator
// dead-letters in notification because no coordinator is registered yet. Ops sees the dead letter,
// the coordinator is registered (the fix), ops replays it and notification handles it; then the
// coordinator finds the escalation and the waitlist, previews and saves a policy, reads the cohort
// and its weekly flag trend.
const PROGRAM = 'HDPCS';
const COORDINATOR = 'coordinator-hdpcs';
const OPS = 'ops.kim';
const TRACE_UI = 'http://traces.example.test/trace/{traceId}';
const PASSWORD = 'a long console password';
const STUDENT = 'hd-student-1';
const MENTOR = 'hd-mentor-1';
// HDPCS's coordinator as the services know them: their token names their programme.
const AS_COORDINATOR = { role: 'coordinator', subject: COORDINATOR, programmes: [PROGRAM] } satisfies PipelineCaller;

interface DeadLetter {
  id: string;
  status: string;
  reason: string;
}

describe('console pages for coordinators and ops', () => {
  const pipeline = new Pipeline();
  let browser: Browser;

  beforeAll(async () => {
    await pipeline.start(1);
    await pipeline.startConsole({ TRACE_URL_TEMPLATE: TRACE_UI });
    await pipeline.addConsoleAccount({ username: OPS, displayName: 'Kim (ops)', role: 'ops', password: PASSWORD });
    await pipeline.addConsoleAccount({ username: COORDINATOR, displayName: 'Dr Hale', role: 'coordinator', programmes: [PROGRAM], password: PASSWORD });
    browser = await launchBrowser();
    await waitlistAStudent();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await pipeline.stop();
  }, 120_000);

  async function waitlistAStudent(): Promise<void> {
    await expectOk(
      pipeline.call('mentor-matching', 'POST', '/v1/mentors', AS_COORDINATOR, {
        mentorId: MENTOR,
        displayName: 'Dr Inactive',
        email: 'inactive@faculty.example.edu',
        programs: [PROGRAM],
        maxOpenCases: 3,
        timeZone: 'Asia/Dubai',
        weeklyAvailability: EVERY_DAY,
        active: false,
      }),
    );
    await expectOk(
      pipeline.call('mentor-matching', 'PUT', `/v1/students/${STUDENT}`, AS_COORDINATOR, {
        displayName: 'Student HD',
        email: 'hd-student-1@students.example.edu',
        program: PROGRAM,
        yearOfStudy: 1,
        timeZone: 'Asia/Dubai',
        preferredTimes: EVERY_DAY,
      }),
    );
    await postGrades(pipeline, lowSummatives(STUDENT).map((grade) => ({ ...grade, program: PROGRAM, yearOfStudy: 1 })));
  }

  async function notificationDeadLetters(): Promise<DeadLetter[]> {
    return (await pipeline.call<{ items: DeadLetter[] }>('notification', 'GET', '/v1/ops/dead-letters', 'ops')).body.items;
  }

  async function signIn(username: string): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto(`${pipeline.consoleUrl}/sign-in`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState();
    return { page, errors };
  }

  it('shows ops every service ready and lets them replay a dead letter once its cause is fixed', async () => {
    const deadLetter = await waitUntil(
      'the escalation without a coordinator is dead-lettered',
      async () => (await notificationDeadLetters()).find((letter) => letter.reason === 'no-coordinator'),
      PATIENTLY,
    );
    const { page, errors } = await signIn(OPS);

    expect(new URL(page.url()).pathname).toBe('/ops');
    for (const service of ['grade-ingest', 'risk-scoring', 'mentor-matching', 'notification']) {
      await expect(page.locator(`tr[data-service="${service}"] .badge`).textContent()).resolves.toBe('ready');
    }
    await expect(page.getByRole('heading', { name: 'Consumer lag' }).isVisible()).resolves.toBe(true);
    // The promises beside the plumbing: each SLO's figure against its target.
    const slos = page.locator('table[data-panel="slo"]');
    await expect(slos.locator('tr[data-slo="oldest-waitlisted-case"] td').first().textContent()).resolves.toMatch(/\d+ (s|min|h|days)/);
    await expect(slos.locator('tr[data-slo="offers-answered-within-sla"] td').nth(1).textContent()).resolves.toBe('at least 90%');
    await expect(slos.locator('tr[data-slo="dead-letters"] .badge').textContent()).resolves.toBe('missed');
    await screenshot(page, 'ops-pipeline');

    await page.getByRole('link', { name: 'Dead letters' }).first().click();
    const row = page.locator(`tr[data-dead-letter="${deadLetter.id}"]`);
    await expect(row.textContent()).resolves.toMatch(/no-coordinator[\s\S]*No coordinator/);
    // The dead letter links to the trace of the event that failed.
    await expect(row.getByRole('link', { name: `Trace of dead letter ${deadLetter.id}` }).getAttribute('href')).resolves.toMatch(/^http:\/\/traces\.example\.test\/trace\/[0-9a-f]{32}$/);
    await screenshot(page, 'ops-dead-letters');

    // The fix: the programme gets its coordinator, so the escalation now has someone to reach.
    await expectOk(pipeline.call('notification', 'PUT', `/v1/recipients/${COORDINATOR}`, 'ops', { displayName: 'Dr Hale', email: 'hale@example.edu', timeZone: 'Asia/Dubai', programmes: [PROGRAM] }));
    await row.getByRole('button', { name: 'Replay' }).click();
    await page.waitForLoadState();

    await expect(page.getByRole('status').textContent()).resolves.toContain('the consumer handled it');
    await expect(row.locator('.badge').textContent()).resolves.toBe('replayed');
    await screenshot(page, 'ops-dead-letter-replayed');
    expect((await notificationDeadLetters()).find((letter) => letter.id === deadLetter.id)?.status).toBe('replayed');
    const inbox = await pipeline.call<{ items: Array<{ template: string }> }>('notification', 'GET', `/v1/recipients/${COORDINATOR}/inbox`, 'ops');
    expect(inbox.body.items.map((item) => item.template)).toContain('coordinator-escalation-no-eligible-mentor');
    expect(errors).toEqual([]);
  });

  it('shows a coordinator the escalation and the waitlist, previews and saves a policy, and shows the cohort', async () => {
    const { page, errors } = await signIn(COORDINATOR);

    expect(new URL(page.url()).pathname).toBe('/coordinator');
    const waiting = page.locator('tr[data-case]', { hasText: STUDENT });
    await expect(waiting.textContent()).resolves.toMatch(/Dr Inactive:\s*Inactive/);
    await expect(page.locator('tr[data-message]').count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'coordinator-desk');

    const escalation = page.locator('tr[data-message]').first();
    const messageId = await escalation.getAttribute('data-message');
    await escalation.getByRole('button', { name: /Mark as handled/ }).click();
    await page.getByRole('status').filter({ hasText: 'Escalation marked as handled' }).waitFor();
    const inbox = await pipeline.call<{ items: { messageId: string; readAt: string | null }[] }>('notification', 'GET', `/v1/recipients/${COORDINATOR}/inbox`, 'ops');
    expect(inbox.body.items.find((item) => item.messageId === messageId)?.readAt).not.toBeNull();

    await waiting.getByRole('link', { name: 'Choose a mentor' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain(`No mentor of ${PROGRAM} can take this case now`);
    await screenshot(page, 'coordinator-reassign');

    await page.getByRole('link', { name: 'Programme policies' }).click();
    await page.getByRole('link', { name: PROGRAM }).click();
    await page.getByLabel('At risk below').fill('50');
    await page.getByLabel('Urgent below').fill('40');
    await page.getByRole('button', { name: 'Preview the change' }).click();

    const proposal = { ...(await currentPolicy()), thresholds: { watch: null, atRisk: 50, urgent: 40 } };
    const expected = await pipeline.call<{ studentsAssessed: number; wouldChange: number }>('risk-scoring', 'POST', `/v1/policies/${PROGRAM}/preview`, AS_COORDINATOR, proposal);
    await expect(page.locator('#preview-summary').textContent()).resolves.toBe(`${expected.body.wouldChange} of ${expected.body.studentsAssessed} students' standings would change.`);
    expect(expected.body.studentsAssessed).toBe(1);
    await screenshot(page, 'coordinator-policy-preview');

    await page.getByRole('button', { name: /Save and re-score/ }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('Policy saved as version 2');
    expect(await currentPolicy()).toMatchObject({ version: 2, thresholds: { atRisk: 50, urgent: 40 } });
    await screenshot(page, 'coordinator-policy-saved');

    await page.getByRole('link', { name: 'Cohort' }).click();
    await expect(page.getByRole('heading', { name: PROGRAM }).isVisible()).resolves.toBe(true);
    // Eight weeks by default, the current one last; the waitlisted student was flagged this week.
    const trend = page.getByRole('table', { name: `${PROGRAM}: flagged and back to ok by week` });
    await expect(trend.locator('tbody tr').count()).resolves.toBe(8);
    const thisWeek = trend.locator('tbody tr').last();
    await expect(thisWeek.getByRole('rowheader').textContent()).resolves.toMatch(/^Week \d+, from .+ \(so far\)$/);
    await expect(thisWeek.getByRole('cell').first().textContent()).resolves.toBe('1');
    await screenshot(page, 'coordinator-cohort');
    expect(errors).toEqual([]);

    const forbidden = await page.goto(`${pipeline.consoleUrl}/ops`);
    expect(forbidden?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('This is not available to you');
    await screenshot(page, 'coordinator-forbidden-ops');

    // Another programme's policy, typed into the address bar, is refused too.
    await page.goto(`${pipeline.consoleUrl}/coordinator/policies`);
    await expect(page.getByRole('main').getByRole('link').allTextContents()).resolves.toEqual([PROGRAM]);
    const otherProgramme = await page.goto(`${pipeline.consoleUrl}/coordinator/policies/MBBS`);
    expect(otherProgramme?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('This is not available to you');
    // The browser reports the refused pages themselves, and nothing else.
    expect(errors).toEqual([expect.stringContaining('status of 403 (Forbidden)'), expect.stringContaining('status of 403 (Forbidden)')]);
  });

  /** The policy in force, as GET answers it (a body PUT and preview accept as is). */
  async function currentPolicy(): Promise<Record<string, unknown>> {
    return (await pipeline.call<Record<string, unknown>>('risk-scoring', 'GET', `/v1/policies/${PROGRAM}`, AS_COORDINATOR)).body;
  }
});

async function expectOk(call: Promise<{ status: number; body: unknown }>): Promise<void> {
  const { status, body } = await call;
  if (status >= 300) throw new Error(`answered ${status}: ${JSON.stringify(body)}`);
}
