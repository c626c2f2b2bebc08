import { addMentors, CaseEventLog, coordinatorBearer, dataSourceOf, http, MatchingService, mentorBody, MONDAY_MORNING, MovableClock, riskEvent, RiskFeed, startMatching } from './support';

const student = (studentId: string) => ({
  studentId,
  program: 'MBBS',
  yearOfStudy: 1,
  displayName: `Student ${studentId}`,
  preferredName: studentId,
  email: `${studentId.toLowerCase()}@students.example.edu`,
  timeZone: 'Asia/Karachi',
  preferredTimes: [{ weekday: 2, start: '10:00', end: '12:00' }],
});

// A student asks for a mentor without a low mark: the case opens for a self-referral, is matched
// through the same queue as flagged students (a mentor with free time first), carries no marks,
// and asking again answers with the same case.
describe('mentor-matching: self-referral', () => {
  const clock = new MovableClock(MONDAY_MORNING);
  let service: MatchingService;
  let log: CaseEventLog;
  let feed: RiskFeed;

  beforeAll(async () => {
    service = await startMatching({ clock });
    await addMentors(service, [mentorBody('M-NOTIME', { weeklyAvailability: [] }), mentorBody('M-FREE')]);
    const coordinator = await coordinatorBearer(service);
    await http(service).post('/v1/students/import').set('authorization', coordinator).send([student('SR-1'), student('SR-2')]).expect(200);
    log = await CaseEventLog.open(service.namespace);
    feed = await RiskFeed.open(service.namespace);
  });

  afterAll(async () => {
    await feed?.close();
    await log?.close();
    await service?.close();
  });

  const refer = async (studentId: string, body: object, status: number) =>
    http(service).post('/v1/self-referrals').set('authorization', await service.bearer('student', studentId)).send(body).expect(status);

  it('opens a case for the student, matched to a mentor with free time, with no marks in its events', async () => {
    const response = await refer('SR-1', { note: 'I would like help planning my revision' }, 200);
    expect(response.body).toMatchObject({ caseId: expect.any(String), status: 'open' });

    const matched = await log.waitFor('matched', 'SR-1');
    expect(matched.data).toMatchObject({
      caseId: response.body.caseId,
      openedFor: 'self-referral',
      mentor: { id: 'M-FREE' },
      program: 'MBBS',
      riskLevel: 'ok',
      reasons: [],
      weakCourses: [],
    });
    expect(matched.data.proposedSlots.length).toBeGreaterThan(0);
    expect(log.of('opened', 'SR-1')[0].data.openedFor).toBe('self-referral');
    // The note is the mentor's to read, not something published to every consumer.
    expect(JSON.stringify(log.of('opened', 'SR-1'))).not.toContain('revision');
    const [row] = await dataSourceOf(service).query(`SELECT opened_for, student_note FROM cases WHERE id = $1`, [response.body.caseId]);
    expect(row).toEqual({ opened_for: 'self-referral', student_note: 'I would like help planning my revision' });
  });

  it('answers a second self-referral with the same case and opens no other', async () => {
    const first = await dataSourceOf(service).query(`SELECT id FROM cases WHERE student_id = 'SR-1'`);
    const again = await refer('SR-1', {}, 200);

    expect(again.body.caseId).toBe(first[0].id);
    expect(await dataSourceOf(service).query(`SELECT id FROM cases WHERE student_id = 'SR-1'`)).toEqual(first);
    expect(log.of('opened', 'SR-1')).toHaveLength(1);
  });

  it('refuses a mentor, a coordinator or ops asking on a student’s behalf', async () => {
    for (const bearer of [await service.bearer('mentor', 'M-FREE'), await coordinatorBearer(service), await service.bearer('ops')]) {
      await http(service).post('/v1/self-referrals').set('authorization', bearer).send({ note: 'for SR-2' }).expect(403);
    }
    expect(await dataSourceOf(service).query(`SELECT id FROM cases WHERE student_id = 'SR-2'`)).toEqual([]);
  });

  it('answers 404 for a student the directory does not know, and 400 for an overlong note', async () => {
    await refer('SR-UNKNOWN', {}, 404);
    await refer('SR-2', { note: 'x'.repeat(501) }, 400);
  });

  it('shows the note to the case’s mentor only, and coordinators a category of self-referrals', async () => {
    const [{ id }] = await dataSourceOf(service).query(`SELECT id FROM cases WHERE student_id = 'SR-1'`);
    const coordinator = await coordinatorBearer(service);
    const mentorView = await http(service).get(`/v1/cases/${id}`).set('authorization', await service.bearer('mentor', 'M-FREE')).expect(200);
    expect(mentorView.body).toMatchObject({ openedFor: 'self-referral', studentNote: 'I would like help planning my revision' });
    const coordinatorView = await http(service).get(`/v1/cases/${id}`).set('authorization', coordinator).expect(200);
    expect(coordinatorView.body).toMatchObject({ openedFor: 'self-referral', studentNote: null });

    const all = await http(service).get('/v1/reports/outcomes').set('authorization', coordinator).expect(200);
    expect(all.body.casesOpenedFor).toEqual({ 'risk-flag': all.body.total.casesFlagged - 1, 'self-referral': 1 });
    const selfReferrals = await http(service).get('/v1/reports/outcomes?openedFor=self-referral').set('authorization', coordinator).expect(200);
    expect(selfReferrals.body.total.casesFlagged).toBe(1);
    expect(selfReferrals.body.casesOpenedFor).toEqual(all.body.casesOpenedFor);
    await http(service).get('/v1/reports/outcomes?openedFor=walk-in').set('authorization', coordinator).expect(400);
  });

  it('marks a case opened by a risk flag as such', async () => {
    await feed.send(riskEvent('SR-FLAGGED'));
    const opened = await log.waitFor('opened', 'SR-FLAGGED');
    expect(opened.data.openedFor).toBe('risk-flag');
  });
});
