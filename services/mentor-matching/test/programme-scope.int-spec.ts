import { CaseEventLog, coordinatorBearer, dataSourceOf, http, MatchingService, mentorBody, MONDAY_MORNING, MovableClock, riskEvent, RiskFeed, startMatching } from './support';

// Coordinators are limited to their programmes on every route: MBBS's coordinator works MBBS's
// students, cases and mentors, and is refused MD's (403 naming the programme), while lists and
// reports leave MD out. Ops keeps the whole view; a coordinator token naming no programme gets nothing.
describe('mentor-matching: coordinators see and change their own programmes only', () => {
  const clock = new MovableClock(MONDAY_MORNING);
  let service: MatchingService;
  let feed: RiskFeed;
  let log: CaseEventLog;
  let mbbs: string;
  let md: string;
  let ops: string;
  let noProgrammes: string;
  let mdCaseId: string;
  let mbbsCaseId: string;

  beforeAll(async () => {
    service = await startMatching({ clock });
    feed = await RiskFeed.open(service.namespace);
    log = await CaseEventLog.open(service.namespace);
    mbbs = await coordinatorBearer(service, ['MBBS'], 'coordinator-mbbs');
    md = await coordinatorBearer(service, ['MD'], 'coordinator-md');
    ops = await service.bearer('ops');
    noProgrammes = await service.bearer('coordinator', 'coordinator-of-nothing');

    await http(service).post('/v1/mentors').set('authorization', mbbs).send(mentorBody('P-MBBS')).expect(201);
    // MD's only mentor is inactive, so MD's student waits on the waitlist.
    await http(service).post('/v1/mentors').set('authorization', md).send(mentorBody('P-MD', { programs: ['MD'], active: false })).expect(201);
    await http(service).post('/v1/mentors').set('authorization', await coordinatorBearer(service, ['MBBS', 'MD'])).send(mentorBody('P-BOTH', { programs: ['MBBS', 'MD'], maxOpenCases: 0 })).expect(201);

    await feed.send(riskEvent('PS-MBBS'), riskEvent('PS-MD', { program: 'MD' }));
    mbbsCaseId = (await log.waitFor('matched', 'PS-MBBS')).data.caseId;
    mdCaseId = (await log.waitFor('waitlisted', 'PS-MD')).data.caseId;
  });

  afterAll(async () => {
    await log?.close();
    await feed?.close();
    await service?.close();
  });

  const caseStatus = async (caseId: string): Promise<{ status: string; mentor_id: string | null }> => {
    const [row] = await dataSourceOf(service).query(`SELECT status, mentor_id FROM cases WHERE id = $1`, [caseId]);
    return row;
  };

  describe('cases', () => {
    it('shows a case to the coordinators of its programme and ops, and refuses the others', async () => {
      await http(service).get(`/v1/cases/${mdCaseId}`).set('authorization', md).expect(200);
      await http(service).get(`/v1/cases/${mdCaseId}`).set('authorization', ops).expect(200);

      const refused = await http(service).get(`/v1/cases/${mdCaseId}`).set('authorization', mbbs).expect(403);
      expect(refused.body.message).toContain('"MD"');
      await http(service).get(`/v1/cases/${mdCaseId}/sessions`).set('authorization', mbbs).expect(403);
      await http(service).get(`/v1/cases/${mbbsCaseId}`).set('authorization', noProgrammes).expect(403);
    });

    it('refuses to reassign, close or move another programme’s case, and leaves it as it was', async () => {
      const before = await caseStatus(mdCaseId);

      await http(service).post(`/v1/cases/${mdCaseId}/reassign`).set('authorization', mbbs).send({ mentorId: 'P-MBBS', reason: 'I have a free mentor' }).expect(403);
      await http(service).post(`/v1/cases/${mdCaseId}/close`).set('authorization', mbbs).send({ outcome: 'referred', referredTo: 'Student counselling', reason: 'Not mine to close' }).expect(403);
      await http(service).post(`/v1/cases/${mdCaseId}/phase`).set('authorization', mbbs).send({ phase: 'structured-engagement' }).expect(403);
      await http(service).put(`/v1/cases/${mdCaseId}/cadence`).set('authorization', mbbs).send({ days: 7 }).expect(403);

      expect(await caseStatus(mdCaseId)).toEqual(before);
      expect(before).toEqual({ status: 'waitlisted', mentor_id: null });
    });

    it('lists only the coordinator’s programmes on the waitlist; ops sees every programme', async () => {
      const forMbbs = await http(service).get('/v1/coordinator/waitlist').set('authorization', mbbs).expect(200);
      const forMd = await http(service).get('/v1/coordinator/waitlist').set('authorization', md).expect(200);
      const forOps = await http(service).get('/v1/coordinator/waitlist').set('authorization', ops).expect(200);

      expect(forMbbs.body).toEqual([]);
      expect(forMd.body.map((entry: { caseId: string }) => entry.caseId)).toEqual([mdCaseId]);
      expect(forOps.body.map((entry: { caseId: string }) => entry.caseId)).toEqual([mdCaseId]);
      await http(service).get('/v1/coordinator/waitlist').set('authorization', noProgrammes).expect(403);
    });

    it('reports case timing over the coordinator’s programmes, and refuses a programme of someone else', async () => {
      const forMbbs = await http(service).get('/v1/reports/case-timing').set('authorization', mbbs).expect(200);
      const forOps = await http(service).get('/v1/reports/case-timing').set('authorization', ops).expect(200);

      expect(forMbbs.body).toMatchObject({ cases: 1, byStatus: { matched: 1, waitlisted: 0 } });
      expect(forOps.body).toMatchObject({ cases: 2, byStatus: { matched: 1, waitlisted: 1 } });
      await http(service).get('/v1/reports/case-timing?program=MD').set('authorization', mbbs).expect(403);
      await http(service).get('/v1/reports/case-timing?program=MD').set('authorization', md).expect(200);
      await http(service).get('/v1/reports/case-timing').set('authorization', noProgrammes).expect(403);
    });

    it('shows a coordinator only the cases of their programmes in a mentor’s caseload', async () => {
      const forMbbs = await http(service).get('/v1/mentors/P-MBBS/cases').set('authorization', mbbs).expect(200);
      const forMd = await http(service).get('/v1/mentors/P-MBBS/cases').set('authorization', md).expect(200);

      expect(forMbbs.body.map((entry: { caseId: string }) => entry.caseId)).toEqual([mbbsCaseId]);
      expect(forMd.body).toEqual([]);
    });
  });

  describe('mentors', () => {
    it('lists the mentors of the coordinator’s programmes; ops sees them all', async () => {
      const ids = async (bearer: string) => (await http(service).get('/v1/mentors').set('authorization', bearer).expect(200)).body.map((mentor: { mentorId: string }) => mentor.mentorId);

      expect(await ids(mbbs)).toEqual(['P-BOTH', 'P-MBBS']);
      expect(await ids(md)).toEqual(['P-BOTH', 'P-MD']);
      expect(await ids(ops)).toEqual(['P-BOTH', 'P-MBBS', 'P-MD']);
      await http(service).get('/v1/mentors').set('authorization', noProgrammes).expect(403);
    });

    it('refuses another programme’s mentor: reading, profile, capacity, availability and leave', async () => {
      const profile = { ...mentorBody('P-MD', { programs: ['MD'], maxOpenCases: 9 }), mentorId: undefined };
      const availability = { timeZone: 'Asia/Karachi', weeklyAvailability: [], leave: [{ firstDay: '2030-03-04', lastDay: '2030-03-29' }] };

      await http(service).get('/v1/mentors/P-MD').set('authorization', mbbs).expect(403);
      await http(service).put('/v1/mentors/P-MD').set('authorization', mbbs).send(profile).expect(403);
      await http(service).put('/v1/mentors/P-MD/availability').set('authorization', mbbs).send(availability).expect(403);

      const [stored] = await dataSourceOf(service).query(`SELECT max_open_cases, leave FROM mentors WHERE id = 'P-MD'`);
      expect(stored).toEqual({ max_open_cases: 3, leave: [] });
      await http(service).get('/v1/mentors/P-MD').set('authorization', md).expect(200);
      await http(service).get('/v1/mentors/P-MD').set('authorization', ops).expect(200);
    });

    it('creates mentors only in the coordinator’s programmes', async () => {
      const refused = await http(service).post('/v1/mentors').set('authorization', mbbs).send(mentorBody('P-NEW', { programs: ['MBBS', 'MD'] })).expect(403);
      expect(refused.body.message).toContain('"MD"');
      await http(service).post('/v1/mentors').set('authorization', mbbs).send(mentorBody('P-NEW-MD', { programs: ['MD'] })).expect(403);

      const rows = await dataSourceOf(service).query(`SELECT id FROM mentors WHERE id LIKE 'P-NEW%'`);
      expect(rows).toEqual([]);
    });

    it('lets a coordinator of one of a shared mentor’s programmes change them, but add or remove only their own programme', async () => {
      // Capacity stays 0 throughout, so the waitlisted MD case is not matched meanwhile.
      const profile = (programs: string[], displayName: string) => ({ ...mentorBody('P-BOTH', { programs, displayName, maxOpenCases: 0 }), mentorId: undefined });

      await http(service).put('/v1/mentors/P-BOTH').set('authorization', mbbs).send(profile(['MBBS'], 'Dr Both')).expect(403);
      await http(service).put('/v1/mentors/P-BOTH').set('authorization', mbbs).send(profile(['MBBS', 'MD', 'BBMS'], 'Dr Both')).expect(403);
      const renamed = await http(service).put('/v1/mentors/P-BOTH').set('authorization', mbbs).send(profile(['MBBS', 'MD'], 'Dr Both-Renamed')).expect(200);
      expect(renamed.body).toMatchObject({ programs: ['MBBS', 'MD'], displayName: 'Dr Both-Renamed' });

      const leftMbbs = await http(service).put('/v1/mentors/P-BOTH').set('authorization', mbbs).send(profile(['MD'], 'Dr Both')).expect(200);
      expect(leftMbbs.body.programs).toEqual(['MD']);
      // No longer one of MBBS's mentors: MBBS's coordinator cannot take them back.
      await http(service).put('/v1/mentors/P-BOTH').set('authorization', mbbs).send(profile(['MD', 'MBBS'], 'Dr Both')).expect(403);
    });

    it('imports the coordinator’s own mentors and lists every row beyond their programmes as refused', async () => {
      const report = await http(service)
        .post('/v1/mentors/import')
        .set('authorization', mbbs)
        .send([mentorBody('P-IMPORTED'), mentorBody('P-IMPORTED-MD', { programs: ['MD'] }), mentorBody('P-MD', { programs: ['MBBS'] })])
        .expect(200);

      expect(report.body).toEqual({
        received: 3,
        created: 1,
        updated: 0,
        rejected: [
          { row: 2, id: 'P-IMPORTED-MD', problems: [{ field: 'programs', problem: 'MD is not one of your programmes' }] },
          { row: 3, id: 'P-MD', problems: [{ field: 'mentorId', problem: 'serves none of your programmes' }] },
        ],
      });
      const [stored] = await dataSourceOf(service).query(`SELECT programs FROM mentors WHERE id = 'P-MD'`);
      expect(stored.programs).toEqual(['MD']);
      await http(service).post('/v1/mentors/import').set('authorization', noProgrammes).send([mentorBody('P-NOBODY')]).expect(403);
    });
  });

  describe('students', () => {
    const student = (program: string) => ({ displayName: 'A student', program, yearOfStudy: 2 });

    it('reads and writes the students of the coordinator’s programmes only, and never moves one out of another programme', async () => {
      await http(service).get('/v1/students/PS-MD').set('authorization', md).expect(200);
      await http(service).get('/v1/students/PS-MD').set('authorization', ops).expect(200);
      await http(service).get('/v1/students/PS-MD').set('authorization', mbbs).expect(403);
      await http(service).get('/v1/students/PS-MBBS').set('authorization', noProgrammes).expect(403);

      await http(service).put('/v1/students/PS-MD').set('authorization', mbbs).send({ email: 'redirected@example.com' }).expect(403);
      await http(service).put('/v1/students/PS-MD').set('authorization', mbbs).send(student('MBBS')).expect(403);
      await http(service).put('/v1/students/PS-MBBS').set('authorization', mbbs).send(student('MD')).expect(403);
      await http(service).put('/v1/students/PS-NEW-MD').set('authorization', mbbs).send(student('MD')).expect(403);

      const rows = await dataSourceOf(service).query(`SELECT id, program, email FROM students WHERE id LIKE 'PS-%' ORDER BY id`);
      expect(rows).toEqual([
        { id: 'PS-MBBS', program: 'MBBS', email: null },
        { id: 'PS-MD', program: 'MD', email: null },
      ]);
      await http(service).put('/v1/students/PS-NEW-MBBS').set('authorization', mbbs).send(student('MBBS')).expect(200);
    });

    it('imports the coordinator’s own students and lists every row beyond their programmes as refused', async () => {
      const row = (studentId: string, program: string) => ({ studentId, program, yearOfStudy: 1 });
      const report = await http(service)
        .post('/v1/students/import')
        .set('authorization', mbbs)
        .send([row('PS-IMPORTED', 'MBBS'), row('PS-IMPORTED-MD', 'MD'), row('PS-MD', 'MBBS')])
        .expect(200);

      expect(report.body).toEqual({
        received: 3,
        created: 1,
        updated: 0,
        rejected: [
          { row: 2, id: 'PS-IMPORTED-MD', problems: [{ field: 'program', problem: 'MD is not one of your programmes' }] },
          { row: 3, id: 'PS-MD', problems: [{ field: 'studentId', problem: 'belongs to MD, not one of your programmes' }] },
        ],
      });
      const [stored] = await dataSourceOf(service).query(`SELECT program FROM students WHERE id = 'PS-MD'`);
      expect(stored.program).toBe('MD');
      await http(service).post('/v1/students/import').set('authorization', ops).send([row('PS-BY-OPS', 'MD')]).expect(200);
    });
  });
});
