import { CaughtMail, Cohort, Pipeline, PIPELINE_SERVICES, TopicRecorder } from '@mentoring/testing';
import { idsOf, queryService } from './pipeline-state';

/** The case events, emails and messages of one student's journey up to the mentor's acceptance. */
const CASE_EVENT_TYPES = ['mentoring.case-accepted.v1', 'mentoring.case-matched.v1', 'mentoring.case-opened.v1'];
const MESSAGE_TEMPLATES = { mentor: 'mentor-new-case', student: 'student-first-contact' };

export interface ExactlyOnceOptions {
  /**
   * A notification process killed after the SMTP server accepted an email but before it recorded
   * the outcome sends that email again once its claim lapses, with the same Message-ID (the one
   * at-least-once window, see services/notification/README.md). Allow such repeats after crashes.
   */
  mailRepeatedWithSameMessageId: boolean;
}

/**
 * Every student of the cohort got exactly one of everything, checked where each service keeps
 * it: one recorded version per grade, one case, one offer, one of each case event (in the
 * database and on the topic), one message per person per case, one email per message, and not a
 * single dead letter.
 */
export async function expectEveryStudentServedOnce(pipeline: Pipeline, cohort: Cohort, caseEvents: TopicRecorder, options: ExactlyOnceOptions): Promise<void> {
  await expectNothingDeadLettered(pipeline);
  await expectGradesRecordedOnce(pipeline, cohort);
  await expectStandingsChangedOncePerGrade(pipeline, cohort);
  const caseIds = await expectOneAcceptedCasePerStudent(pipeline, cohort);
  await expectMentorCapacityKept(pipeline, cohort);
  await caseEvents.waitUntilCaughtUp();
  expectCaseEventsPublishedOnce(caseEvents, caseIds);
  await expectOneEmailPerPersonPerCase(pipeline, cohort, caseIds, options);
}

async function expectNothingDeadLettered(pipeline: Pipeline): Promise<void> {
  for (const service of PIPELINE_SERVICES) {
    const letters = await queryService(pipeline, service, 'SELECT topic, reason FROM dead_letters');
    expect({ service, letters }).toEqual({ service, letters: [] });
  }
}

async function expectGradesRecordedOnce(pipeline: Pipeline, { students }: Cohort): Promise<void> {
  const grades = await queryService<{ source_record_id: string; versions: number }>(
    pipeline,
    'grade-ingest',
    'SELECT source_record_id, count(*)::int AS versions FROM grades WHERE student_id = ANY($1) GROUP BY source_record_id',
    [idsOf(students)],
  );
  expect(grades).toHaveLength(students.length * 2);
  expect(grades.filter((grade) => grade.versions !== 1)).toEqual([]);
}

async function expectStandingsChangedOncePerGrade(pipeline: Pipeline, { students }: Cohort): Promise<void> {
  const standings = await queryService<{ student_id: string; level: string }>(pipeline, 'risk-scoring', 'SELECT student_id, level FROM standings WHERE student_id = ANY($1)', [
    idsOf(students),
  ]);
  expect(standings).toHaveLength(students.length);
  expect(standings.filter((standing) => !['at-risk', 'urgent'].includes(standing.level))).toEqual([]);
  const repeated = await queryService(
    pipeline,
    'risk-scoring',
    'SELECT trigger, trigger_id, count(*)::int AS changes FROM standing_changes WHERE student_id = ANY($1) GROUP BY trigger, trigger_id HAVING count(*) > 1',
    [idsOf(students)],
  );
  expect(repeated).toEqual([]);
}

/** Returns the case ids, one per student. */
async function expectOneAcceptedCasePerStudent(pipeline: Pipeline, { students }: Cohort): Promise<string[]> {
  const cases = await queryService<{ id: string; student_id: string; status: string; offers: number; history: string[] }>(
    pipeline,
    'mentor-matching',
    `SELECT c.id, c.student_id, c.status,
            (SELECT count(*)::int FROM case_offers o WHERE o.case_id = c.id) AS offers,
            (SELECT array_agg(h.kind ORDER BY h.kind) FROM case_history h WHERE h.case_id = c.id AND h.event_id IS NOT NULL) AS history
       FROM cases c WHERE c.student_id = ANY($1) ORDER BY c.student_id`,
    [idsOf(students)],
  );
  expect(cases.map((row) => row.student_id)).toEqual(idsOf(students).sort());
  for (const row of cases) {
    expect({ student: row.student_id, status: row.status, offers: row.offers, history: row.history }).toEqual({
      student: row.student_id,
      status: 'active',
      offers: 1,
      history: ['accepted', 'matched', 'opened'],
    });
  }
  return cases.map((row) => row.id);
}

async function expectMentorCapacityKept(pipeline: Pipeline, { mentors }: Cohort): Promise<void> {
  const loads = await queryService<{ id: string; open_cases: number; max_open_cases: number; holding: number }>(
    pipeline,
    'mentor-matching',
    `SELECT m.id, m.open_cases, m.max_open_cases,
            (SELECT count(*)::int FROM cases c WHERE c.mentor_id = m.id AND c.status IN ('matched', 'active')) AS holding
       FROM mentors m WHERE m.id = ANY($1)`,
    [idsOf(mentors)],
  );
  for (const load of loads) {
    expect(load.open_cases).toBe(load.holding);
    expect(load.open_cases).toBeLessThanOrEqual(load.max_open_cases);
  }
}

/** A relay may publish an event twice after a crash (same event id, deduplicated downstream); a second logical event is a bug. */
function expectCaseEventsPublishedOnce(caseEvents: TopicRecorder, caseIds: string[]): void {
  for (const caseId of caseIds) {
    const idsByType = new Map<string, Set<string>>();
    for (const envelope of caseEvents.received.filter((received) => received.data.caseId === caseId)) {
      idsByType.set(envelope.type, (idsByType.get(envelope.type) ?? new Set()).add(envelope.id));
    }
    const published = Object.fromEntries([...idsByType].map(([type, ids]) => [type, ids.size]));
    expect({ caseId, published }).toEqual({ caseId, published: Object.fromEntries(CASE_EVENT_TYPES.map((type) => [type, 1])) });
  }
}

interface SentEmail {
  smtp_message_id: string;
  case_id: string;
  recipient_id: string;
  recipient_role: 'mentor' | 'student';
  template: string;
  status: string;
}

async function expectOneEmailPerPersonPerCase(pipeline: Pipeline, cohort: Cohort, caseIds: string[], options: ExactlyOnceOptions): Promise<void> {
  const emails = await queryService<SentEmail>(
    pipeline,
    'notification',
    `SELECT d.smtp_message_id, m.case_id, m.recipient_id, m.recipient_role, m.template, d.status
       FROM messages m JOIN deliveries d ON d.message_id = m.id AND d.channel = 'email'
      WHERE m.case_id = ANY($1)`,
    [caseIds],
  );
  const messagesPerCase = caseIds.map((caseId) => emails.filter((email) => email.case_id === caseId).map(({ recipient_role, template, status }) => ({ recipient_role, template, status })));
  for (const messages of messagesPerCase) {
    expect(messages.sort((a, b) => a.recipient_role.localeCompare(b.recipient_role))).toEqual([
      { recipient_role: 'mentor', template: MESSAGE_TEMPLATES.mentor, status: 'sent' },
      { recipient_role: 'student', template: MESSAGE_TEMPLATES.student, status: 'sent' },
    ]);
  }
  expectCaughtMailMatches(await pipeline.mail(), cohort, emails, options);
}

/** What the SMTP catcher holds for the cohort: one Message-ID per person and case, to the right address. */
function expectCaughtMailMatches(caught: CaughtMail[], cohort: Cohort, sent: SentEmail[], options: ExactlyOnceOptions): void {
  const addressOf = new Map([...cohort.mentors, ...cohort.students].map((person) => [person.id, person.email]));
  const cohortMail = caught.filter((mail) => mail.envelope.to.some((address) => [...addressOf.values()].includes(address)));
  const sentById = new Map(sent.map((email) => [email.smtp_message_id, email]));
  const unexpected = cohortMail.filter((mail) => !mail.messageId || !sentById.has(mail.messageId)).map(({ envelope, subject }) => ({ to: envelope.to, subject }));
  expect(unexpected).toEqual([]);

  const distinctIds = new Set(cohortMail.map((mail) => mail.messageId));
  expect(distinctIds.size).toBe(sent.length);
  for (const mail of cohortMail) {
    const email = sentById.get(mail.messageId as string) as SentEmail;
    expect(mail.envelope.to).toEqual([addressOf.get(email.recipient_id)]);
  }
  if (!options.mailRepeatedWithSameMessageId) expect(cohortMail).toHaveLength(distinctIds.size);
}
