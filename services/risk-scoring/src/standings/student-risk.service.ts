import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EngagementSignal, listEngagementSignals, mentorHoldsStudent } from '../engagement';
import type { StandingChangeEntity } from './infrastructure/standing-change.entity';
import type { StandingEntity } from './infrastructure/standing.entity';
import { loadStudentHistory } from './infrastructure/standings.store';
import type { StudentEntity } from './infrastructure/student.entity';

/** Reads a student's standing with its history, for mentors (their caseload), coordinators and audits. */
@Injectable()
export class StudentRiskService {
  constructor(private readonly dataSource: DataSource) {}

  /** Whether the mentor holds an open case of the student. */
  mentorMaySee(mentorId: string, studentId: string): Promise<boolean> {
    return mentorHoldsStudent(this.dataSource.manager, mentorId, studentId);
  }

  /** The current standing, every announced change (newest first) and the engagement signals; null for an unknown student. */
  async view(studentId: string): Promise<StudentRiskView | null> {
    const manager = this.dataSource.manager;
    const history = await loadStudentHistory(manager, studentId);
    if (!history) return null;
    const { student, standing, changes } = history;
    const signals = await listEngagementSignals(manager, studentId);
    return {
      studentId,
      program: student.program,
      yearOfStudy: student.yearOfStudy,
      level: standing.level,
      reasons: standing.reasons,
      weakCourses: standing.weakCourses,
      metrics: standing.metrics,
      policyVersion: standing.policyVersion,
      assessedAt: standing.assessedAt,
      changedAt: standing.changedAt,
      history: changes.map(presentChange),
      engagementSignals: signals.map(presentSignal),
    };
  }
}

function presentChange(change: StandingChangeEntity) {
  return {
    eventId: change.eventId,
    level: change.level,
    previousLevel: change.previousLevel,
    reasons: change.reasons,
    weakCourses: change.weakCourses,
    metrics: change.metrics,
    policyVersion: change.policyVersion,
    trigger: { kind: change.trigger, id: change.triggerId, changedBy: change.changedBy },
    correlationId: change.correlationId,
    assessedAt: change.assessedAt,
  };
}

function presentSignal(signal: EngagementSignal) {
  return {
    kind: signal.kind,
    caseId: signal.caseId,
    consecutiveMissed: signal.consecutiveMissed,
    occurredAt: signal.occurredAt,
    // A case the student declined is shown for context but never raises their level: opting out
    // of mentoring is a choice to respect, not a risk signal.
    affectsStanding: signal.kind !== 'case-declined-by-student',
  };
}

export type StudentRiskView = Pick<StandingEntity, 'level' | 'reasons' | 'weakCourses' | 'metrics' | 'policyVersion' | 'assessedAt' | 'changedAt'> &
  Pick<StudentEntity, 'studentId' | 'program' | 'yearOfStudy'> & {
    history: Array<ReturnType<typeof presentChange>>;
    engagementSignals: Array<ReturnType<typeof presentSignal>>;
  };
