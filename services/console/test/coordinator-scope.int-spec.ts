import { lowSummatives, PATIENTLY, Pipeline, PipelineCaller, postGrades, waitUntil } from '@mentoring/testing';
import { ConsoleSession } from './console-session';

// A coordinator of MBBS, signed in to the real console in front of the real services, sees MBBS
// only: the policy list, the desk's waitlist and the cohort name MBBS alone, and MD's policy page,
// its preview and save forms, and MD's reassignment page are refused with a 403 page. The
// accounts CLI will not create a coordinator without programmes.
const PASSWORD = 'a long coordinator password';
const MBBS_STUDENT = 'scope-mbbs-1';
const MD_STUDENT = 'scope-md-1';
const OPS: PipelineCaller = { role: 'ops', subject: 'ops-e2e' };

interface WaitlistEntry {
  caseId: string;
  studentId: string;
  program: string;
}

describe('console: a coordinator works only their own programmes', () => {
  const pipeline = new Pipeline();
  let mbbs: ConsoleSession;
  let mdCase: WaitlistEntry;

  beforeAll(async () => {
    await pipeline.start(1);
    await pipeline.startConsole();
    await pipeline.addConsoleAccount({ username: 'coordinator-mbbs', displayName: 'Dr Mbbs', role: 'coordinator', programmes: ['MBBS'], password: PASSWORD });
    await waitlistOneStudentIn('MBBS', MBBS_STUDENT);
    await waitlistOneStudentIn('MD', MD_STUDENT);
    const waitlist = await waitUntil(
      'both students are waitlisted',
      async () => {
        const entries = (await pipeline.call<WaitlistEntry[]>('mentor-matching', 'GET', '/v1/coordinator/waitlist', OPS)).body;
        return entries.length === 2 ? entries : undefined;
      },
      PATIENTLY,
    );
    mdCase = waitlist.find((entry) => entry.program === 'MD') as WaitlistEntry;
    mbbs = new ConsoleSession(pipeline.consoleUrl);
    await mbbs.signIn('coordinator-mbbs', PASSWORD);
  }, 300_000);

  afterAll(async () => {
    await pipeline.stop();
  }, 120_000);

  /** A programme whose only mentor is inactive: its flagged student waits on the waitlist. */
  async function waitlistOneStudentIn(program: string, studentId: string): Promise<void> {
    const coordinator: PipelineCaller = { role: 'coordinator', subject: `coordinator-${program.toLowerCase()}`, programmes: [program] };
    const mentor = await pipeline.call('mentor-matching', 'POST', '/v1/mentors', coordinator, {
      mentorId: `scope-mentor-${program.toLowerCase()}`,
      displayName: `Dr Inactive ${program}`,
      programs: [program],
      maxOpenCases: 3,
      timeZone: 'Asia/Dubai',
      weeklyAvailability: [{ weekday: 1, start: '09:00', end: '17:00' }],
      active: false,
    });
    if (mentor.status !== 201) throw new Error(`adding ${program}'s mentor answered ${mentor.status}: ${JSON.stringify(mentor.body)}`);
    await postGrades(pipeline, lowSummatives(studentId).map((grade) => ({ ...grade, program })));
  }

  it('lists only the coordinator’s programmes among the policies', async () => {
    const list = await mbbs.page('/coordinator/policies');

    expect(list.status).toBe(200);
    expect([...list.html.matchAll(/href="\/coordinator\/policies\/([A-Z]+)"/g)].map((match) => match[1])).toEqual(['MBBS']);
    expect((await mbbs.page('/coordinator/policies/MBBS')).status).toBe(200);
  });

  it('refuses another programme’s policy page, typed into the address bar', async () => {
    const page = await mbbs.page('/coordinator/policies/MD');

    expect(page.status).toBe(403);
    expect(page.html).toContain('This is not available to you');
    expect(page.html).not.toContain('MD risk policy');
  });

  it('refuses another programme’s preview and save forms, and MD’s policy stays as it was', async () => {
    await mbbs.page('/coordinator/policies/MBBS');
    const before = (await pipeline.call<{ version: number }>('risk-scoring', 'GET', '/v1/policies/MD', OPS)).body;

    const preview = await mbbs.post('/coordinator/policies/MD/preview', { atRisk: '50', urgent: '40' });
    const save = await mbbs.post('/coordinator/policies/MD', { atRisk: '50', urgent: '40' });

    expect([preview.status, save.status]).toEqual([403, 403]);
    expect(save.html).toContain('This is not available to you');
    expect((await pipeline.call<{ version: number }>('risk-scoring', 'GET', '/v1/policies/MD', OPS)).body).toEqual(before);
  });

  it('shows only the coordinator’s programme on the desk’s waitlist and refuses another programme’s reassignment page', async () => {
    const desk = await mbbs.page('/coordinator');
    const reassign = await mbbs.page(`/coordinator/cases/${mdCase.caseId}/reassign`);

    expect(desk.status).toBe(200);
    expect(desk.html).toContain(MBBS_STUDENT);
    expect(desk.html).not.toContain(MD_STUDENT);
    expect(reassign.status).toBe(403);
    expect(reassign.html).not.toContain(MD_STUDENT);
    const posted = await mbbs.post(`/coordinator/cases/${mdCase.caseId}/reassign`, { mentorId: 'scope-mentor-mbbs', reason: 'mine now' });
    expect(posted.status).toBe(403);
  });

  it('shows the cohort of the coordinator’s programme only', async () => {
    const cohort = await mbbs.page('/coordinator/cohort');

    expect(cohort.status).toBe(200);
    expect(cohort.html).toMatch(/<h2[^>]*>MBBS<\/h2>/);
    expect(cohort.html).not.toMatch(/<h2[^>]*>MD<\/h2>/);
  });

  it('will not create a coordinator account without programmes', async () => {
    await expect(pipeline.addConsoleAccount({ username: 'coordinator-of-nothing', displayName: 'Nobody', role: 'coordinator', password: PASSWORD })).rejects.toThrow(
      /programmes must name the programmes a coordinator is responsible for/,
    );
  });
});
