import { NO_PROGRAMMES_MESSAGE } from '@mentoring/auth';
import { TOPICS } from '@mentoring/contracts';
import { waitUntil } from '@mentoring/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { parseMonthDay } from '../src/config/month-day';
import { academicYearBeginning } from '../src/scoring/domain';
import { amendmentOf, caseEvent, gradeRecorded, outboxEmpty, RiskEventLog, RiskScoringService, startRiskScoring, TestPublisher } from './support';

describe('risk-scoring: grades and engagement in, risk.assessed.v1 out', () => {
  let service: RiskScoringService;
  let publisher: TestPublisher;
  let riskEvents: RiskEventLog;
  let dataSource: DataSource;

  beforeAll(async () => {
    service = await startRiskScoring({ label: 'risk_standings' });
    dataSource = service.app.get(DataSource);
    publisher = await TestPublisher.connect(service.namespace);
    riskEvents = await RiskEventLog.start(service.namespace);
  });

  afterAll(async () => {
    await riskEvents?.stop();
    await publisher?.disconnect();
    await service?.close();
  });

  const eventsOf = (studentId: string, count: number) =>
    waitUntil(`${count} risk events for ${studentId}`, () => riskEvents.for(studentId).length >= count && riskEvents.for(studentId));

  /** Everything committed has been published and read: a missing event is not merely late. */
  const quiet = () => waitUntil('the outbox is empty and every risk event is read', async () => (await outboxEmpty(dataSource)) && riskEvents.caughtUp());

  /** Grades of one student must not share a time: the latest summative decides the pass-mark reason. */
  const gradedAt = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1_000).toISOString();

  const riskOf = async (studentId: string) =>
    (await request(service.app.getHttpServer()).get(`/v1/students/${studentId}/risk`).set('authorization', await service.bearer('coordinator', 'coordinator-mbbs', ['MBBS'])).expect(200)).body;

  it('turns grades into a standing and announces each change, carrying the correlation id', async () => {
    const first = gradeRecorded({ studentId: 'S-flow', percentage: 50, courseCode: 'BIOC110', gradedAt: gradedAt(2) }, { correlationId: 'registrar-batch-1' });
    const second = gradeRecorded({ studentId: 'S-flow', percentage: 55, courseCode: 'BIOC110', gradedAt: gradedAt(1) }, { correlationId: 'registrar-batch-2' });
    await publisher.publish(TOPICS.gradesRecorded, [first, second]);

    const [watch, urgent] = await eventsOf('S-flow', 2);
    expect(watch.data).toMatchObject({ level: 'watch', previousLevel: 'ok', policyVersion: 1, program: 'MBBS', yearOfStudy: 2 });
    expect(watch.data.reasons.map((reason) => reason.code)).toEqual(['latest-summative-below-pass-mark']);
    expect(urgent).toMatchObject({ type: 'risk.assessed.v1', source: 'risk-scoring', subject: 'S-flow', correlationId: 'registrar-batch-2', causationId: second.id });
    expect(urgent.data).toMatchObject({ level: 'urgent', previousLevel: 'watch', weakCourses: ['BIOC110'] });
    expect(urgent.data.reasons.map((reason) => reason.code)).toEqual(['summative-mean-below-urgent', 'latest-summative-below-pass-mark']);
    expect(urgent.data.reasons[0]).toMatchObject({ value: 52.5, threshold: 60, gradeIds: [first.data.gradeId, second.data.gradeId] });

    const risk = await riskOf('S-flow');
    expect(risk).toMatchObject({ level: 'urgent', policyVersion: 1, metrics: { summativeCount: 2, summativeMean: 52.5 } });
    expect(risk.history.map((change: { level: string }) => change.level)).toEqual(['urgent', 'watch']);
    expect(risk.history[0]).toMatchObject({
      eventId: urgent.id,
      trigger: { kind: 'grade-recorded', id: second.id, changedBy: 'feed:registrar-main' },
      correlationId: 'registrar-batch-2',
    });
  });

  it('re-scores from the amended value, which replaces the grade it amends', async () => {
    const low = gradeRecorded({ studentId: 'S-amend', percentage: 62 });
    await publisher.publish(TOPICS.gradesRecorded, [low, gradeRecorded({ studentId: 'S-amend', percentage: 66 })]);
    const [atRisk] = await eventsOf('S-amend', 1);
    expect(atRisk.data.level).toBe('at-risk');

    const amendment = amendmentOf(low, 84);
    await publisher.publish(TOPICS.gradesRecorded, [amendment]);
    const [, improved] = await eventsOf('S-amend', 2);
    expect(improved.data).toMatchObject({ level: 'ok', previousLevel: 'at-risk' });
    expect(improved.data.reasons.map((reason) => reason.code)).toEqual(['improved']);
    expect(improved.causationId).toBe(amendment.id);

    const risk = await riskOf('S-amend');
    expect(risk.metrics).toMatchObject({ summativeCount: 2, summativeMean: 75 });
    expect(risk.history[0].trigger).toMatchObject({ kind: 'grade-amended', id: amendment.id });
  });

  it('never announces twice: a redelivered event and a resent identical grade change nothing', async () => {
    const low = gradeRecorded({ studentId: 'S-dup', percentage: 50, gradedAt: gradedAt(2) });
    const resentUnchanged = gradeRecorded({ ...low.data });
    const later = gradeRecorded({ studentId: 'S-dup', percentage: 90, gradedAt: gradedAt(1) });
    // The last grade changes the standing; once its event is in, everything before it was handled.
    await publisher.publish(TOPICS.gradesRecorded, [low, low, resentUnchanged, later]);

    await eventsOf('S-dup', 2);
    await quiet();
    expect(riskEvents.for('S-dup').map((event) => event.data.level)).toEqual(['watch', 'ok']);
    const [inbox] = await dataSource.query(`SELECT count(*)::int AS handled FROM inbox WHERE event_id = $1`, [low.id]);
    expect(inbox.handled).toBe(1);
  });

  it('raises the level on missed mentoring sessions, and keeps a declined case as a fact that does not escalate', async () => {
    await publisher.publish(TOPICS.gradesRecorded, [
      gradeRecorded({ studentId: 'S-missed', percentage: 80 }),
      gradeRecorded({ studentId: 'S-missed', percentage: 82 }),
      gradeRecorded({ studentId: 'S-missed-low', percentage: 64 }),
      gradeRecorded({ studentId: 'S-missed-low', percentage: 66 }),
    ]);
    const session = (studentId: string, consecutiveMissed: number) =>
      caseEvent('session-logged', {
        studentId,
        caseId: `case-${studentId}`,
        mentorId: 'mentor-ada',
        status: 'active',
        session: { outcome: 'missed', occurredAt: new Date().toISOString(), consecutiveMissed },
      });
    await eventsOf('S-missed-low', 1);
    await publisher.publish(TOPICS.mentoringCaseEvents, [session('S-missed', 1), session('S-missed', 2), session('S-missed-low', 2)]);

    const [watch] = await eventsOf('S-missed', 1);
    expect(watch.data).toMatchObject({ level: 'watch', previousLevel: 'ok' });
    expect(watch.data.reasons).toEqual([expect.objectContaining({ code: 'missed-sessions', value: 2, threshold: 2 })]);
    const [, urgent] = await eventsOf('S-missed-low', 2);
    expect(urgent.data).toMatchObject({ level: 'urgent', previousLevel: 'at-risk' });

    const declined = caseEvent('closed', { studentId: 'S-missed', caseId: 'case-S-missed', mentorId: 'mentor-ada', status: 'closed', outcome: 'declined-by-student' });
    await publisher.publish(TOPICS.mentoringCaseEvents, [declined]);
    const risk = await waitUntil('the declined case is on record', async () => {
      const current = await riskOf('S-missed');
      return current.engagementSignals.length === 3 && current;
    });
    expect(risk.engagementSignals[0]).toMatchObject({ kind: 'case-declined-by-student', affectsStanding: false });
    expect(risk.engagementSignals[1]).toMatchObject({ kind: 'session-missed', consecutiveMissed: 2, affectsStanding: true });
    // Declining never raises the level; closing the case ends its streak, which lowers it.
    const [, afterClose] = await eventsOf('S-missed', 2);
    expect(afterClose.data).toMatchObject({ level: 'ok', previousLevel: 'watch', cause: 'engagement' });
    expect((await riskOf('S-missed')).history.map((entry: { trigger: { kind: string } }) => entry.trigger.kind)).toEqual(['case-closed', 'session-logged']);
  });

  it('counts missed sessions only while current: an attended session resets the streak', async () => {
    await publisher.publish(TOPICS.gradesRecorded, [gradeRecorded({ studentId: 'S-reset', percentage: 80 }), gradeRecorded({ studentId: 'S-reset', percentage: 82 })]);
    await quiet();
    const session = (outcome: 'missed' | 'attended', consecutiveMissed: number, secondsAgo: number) =>
      caseEvent('session-logged', {
        studentId: 'S-reset',
        caseId: 'case-S-reset',
        mentorId: 'mentor-ada',
        status: 'active',
        session: { outcome, occurredAt: gradedAt(secondsAgo), consecutiveMissed },
      });
    await publisher.publish(TOPICS.mentoringCaseEvents, [session('missed', 1, 30), session('missed', 2, 20)]);
    const [watch] = await eventsOf('S-reset', 1);
    expect(watch.data).toMatchObject({ level: 'watch', reasons: [expect.objectContaining({ code: 'missed-sessions' })] });

    await publisher.publish(TOPICS.mentoringCaseEvents, [session('attended', 0, 10)]);
    const [, reset] = await eventsOf('S-reset', 2);
    expect(reset.data).toMatchObject({ level: 'ok', previousLevel: 'watch', reasons: [], cause: 'engagement' });
  });

  it('lets a missed-session streak of last academic year lapse at the new one', async () => {
    await publisher.publish(TOPICS.gradesRecorded, [gradeRecorded({ studentId: 'S-last-year', percentage: 80 }), gradeRecorded({ studentId: 'S-last-year', percentage: 82 })]);
    const lastYear = new Date(academicYearBeginning(new Date(), parseMonthDay(service.config.ACADEMIC_YEAR_START)).getTime() - 86_400_000);
    const missed = (consecutiveMissed: number) =>
      caseEvent('session-logged', {
        studentId: 'S-last-year',
        caseId: 'case-S-last-year',
        mentorId: 'mentor-ada',
        status: 'active',
        session: { outcome: 'missed', occurredAt: new Date(lastYear.getTime() - (3 - consecutiveMissed) * 3_600_000).toISOString(), consecutiveMissed },
      });
    await publisher.publish(TOPICS.mentoringCaseEvents, [missed(1), missed(2)]);

    // Each input is recorded and assessed in one transaction, so once all are on record and
    // the outbox is empty, any change of standing would have been announced.
    await waitUntil('both grades and both sessions on record', async () => {
      const risk = await riskOf('S-last-year');
      return risk.engagementSignals.length === 2 && risk.metrics.summativeCount === 2;
    });
    await quiet();
    expect(riskEvents.for('S-last-year')).toEqual([]);
    expect(await riskOf('S-last-year')).toMatchObject({ level: 'ok', reasons: [] });
  });

  it("shows a standing only to ops, coordinators of the student's programme and the mentor holding the case", async () => {
    const server = service.app.getHttpServer();
    await publisher.publish(TOPICS.gradesRecorded, [gradeRecorded({ studentId: 'S-auth', percentage: 45 })]);
    await eventsOf('S-auth', 1);
    await publisher.publish(TOPICS.mentoringCaseEvents, [caseEvent('matched', { studentId: 'S-auth', caseId: 'case-auth', mentorId: 'mentor-holds' })]);
    const asMentor = async (mentorId: string) => service.bearer('mentor', mentorId);

    await request(server).get('/v1/students/S-auth/risk').expect(401);
    await waitUntil('the holding mentor may read the standing', async () => {
      const response = await request(server).get('/v1/students/S-auth/risk').set('authorization', await asMentor('mentor-holds'));
      return response.status === 200;
    });
    await request(server).get('/v1/students/S-auth/risk').set('authorization', await asMentor('mentor-other')).expect(403);
    await request(server).get('/v1/students/S-auth/risk').set('authorization', await service.bearer('student', 'S-auth')).expect(403);
    await request(server).get('/v1/students/S-auth/risk').set('authorization', await service.bearer('ops')).expect(200);
    await request(server).get('/v1/students/S-auth/risk').set('authorization', await service.bearer('coordinator', 'c-mbbs', ['MBBS'])).expect(200);
    const otherProgramme = await request(server).get('/v1/students/S-auth/risk').set('authorization', await service.bearer('coordinator', 'c-md', ['MD'])).expect(403);
    expect(otherProgramme.body.message).toBe('This coordinator is not responsible for programme "MBBS"');
    const noProgrammes = await request(server).get('/v1/students/S-auth/risk').set('authorization', await service.bearer('coordinator', 'c-none')).expect(403);
    expect(noProgrammes.body.message).toBe(NO_PROGRAMMES_MESSAGE);
    await request(server).get('/v1/students/S-auth/risk').set('authorization', await service.bearer('service', 'mentor-matching')).expect(403);

    // An SLA expiry names the mentor who let it lapse, on a case that is open again: no longer theirs.
    await publisher.publish(TOPICS.mentoringCaseEvents, [
      caseEvent('escalated', { studentId: 'S-auth', caseId: 'case-auth', mentorId: 'mentor-holds', status: 'open', escalationReason: 'sla-expired' }),
    ]);
    await waitUntil('the lapsed mentor no longer sees the standing', async () => {
      const response = await request(server).get('/v1/students/S-auth/risk').set('authorization', await asMentor('mentor-holds'));
      return response.status === 403;
    });
    await publisher.publish(TOPICS.mentoringCaseEvents, [
      caseEvent('matched', { studentId: 'S-auth', caseId: 'case-auth', mentorId: 'mentor-holds' }),
      caseEvent('accepted', { studentId: 'S-auth', caseId: 'case-auth', mentorId: 'mentor-holds', status: 'active' }),
    ]);
    await waitUntil('the mentor matched again sees the standing', async () => {
      const response = await request(server).get('/v1/students/S-auth/risk').set('authorization', await asMentor('mentor-holds'));
      return response.status === 200;
    });

    await publisher.publish(TOPICS.mentoringCaseEvents, [
      caseEvent('closed', { studentId: 'S-auth', caseId: 'case-auth', mentorId: 'mentor-holds', status: 'closed', outcome: 'met' }),
    ]);
    await waitUntil('a closed case no longer opens the standing', async () => {
      const response = await request(server).get('/v1/students/S-auth/risk').set('authorization', await asMentor('mentor-holds'));
      return response.status === 403;
    });
  });

  it('validates a policy with every problem by field, and reports flag rates by programme and year', async () => {
    const server = service.app.getHttpServer();
    const coordinator = await service.bearer('coordinator', 'coordinator-md-mbbs', ['MD', 'MBBS']);
    const policy = (await request(server).get('/v1/policies/MD').set('authorization', coordinator).expect(200)).body;
    expect(policy).toMatchObject({ program: 'MD', version: 1, thresholds: { atRisk: 70, urgent: 60 }, minSummatives: 2 });

    const invalid = { ...policy, thresholds: { watch: null, atRisk: 70, urgent: 75 }, hysteresisMarginn: 2 };
    const rejected = await request(server).put('/v1/policies/MD').set('authorization', coordinator).send(invalid).expect(400);
    expect(rejected.body.problems).toEqual([{ field: 'hysteresisMarginn', problem: 'is not a policy setting' }]);
    const crossField = await request(server).put('/v1/policies/MD').set('authorization', coordinator).send({ ...policy, thresholds: { watch: null, atRisk: 70, urgent: 75 } }).expect(400);
    expect(crossField.body.problems).toEqual([{ field: 'thresholds.urgent', problem: 'must be below thresholds.atRisk' }]);
    await request(server).put('/v1/policies/MD').set('authorization', await service.bearer('mentor')).send(policy).expect(403);
    const unchanged = await request(server).put('/v1/policies/MD').set('authorization', coordinator).send(policy).expect(200);
    expect(unchanged.body).toMatchObject({ policy: { version: 1 }, rescoreJob: null });

    const report = await request(server).get('/v1/reports/flag-rates').set('authorization', coordinator).expect(200);
    const year2 = report.body.groups.find((group: { program: string; yearOfStudy: number }) => group.program === 'MBBS' && group.yearOfStudy === 2);
    expect(year2.students).toBeGreaterThanOrEqual(5);
    expect(year2.levels.ok + year2.levels.watch + year2.levels['at-risk'] + year2.levels.urgent).toBe(year2.students);
    expect(year2.flagRate).toBeCloseTo((year2.students - year2.levels.ok) / year2.students, 4);
    await request(server).get('/v1/reports/flag-rates').set('authorization', await service.bearer('mentor')).expect(403);
  });

  it("limits a coordinator's policies and reports to their own programmes", async () => {
    const server = service.app.getHttpServer();
    const mbbs = await service.bearer('coordinator', 'coordinator-mbbs', ['MBBS']);
    const policy = (await request(server).get('/v1/policies/MBBS').set('authorization', mbbs).expect(200)).body;
    const refused = 'This coordinator is not responsible for programme "MD"';

    expect((await request(server).get('/v1/policies/MD').set('authorization', mbbs).expect(403)).body.message).toBe(refused);
    await request(server).get('/v1/policies/MD/versions').set('authorization', mbbs).expect(403);
    expect((await request(server).put('/v1/policies/MD').set('authorization', mbbs).send(policy).expect(403)).body.message).toBe(refused);
    await request(server).post('/v1/policies/MD/preview').set('authorization', mbbs).send(policy).expect(403);
    await request(server).post('/v1/policies/MD/rescore').set('authorization', mbbs).expect(403);
    await request(server).post('/v1/policies/MBBS/preview').set('authorization', mbbs).send(policy).expect(200);
    await request(server).get('/v1/policies/MD').set('authorization', await service.bearer('ops')).expect(200);

    await publisher.publish(TOPICS.gradesRecorded, [gradeRecorded({ studentId: 'S-md-report', program: 'MD', percentage: 45 })]);
    await eventsOf('S-md-report', 1);
    const everyProgramme = await request(server).get('/v1/reports/flag-rates').set('authorization', await service.bearer('coordinator', 'c-both', ['MBBS', 'MD'])).expect(200);
    expect(everyProgramme.body.groups.map((group: { program: string }) => group.program)).toEqual(expect.arrayContaining(['MBBS', 'MD']));
    const own = await request(server).get('/v1/reports/flag-rates').set('authorization', mbbs).expect(200);
    expect(own.body.groups.length).toBeGreaterThan(0);
    expect(own.body.groups.filter((group: { program: string }) => group.program !== 'MBBS')).toEqual([]);

    const none = await service.bearer('coordinator', 'coordinator-none');
    expect((await request(server).get('/v1/reports/flag-rates').set('authorization', none).expect(403)).body.message).toBe(NO_PROGRAMMES_MESSAGE);
    expect((await request(server).get('/v1/policies/MBBS').set('authorization', none).expect(403)).body.message).toBe(NO_PROGRAMMES_MESSAGE);
  });
});
