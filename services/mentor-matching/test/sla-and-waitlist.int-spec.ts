import { createTestDatabase, uniqueName } from '@mentoring/testing';
import { addMentors, CaseEventLog, coordinatorBearer, dataSourceOf, http, MatchingService, mentorBody, MONDAY_MORNING, MovableClock, riskEvent, RiskFeed, startMatching } from './support';

describe('mentor-matching: unanswered offers and full mentors', () => {
  const clock = new MovableClock(MONDAY_MORNING);
  let service: MatchingService;
  let feed: RiskFeed;
  let log: CaseEventLog;

  beforeAll(async () => {
    service = await startMatching({ clock });
    await addMentors(service, [
      mentorBody('M-1', { maxOpenCases: 2 }),
      mentorBody('M-2', { maxOpenCases: 2 }),
      mentorBody('M-MD', { programs: ['MD'], maxOpenCases: 1 }),
    ]);
    feed = await RiskFeed.open(service.namespace);
    log = await CaseEventLog.open(service.namespace);
  });

  afterAll(async () => {
    await log?.close();
    await feed?.close();
    await service?.close();
  });

  const openCaseOf = async (studentId: string): Promise<string> => {
    const [row]: Array<{ id: string }> = await dataSourceOf(service).query(`SELECT id FROM cases WHERE student_id = $1 AND status <> 'closed'`, [studentId]);
    return row.id;
  };

  it('reminds the mentor at half-time, then re-matches at the deadline and tells the coordinator', async () => {
    await feed.send(riskEvent('T-1'));
    const matched = await log.waitFor('matched', 'T-1');
    const first = matched.data.mentor?.id;
    const second = first === 'M-1' ? 'M-2' : 'M-1';

    clock.advanceHours(24);
    const reminder = await log.waitFor('reminder-due', 'T-1');
    expect(reminder.data).toMatchObject({ status: 'matched', mentor: { id: first }, slaDeadline: matched.data.slaDeadline });

    clock.advanceHours(24);
    const escalated = await log.waitFor('escalated', 'T-1', (event) => event.escalationReason === 'sla-expired');
    expect(escalated.data.mentor?.id).toBe(first);
    const reassigned = await log.waitFor('reassigned', 'T-1');
    expect(reassigned.data).toMatchObject({ status: 'matched', previousMentor: { id: first }, mentor: { id: second } });
    expect(reassigned.correlationId).toBe(matched.correlationId);

    expect(log.of('reminder-due', 'T-1')).toHaveLength(1);
    const mentors = await dataSourceOf(service).query(`SELECT id, open_cases FROM mentors WHERE id IN ('M-1', 'M-2') ORDER BY id`);
    expect(mentors).toEqual([
      { id: 'M-1', open_cases: first === 'M-1' ? 0 : 1 },
      { id: 'M-2', open_cases: first === 'M-2' ? 0 : 1 },
    ]);
    const profile = await http(service).get(`/v1/mentors/${first}`).set('authorization', await coordinatorBearer(service)).expect(200);
    expect(profile.body.responsiveness).toMatchObject({ offers: 1, expiryRate: 1 });
  });

  it('waitlists and escalates when no mentor is free, explains why, and matches once capacity is raised', async () => {
    await feed.send(riskEvent('U-1', { program: 'MD' }));
    await log.waitFor('matched', 'U-1', (event) => event.mentor?.id === 'M-MD');
    await feed.send(riskEvent('U-2', { program: 'MD' }));
    await log.waitFor('waitlisted', 'U-2');
    await log.waitFor('escalated', 'U-2', (event) => event.escalationReason === 'no-eligible-mentor');

    const coordinator = await coordinatorBearer(service);
    const waitlist = await http(service).get('/v1/coordinator/waitlist').set('authorization', coordinator).expect(200);
    expect(waitlist.body).toEqual([
      expect.objectContaining({ studentId: 'U-2', program: 'MD', mentors: [expect.objectContaining({ mentorId: 'M-MD', eligible: false, reasons: ['at-capacity'] })] }),
    ]);

    await http(service).put('/v1/mentors/M-MD').set('authorization', coordinator).send({ ...mentorBody('M-MD', { programs: ['MD'], maxOpenCases: 2 }), mentorId: undefined }).expect(200);
    await log.waitFor('matched', 'U-2', (event) => event.mentor?.id === 'M-MD');
  });

  it('matches a waitlisted case when another case closes, without escalating it twice', async () => {
    await feed.send(riskEvent('U-3', { program: 'MD' }));
    await log.waitFor('waitlisted', 'U-3');

    const coordinator = await coordinatorBearer(service);
    await http(service).post(`/v1/cases/${await openCaseOf('U-1')}/close`).set('authorization', coordinator).send({ outcome: 'referred', referredTo: 'Student counselling', reason: 'Needs more than mentoring' }).expect(200);

    await log.waitFor('matched', 'U-3', (event) => event.mentor?.id === 'M-MD');
    expect(log.of('escalated', 'U-3')).toHaveLength(1);
    const [mentor] = await dataSourceOf(service).query(`SELECT open_cases, max_open_cases FROM mentors WHERE id = 'M-MD'`);
    expect(mentor).toEqual({ open_cases: 2, max_open_cases: 2 });

    const report = await http(service).get('/v1/reports/case-timing?program=MD').set('authorization', coordinator).expect(200);
    expect(report.body).toMatchObject({ cases: 3, outcomes: { referred: 1 }, byStatus: { matched: 2, closed: 1 } });
  });

  it('shows ops the cases by status and the burst sizes, and documents its API', async () => {
    const metrics = await http(service).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/mentoring_cases\{[^}]*status="closed"[^}]*\} 1/);
    expect(metrics.text).toMatch(/mentoring_matching_burst_cases_count\{[^}]*\} [1-9]/);
    const docs = await http(service).get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/v1/cases/{caseId}/request-another-mentor', '/v1/coordinator/waitlist']));
  });
});

describe('mentor-matching: timers outlive the process that set them', () => {
  it('fires an SLA expiry that came due while no replica was running', async () => {
    const clock = new MovableClock(MONDAY_MORNING);
    const database = await createTestDatabase('mentor-matching-restart');
    const namespace = uniqueName('mentor-matching-restart');
    const before = await startMatching({ clock, database, namespace });
    const feed = await RiskFeed.open(namespace);
    const log = await CaseEventLog.open(namespace);
    try {
      await addMentors(before, [mentorBody('N-1'), mentorBody('N-2')]);
      await feed.send(riskEvent('V-1'));
      const matched = await log.waitFor('matched', 'V-1');
      await before.close();

      clock.advanceHours(49);
      const after = await startMatching({ clock, database, namespace });
      try {
        const reassigned = await log.waitFor('reassigned', 'V-1');
        expect(reassigned.data.previousMentor?.id).toBe(matched.data.mentor?.id);
        expect(log.of('escalated', 'V-1').map((event) => event.data.escalationReason)).toEqual(['sla-expired']);
        expect(log.of('reminder-due', 'V-1')).toEqual([]);
      } finally {
        await after.close();
      }
    } finally {
      await log.close();
      await feed.close();
      await database.drop();
    }
  });
});
