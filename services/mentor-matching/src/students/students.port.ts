import { Injectable } from '@nestjs/common';
import type { RiskAssessedV1 } from '@mentoring/contracts';
import { EntityManager } from 'typeorm';
import { MentorMatchingConfig } from '../config/mentor-matching.config';
import type { StudentEntity } from './infrastructure/student.entity';
import { ensureStudent, excludeMentor, findStudent, findStudents, setCurrentMentor } from './infrastructure/students.store';

/** A student as other features read them. */
export type Student = Readonly<StudentEntity>;

/** Students as other features read them. */
@Injectable()
export class StudentDirectory {
  find(manager: EntityManager, studentId: string): Promise<Student | null> {
    return findStudent(manager, studentId);
  }

  findMany(manager: EntityManager, studentIds: readonly string[]): Promise<Student[]> {
    return studentIds.length > 0 ? findStudents(manager, studentIds) : Promise.resolve([]);
  }
}

/** What cases change of a student: their existence, the mentor continuity prefers, the mentors they refused. */
@Injectable()
export class StudentContinuity {
  constructor(private readonly config: MentorMatchingConfig) {}

  /**
   * A student first seen in a risk event gets a profile from it (programme, year, default time
   * zone and preferred times), so a case is never held up for lack of one; programme and year
   * follow the registrar's latest word.
   */
  ensureFromRisk(manager: EntityManager, risk: Pick<RiskAssessedV1, 'studentId' | 'program' | 'yearOfStudy'>): Promise<void> {
    return ensureStudent(manager, { id: risk.studentId, program: risk.program, yearOfStudy: risk.yearOfStudy, timeZone: this.config.DEFAULT_STUDENT_TIME_ZONE });
  }

  /** The student no longer wants this mentor: never matched again, and no longer their current mentor. */
  exclude(manager: EntityManager, studentId: string, mentorId: string): Promise<void> {
    return excludeMentor(manager, studentId, mentorId);
  }

  // The mentor who said yes is the one continuity prefers next time.
  rememberAcceptedMentor(manager: EntityManager, studentId: string, mentorId: string): Promise<void> {
    return setCurrentMentor(manager, studentId, mentorId);
  }
}
