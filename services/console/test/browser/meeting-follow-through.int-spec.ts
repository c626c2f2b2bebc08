import { TOPICS } from '@mentoring/contracts';
import {
  CaughtMail,
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
import type { Browser, BrowserContext, Page } from 'playwright-core';

// One case followed from the email that catches it to its outcome, on every process's development
// clock (Pipeline.advanceClock): the mentor accepts a day and more after the match, so the times
// chosen at the match may be past; the student books one of the times shown as fresh; the clock
// moves to a day and to an hour before the meeting, and both reminders reach student and mentor;
// after the meeting the mentor logs it, the next meeting is proposed to the student, the mentor
// closes the case with its outcome, and the coordinator's outcomes page shows how quickly it went.

const PASSWORD = 'a long follow-through password';
const MENTOR = { id: 'M-FOLLOW-1', displayName: 'Dr Lena Fischer', email: 'lena.fischer@faculty.example.edu' };
const STUDENT = { id: 'S-FOLLOW-1', displayName: 'Tomás Ibarra', email: 'tomas.ibarra@students.example.edu' };
const MBBS_COORDINATOR: PipelineCaller = { role: 'coordinator', subject: 'coordinator-mbbs-e2e', programmes: ['MBBS'] };
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// Words a student page or message must never use (DESIGN.md section 5).
const PUNITIVE = /\b(fail|failing|poor|weak|at-risk|at risk|probation|warning|underperform\w*|score)\b/i;

interface Slot {
  start: string;
  end: string;
}

interface CaseView {
  status: string;
  outcome: string | null;
  confirmedSlot: Slot | null;
  timeline: { flaggedAt: string; firstMeetingAt: string | null };
}

describe('a case followed through in a real browser, with the clock moved', () => {
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
    await pipeline.addConsoleAccount({ username: 'lena', displayName: MENTOR.displayName, role: 'mentor', subject: MENTOR.id, password: PASSWORD });
    await pipeline.addConsoleAccount({ username: 'dalia', displayName: 'Dalia Haddad', role: 'coordinator', subject: MBBS_COORDINATOR.subject, programmes: ['MBBS'], password: PASSWORD });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await recorder?.stop();
    await pipeline.stop();
  });

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

  /** Emails to `recipient` whose subject matches, once there are at least `count` of them. */
  async function mailTo(recipient: string, subject: RegExp, count = 1): Promise<CaughtMail[]> {
    return waitUntil(
      `${count} email(s) to ${recipient} with a subject like ${subject}`,
      async () => {
        const found = (await pipeline.mail()).filter((message) => message.envelope.to.includes(recipient) && subject.test(message.subject));
        return found.length >= count && found;
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
  }

  function linksOf(mail: CaughtMail, action: string): string[] {
    return mail.text.match(new RegExp(`https?://[^\\s"<>]+/v1/links/${action}\\?token=[\\w.-]+`, 'g')) ?? [];
  }

  function caseEvent(kind: string): Promise<Record<string, unknown>> {
    return waitUntil(`case-${kind} is published`, () =>
      recorder.received.find((envelope) => envelope.type === `mentoring.case-${kind}.v1` && envelope.data.caseId === caseId)?.data,
    );
  }

  async function caseAsCoordinator(): Promise<CaseView> {
    return (await pipeline.call<CaseView>('mentor-matching', 'GET', `/v1/cases/${caseId}`, MBBS_COORDINATOR)).body;
  }

  /** Moves every process's clock to `instant` (never back). */
  function moveClockTo(instant: number): void {
    pipeline.advanceClock(Math.max(0, Math.ceil(instant - pipeline.now().getTime())));
  }

  it('takes the case from the caught email through a fresh booking, both reminders, the logged meeting and the next proposal to its outcome and the coordinator\'s timings', async () => {
    // The mentor answers 30 hours after the match: the times picked at the match (a day ahead or more) may be gone by now.
    const acceptLink = (await mailTo(MENTOR.email, /./)).flatMap((mail) => linksOf(mail, 'accept-case'))[0];
    expect(acceptLink).toBeDefined();
    pipeline.advanceClock(30 * HOUR);
    const mentor = await freshPage();
    await mentor.page.goto(acceptLink);
    await signIn(mentor.page, 'lena');
    await mentor.page.waitForURL(`**/mentor/cases/${caseId}#respond`);
    await submitAndSee(mentor.page, 'Accept the case', 'Case accepted');
    expect(await caseEvent('accepted')).toMatchObject({ mentor: expect.objectContaining({ id: MENTOR.id }) });

    // The introduction offers times computed when it is sent: all ahead of the moved clock.
    const introduction = (await mailTo(STUDENT.email, new RegExp(`${MENTOR.displayName} would like to meet you`)))[0];
    expect(introduction.text).not.toMatch(PUNITIVE);
    const offered = linksOf(introduction, 'pick-slot').map((link) => ({ link, start: Date.parse(slotStartOf(link)) }));
    expect(offered.length).toBeGreaterThan(0);
    const acceptedAt = pipeline.now().getTime();
    for (const slot of offered) expect(slot.start).toBeGreaterThan(acceptedAt);
    // A meeting more than a day ahead, so both reminders are still to come.
    const chosen = offered.filter((slot) => slot.start > acceptedAt + 25 * HOUR).sort((a, b) => a.start - b.start)[0];
    expect(chosen).toBeDefined();

    const student = await freshPage();
    await student.page.goto(chosen.link);
    await student.page.getByRole('heading', { name: `Meeting ${MENTOR.displayName}` }).waitFor();
    const shown = await student.page.locator('form[action="/v1/links/slot"] input[name="start"]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect(shown.length).toBeGreaterThan(0);
    for (const start of shown) expect(Date.parse(start)).toBeGreaterThan(pipeline.now().getTime());
    await expect(student.page.locator('main').innerText()).resolves.not.toMatch(PUNITIVE);
    await screenshot(student.page, 'follow-through-student-fresh-slots');
    const chosenForm = shown.findIndex((start) => Date.parse(start) === chosen.start);
    expect(chosenForm).toBeGreaterThanOrEqual(0);
    await student.page.locator('form[action="/v1/links/slot"]').nth(chosenForm).getByRole('button', { name: /Book this time/ }).click();
    await student.page.getByRole('status').filter({ hasText: 'You are booked in' }).waitFor();
    const meeting = (await caseAsCoordinator()).confirmedSlot as Slot;
    expect(Date.parse(meeting.start)).toBe(chosen.start);
    expect(student.problems).toEqual([]);
    await student.context.close();

    // A day before, and an hour before: each reminder reaches the student and the mentor once.
    const studentReminder = new RegExp(`reminder: your chat with ${MENTOR.displayName}`);
    const mentorReminder = new RegExp(`Coming up: your meeting with ${STUDENT.displayName}`);
    moveClockTo(Date.parse(meeting.start) - 24 * HOUR + 5 * MINUTE);
    await mailTo(STUDENT.email, studentReminder, 1);
    await mailTo(MENTOR.email, mentorReminder, 1);
    moveClockTo(Date.parse(meeting.start) - HOUR + 5 * MINUTE);
    const [dayBefore, hourBefore] = await mailTo(STUDENT.email, studentReminder, 2);
    await mailTo(MENTOR.email, mentorReminder, 2);
    expect(dayBefore.text).not.toMatch(PUNITIVE);
    expect(hourBefore.text).not.toMatch(PUNITIVE);
    const reminders = recorder.received.filter((envelope) => envelope.type === 'mentoring.case-meeting-reminder-due.v1' && envelope.data.caseId === caseId);
    expect(reminders).toHaveLength(2);

    // After the meeting the mentor logs it from the case page; the next meeting is proposed to the student.
    moveClockTo(Date.parse(meeting.end) + 30 * MINUTE);
    await mentor.page.goto(`${pipeline.consoleUrl}/mentor/cases/${caseId}`);
    await mentor.page.getByLabel('Private notes (only you and coordinators see them)').fill('A good first talk; we planned how to revise anatomy.');
    await submitAndSee(mentor.page, 'Log session', 'Session logged');
    expect(await caseEvent('session-logged')).toMatchObject({ session: expect.objectContaining({ outcome: 'attended' }) });
    expect(await caseEvent('slots-proposed')).toBeDefined();
    const proposal = (await mailTo(STUDENT.email, new RegExp(`Times for your next chat with ${MENTOR.displayName}`)))[0];
    expect(proposal.text).not.toMatch(PUNITIVE);
    for (const link of linksOf(proposal, 'pick-slot')) expect(Date.parse(slotStartOf(link))).toBeGreaterThan(pipeline.now().getTime());

    // The mentor closes the case with its outcome; the coordinator is told.
    await mentor.page.getByLabel('We met and the goals are met').check();
    await submitAndSee(mentor.page, 'Close the case', 'Case closed');
    await screenshot(mentor.page, 'follow-through-mentor-closed');
    expect(await caseAsCoordinator()).toMatchObject({ status: 'closed', outcome: 'met' });
    expect(mentor.problems).toEqual([]);
    await mentor.context.close();

    // The coordinator's outcomes page shows the case's timings: met within 7 and within 14 days.
    const flaggedAt = Date.parse((await caseAsCoordinator()).timeline.flaggedAt);
    moveClockTo(flaggedAt + 14 * 24 * HOUR + HOUR);
    const coordinator = await freshPage();
    await coordinator.page.goto(`${pipeline.consoleUrl}/coordinator/outcomes`);
    await signIn(coordinator.page, 'dalia');
    await coordinator.page.waitForURL('**/coordinator/outcomes**');
    const row = coordinator.page.locator('#outcomes-by-mentor tbody tr').filter({ hasText: MENTOR.displayName });
    const cells = await row.locator('th, td').allInnerTexts();
    expect(cells.slice(0, 2)).toEqual([MENTOR.displayName, '1']);
    expect(cells[2]).toMatch(/^median \d+(\.\d)? h, p90 .* \(1 case\)$/); // flag to first contact: the mentor accepting
    expect(cells[3]).toMatch(/^median \d+(\.\d)? (h|days), p90 .* \(1 case\)$/); // flag to first meeting
    expect(cells.slice(4, 6)).toEqual(['1 of 1 (100%)', '1 of 1 (100%)']); // met within 7 and within 14 days
    expect(cells[8]).toBe('met 1');
    const csv = await coordinator.page.request.get(`${pipeline.consoleUrl}${await coordinator.page.locator('#outcomes-csv').getAttribute('href')}`);
    expect(csv.status()).toBe(200);
    await expect(csv.text()).resolves.toContain(MENTOR.displayName);
    await screenshot(coordinator.page, 'follow-through-coordinator-outcomes');
    expect(coordinator.problems).toEqual([]);
    await coordinator.context.close();
  });
});

/** The time a pick-slot link books (its token's `slotStart` claim). */
function slotStartOf(link: string): string {
  const token = new URL(link).searchParams.get('token') as string;
  return (JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as { claims: { slotStart: string } }).claims.slotStart;
}
