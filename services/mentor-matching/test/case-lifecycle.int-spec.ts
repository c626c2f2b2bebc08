import { waitUntil } from '@mentoring/testing';
import { addMentors, CaseEventLog, coordinatorBearer, dataSourceOf, http, MatchingService, mentorBody, MONDAY_MORNING, MovableClock, riskEvent, RiskFeed, startMatching } from './support';

describe('mentor-matching: a case from the risk event to a changed mentor', () => {
  const clock = new MovableClock(MONDAY_MORNING);
  let service: MatchingService;
  let feed: RiskFeed;
  let log: CaseEventLog;

  beforeAll(async () => {
    service = await startMatching({ clock });
    await addMentors(service, [mentorBody('M-A', { maxOpenCases: 2, expertiseCourseCodes: ['ANAT101'] }), mentorBody('M-B')]);
    feed = await RiskFeed.open(service.namespace);
    log = await CaseEventLog.open(service.namespace);
  });

  afterAll(async () => {
    await log?.close();
    await feed?.close();
    await service?.close();
  });

  const openCaseOf = async (studentId: string) => {
    const [row]: Array<{ id: string }> = await dataSourceOf(service).query(`SELECT id FROM cases WHERE student_id = $1 AND status <> 'closed'`, [studentId]);
    return row?.id;
  };

  it('opens and matches a case, publishing both with the risk event’s correlation id, slots and context', async () => {
    await feed.send(riskEvent('S-1', { correlationId: 'grade-import-42' }));

    const matched = await log.waitFor('matched', 'S-1');
    const [opened] = log.of('opened', 'S-1');
    expect(opened.correlationId).toBe('grade-import-42');
    expect(matched.correlationId).toBe('grade-import-42');
    expect(matched.data).toMatchObject({
      status: 'matched',
      mentor: { id: 'M-A', displayName: 'Dr M-A', timeZone: 'Asia/Karachi' },
      student: { id: 'S-1', timeZone: 'UTC' },
      weakCourses: ['ANAT101'],
      reasons: [expect.objectContaining({ code: 'mean-below-threshold' })],
      slaDeadline: new Date(MONDAY_MORNING.getTime() + 48 * 3_600_000).toISOString(),
    });
    expect(matched.data.proposedSlots).toHaveLength(3);
    expect(matched.data.proposedSlots.every((slot) => Date.parse(slot.start) >= MONDAY_MORNING.getTime() + 24 * 3_600_000)).toBe(true);
  });

  it('opens no second case for a redelivered or repeated risk event', async () => {
    const first = riskEvent('S-2');
    await feed.send(first);
    await log.waitFor('matched', 'S-2');
    const again = riskEvent('S-2', { level: 'urgent', previousLevel: 'at-risk' });
    await feed.send(first, again);

    await waitUntil('both events were consumed', async () => {
      const [{ count }] = await dataSourceOf(service).query(`SELECT count(*)::int AS count FROM inbox WHERE event_id = ANY($1)`, [[first.id, again.id]]);
      return count === 2;
    });
    const cases = await dataSourceOf(service).query(`SELECT status, risk_level FROM cases WHERE student_id = 'S-2'`);
    expect(cases).toEqual([{ status: 'matched', risk_level: 'urgent' }]);
    expect(log.of('opened', 'S-2')).toHaveLength(1);
  });

  it('lets only the matched mentor accept, and only a mentor’s own caseload be read', async () => {
    const caseId = await openCaseOf('S-1');
    const mentorA = await service.bearer('mentor', 'M-A');
    const mentorB = await service.bearer('mentor', 'M-B');

    const refused = await http(service).post(`/v1/cases/${caseId}/accept`).set('authorization', mentorB).expect(403);
    expect(refused.body).toMatchObject({ code: 'NOT_ASSIGNED_MENTOR' });
    await http(service).get(`/v1/mentors/M-A/cases`).set('authorization', mentorB).expect(403);
    await http(service).get(`/v1/cases/${caseId}`).set('authorization', mentorB).expect(403);

    const accepted = await http(service)
      .post(`/v1/cases/${caseId}/accept`)
      .set('authorization', mentorA)
      .set('x-correlation-id', 'console-click-7')
      .expect(200);
    expect(accepted.body).toMatchObject({ status: 'active', timeline: { firstContactAt: MONDAY_MORNING.toISOString() } });
    const caseload = await http(service).get(`/v1/mentors/M-A/cases`).set('authorization', mentorA).expect(200);
    expect(caseload.body.map((entry: { caseId: string }) => entry.caseId)).toContain(caseId);
    const event = await log.waitFor('accepted', 'S-1', (data) => data.mentor?.id === 'M-A' && data.proposedSlots.length === 3);
    expect(event.correlationId).toBe('console-click-7');
  });

  it('shows the student their mentor and slots, never their standing', async () => {
    const caseId = await openCaseOf('S-1');
    const view = await http(service).get(`/v1/cases/${caseId}`).set('authorization', await service.bearer('student', 'S-1')).expect(200);
    expect(view.body).toMatchObject({ status: 'active', mentor: { displayName: 'Dr M-A' } });
    expect(JSON.stringify(view.body)).not.toMatch(/standing|reasons|riskLevel|at-risk|history/);
    await http(service).get(`/v1/cases/${caseId}`).set('authorization', await service.bearer('student', 'S-2')).expect(403);
  });

  it('lets the student ask for other times with their mentor, and pick one', async () => {
    const caseId = await openCaseOf('S-1');
    const student = await service.bearer('student', 'S-1');
    const before = (await http(service).get(`/v1/cases/${caseId}`).set('authorization', student).expect(200)).body.proposedSlots;

    const proposed = await http(service).post(`/v1/cases/${caseId}/slots/propose`).set('authorization', student).send({}).expect(200);
    const offered: Array<{ start: string; end: string }> = proposed.body.proposedSlots;
    expect(offered).toHaveLength(3);
    expect(offered.filter((slot) => before.some((old: { start: string }) => old.start === slot.start))).toEqual([]);

    const notOffered = { start: '2030-03-20T10:00:00.000Z', end: '2030-03-20T10:30:00.000Z' };
    const refused = await http(service).post(`/v1/cases/${caseId}/slots/confirm`).set('authorization', student).send(notOffered).expect(400);
    expect(refused.body).toMatchObject({ code: 'INVALID_SLOT' });
    await http(service).post(`/v1/cases/${caseId}/slots/confirm`).set('authorization', student).send(offered[1]).expect(200);
    const confirmed = await log.waitFor('slot-confirmed', 'S-1');
    expect(confirmed.data.confirmedSlot).toEqual(offered[1]);
  });

  it('lets a student set their own preferred times, and nothing else', async () => {
    const student = await service.bearer('student', 'S-1');
    const evenings = [{ weekday: 2, start: '18:00', end: '20:00' }];
    const updated = await http(service).put('/v1/students/S-1').set('authorization', student).send({ timeZone: 'Asia/Karachi', preferredTimes: evenings }).expect(200);
    expect(updated.body).toMatchObject({ program: 'MBBS', timeZone: 'Asia/Karachi', preferredTimes: evenings, usesDefaultPreferredTimes: false });

    await http(service).put('/v1/students/S-1').set('authorization', student).send({ excludedMentorIds: ['M-B'] }).expect(403);
    await http(service).put('/v1/students/S-2').set('authorization', student).send({ preferredTimes: evenings }).expect(403);
    const refused = await http(service)
      .put('/v1/students/S-1')
      .set('authorization', student)
      .send({ preferredTimes: [{ weekday: 9, start: '18:00', end: '18:00' }] })
      .expect(400);
    expect(refused.body.problems.map((problem: { field: string }) => problem.field)).toEqual(['preferredTimes.0.weekday', 'preferredTimes.0.end']);
  });

  it('gives a student who asks for another mentor the next best one, and never the first again', async () => {
    const caseId = await openCaseOf('S-1');
    const student = await service.bearer('student', 'S-1');
    await http(service).post(`/v1/cases/${caseId}/request-another-mentor`).set('authorization', student).send({}).expect(200);

    const reassigned = await log.waitFor('reassigned', 'S-1');
    expect(reassigned.data).toMatchObject({ status: 'matched', previousMentor: { id: 'M-A' }, mentor: { id: 'M-B' } });
    expect(reassigned.data.proposedSlots.length).toBeGreaterThan(0);
    const profile = await http(service).get('/v1/students/S-1').set('authorization', student).expect(200);
    expect(profile.body).toMatchObject({ excludedMentorIds: ['M-A'], currentMentorId: null });
    const mentors = await dataSourceOf(service).query(`SELECT id, open_cases FROM mentors ORDER BY id`);
    expect(mentors).toEqual([
      { id: 'M-A', open_cases: 1 },
      { id: 'M-B', open_cases: 1 },
    ]);
  });

  it('publishes missed sessions for risk-scoring and escalates a run of them, keeping notes private', async () => {
    const caseId = await openCaseOf('S-1');
    const mentorB = await service.bearer('mentor', 'M-B');
    await http(service).post(`/v1/cases/${caseId}/accept`).set('authorization', mentorB).expect(200);
    for (const hoursAgo of [2, 1]) {
      await http(service)
        .post(`/v1/cases/${caseId}/sessions`)
        .set('authorization', mentorB)
        .send({ outcome: 'missed', occurredAt: new Date(MONDAY_MORNING.getTime() - hoursAgo * 3_600_000).toISOString(), notes: 'private: family illness' })
        .expect(200);
    }

    const escalated = await log.waitFor('escalated', 'S-1', (event) => event.escalationReason === 'repeated-missed-sessions');
    expect(escalated.data.mentor?.id).toBe('M-B');
    expect(log.of('session-logged', 'S-1').map((event) => event.data.session?.consecutiveMissed)).toEqual([1, 2]);
    expect(JSON.stringify(log.events)).not.toContain('family illness');
    const sessions = await http(service).get(`/v1/cases/${caseId}/sessions`).set('authorization', mentorB).expect(200);
    expect(sessions.body[0]).toMatchObject({ outcome: 'missed', notes: 'private: family illness' });
  });

  it('closes a case nobody has taken on yet as improved when the student is fine again', async () => {
    await feed.send(riskEvent('S-3'));
    await log.waitFor('matched', 'S-3');
    await feed.send(riskEvent('S-3', { level: 'ok', previousLevel: 'at-risk' }));

    const closed = await log.waitFor('closed', 'S-3');
    expect(closed.data).toMatchObject({ status: 'closed', outcome: 'improved' });
  });

  it('imports mentors from CSV, keeping good rows and naming every problem of the bad ones', async () => {
    const csv = [
      'mentorId,displayName,timeZone,programs,maxOpenCases,weeklyAvailability,leave',
      'M-C,Dr Chaudhry,Asia/Karachi,MBBS;BBMS,4,Mon 09:00-12:00; Thu 14:00-16:00,2030-04-01..2030-04-05',
      'M-D,Dr Doe,Mars/Base,MBBS,many,Someday 9-5,',
    ].join('\n');
    const report = await http(service)
      .post('/v1/mentors/import')
      .set('authorization', await coordinatorBearer(service))
      .set('content-type', 'text/csv')
      .send(csv)
      .expect(200);
    expect(report.body).toMatchObject({ received: 2, created: 1, updated: 0 });
    expect(report.body.rejected).toEqual([
      {
        row: 3,
        id: 'M-D',
        problems: [
          { field: 'maxOpenCases', problem: 'must be a whole number' },
          { field: 'weeklyAvailability', problem: expect.stringContaining('Someday 9-5') },
        ],
      },
    ]);
    const imported = await http(service).get('/v1/mentors/M-C').set('authorization', await coordinatorBearer(service)).expect(200);
    expect(imported.body).toMatchObject({ programs: ['MBBS', 'BBMS'], maxOpenCases: 4, leave: [{ firstDay: '2030-04-01', lastDay: '2030-04-05' }] });
  });

  it('lets a coordinator hand a case to a mentor of their choice, within the hard constraints', async () => {
    const caseId = await openCaseOf('S-2');
    const coordinator = await coordinatorBearer(service);
    const [{ mentor_id: previous }] = await dataSourceOf(service).query(`SELECT mentor_id FROM cases WHERE id = $1`, [caseId]);

    await http(service).post(`/v1/cases/${caseId}/reassign`).set('authorization', coordinator).send({ mentorId: 'M-C', reason: 'Anatomy specialist' }).expect(200);
    const reassigned = await log.waitFor('reassigned', 'S-2');
    expect(reassigned.data).toMatchObject({ mentor: { id: 'M-C' }, previousMentor: { id: previous }, reason: 'Anatomy specialist' });

    await http(service).post(`/v1/cases/${caseId}/reassign`).set('authorization', coordinator).send({ mentorId: 'M-NOBODY', reason: 'x' }).expect(404);
    const back = await http(service).post(`/v1/cases/${caseId}/reassign`).set('authorization', coordinator).send({ mentorId: previous, reason: 'x' }).expect(409);
    expect(back.body).toMatchObject({ code: 'MENTOR_ALREADY_LEFT' });
    await http(service).post(`/v1/cases/${caseId}/reassign`).set('authorization', await service.bearer('mentor', 'M-C')).send({ mentorId: 'M-A', reason: 'x' }).expect(403);
  });
});
