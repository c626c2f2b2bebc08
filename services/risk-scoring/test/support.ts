import { randomUUID } from 'node:crypto';
import {
  CaseEventKind,
  caseEventType,
  CaseEventV1,
  createEnvelope,
  EventEnvelope,
  GRADE_RECORDED_V1,
  GradeRecordedV1,
  namespacedTopic,
  RiskAssessedV1,
  TOPICS,
} from '@mentoring/contracts';
import { startTestService, testKafka, TestService, uniqueName } from '@mentoring/testing';
import { Consumer, Producer } from 'kafkajs';
import { AppModule } from '../src/app.module';
import { RiskScoringConfig } from '../src/config/risk-scoring.config';
import { assessStanding, defaultPolicySettings } from '../src/scoring/domain';

export type RiskScoringService = TestService<RiskScoringConfig>;

/** The service in-process, on a fresh database and topic namespace (or a shared one, for a second replica). */
export function startRiskScoring(options: { label: string; replicaOf?: RiskScoringService }): Promise<RiskScoringService> {
  return startTestService({
    configClass: RiskScoringConfig,
    appModule: (config) => AppModule.register(config),
    label: options.label,
    namespace: options.replicaOf?.namespace,
    database: options.replicaOf?.database,
  });
}

/** A grades.recorded.v1 envelope with readable defaults: a fully graded summative, graded a moment ago. */
export function gradeRecorded(
  grade: Partial<GradeRecordedV1> & Pick<GradeRecordedV1, 'studentId' | 'percentage'>,
  envelope: { correlationId?: string } = {},
): EventEnvelope<GradeRecordedV1> {
  const data: GradeRecordedV1 = {
    gradeId: randomUUID(),
    program: 'MBBS',
    yearOfStudy: 2,
    courseCode: 'ANAT101',
    assessmentId: `exam-${randomUUID().slice(0, 8)}`,
    assessmentType: 'summative',
    score: grade.percentage,
    maxScore: 100,
    scoreStatus: 'fully graded',
    gradedAt: new Date(Date.now() - 1_000).toISOString(),
    feed: 'registrar-main',
    sourceRecordId: `rec-${randomUUID()}`,
    ...grade,
  };
  return createEnvelope({ type: GRADE_RECORDED_V1, source: 'grade-ingest', subject: data.studentId, data, correlationId: envelope.correlationId });
}

/** The amendment grade-ingest records when a feed re-sends a record with a changed score. */
export function amendmentOf(original: EventEnvelope<GradeRecordedV1>, percentage: number): EventEnvelope<GradeRecordedV1> {
  const previous = original.data;
  return gradeRecorded({
    ...previous,
    gradeId: randomUUID(),
    score: percentage,
    percentage,
    amendment: {
      previousGradeId: previous.gradeId,
      previousScore: previous.score,
      previousMaxScore: previous.maxScore,
      previousScoreStatus: previous.scoreStatus,
    },
  });
}

/** A mentoring.case-<kind>.v1 envelope, a snapshot of the case as mentor-matching publishes it. */
export function caseEvent(
  kind: CaseEventKind,
  snapshot: Partial<CaseEventV1> & Pick<CaseEventV1, 'studentId' | 'caseId'> & { mentorId?: string | null },
): EventEnvelope<CaseEventV1> {
  const { mentorId = null, ...fields } = snapshot;
  const data: CaseEventV1 = {
    kind,
    program: 'MBBS',
    yearOfStudy: 2,
    status: 'matched',
    phase: 'ice-breaking',
    riskLevel: 'watch',
    student: { id: snapshot.studentId, displayName: 'Sam', email: null, timeZone: 'Europe/London' },
    mentor: mentorId === null ? null : { id: mentorId, displayName: 'Dr Lee', email: null, timeZone: 'Europe/London' },
    reasons: [],
    weakCourses: [],
    proposedSlots: [],
    occurredAt: new Date().toISOString(),
    ...fields,
  };
  return createEnvelope({ type: caseEventType(kind), source: 'mentor-matching', subject: data.studentId, data });
}

/** Publishes envelopes onto a namespaced contract topic, keyed by student like the services do. */
export class TestPublisher {
  private constructor(
    private readonly producer: Producer,
    private readonly namespace: string,
  ) {}

  static async connect(namespace: string): Promise<TestPublisher> {
    const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    return new TestPublisher(producer, namespace);
  }

  async publish(topic: string, envelopes: EventEnvelope[]): Promise<void> {
    await this.producer.send({
      topic: namespacedTopic(topic, this.namespace),
      messages: envelopes.map((envelope) => ({ key: envelope.subject, value: JSON.stringify(envelope) })),
    });
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}

/** Every risk.assessed.v1 message of a namespace, in arrival order, read from the beginning. */
export class RiskEventLog {
  readonly events: EventEnvelope<RiskAssessedV1>[] = [];
  private readonly nextOffsetByPartition = new Map<number, number>();

  private constructor(
    private readonly consumer: Consumer,
    private readonly topic: string,
  ) {}

  /** Call once the service is up: it creates the topic. */
  static async start(namespace: string): Promise<RiskEventLog> {
    const topic = namespacedTopic(TOPICS.riskAssessed, namespace);
    // Short fetch waits: stopping the reader would otherwise wait out a 5 s long poll.
    const consumer = testKafka().consumer({ groupId: uniqueName('risk_events_reader'), maxWaitTimeInMs: 200 });
    const log = new RiskEventLog(consumer, topic);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        log.events.push(JSON.parse(String(message.value)));
        log.nextOffsetByPartition.set(partition, Number(message.offset) + 1);
      },
    });
    return log;
  }

  for(studentId: string): EventEnvelope<RiskAssessedV1>[] {
    return this.events.filter((event) => event.subject === studentId);
  }

  /** True once every message on the topic so far has been read. */
  async caughtUp(): Promise<boolean> {
    const admin = testKafka().admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(this.topic);
      return ends.every(({ partition, high }) => (this.nextOffsetByPartition.get(partition) ?? 0) >= Number(high));
    } finally {
      await admin.disconnect();
    }
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}

/** Runs SQL against a service database (a TypeORM DataSource or a pg Client both fit). */
export interface Sql {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/** True when the service has published everything it committed. */
export async function outboxEmpty(sql: Sql): Promise<boolean> {
  const result = (await sql.query('SELECT count(*)::int AS unsent FROM outbox WHERE sent_at IS NULL')) as
    | Array<{ unsent: number }>
    | { rows: Array<{ unsent: number }> };
  const rows = Array.isArray(result) ? result : result.rows;
  return rows[0].unsent === 0;
}

/**
 * A programme for re-score tests. Students fall in four groups by index, all with two identical
 * summatives: 80% (ok), 68% (at-risk), 64% (at-risk) and 55% (urgent) under the defaults. Lowering
 * the at-risk threshold to 65 changes only the 68% group: 68 clears 65 by more than the 2-point
 * margin, so those students move to ok (without an `improved` reason: no mark changed); 64% stays under the threshold
 * and 55% stays urgent.
 */
export const RESCORE_GROUP_PERCENTAGES = [80, 68, 64, 55] as const;
export const CHANGED_GROUP = 1;

export function rescoreStudentId(program: string, index: number): string {
  return `${program}-${String(index).padStart(5, '0')}`;
}

export function studentsExpectedToChange(program: string, students: number): string[] {
  return Array.from({ length: students }, (_, index) => index)
    .filter((index) => index % RESCORE_GROUP_PERCENTAGES.length === CHANGED_GROUP)
    .map((index) => rescoreStudentId(program, index));
}

/**
 * Writes the programme's students, grades and current standings straight into the service's
 * tables, as if their grades had been consumed under the default policy (fast: no events).
 */
export async function seedProgramme(sql: Sql, program: string, students: number): Promise<void> {
  const now = new Date();
  const rows = Array.from({ length: students }, (_, index) => seedRow(program, index, now));
  await sql.query(
    `INSERT INTO students (student_id, program, year_of_study)
     SELECT student_id, program, year_of_study FROM jsonb_to_recordset($1::jsonb) AS r(student_id text, program text, year_of_study int)`,
    [JSON.stringify(rows.map(({ student }) => student))],
  );
  await sql.query(
    `INSERT INTO student_grades (feed, source_record_id, grade_id, student_id, course_code, assessment_id, assessment_type,
                                 percentage, score_status, graded_at, recorded_at, event_id)
     SELECT 'seed', source_record_id, grade_id, student_id, 'PHYS201', source_record_id, 'summative',
            percentage, 'fully graded', graded_at, graded_at, source_record_id
     FROM jsonb_to_recordset($1::jsonb)
       AS r(source_record_id text, grade_id uuid, student_id text, percentage double precision, graded_at timestamptz)`,
    [JSON.stringify(rows.flatMap(({ grades }) => grades))],
  );
  await sql.query(
    `INSERT INTO standings (student_id, level, reasons, weak_courses, metrics, policy_version, assessed_at, changed_at)
     SELECT student_id, level, reasons, weak_courses, metrics, 1, now(), now()
     FROM jsonb_to_recordset($1::jsonb) AS r(student_id text, level text, reasons jsonb, weak_courses jsonb, metrics jsonb)`,
    [JSON.stringify(rows.map(({ standing }) => standing))],
  );
}

function seedRow(program: string, index: number, now: Date) {
  const studentId = rescoreStudentId(program, index);
  const percentage = RESCORE_GROUP_PERCENTAGES[index % RESCORE_GROUP_PERCENTAGES.length];
  const grades = [2, 1].map((secondsAgo) => ({
    source_record_id: `${studentId}-${secondsAgo}`,
    grade_id: randomUUID(),
    student_id: studentId,
    percentage,
    graded_at: new Date(now.getTime() - secondsAgo * 1_000).toISOString(),
  }));
  const standing = assessStanding({
    grades: grades.map((grade) => ({
      gradeId: grade.grade_id,
      courseCode: 'PHYS201',
      assessmentType: 'summative' as const,
      percentage,
      scoreStatus: 'fully graded' as const,
      gradedAt: grade.graded_at,
    })),
    engagement: { consecutiveMissedSessions: 0 },
    policy: defaultPolicySettings(),
    now,
  });
  return {
    student: { student_id: studentId, program, year_of_study: (index % 6) + 1 },
    grades,
    standing: { student_id: studentId, level: standing.level, reasons: standing.reasons, weak_courses: standing.weakCourses, metrics: standing.metrics },
  };
}

/** The default policy with the at-risk threshold lowered to 65%, as a PUT body. */
export function loweredAtRiskPolicy(): object {
  const settings = defaultPolicySettings();
  return { ...settings, thresholds: { ...settings.thresholds, atRisk: 65 } };
}
