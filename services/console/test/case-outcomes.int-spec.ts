import { lowSummatives, PATIENTLY, Pipeline, PipelineCaller, postGrades, waitUntil } from '@mentoring/testing';
import { parse } from 'csv-parse/sync';
import { ConsoleSession } from './console-session';

// A mentor closes a case from its page in the real console in front of the real services: the form
// shows a problem beside its field and keeps what was filled in (a referral without whom, checked
// by the console; "met" before any meeting and "unreachable" before enough recorded attempts to
// reach the student, refused by mentor-matching), then closes the case as referred. MBBS's coordinator then sees the case on the outcomes page and in its CSV; MD's
// coordinator sees nothing of it and is refused MBBS's figures by name; a mentor is refused the page.
const PASSWORD = 'a long outcomes password';
const MENTOR_ID = 'outcomes-mentor-mbbs';
const MENTOR_NAME = 'Dr Outcome Mbbs';
const STUDENT = 'outcomes-mbbs-1';
const AS_MENTOR: PipelineCaller = { role: 'mentor', subject: MENTOR_ID };
const DAY_MS = 86_400_000;

interface CaseloadEntry {
  caseId: string;
  status: string;
  outcome: string | null;
}

describe('console: closing a case with its outcome, and the coordinator’s outcomes page', () => {
  const pipeline = new Pipeline();
  let mentor: ConsoleSession;
  let caseId: string;

  beforeAll(async () => {
    await pipeline.start(1);
    await pipeline.startConsole();
    await Promise.all([
      pipeline.addConsoleAccount({ username: 'outcomes-mentor', displayName: MENTOR_NAME, role: 'mentor', subject: MENTOR_ID, password: PASSWORD }),
      pipeline.addConsoleAccount({ username: 'outcomes-coordinator-mbbs', displayName: 'Dr Mbbs', role: 'coordinator', programmes: ['MBBS'], password: PASSWORD }),
      pipeline.addConsoleAccount({ username: 'outcomes-coordinator-md', displayName: 'Dr Md', role: 'coordinator', programmes: ['MD'], password: PASSWORD }),
    ]);
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
    await postGrades(pipeline, lowSummatives(STUDENT));
    caseId = await waitUntil('the student’s case is matched to the mentor', async () => (await caseload())[0]?.caseId, PATIENTLY);
    mentor = new ConsoleSession(pipeline.consoleUrl);
    await mentor.signIn('outcomes-mentor', PASSWORD);
    await mentor.page(`/mentor/cases/${caseId}`);
    const accepted = await mentor.post(`/mentor/cases/${caseId}/accept`, {});
    if (accepted.status !== 303) throw new Error(`accepting answered ${accepted.status}`);
  }, 600_000);

  afterAll(async () => {
    await pipeline.stop();
  }, 120_000);

  async function caseload(): Promise<CaseloadEntry[]> {
    const reply = await pipeline.call<CaseloadEntry[]>('mentor-matching', 'GET', `/v1/mentors/${MENTOR_ID}/cases?includeClosed=true`, AS_MENTOR);
    if (reply.status !== 200) throw new Error(`the caseload answered ${reply.status}`);
    return reply.body;
  }

  async function signedIn(username: string): Promise<ConsoleSession> {
    const session = new ConsoleSession(pipeline.consoleUrl);
    await session.signIn(username, PASSWORD);
    return session;
  }

  it('shows the close form on the case page with a labelled control for each outcome', async () => {
    const page = await mentor.page(`/mentor/cases/${caseId}`);

    expect(page.status).toBe(200);
    expect(page.html).toContain('id="close-form"');
    expect([...page.html.matchAll(/id="close-outcome-([a-z-]+)" name="outcome"/g)].map((match) => match[1])).toEqual(['met', 'improved', 'referred', 'declined-by-student', 'unreachable']);
    expect(page.html).toContain('<label for="close-referred-to">');
  });

  it('asks to whom the student was referred, keeping the choice, and closes nothing', async () => {
    await mentor.page(`/mentor/cases/${caseId}`);
    const refused = await mentor.post(`/mentor/cases/${caseId}/close`, { outcome: 'referred', referredTo: '  ', reason: 'see note' });

    expect(refused.status).toBe(400);
    expect(refused.html).toMatch(/id="close-referred-to-problem"[^>]*>Please say to whom you referred the student\./);
    expect(refused.html).toMatch(/id="close-outcome-referred" name="outcome" value="referred"[^>]*checked/);
    expect(refused.html).toContain('see note</textarea>');
    expect((await caseload())[0]).toMatchObject({ status: 'active', outcome: null });
  });

  it('shows mentor-matching’s refusal beside the outcome: "met" needs a meeting that took place', async () => {
    await mentor.page(`/mentor/cases/${caseId}`);
    const refused = await mentor.post(`/mentor/cases/${caseId}/close`, { outcome: 'met' });

    expect(refused.status).toBe(400);
    expect(refused.html).toMatch(/id="close-outcome-problem"[^>]*>A case closes as met only after an attended meeting/);
    expect(refused.html).toMatch(/id="close-outcome-met" name="outcome" value="met"[^>]*checked/);
    expect((await caseload())[0]).toMatchObject({ status: 'active', outcome: null });
  });

  it('records an attempt to reach the student in the case history', async () => {
    await mentor.page(`/mentor/cases/${caseId}`);
    const recorded = await mentor.post(`/mentor/cases/${caseId}/contact-attempts`, { note: 'Called, no answer' });

    expect(recorded.status).toBe(303);
    const page = await mentor.page(`/mentor/cases/${caseId}`);
    expect(page.html).toContain('Attempt recorded.');
    expect(page.html).toContain('Tried to reach the student: Called, no answer');
  });

  it('shows why "unreachable" is refused before enough attempts, beside the outcome', async () => {
    await mentor.page(`/mentor/cases/${caseId}`);
    const refused = await mentor.post(`/mentor/cases/${caseId}/close`, { outcome: 'unreachable' });

    expect(refused.status).toBe(400);
    expect(refused.html).toMatch(/id="close-outcome-problem"[^>]*>A case closes as unreachable only after \d+ unanswered attempts to reach the student \(\d+ so far\)/);
    expect((await caseload())[0]).toMatchObject({ status: 'active', outcome: null });
  });

  it('closes the case as referred and goes back to the caseload', async () => {
    await mentor.page(`/mentor/cases/${caseId}`);
    const closed = await mentor.post(`/mentor/cases/${caseId}/close`, { outcome: 'referred', referredTo: 'Student counselling service' });

    expect(closed.status).toBe(303);
    expect((await caseload())[0]).toMatchObject({ status: 'closed', outcome: 'referred' });
    expect((await mentor.page('/mentor')).html).toContain('Case closed.');
    const page = await mentor.page(`/mentor/cases/${caseId}`);
    expect(page.html).toContain('Case closed: Referred to Student counselling service');
    expect(page.html).not.toContain('id="close-form"');
  });

  it('shows MBBS’s coordinator the case’s timings per programme and per mentor, and the same figures as CSV', async () => {
    pipeline.advanceClock(15 * DAY_MS);
    const coordinator = await signedIn('outcomes-coordinator-mbbs');

    const page = await coordinator.page('/coordinator/outcomes');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<a href="/coordinator/outcomes">Outcomes</a>');
    const mentorRow = /<table[^>]*id="outcomes-by-mentor"[\s\S]*?<\/table>/.exec(page.html)?.[0] ?? '';
    const cells = [...mentorRow.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((match) => match[1]).slice(9);
    expect(cells.slice(0, 2)).toEqual([MENTOR_NAME, '1']);
    expect(cells[2]).toMatch(/^median [\d.]+ (h|days), p90 [\d.]+ (h|days) \(1 case\)$/);
    expect(cells.slice(3, 8)).toEqual(['—', '0 of 1 (0%)', '0 of 1 (0%)', '—', '1: referred 1']);
    expect(cells[8]).toBe('referred 1');
    expect(page.html).toMatch(/<th scope="row">MBBS<\/th><td>1<\/td>/);

    const csv = await coordinator.download('/coordinator/outcomes.csv?program=MBBS');
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.disposition).toMatch(/^attachment; filename="outcomes-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows: Array<Record<string, string>> = parse(csv.text, { columns: true });
    expect(rows.map((row) => [row.group, row.programme, row.mentor_name, row.cases_flagged, row.outcome_referred, row.ended_early_cases])).toEqual([
      ['all', '', '', '1', '1', '1'],
      ['programme', 'MBBS', '', '1', '1', '1'],
      ['mentor', '', MENTOR_NAME, '1', '1', '1'],
    ]);
  });

  it('shows MD’s coordinator nothing of MBBS, refuses MBBS’s figures by name, and refuses a mentor the page', async () => {
    const md = await signedIn('outcomes-coordinator-md');

    const page = await md.page('/coordinator/outcomes');
    const csv = await md.download('/coordinator/outcomes.csv');
    const named = await md.page('/coordinator/outcomes?program=MBBS');
    const namedCsv = await md.download('/coordinator/outcomes.csv?program=MBBS');

    expect(page.status).toBe(200);
    expect(page.html).not.toContain(MENTOR_NAME);
    expect(page.html).not.toMatch(/<th scope="row">MBBS<\/th>/);
    expect(page.html).toContain('No mentor has a case here yet.');
    expect(csv.status).toBe(200);
    expect(parse(csv.text, { columns: true })).toEqual([expect.objectContaining({ group: 'all', cases_flagged: '0' })]);
    expect([named.status, namedCsv.status]).toEqual([403, 403]);
    expect(named.html).not.toContain(MENTOR_NAME);
    expect((await mentor.page('/coordinator/outcomes')).status).toBe(403);
  });
});
