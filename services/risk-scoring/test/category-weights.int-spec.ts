import { TOPICS } from '@mentoring/contracts';
import { waitUntil } from '@mentoring/testing';
import request from 'supertest';
import { gradeRecorded, RiskScoringService, startRiskScoring, TestPublisher } from './support';

describe('risk-scoring: category weights from the feed', () => {
  let service: RiskScoringService;
  let publisher: TestPublisher;

  beforeAll(async () => {
    service = await startRiskScoring({ label: 'risk_category_weights' });
    publisher = await TestPublisher.connect(service.namespace);
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await service?.close();
  });

  const server = () => service.app.getHttpServer();
  const coordinator = () => service.bearer('coordinator', 'coordinator-bbms-md', ['BBMS', 'MD']);

  async function standingOnceScored(studentId: string, summatives: number): Promise<{ level: string; metrics: { summativeMean: number } }> {
    const token = await coordinator();
    return waitUntil(`${studentId} scored on ${summatives} summatives`, async () => {
      const response = await request(server()).get(`/v1/students/${studentId}/risk`).set('authorization', token);
      return response.status === 200 && response.body.metrics.summativeCount === summatives && response.body;
    });
  }

  /** An exam weighted 0.8 and two quizzes weighted 0.2 in the feed's gradebook, oldest first. */
  function gradebook(studentId: string, program: string) {
    const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1_000).toISOString();
    return [
      gradeRecorded({ studentId, program, percentage: 50, category: 'Exams', categoryWeight: 0.8, gradedAt: at(3) }),
      gradeRecorded({ studentId, program, percentage: 90, category: 'Quizzes', categoryWeight: 0.2, gradedAt: at(2) }),
      gradeRecorded({ studentId, program, percentage: 90, category: 'Quizzes', categoryWeight: 0.2, gradedAt: at(1) }),
    ];
  }

  it('refuses a weighting under which no assessment counts', async () => {
    const token = await coordinator();
    const policy = (await request(server()).get('/v1/policies/BBMS').set('authorization', token).expect(200)).body;

    const refused = await request(server())
      .put('/v1/policies/BBMS')
      .set('authorization', token)
      .send({ ...policy, categoryWeighting: { weights: { Exams: 0 }, uncategorisedWeight: 0 } })
      .expect(400);

    expect(refused.body.problems).toEqual([{ field: 'categoryWeighting.weights', problem: expect.stringContaining('otherwise no assessment counts') }]);
  });

  it('weights the same marks by the categories the grades carry when the policy says so, and not otherwise', async () => {
    const token = await coordinator();
    const policy = (await request(server()).get('/v1/policies/BBMS').set('authorization', token).expect(200)).body;
    await request(server())
      .put('/v1/policies/BBMS')
      .set('authorization', token)
      .send({ ...policy, categoryWeighting: { weights: {}, uncategorisedWeight: 0, useFeedWeights: true } })
      .expect(200);

    await publisher.publish(TOPICS.gradesRecorded, [...gradebook('S-weighted', 'BBMS'), ...gradebook('S-unweighted', 'MD')]);

    const weighted = await standingOnceScored('S-weighted', 3);
    const unweighted = await standingOnceScored('S-unweighted', 3);
    // (50 x 0.8 + 90 x 0.2) / 1.0 = 58: below the urgent line of 60; the plain mean of 76.67 is fine.
    expect(weighted).toMatchObject({ level: 'urgent', metrics: { summativeMean: 58 } });
    expect(unweighted).toMatchObject({ level: 'ok', metrics: { summativeMean: 76.67 } });
  });
});
