import { ForbiddenException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { assertCoversProgramme, Principal } from '@mentoring/auth';
import { createEnvelope, EventEnvelope, FieldProblem, STUDENT_DIRECTORY_UPDATED_V1, StudentDirectoryUpdatedV1, TOPICS } from '@mentoring/contracts';
import { MessagingRuntime } from '@mentoring/messaging';
import { Clock, CLOCK } from '@mentoring/platform';
import { DataSource, EntityManager } from 'typeorm';
import { ImportReport } from '../bulk-import/import-report';
import { ImportRow, RejectedRow, validateImportRows } from '../bulk-import/import-rows';
import { MentorMatchingConfig, SERVICE_NAME } from '../config/mentor-matching.config';
import { MentorDirectory } from '../mentors';
import { CoversProgramme, programmeReach } from '../shared/programme-reach';
import { assertNoProblems, problemsException } from '../validation/field-problems';
import { applyDirectoryUpdate, directoryUpdateOf, touchesDirectory } from './domain/directory-update';
import { mergeStudent, StudentChanges, StudentFields } from './domain/student-profile';
import { StudentEntity } from './infrastructure/student.entity';
import { findStudent, findStudents, lockStudent, upsertStudents } from './infrastructure/students.store';
import { DIRECTORY_ONLY_FIELDS, StudentImportRowDto, StudentProfileDto } from './student.dto';

export type StudentView = ReturnType<typeof studentView>;

@Injectable()
export class StudentsService {
  private readonly logger = new Logger(StudentsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: MentorMatchingConfig,
    private readonly mentors: MentorDirectory,
    private readonly runtime: MessagingRuntime,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Creates or updates a student; a student may change only their own time zone and preferred
   * times, a coordinator only students of their programmes (and never moves one out of them).
   */
  put(principal: Principal, studentId: string, dto: StudentProfileDto): Promise<StudentView> {
    if (principal.role === 'student') assertPreferencesOnly(dto);
    return this.dataSource.transaction(async (manager) => {
      const existing = await lockStudent(manager, studentId);
      if (!existing && principal.role === 'student') throw new NotFoundException(`No student ${studentId}`);
      if (principal.role === 'coordinator') {
        for (const program of new Set([existing?.program, dto.program])) if (program) assertCoversProgramme(principal, program);
      }
      const student = await this.validStudent(manager, existing, dto);
      // Names and email written here are the directory's newest word, so notification hears them
      // (a corrected address too) and an older directory update no longer overrides them.
      const asOf = touchesDirectory(dto) ? this.clock.now() : (existing?.directoryAsOf ?? null);
      await upsertStudents(manager, [{ id: studentId, ...columnsOf(student, asOf) }]);
      if (touchesDirectory(dto)) await this.publish(manager, [directoryUpdateOf(studentId, student, asOf as Date)]);
      return studentView(known(await findStudent(manager, studentId), studentId));
    });
  }

  private async validStudent(manager: EntityManager, existing: StudentFields | null, changes: StudentChanges): Promise<StudentFields> {
    const merged = mergeStudent(existing, changes, this.config.DEFAULT_STUDENT_TIME_ZONE);
    if ('problems' in merged) throw problemsException(merged.problems);
    assertNoProblems(await this.unknownMentorProblems(manager, merged.student));
    return merged.student;
  }

  async get(principal: Principal, studentId: string): Promise<StudentView> {
    const student = await findStudent(this.dataSource.manager, studentId);
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
      const mentorIds = await this.mentors.existingIds(manager, null);
      const { accepted, rejected } = validateImportRows(rows, StudentImportRowDto, {
        idField: 'studentId',
        problemsOf: (row) => mentorReferenceProblems(row, mentorIds),
      });
      const existing = new Map(
        (await findStudents(manager, accepted.map(({ value }) => value.studentId))).map((student) => [student.id, student]),
      );
      const asOf = this.clock.now();
      const stored: Array<{ id: string } & ReturnType<typeof columnsOf>> = [];
      const updates: StudentDirectoryUpdatedV1[] = [];
      const unfit: RejectedRow[] = [];
      for (const { row, value } of accepted) {
        const outOfReach = programmeProblems(existing.get(value.studentId)?.program ?? null, value.program, covers);
        if (outOfReach.length > 0) {
          unfit.push({ row, id: value.studentId, problems: outOfReach });
          continue;
        }
        const merged = mergeStudent(existing.get(value.studentId) ?? null, value, this.config.DEFAULT_STUDENT_TIME_ZONE);
        if ('problems' in merged) {
          unfit.push({ row, id: value.studentId, problems: merged.problems });
          continue;
        }
        stored.push({ id: value.studentId, ...columnsOf(merged.student, asOf) });
        updates.push(directoryUpdateOf(value.studentId, merged.student, asOf));
      }
      await upsertStudents(manager, stored);
      await this.publish(manager, updates);
      const created = stored.filter((student) => !existing.has(student.id)).length;
      return { received: rows.length, created, updated: stored.length - created, rejected: [...rejected, ...unfit].sort((a, b) => a.row - b.row) };
    });
  }

  /**
   * A directory update from the registrar (OneRoster users.csv) or from a student import, this
   * service's own included: applied when newer than what is held, so redelivery, an older update
   * arriving late and the echo of our own import change nothing.
   */
  async applyDirectoryUpdate(manager: EntityManager, envelope: EventEnvelope<StudentDirectoryUpdatedV1>): Promise<void> {
    // Our own imports and writes stored what they publish in the same transaction: the echo has nothing new.
    if (envelope.source === SERVICE_NAME) return;
    const update = envelope.data;
    const existing = await lockStudent(manager, update.studentId);
    const outcome = applyDirectoryUpdate(existing, update, this.config.DEFAULT_STUDENT_TIME_ZONE);
    if (outcome.kind === 'apply') {
      await upsertStudents(manager, [{ id: update.studentId, ...columnsOf(outcome.student, outcome.asOf) }]);
    } else if (outcome.kind === 'unplaceable') {
      this.logger.log({ studentId: update.studentId, eventId: envelope.id }, 'directory update for a student with no programme and year here yet: their first risk event places them');
    }
  }

  private async publish(manager: EntityManager, updates: readonly StudentDirectoryUpdatedV1[]): Promise<void> {
    const envelopes = updates.map((data) =>
      createEnvelope({ type: STUDENT_DIRECTORY_UPDATED_V1, source: SERVICE_NAME, subject: data.studentId, data, time: new Date(data.asOf) }),
    );
    await this.runtime.outbox.append(manager, TOPICS.studentsDirectoryUpdated, envelopes);
  }

  private async unknownMentorProblems(manager: EntityManager, student: StudentFields): Promise<FieldProblem[]> {
    const named = [student.currentMentorId, ...student.excludedMentorIds].filter((id): id is string => id !== null);
    return mentorReferenceProblems(student, await this.mentors.existingIds(manager, named));
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

function columnsOf(student: StudentFields, directoryAsOf: Date | null) {
  return {
    program: student.program,
    yearOfStudy: student.yearOfStudy,
    displayName: student.displayName,
    preferredName: student.preferredName,
    email: student.email,
    identifiers: student.identifiers.map(({ type, value }) => ({ type, value })),
    directoryAsOf,
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
    preferredName: student.preferredName,
    email: student.email,
    identifiers: student.identifiers,
    timeZone: student.timeZone,
    preferredTimes: student.preferredTimes,
    /** No preferences stated: matching assumes weekday daytime in the student's time zone. */
    usesDefaultPreferredTimes: student.preferredTimes.length === 0,
    currentMentorId: student.currentMentorId,
    excludedMentorIds: student.excludedMentorIds,
  };
}

function known(student: StudentEntity | null, studentId: string): StudentEntity {
  if (!student) throw new NotFoundException(`No student ${studentId}`);
  return student;
}
