import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { assertCoversProgramme, Principal } from '@mentoring/auth';
import type { FieldProblem, RiskAssessedV1 } from '@mentoring/contracts';
import { DataSource, EntityManager, In } from 'typeorm';
import { ImportReport } from '../bulk-import/import-report';
import { ImportRow, RejectedRow, validateImportRows } from '../bulk-import/import-rows';
import { MentorMatchingConfig } from '../config/mentor-matching.config';
import { MentorEntity } from '../mentors/infrastructure/mentor.entity';
import { CoversProgramme, programmeReach } from '../shared/programme-reach';
import { assertNoProblems, problemsException } from '../validation/field-problems';
import { mergeStudent, StudentChanges, StudentFields } from './domain/student-profile';
import { StudentEntity } from './infrastructure/student.entity';
import { DIRECTORY_ONLY_FIELDS, StudentImportRowDto, StudentProfileDto } from './student.dto';

export type StudentView = ReturnType<typeof studentView>;

@Injectable()
export class StudentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: MentorMatchingConfig,
  ) {}

  /**
   * Creates or updates a student; a student may change only their own time zone and preferred
   * times, a coordinator only students of their programmes (and never moves one out of them).
   */
  put(principal: Principal, studentId: string, dto: StudentProfileDto): Promise<StudentView> {
    if (principal.role === 'student') assertPreferencesOnly(dto);
    return this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOne(StudentEntity, { where: { id: studentId }, lock: { mode: 'pessimistic_write' } });
      if (!existing && principal.role === 'student') throw new NotFoundException(`No student ${studentId}`);
      if (principal.role === 'coordinator') {
        for (const program of new Set([existing?.program, dto.program])) if (program) assertCoversProgramme(principal, program);
      }
      const student = await this.validStudent(manager, existing, dto);
      await manager.upsert(StudentEntity, { id: studentId, ...columnsOf(student) }, ['id']);
      return studentView(await manager.findOneOrFail(StudentEntity, { where: { id: studentId } }));
    });
  }

  private async validStudent(manager: EntityManager, existing: StudentFields | null, changes: StudentChanges): Promise<StudentFields> {
    const merged = mergeStudent(existing, changes, this.config.DEFAULT_STUDENT_TIME_ZONE);
    if ('problems' in merged) throw problemsException(merged.problems);
    assertNoProblems(await unknownMentorProblems(manager, merged.student));
    return merged.student;
  }

  async get(principal: Principal, studentId: string): Promise<StudentView> {
    const student = await this.dataSource.manager.findOne(StudentEntity, { where: { id: studentId } });
    if (!student) throw new NotFoundException(`No student ${studentId}`);
    if (principal.role === 'coordinator') assertCoversProgramme(principal, student.program);
    return studentView(student);
  }

  /**
   * Creates or updates every good row in one transaction; bad rows are reported, not stored, and
   * so is a coordinator's row for a student or a programme beyond their own.
   */
  import(principal: Principal, rows: readonly ImportRow[]): Promise<ImportReport> {
    const { covers } = programmeReach(principal);
    return this.dataSource.transaction(async (manager) => {
      const mentorIds = new Set((await manager.find(MentorEntity, { select: { id: true } })).map((mentor) => mentor.id));
      const { accepted, rejected } = validateImportRows(rows, StudentImportRowDto, {
        idField: 'studentId',
        problemsOf: (row) => mentorReferenceProblems(row, mentorIds),
      });
      const existing = new Map(
        (await manager.find(StudentEntity, { where: { id: In(accepted.map(({ value }) => value.studentId)) } })).map((student) => [student.id, student]),
      );
      const stored: Array<{ id: string } & ReturnType<typeof columnsOf>> = [];
      const unfit: RejectedRow[] = [];
      for (const { row, value } of accepted) {
        const outOfReach = programmeProblems(existing.get(value.studentId)?.program ?? null, value.program, covers);
        if (outOfReach.length > 0) {
          unfit.push({ row, id: value.studentId, problems: outOfReach });
          continue;
        }
        const merged = mergeStudent(existing.get(value.studentId) ?? null, value, this.config.DEFAULT_STUDENT_TIME_ZONE);
        if ('problems' in merged) unfit.push({ row, id: value.studentId, problems: merged.problems });
        else stored.push({ id: value.studentId, ...columnsOf(merged.student) });
      }
      if (stored.length > 0) await manager.upsert(StudentEntity, stored, ['id']);
      const created = stored.filter((student) => !existing.has(student.id)).length;
      return { received: rows.length, created, updated: stored.length - created, rejected: [...rejected, ...unfit].sort((a, b) => a.row - b.row) };
    });
  }

  /**
   * A student first seen in a risk event gets a profile from it (programme, year, default time
   * zone and preferred times), so a case is never held up for lack of one; programme and year
   * follow the registrar's latest word.
   */
  async ensureFromRisk(manager: EntityManager, risk: Pick<RiskAssessedV1, 'studentId' | 'program' | 'yearOfStudy'>): Promise<void> {
    await manager.query(
      `INSERT INTO students (id, program, year_of_study, time_zone) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET program = EXCLUDED.program, year_of_study = EXCLUDED.year_of_study, updated_at = now()
       WHERE (students.program, students.year_of_study) IS DISTINCT FROM (EXCLUDED.program, EXCLUDED.year_of_study)`,
      [risk.studentId, risk.program, risk.yearOfStudy, this.config.DEFAULT_STUDENT_TIME_ZONE],
    );
  }

  /** The student no longer wants this mentor: never matched again, and no longer their current mentor. */
  async exclude(manager: EntityManager, studentId: string, mentorId: string): Promise<void> {
    await manager.query(
      `UPDATE students SET
         excluded_mentor_ids = CASE WHEN excluded_mentor_ids ? $2 THEN excluded_mentor_ids ELSE excluded_mentor_ids || to_jsonb($2::text) END,
         current_mentor_id = CASE WHEN current_mentor_id = $2 THEN NULL ELSE current_mentor_id END,
         updated_at = now()
       WHERE id = $1`,
      [studentId, mentorId],
    );
  }
}

/** Why a row may not be stored by this caller: the student is, or would be, in a programme they do not cover. */
function programmeProblems(existingProgram: string | null, program: string, covers: CoversProgramme): FieldProblem[] {
  if (existingProgram !== null && !covers(existingProgram)) return [{ field: 'studentId', problem: `belongs to ${existingProgram}, not one of your programmes` }];
  return covers(program) ? [] : [{ field: 'program', problem: `${program} is not one of your programmes` }];
}

function assertPreferencesOnly(dto: StudentProfileDto): void {
  const refused = DIRECTORY_ONLY_FIELDS.filter((field) => dto[field] !== undefined);
  if (refused.length > 0) throw new ForbiddenException(`A student may set only timeZone and preferredTimes, not ${refused.join(', ')}`);
}

async function unknownMentorProblems(manager: EntityManager, student: StudentFields): Promise<FieldProblem[]> {
  const named = [student.currentMentorId, ...student.excludedMentorIds].filter((id): id is string => id !== null);
  const known = new Set((await manager.find(MentorEntity, { select: { id: true }, where: { id: In(named) } })).map((mentor) => mentor.id));
  return mentorReferenceProblems(student, known);
}

function mentorReferenceProblems(student: StudentChanges, knownMentorIds: ReadonlySet<string>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (student.currentMentorId && !knownMentorIds.has(student.currentMentorId)) {
    problems.push({ field: 'currentMentorId', problem: `no mentor ${student.currentMentorId}` });
  }
  (student.excludedMentorIds ?? []).forEach((mentorId, index) => {
    if (!knownMentorIds.has(mentorId)) problems.push({ field: `excludedMentorIds.${index}`, problem: `no mentor ${mentorId}` });
  });
  return problems;
}

function columnsOf(student: StudentFields) {
  return {
    program: student.program,
    yearOfStudy: student.yearOfStudy,
    displayName: student.displayName,
    email: student.email,
    timeZone: student.timeZone,
    preferredTimes: [...student.preferredTimes],
    currentMentorId: student.currentMentorId,
    excludedMentorIds: [...student.excludedMentorIds],
  };
}

function studentView(student: StudentEntity) {
  return {
    studentId: student.id,
    program: student.program,
    yearOfStudy: student.yearOfStudy,
    displayName: student.displayName,
    email: student.email,
    timeZone: student.timeZone,
    preferredTimes: student.preferredTimes,
    /** No preferences stated: matching assumes weekday daytime in the student's time zone. */
    usesDefaultPreferredTimes: student.preferredTimes.length === 0,
    currentMentorId: student.currentMentorId,
    excludedMentorIds: student.excludedMentorIds,
  };
}
