import { CaseEventLog, coordinatorBearer, http, MatchingService, mentorBody, MONDAY_MORNING, MovableClock, riskEvent, RiskFeed, startMatching } from './support';

// The outcomes report over real cases moved through time by the test's clock: three students are
// flagged on Monday morning; two MBBS students are reached after 2 and 4 hours and meet their
// mentor on day 3 and day 10; the MD student is reached after 4 hours and declines before any
// meeting. On day 40 every share and rate counts all three. MBBS's coordinator sees MBBS only.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const afterFlag = (ms: number) => new Date(MONDAY_MORNING.getTime() + ms);

describe('mentor-matching: the outcomes report', () => {
  const clock = new MovableClock(MONDAY_MORNING);
  let service: MatchingService;
  let feed: RiskFeed;
  let log: CaseEventLog;
  const caseIds = new Map<string, string>();

  const moveTo = (ms: number) => clock.advanceHours((afterFlag(ms).getTime() - clock.now().getTime()) / HOUR);

  beforeAll(async () => {
    service = await startMatching({ clock });
    feed = await RiskFeed.open(service.namespace);
    log = await CaseEventLog.open(service.namespace);
    const both = await coordinatorBearer(service, ['MBBS', 'MD']);
    await http(service).post('/v1/mentors').set('authorization', both).send(mentorBody('OR-MBBS')).expect(201);
    await http(service).post('/v1/mentors').set('authorization', both).send(mentorBody('OR-MD', { programs: ['MD'] })).expect(201);

    await feed.send(riskEvent('OR-1'), riskEvent('OR-2'), riskEvent('OR-3', { program: 'MD' }));
    for (const student of ['OR-1', 'OR-2', 'OR-3']) caseIds.set(student, (await log.waitFor('matched', student)).data.caseId);

    const mbbsMentor = await service.bearer('mentor', 'OR-MBBS');
    const mdMentor = await service.bearer('mentor', 'OR-MD');
    const act = (mentor: string, student: string, action: string, body: object = {}) =>
      http(service).post(`/v1/cases/${caseIds.get(student)}/${action}`).set('authorization', mentor).send(body).expect(200);

    moveTo(2 * HOUR);
    await act(mbbsMentor, 'OR-1', 'accept');
    moveTo(4 * HOUR);
    await act(mbbsMentor, 'OR-2', 'accept');
    await act(mdMentor, 'OR-3', 'accept');
    moveTo(3 * DAY + HOUR);
    await act(mbbsMentor, 'OR-1', 'sessions', { outcome: 'attended', occurredAt: afterFlag(3 * DAY).toISOString() });
    moveTo(5 * DAY);
    await act(mdMentor, 'OR-3', 'close', { outcome: 'declined-by-student', reason: 'prefers to work alone' });
    moveTo(10 * DAY + HOUR);
    await act(mbbsMentor, 'OR-2', 'sessions', { outcome: 'attended', occurredAt: afterFlag(10 * DAY).toISOString() });
    moveTo(20 * DAY);
    await act(mbbsMentor, 'OR-1', 'close', { outcome: 'met' });
    moveTo(40 * DAY);
  });

  afterAll(async () => {
    await log?.close();
    await feed?.close();
    await service?.close();
  });

  it('gives ops the timings, the shares met within 7 and 14 days, loop closure, outcomes and early endings', async () => {
    const report = await http(service).get('/v1/reports/outcomes').set('authorization', await service.bearer('ops')).expect(200);

    expect(report.body.asOf).toBe(afterFlag(40 * DAY).toISOString());
    expect(report.body.total).toEqual({
      casesFlagged: 3,
      flagToFirstContact: { count: 3, medianHours: 4, p90Hours: 4 },
      flagToFirstMeeting: { count: 2, medianHours: 72, p90Hours: 240 },
      metWithin7Days: { days: 7, cases: 3, met: 1, share: 1 / 3 },
      metWithin14Days: { days: 14, cases: 3, met: 2, share: 2 / 3 },
      loopClosure: { afterDays: 30, cases: 3, closed: 2, rate: 2 / 3 },
      outcomes: { met: 1, improved: 0, referred: 0, 'declined-by-student': 1, unreachable: 0 },
      endedEarly: { cases: 1, outcomes: { met: 0, improved: 0, referred: 0, 'declined-by-student': 1, unreachable: 0 } },
    });
    expect(report.body.programmes.map((row: { program: string; casesFlagged: number }) => [row.program, row.casesFlagged])).toEqual([
      ['MBBS', 2],
      ['MD', 1],
    ]);
    expect(report.body.mentors.map((row: { mentorId: string; displayName: string; metWithin7Days: { met: number } }) => [row.mentorId, row.displayName, row.metWithin7Days.met])).toEqual([
      ['OR-MBBS', 'Dr OR-MBBS', 1],
      ['OR-MD', 'Dr OR-MD', 0],
    ]);
  });

  it('counts loop closure from the age the caller asks for, and filters by mentor', async () => {
    const ops = await service.bearer('ops');
    const recent = await http(service).get('/v1/reports/outcomes').query({ closureAfterDays: 45 }).set('authorization', ops).expect(200);
    const oneMentor = await http(service).get('/v1/reports/outcomes').query({ mentorId: 'OR-MD' }).set('authorization', ops).expect(200);

    expect(recent.body.total.loopClosure).toEqual({ afterDays: 45, cases: 0, closed: 0, rate: null });
    expect(oneMentor.body.total).toMatchObject({ casesFlagged: 1, endedEarly: { cases: 1 } });
    expect(oneMentor.body.mentors.map((row: { mentorId: string }) => row.mentorId)).toEqual(['OR-MD']);
    const refused = await http(service).get('/v1/reports/outcomes').query({ closureAfterDays: 0 }).set('authorization', ops).expect(400);
    expect(refused.body.problems.map((problem: { field: string }) => problem.field)).toEqual(['closureAfterDays']);
  });

  it('shows a coordinator their programmes only, and refuses another programme by name', async () => {
    const mbbs = await coordinatorBearer(service, ['MBBS'], 'coordinator-mbbs');

    const own = await http(service).get('/v1/reports/outcomes').set('authorization', mbbs).expect(200);
    const otherMentor = await http(service).get('/v1/reports/outcomes').query({ mentorId: 'OR-MD' }).set('authorization', mbbs).expect(200);
    await http(service).get('/v1/reports/outcomes').query({ program: 'MD' }).set('authorization', mbbs).expect(403);
    await http(service).get('/v1/reports/outcomes').set('authorization', await service.bearer('mentor', 'OR-MBBS')).expect(403);

    expect(own.body.total.casesFlagged).toBe(2);
    expect(own.body.programmes.map((row: { program: string }) => row.program)).toEqual(['MBBS']);
    expect(own.body.mentors.map((row: { mentorId: string }) => row.mentorId)).toEqual(['OR-MBBS']);
    expect(otherMentor.body).toMatchObject({ total: { casesFlagged: 0 }, programmes: [], mentors: [] });
  });
});
