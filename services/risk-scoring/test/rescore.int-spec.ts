import { waitUntil } from '@mentoring/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  loweredAtRiskPolicy,
  outboxEmpty,
  RiskEventLog,
  RiskScoringService,
  seedProgramme,
  startRiskScoring,
  studentsExpectedToChange,
} from './support';

const PROGRAM = 'RSKA';
const STUDENTS = 5_000;

describe('risk-scoring: a policy change re-scores a whole programme', () => {
  let replicaA: RiskScoringService;
  let replicaB: RiskScoringService;
  let riskEvents: RiskEventLog;
  let dataSource: DataSource;

  beforeAll(async () => {
    replicaA = await startRiskScoring({ label: 'risk_rescore' });
    // A second replica on the same database: both run a re-score worker, only one may work a chunk.
    replicaB = await startRiskScoring({ label: 'risk_rescore', replicaOf: replicaA });
    dataSource = replicaA.app.get(DataSource);
    await seedProgramme(dataSource, PROGRAM, STUDENTS);
    riskEvents = await RiskEventLog.start(replicaA.namespace);
  });

  afterAll(async () => {
    await riskEvents?.stop();
    await replicaB?.close();
    await replicaA?.close();
  });

  it('previews the change, then announces exactly the 1,250 standings that change, once each', async () => {
    const server = replicaA.app.getHttpServer();
    const coordinator = await replicaA.bearer('coordinator', 'registrar-office', [PROGRAM]);

    const preview = await request(server).post(`/v1/policies/${PROGRAM}/preview`).set('authorization', coordinator).send(loweredAtRiskPolicy()).expect(200);
    expect(preview.body).toMatchObject({
      program: PROGRAM,
      currentPolicyVersion: 1,
      studentsAssessed: STUDENTS,
      wouldChange: 1_250,
      moves: [{ from: 'at-risk', to: 'ok', students: 1_250 }],
      levels: { current: { ok: 1_250, 'at-risk': 2_500, urgent: 1_250 }, proposed: { ok: 2_500, 'at-risk': 1_250, urgent: 1_250 } },
    });

    const saved = await request(server).put(`/v1/policies/${PROGRAM}`).set('authorization', coordinator).send(loweredAtRiskPolicy()).expect(200);
    const correlationId = saved.headers['x-correlation-id'];
    expect(saved.body).toMatchObject({ policy: { program: PROGRAM, version: 2, thresholds: { atRisk: 65 } }, rescoreJob: { status: 'pending', policyVersion: 2 } });

    const job = await waitUntil('the re-score job is done', async () => {
      const response = await request(server).get(`/v1/rescore-jobs/${saved.body.rescoreJob.id}`).set('authorization', coordinator).expect(200);
      return response.body.status === 'done' && response.body;
    });
    expect(job).toMatchObject({ studentsAssessed: STUDENTS, standingsChanged: 1_250, requestedBy: 'coordinator:registrar-office' });
    const otherCoordinator = await replicaA.bearer('coordinator', 'elsewhere', ['MBBS']);
    await request(server).get(`/v1/rescore-jobs/${saved.body.rescoreJob.id}`).set('authorization', otherCoordinator).expect(403);

    await waitUntil('every announced change is read', async () => (await outboxEmpty(dataSource)) && riskEvents.caughtUp());
    const expected = studentsExpectedToChange(PROGRAM, STUDENTS);
    expect(riskEvents.events).toHaveLength(expected.length);
    expect(riskEvents.events.map((event) => event.subject).sort()).toEqual(expected);
    for (const event of riskEvents.events) {
      expect(event).toMatchObject({ correlationId, causationId: null });
      // A lower threshold is no progress of the student's: no `improved`, and the cause says so.
      expect(event.data).toMatchObject({ program: PROGRAM, level: 'ok', previousLevel: 'at-risk', policyVersion: 2, cause: 'policy', reasons: [] });
    }

    const student = (await request(server).get(`/v1/students/${expected[0]}/risk`).set('authorization', coordinator).expect(200)).body;
    expect(student).toMatchObject({ level: 'ok', policyVersion: 2 });
    expect(student.history[0]).toMatchObject({ policyVersion: 2, trigger: { kind: 'policy-changed', id: job.id, changedBy: 'coordinator:registrar-office' } });

    const report = await request(server).get('/v1/reports/flag-rates').set('authorization', coordinator).expect(200);
    const programme = report.body.groups.filter((group: { program: string }) => group.program === PROGRAM);
    expect(programme).toHaveLength(6);
    expect(programme.reduce((sum: number, group: { levels: { ok: number } }) => sum + group.levels.ok, 0)).toBe(2_500);
  });
});
