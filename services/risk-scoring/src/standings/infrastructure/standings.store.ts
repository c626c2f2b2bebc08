import type { EventEnvelope, RiskAssessedV1 } from '@mentoring/contracts';
import type { EntityManager } from 'typeorm';
import type { PreviousStanding } from '../../scoring/domain';
import type { AssessmentTrigger } from '../assessment-trigger';
import type { StudentAssessment, StudentProfile } from '../student-assessment';
import { StandingChangeEntity } from './standing-change.entity';
import { StandingEntity } from './standing.entity';
import { StudentEntity } from './student.entity';

/**
 * Records the student's programme and year and locks their row for the rest of the transaction:
 * whoever assesses a student (an event handler, a re-score chunk) holds this lock first.
 */
export async function admitStudent(manager: EntityManager, student: StudentProfile): Promise<void> {
  await manager.query(
    `INSERT INTO students (student_id, program, year_of_study) VALUES ($1, $2, $3)
     ON CONFLICT (student_id) DO UPDATE SET program = EXCLUDED.program, year_of_study = EXCLUDED.year_of_study`,
    [student.studentId, student.program, student.yearOfStudy],
  );
}

/**
 * The next students of a programme after `afterStudentId` in id order (keyset pagination). With
 * `lock`, their rows stay locked until the transaction ends, so no event handler assesses them
 * meanwhile.
 */
export async function nextStudentsOfProgram(
  manager: EntityManager,
  page: { program: string; afterStudentId: string | null; limit: number; lock: boolean },
): Promise<StudentProfile[]> {
  const rows: Array<{ student_id: string; program: string; year_of_study: number }> = await manager.query(
    `SELECT student_id, program, year_of_study FROM students
     WHERE program = $1 AND ($2::text IS NULL OR student_id > $2)
     ORDER BY student_id LIMIT $3 ${page.lock ? 'FOR UPDATE' : ''}`,
    [page.program, page.afterStudentId, page.limit],
  );
  return rows.map((row) => ({ studentId: row.student_id, program: row.program, yearOfStudy: row.year_of_study }));
}

export async function loadPreviousStandings(manager: EntityManager, studentIds: readonly string[]): Promise<Map<string, PreviousStanding>> {
  const rows: Array<PreviousStanding & { student_id: string }> = await manager.query(
    'SELECT student_id, level, reasons FROM standings WHERE student_id = ANY($1)',
    [studentIds],
  );
  return new Map(rows.map((row) => [row.student_id, { level: row.level, reasons: row.reasons }]));
}

/**
 * Writes every assessment as the student's current standing (the figures stay current even when
 * nothing is announced); `changed_at` moves only for the changed ones. One statement per chunk.
 */
export async function saveStandings(
  manager: EntityManager,
  assessments: readonly StudentAssessment[],
  policyVersion: number,
  assessedAt: Date,
): Promise<void> {
  if (assessments.length === 0) return;
  const rows = assessments.map(({ student, standing, changed }) => ({
    student_id: student.studentId,
    level: standing.level,
    reasons: standing.reasons,
    weak_courses: standing.weakCourses,
    metrics: standing.metrics,
    policy_version: policyVersion,
    assessed_at: assessedAt,
    changed_at: changed ? assessedAt : null,
  }));
  await manager.query(
    `INSERT INTO standings (student_id, level, reasons, weak_courses, metrics, policy_version, assessed_at, changed_at)
     SELECT student_id, level, reasons, weak_courses, metrics, policy_version, assessed_at, changed_at
     FROM jsonb_to_recordset($1::jsonb) AS r(student_id text, level text, reasons jsonb, weak_courses jsonb, metrics jsonb,
                                             policy_version int, assessed_at timestamptz, changed_at timestamptz)
     ON CONFLICT (student_id) DO UPDATE SET
       level = EXCLUDED.level, reasons = EXCLUDED.reasons, weak_courses = EXCLUDED.weak_courses, metrics = EXCLUDED.metrics,
       policy_version = EXCLUDED.policy_version, assessed_at = EXCLUDED.assessed_at,
       changed_at = COALESCE(EXCLUDED.changed_at, standings.changed_at)`,
    [JSON.stringify(rows)],
  );
}

/** Appends the announced changes to the students' histories, each under its event's id. */
export async function saveStandingChanges(
  manager: EntityManager,
  changes: ReadonlyArray<{ assessment: StudentAssessment; event: EventEnvelope<RiskAssessedV1> }>,
  trigger: AssessmentTrigger,
): Promise<void> {
  if (changes.length === 0) return;
  const rows = changes.map(({ assessment, event }) => ({
    event_id: event.id,
    student_id: event.data.studentId,
    level: event.data.level,
    previous_level: event.data.previousLevel,
    reasons: event.data.reasons,
    weak_courses: event.data.weakCourses,
    metrics: assessment.standing.metrics,
    policy_version: event.data.policyVersion,
    trigger: trigger.kind,
    trigger_id: trigger.id,
    changed_by: trigger.changedBy,
    correlation_id: event.correlationId,
    assessed_at: event.data.assessedAt,
  }));
  await manager.query(
    `INSERT INTO standing_changes (event_id, student_id, level, previous_level, reasons, weak_courses, metrics, policy_version,
                                   trigger, trigger_id, changed_by, correlation_id, assessed_at)
     SELECT event_id, student_id, level, previous_level, reasons, weak_courses, metrics, policy_version,
            trigger, trigger_id, changed_by, correlation_id, assessed_at
     FROM jsonb_to_recordset($1::jsonb) AS r(event_id uuid, student_id text, level text, previous_level text, reasons jsonb,
                                             weak_courses jsonb, metrics jsonb, policy_version int, trigger text, trigger_id text,
                                             changed_by text, correlation_id text, assessed_at timestamptz)`,
    [JSON.stringify(rows)],
  );
}

/** Students per programme and year of study, with how many stand at each flagged level. */
export interface LevelCountsRow {
  program: string;
  year_of_study: number;
  students: number;
  watch: number;
  at_risk: number;
  urgent: number;
}

export function countLevelsByProgramAndYear(manager: EntityManager): Promise<LevelCountsRow[]> {
  return manager.query(
    `SELECT s.program, s.year_of_study,
            count(*)::int AS students,
            count(*) FILTER (WHERE st.level = 'watch')::int AS watch,
            count(*) FILTER (WHERE st.level = 'at-risk')::int AS at_risk,
            count(*) FILTER (WHERE st.level = 'urgent')::int AS urgent
     FROM students s LEFT JOIN standings st ON st.student_id = s.student_id
     GROUP BY s.program, s.year_of_study
     ORDER BY s.program, s.year_of_study`,
  );
}

/** Students flagged and back to ok per programme and ISO week (UTC). */
export interface TrendCountsRow {
  program: string;
  week: string;
  week_starting: string;
  flagged: number;
  back_to_ok: number;
}

/**
 * Each change counts in the week it was announced; a student counts once per week and direction,
 * and every week of the window has a row per programme.
 */
export function countFlagTrend(manager: EntityManager, query: { program?: string; weeks: number }): Promise<TrendCountsRow[]> {
  return manager.query(
    `WITH weeks AS (
       SELECT generate_series(date_trunc('week', now() AT TIME ZONE 'UTC') - ($1::int - 1) * interval '1 week',
                              date_trunc('week', now() AT TIME ZONE 'UTC'),
                              interval '1 week') AS week_start
     ),
     programmes AS (
       SELECT DISTINCT program FROM students WHERE $2::text IS NULL OR program = $2
     ),
     moves AS (
       SELECT s.program, c.student_id,
              date_trunc('week', c.assessed_at AT TIME ZONE 'UTC') AS week_start,
              c.previous_level = 'ok' AND c.level <> 'ok' AS flagged,
              c.previous_level <> 'ok' AND c.level = 'ok' AS back_to_ok
       FROM standing_changes c JOIN students s ON s.student_id = c.student_id
       WHERE c.assessed_at >= (SELECT min(week_start) FROM weeks) AT TIME ZONE 'UTC'
         AND ($2::text IS NULL OR s.program = $2)
     )
     SELECT p.program,
            to_char(w.week_start, 'IYYY-"W"IW') AS week,
            to_char(w.week_start, 'YYYY-MM-DD') AS week_starting,
            count(DISTINCT m.student_id) FILTER (WHERE m.flagged)::int AS flagged,
            count(DISTINCT m.student_id) FILTER (WHERE m.back_to_ok)::int AS back_to_ok
     FROM programmes p CROSS JOIN weeks w
     LEFT JOIN moves m ON m.program = p.program AND m.week_start = w.week_start
     GROUP BY p.program, w.week_start
     ORDER BY p.program, w.week_start`,
    [query.weeks, query.program ?? null],
  );
}

/** A student's programme record, current standing and announced changes (newest first); null for an unknown student. */
export async function loadStudentHistory(
  manager: EntityManager,
  studentId: string,
): Promise<{ student: StudentEntity; standing: StandingEntity; changes: StandingChangeEntity[] } | null> {
  const student = await manager.findOneBy(StudentEntity, { studentId });
  const standing = await manager.findOneBy(StandingEntity, { studentId });
  if (!student || !standing) return null;
  const changes = await manager.find(StandingChangeEntity, { where: { studentId }, order: { assessedAt: 'DESC' } });
  return { student, standing, changes };
}
