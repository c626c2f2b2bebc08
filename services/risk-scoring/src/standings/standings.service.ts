import { Inject, Injectable } from '@nestjs/common';
import { TOPICS } from '@mentoring/contracts';
import { MessagingRuntime } from '@mentoring/messaging';
import { Clock, CLOCK } from '@mentoring/platform';
import type { EntityManager } from 'typeorm';
import { PolicyStore } from '../policies';
import { parseMonthDay } from '../config/month-day';
import { RiskScoringConfig } from '../config/risk-scoring.config';
import { academicYearBeginning, assessStanding, MonthDay, RiskPolicy, RiskPolicySettings, standingChanged } from '../scoring/domain';
import type { AssessmentTrigger } from './assessment-trigger';
import { admitStudent, nextStudentsOfProgram, saveStandingChanges, saveStandings } from './infrastructure/standings.store';
import { CAUSE_OF_TRIGGER, riskAssessedEvent } from './risk-assessed-event';
import type { StudentAssessment, StudentProfile } from './student-assessment';
import { loadStandingInputs } from './standing-inputs';

/**
 * Keeps every student's standing current and announces each change once: the standing, its
 * history entry and the risk.assessed.v1 outbox row are written in the caller's transaction.
 */
@Injectable()
export class StandingsService {
  private readonly academicYearStart: MonthDay;

  constructor(
    private readonly policies: PolicyStore,
    private readonly runtime: MessagingRuntime,
    @Inject(CLOCK) private readonly clock: Clock,
    config: RiskScoringConfig,
  ) {
    this.academicYearStart = parseMonthDay(config.ACADEMIC_YEAR_START);
  }

  /** Re-assesses one student under their programme's policy in force; true when the standing changed. */
  async reassessStudent(manager: EntityManager, student: StudentProfile, trigger: AssessmentTrigger): Promise<boolean> {
    await admitStudent(manager, student);
    const policy = await this.policies.current(manager, student.program);
    return (await this.reassessLockedStudents(manager, [student], policy, trigger)) === 1;
  }

  /** Re-assesses students whose rows the caller has locked; returns how many standings changed. */
  async reassessLockedStudents(
    manager: EntityManager,
    students: readonly StudentProfile[],
    policy: RiskPolicy,
    trigger: AssessmentTrigger,
  ): Promise<number> {
    const assessments = await this.assess(manager, students, policy, trigger.now, CAUSE_OF_TRIGGER[trigger.kind] === 'policy');
    const assessedAt = this.clock.now();
    const changes = assessments
      .filter((assessment) => assessment.changed)
      .map((assessment) => ({ assessment, event: riskAssessedEvent(assessment, policy.version, trigger, assessedAt) }));
    await saveStandings(manager, assessments, policy.version, assessedAt);
    await saveStandingChanges(manager, changes, trigger);
    await this.runtime.outbox.append(
      manager,
      TOPICS.riskAssessed,
      changes.map((change) => change.event),
    );
    return changes.length;
  }

  /**
   * What each student's standing would be under `settings`, without storing or announcing
   * anything; `policyChangeOnly` (a preview of a policy, by default) keeps a fall in level from
   * being announced as the student's progress.
   */
  async assess(
    manager: EntityManager,
    students: readonly StudentProfile[],
    settings: RiskPolicySettings,
    now: Date,
    policyChangeOnly = true,
  ): Promise<StudentAssessment[]> {
    // A streak from last academic year is history, not a current sign.
    const missedSince = academicYearBeginning(now, this.academicYearStart);
    const inputsOf = await loadStandingInputs(manager, students.map((student) => student.studentId), missedSince);
    return students.map((student) => {
      const { grades, engagement, previous } = inputsOf(student.studentId);
      const standing = assessStanding({ grades, engagement, policy: settings, previous, now, policyChangeOnly });
      return { student, previous, standing, changed: standingChanged(previous, standing) };
    });
  }

  /** The next students of a programme after a cursor, locked until the transaction ends. */
  lockNextStudents(manager: EntityManager, program: string, afterStudentId: string | null, limit: number): Promise<StudentProfile[]> {
    return nextStudentsOfProgram(manager, { program, afterStudentId, limit, lock: true });
  }

  /** The next students of a programme after a cursor, for reading only. */
  nextStudents(manager: EntityManager, program: string, afterStudentId: string | null, limit: number): Promise<StudentProfile[]> {
    return nextStudentsOfProgram(manager, { program, afterStudentId, limit, lock: false });
  }
}
