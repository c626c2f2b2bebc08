import { createEnvelope, deadLetterTopic, EventEnvelope, GRADE_SUBMITTED_V1, GradeRecordedV1, TOPICS } from '@mentoring/contracts';
import { testKafka, waitUntil } from '@mentoring/testing';
import { Message, Producer } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { GradeIngest, gradeRecord, postGrades, startGradeIngest, TopicReader, topicOf } from './support';

describe('registrar.grades.submitted.v1', () => {
  let service: GradeIngest;
  let reader: TopicReader;
  let producer: Producer;
  let submittedTopic: string;

  beforeAll(async () => {
    service = await startGradeIngest('grade_ingest_kafka', { overrides: { REGISTRAR_TOPIC_FEEDS: ['sis-north', 'sis-cross'] } });
    submittedTopic = topicOf(service, TOPICS.registrarGradesSubmitted);
    reader = await TopicReader.start([topicOf(service, TOPICS.gradesRecorded), deadLetterTopic(submittedTopic)]);
    producer = testKafka().producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await reader?.stop();
    await service?.close();
  });

  const send = (...messages: Message[]) => producer.send({ topic: submittedTopic, messages });
  const bare = (record: Record<string, unknown>, headers: Record<string, string> = {}): Message => ({
    key: String(record.studentId),
    value: JSON.stringify(record),
    headers,
  });
  const recordedFor = (sourceRecordId: unknown) => reader.recorded(service).filter((event) => event.data.sourceRecordId === sourceRecordId);
  const oneRecorded = (sourceRecordId: unknown, count = 1): Promise<EventEnvelope<GradeRecordedV1>[]> =>
    waitUntil(`${count} event(s) for ${String(sourceRecordId)}`, () => {
      const events = recordedFor(sourceRecordId);
      return events.length >= count && events;
    });

  it('records bare records and grades.submitted.v1 envelopes, under the feed header or the default feed', async () => {
    const plain = gradeRecord({ studentId: 'S-kafka-1' });
    const wrapped = gradeRecord({ studentId: 'S-kafka-1' });
    const envelope = createEnvelope({ type: GRADE_SUBMITTED_V1, source: 'registrar-tool', subject: 'S-kafka-1', data: wrapped, correlationId: 'corr-wrapped' });

    await send(bare(plain, { feed: 'sis-north', 'correlation-id': 'corr-plain' }), { key: 'S-kafka-1', value: JSON.stringify(envelope) });

    const [plainEvent] = await oneRecorded(plain.sourceRecordId);
    expect(plainEvent).toMatchObject({ subject: 'S-kafka-1', correlationId: 'corr-plain', data: { feed: 'sis-north', score: 62, amendment: null } });
    expect(plainEvent.causationId).toMatch(/^[0-9a-f-]{36}$/);
    const [wrappedEvent] = await oneRecorded(wrapped.sourceRecordId);
    expect(wrappedEvent).toMatchObject({ correlationId: 'corr-wrapped', causationId: envelope.id, data: { feed: 'kafka' } });
  });

  it('treats a resend from another path of the same feed as a duplicate, and a changed score as an amendment', async () => {
    const feed = await service.bearer('registrar-feed', 'sis-cross');
    const grade = gradeRecord({ studentId: 'S-cross-1' });
    const byRest = await postGrades(service, feed, [grade]).expect(200);
    const restGradeId = byRest.body.results[0].gradeId;

    // Same key, same partition: once the marker is recorded, the resend before it has been handled.
    const marker = gradeRecord({ studentId: 'S-cross-1' });
    await send(bare(grade, { feed: 'sis-cross' }), bare(marker, { feed: 'sis-cross' }));
    await oneRecorded(marker.sourceRecordId);
    expect(recordedFor(grade.sourceRecordId)).toHaveLength(1);

    await send(bare({ ...grade, score: 75 }, { feed: 'sis-cross' }));
    const [, amendment] = await oneRecorded(grade.sourceRecordId, 2);
    expect(amendment.data).toMatchObject({ score: 75, amendment: { previousGradeId: restGradeId, previousScore: 62 } });

    const again = await postGrades(service, feed, [{ ...grade, score: 75 }]).expect(200);
    expect(again.body.results[0]).toEqual({ index: 0, outcome: 'duplicate', gradeId: amendment.data.gradeId });
  });

  it('dead-letters invalid records with every reason, and goes on with the records after them', async () => {
    const invalid = gradeRecord({ studentId: 'S-dlq-1', program: 'DENT', score: 150, gradedAt: 'yesterday' });
    const moved = gradeRecord({ studentId: 'S-dlq-1' });
    const after = gradeRecord({ studentId: 'S-dlq-1' });
    await send(bare(moved));
    await oneRecorded(moved.sourceRecordId);

    await send(
      bare(invalid),
      { key: 'S-dlq-1', value: '{"studentId": "S-dlq-1", "score":' },
      { key: 'S-dlq-1', value: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) },
      bare({ ...moved, studentId: 'S-dlq-2' }),
      bare(after),
    );

    await oneRecorded(after.sourceRecordId);
    const deadLetters = await waitUntil('four dead letters', () => {
      const found = reader.on(deadLetterTopic(submittedTopic));
      return found.length >= 4 && found;
    });
    const byReason = new Map(deadLetters.map((letter) => [letter.headers['dlt-reason'], letter]));
    expect([...byReason.keys()].sort()).toEqual(['grade-identity-conflict', 'invalid-encoding', 'invalid-grade', 'invalid-json']);
    const invalidGrade = byReason.get('invalid-grade') as (typeof deadLetters)[number];
    expect(invalidGrade.value).toBe(JSON.stringify(invalid));
    expect(invalidGrade.headers['kafka_dlt-original-topic']).toBe(submittedTopic);
    for (const problem of ['program: must be one of the configured programmes', 'score: must not be greater than maxScore', 'gradedAt: must be an ISO 8601 date-time']) {
      expect(invalidGrade.headers['kafka_dlt-exception-message']).toContain(problem);
    }
    expect(byReason.get('grade-identity-conflict')?.headers['kafka_dlt-exception-message']).toContain('studentId: differs from the grade already recorded');

    const ops = await service.bearer('ops');
    const listed = await request(service.app.getHttpServer()).get('/v1/ops/dead-letters').set('authorization', ops).expect(200);
    expect(listed.body.total).toBe(4);
    const metrics = await request(service.app.getHttpServer()).get('/metrics').expect(200);
    // Every refused record counts once as rejected, whatever the refusal (bad JSON included).
    expect(metrics.text).toMatch(/grade_ingest_grades_total\{channel="kafka",outcome="rejected"[^}]*\} 4/);
  });

  it('dead-letters a record whose feed header names a feed not allowed on the topic, and records nothing under it', async () => {
    const forged = gradeRecord({ studentId: 'S-forged-1' });
    const wrapped = gradeRecord({ studentId: 'S-forged-1' });
    const envelope = createEnvelope({ type: GRADE_SUBMITTED_V1, source: 'sis-north', subject: 'S-forged-1', data: wrapped });
    const after = gradeRecord({ studentId: 'S-forged-1' });

    await send(bare(forged, { feed: 'sis-south' }), { key: 'S-forged-1', value: JSON.stringify(envelope), headers: { feed: 'registrar-admin' } }, bare(after, { feed: 'sis-north' }));

    // Same key, same partition: once the record after them is recorded, both forged ones have been handled.
    await oneRecorded(after.sourceRecordId);
    const refused = await waitUntil('two feed-not-allowed dead letters', () => {
      const found = reader.on(deadLetterTopic(submittedTopic)).filter((letter) => letter.headers['dlt-reason'] === 'feed-not-allowed');
      return found.length >= 2 && found;
    });
    expect(refused.map((letter) => letter.headers['kafka_dlt-exception-message']).sort()).toEqual([
      expect.stringContaining('"registrar-admin"'),
      expect.stringContaining('"sis-south"'),
    ]);
    expect(recordedFor(forged.sourceRecordId)).toEqual([]);
    expect(recordedFor(wrapped.sourceRecordId)).toEqual([]);
    const [{ count }] = await service.app
      .get(DataSource)
      .query('SELECT count(*)::int AS count FROM grades WHERE source_record_id = ANY($1)', [[forged.sourceRecordId, wrapped.sourceRecordId]]);
    expect(count).toBe(0);
  });
});
