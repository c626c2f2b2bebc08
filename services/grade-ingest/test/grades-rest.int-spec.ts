import { TOPICS } from '@mentoring/contracts';
import { waitUntil } from '@mentoring/testing';
import request from 'supertest';
import { GradeIngest, gradeRecord, postGrades, startGradeIngest, TopicReader, topicOf } from './support';

describe('POST /v1/grades and GET /v1/students/:id/grades', () => {
  let service: GradeIngest;
  let reader: TopicReader;
  let feed: string;

  beforeAll(async () => {
    service = await startGradeIngest('grade_ingest_rest');
    reader = await TopicReader.start([topicOf(service, TOPICS.gradesRecorded)]);
    feed = await service.bearer('registrar-feed', 'sis-main');
  });

  afterAll(async () => {
    await reader?.stop();
    await service?.close();
  });

  const eventsFor = (gradeIds: string[]) => reader.recorded(service).filter((event) => gradeIds.includes(event.data.gradeId));

  it('answers per record (accepted, duplicate, amended, rejected with every problem) and publishes one event per recorded version', async () => {
    const first = gradeRecord({ studentId: 'S-rest-1' });
    const second = gradeRecord({ studentId: 'S-rest-1', score: 48 });
    const bad = gradeRecord({ program: 'DENT', score: 120, gradedAt: '2099-01-01T00:00:00Z', studentId: undefined });

    const initial = await postGrades(service, feed, [first, second, bad]).expect(200);

    expect(initial.body.summary).toEqual({ accepted: 2, duplicate: 0, amended: 0, rejected: 1 });
    expect(initial.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['accepted', 'accepted', 'rejected']);
    expect(initial.body.results[2].problems.map((p: { field: string }) => p.field).sort()).toEqual(['gradedAt', 'program', 'score', 'studentId']);

    const resent = await postGrades(service, feed, [first, { ...second, score: 58 }, { ...second, score: 58 }]).expect(200);

    const [firstId, secondId] = initial.body.results.map((r: { gradeId: string }) => r.gradeId);
    expect(resent.body.results).toEqual([
      { index: 0, outcome: 'duplicate', gradeId: firstId },
      { index: 1, outcome: 'amended', gradeId: expect.any(String), amendsGradeId: secondId, changedFields: ['score'] },
      { index: 2, outcome: 'duplicate', gradeId: resent.body.results[1].gradeId },
    ]);
    const amendmentId = resent.body.results[1].gradeId;
    const events = await waitUntil('three grade versions are published', () => {
      const found = eventsFor([firstId, secondId, amendmentId]);
      return found.length === 3 && found;
    });
    const amendment = events.find((event) => event.data.gradeId === amendmentId);
    expect(amendment?.data).toMatchObject({ feed: 'sis-main', score: 58, percentage: 58, amendment: { previousGradeId: secondId, previousScore: 48 } });
    expect(amendment).toMatchObject({ type: 'grades.recorded.v1', source: 'grade-ingest', subject: 'S-rest-1' });

    const ops = await service.bearer('ops');
    const listed = await request(service.app.getHttpServer()).get('/v1/students/S-rest-1/grades').set('authorization', ops).expect(200);
    const amended = listed.body.grades.find((grade: { gradeId: string }) => grade.gradeId === amendmentId);
    expect(amended).toMatchObject({ score: 58, version: 2, amendsGradeId: secondId, previousVersions: [{ gradeId: secondId, score: 48, version: 1 }] });
    expect(listed.body.grades).toHaveLength(2);
  });

  it('records a batch of 10,000 with 1% bad records: exactly the bad ones rejected, with reasons, and 9,900 events', async () => {
    const badKinds: Array<[string, Record<string, unknown>]> = [
      ['score', { score: 101 }],
      ['program', { program: 'LAW' }],
      ['gradedAt', { gradedAt: '2099-12-31T00:00:00Z' }],
      ['maxScore', { maxScore: 0, score: 0 }],
      ['assessmentType', { assessmentType: 'oral' }],
    ];
    const records = Array.from({ length: 10_000 }, (_, index) => {
      const record = gradeRecord({ studentId: `S-bulk-${index % 700}` });
      if (index % 100 !== 37) return record;
      const [, spoil] = badKinds[(index / 100) % badKinds.length | 0];
      return { ...record, ...spoil };
    });
    const badIndices = records.flatMap((_, index) => (index % 100 === 37 ? [index] : []));

    const response = await postGrades(service, feed, records).expect(200);

    expect(response.body.summary).toEqual({ accepted: 9900, duplicate: 0, amended: 0, rejected: 100 });
    const rejected = response.body.results.filter((r: { outcome: string }) => r.outcome === 'rejected');
    expect(rejected.map((r: { index: number }) => r.index)).toEqual(badIndices);
    for (const result of rejected) {
      const [expectedField] = badKinds[(result.index / 100) % badKinds.length | 0];
      expect(result.problems).toEqual(expect.arrayContaining([expect.objectContaining({ field: expectedField, problem: expect.any(String) })]));
    }
    const acceptedIds = response.body.results.filter((r: { outcome: string }) => r.outcome === 'accepted').map((r: { gradeId: string }) => r.gradeId);
    const published = await waitUntil('9,900 events are published', () => {
      const found = eventsFor(acceptedIds);
      return found.length >= 9900 && found;
    });
    expect(new Set(published.map((event) => event.data.gradeId)).size).toBe(9900);
  });

  it('records each grade once when two batches race for the same new identities', async () => {
    const records = Array.from({ length: 300 }, () => gradeRecord({ studentId: 'S-race-1' }));

    const [left, right] = await Promise.all([postGrades(service, feed, records).expect(200), postGrades(service, feed, [...records].reverse()).expect(200)]);

    const outcomesOf = (body: { results: Array<{ outcome: string; gradeId: string }> }, reversed: boolean) =>
      reversed ? [...body.results].reverse() : body.results;
    const pairs = outcomesOf(left.body, false).map((result, index) => [result, outcomesOf(right.body, true)[index]]);
    for (const [a, b] of pairs) {
      expect([a.outcome, b.outcome].sort()).toEqual(['accepted', 'duplicate']);
      expect(a.gradeId).toBe(b.gradeId);
    }
    const gradeIds = pairs.map(([a]) => a.gradeId);
    const published = await waitUntil('300 events are published', () => {
      const found = eventsFor(gradeIds);
      return found.length >= 300 && found;
    });
    expect(published).toHaveLength(300);
  });

  it.each([
    ['records is not an array', { records: 'x' }, 'must be an array of grade records'],
    ['records is empty', { records: [] }, 'must contain at least one grade record'],
    ['records has 10,001 entries', { records: Array.from({ length: 10_001 }, () => ({})) }, 'must contain at most 10000 grade records; split larger batches'],
    ['records is missing', {}, 'must be an array of grade records'],
  ])('answers 400 with the field problem when %s', async (_case, body, problem) => {
    const response = await request(service.app.getHttpServer()).post('/v1/grades').set('authorization', feed).send(body).expect(400);

    expect(response.body.problems).toEqual([{ field: 'records', problem }]);
  });

  it("lets only registrar feeds submit, and only ops and the student's programme's coordinators read a student", async () => {
    const server = service.app.getHttpServer();
    await request(server).post('/v1/grades').send({ records: [gradeRecord()] }).expect(401);
    await postGrades(service, await service.bearer('mentor'), [gradeRecord()]).expect(403);
    await request(server).get('/v1/students/S-rest-1/grades').expect(401);
    for (const role of ['student', 'registrar-feed', 'service', 'coordinator', 'mentor'] as const) {
      await request(server).get('/v1/students/S-rest-1/grades').set('authorization', await service.bearer(role)).expect(403);
    }
    await request(server).get('/v1/students/S-rest-1/grades').set('authorization', await service.bearer('coordinator', 'coordinator-mbbs', ['MBBS'])).expect(200);
    await request(server).get('/v1/students/S-rest-1/grades').set('authorization', await service.bearer('ops')).expect(200);
  });

  it('describes its endpoints in OpenAPI', async () => {
    const document = await request(service.app.getHttpServer()).get('/docs-json').expect(200);

    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining(['/v1/grades', '/v1/students/{studentId}/grades', '/v1/imports/oneroster', '/v1/imports/{id}', '/v1/imports/{id}/resume']),
    );
  });

  it('counts grades by path and outcome', async () => {
    const metrics = await request(service.app.getHttpServer()).get('/metrics').expect(200);

    expect(metrics.text).toMatch(/grade_ingest_grades_total\{channel="rest",outcome="accepted"[^}]*\} 10202/);
    expect(metrics.text).toMatch(/grade_ingest_grades_total\{channel="rest",outcome="amended"[^}]*\} 1/);
  });
});
