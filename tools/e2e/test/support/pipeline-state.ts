import { namespacedTopic, TOPICS } from '@mentoring/contracts';
import { Cohort, PATIENTLY, Person, Pipeline, PIPELINE_SERVICES, PipelineService, testKafka, waitUntil } from '@mentoring/testing';
import { Client } from 'pg';

/** Polls often enough to catch a stage of a burst while it is still running. */
export const CLOSELY = { timeoutMs: 120_000, intervalMs: 25 } as const;

const CONSUMED_TOPICS: Record<PipelineService, string[]> = {
  'grade-ingest': [TOPICS.registrarGradesSubmitted],
  'risk-scoring': [TOPICS.gradesRecorded, TOPICS.mentoringCaseEvents],
  'mentor-matching': [TOPICS.riskAssessed, TOPICS.studentsDirectoryUpdated],
  notification: [TOPICS.mentoringCaseEvents, TOPICS.studentsDirectoryUpdated],
};

export const idsOf = (people: Person[]) => people.map((person) => person.id);

/** One query on a service's own database. */
export async function queryService<T>(pipeline: Pipeline, service: PipelineService, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: pipeline.databaseOf(service).url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Waits until a service has stored something of the cohort's burst (`countSql` counts it, given
 * the student ids as $1), so a test can strike while the burst is still passing through.
 */
export function waitUntilBegun(pipeline: Pipeline, service: PipelineService, { students }: Cohort, countSql: string): Promise<true> {
  return waitUntil(
    `${service} has begun on the burst`,
    async () => (await queryService<{ n: number }>(pipeline, service, countSql, [idsOf(students)]))[0].n > 0,
    CLOSELY,
  );
}

export interface MatchedCase {
  caseId: string;
  studentId: string;
  mentorId: string;
}

/** Every student of the cohort has a case with a mentor. */
export function waitUntilMatched(pipeline: Pipeline, { students }: Cohort): Promise<MatchedCase[]> {
  return waitUntil(
    `all ${students.length} students have a mentor`,
    async () => {
      const cases = await queryService<MatchedCase>(
        pipeline,
        'mentor-matching',
        `SELECT id AS "caseId", student_id AS "studentId", mentor_id AS "mentorId" FROM cases
          WHERE student_id = ANY($1) AND status IN ('matched', 'active')`,
        [idsOf(students)],
      );
      return cases.length >= students.length && cases;
    },
    PATIENTLY,
  );
}

/** Each mentor says yes, which is what lets the student hear from us. */
export async function acceptCases(pipeline: Pipeline, cases: MatchedCase[]): Promise<void> {
  for (const { caseId, mentorId } of cases) {
    const accepted = await pipeline.call('mentor-matching', 'POST', `/v1/cases/${caseId}/accept`, 'mentor', {}, mentorId);
    expect(accepted.status).toBeLessThan(300);
  }
}

/**
 * Nothing is left anywhere that could still produce an effect: every outbox published, every
 * consumer group committed to the end of its topics, no email waiting or being sent. Only then
 * can a test tell "exactly once" from "not yet twice".
 */
export function waitUntilQuiet(pipeline: Pipeline): Promise<true> {
  return waitUntil(
    'every outbox, consumer group and email queue is drained',
    async () => (await unsentOutboxRows(pipeline)) === 0 && (await pendingEmails(pipeline)) === 0 && (await consumerLag(pipeline)) === 0,
    PATIENTLY,
  );
}

async function unsentOutboxRows(pipeline: Pipeline): Promise<number> {
  let unsent = 0;
  for (const service of PIPELINE_SERVICES) {
    const [row] = await queryService<{ unsent: number }>(pipeline, service, 'SELECT count(*)::int AS unsent FROM outbox WHERE sent_at IS NULL');
    unsent += row.unsent;
  }
  return unsent;
}

async function pendingEmails(pipeline: Pipeline): Promise<number> {
  const [row] = await queryService<{ pending: number }>(
    pipeline,
    'notification',
    `SELECT count(*)::int AS pending FROM deliveries WHERE channel = 'email' AND status IN ('queued', 'sending')`,
  );
  return row.pending;
}

/** Records not yet committed by the consumer group of each service, over the topics it consumes. */
async function consumerLag(pipeline: Pipeline): Promise<number> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    let lag = 0;
    for (const service of PIPELINE_SERVICES) {
      const topics = CONSUMED_TOPICS[service].map((topic) => pipeline.topic(topic));
      const committed = await admin.fetchOffsets({ groupId: namespacedTopic(service, pipeline.namespace), topics });
      for (const { topic, partitions } of committed) {
        const ends = await admin.fetchTopicOffsets(topic);
        for (const { partition, offset } of partitions) {
          const end = Number(ends.find((entry) => entry.partition === partition)?.high ?? 0);
          lag += end - Math.max(Number(offset), 0);
        }
      }
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}
