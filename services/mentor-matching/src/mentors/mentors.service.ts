import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@mentoring/auth';
import type { FieldProblem, MeetingMode } from '@mentoring/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AcceptedRow, ImportRow, RejectedRow, validateImportRows } from '../bulk-import/import-rows';
import { ImportReport } from '../bulk-import/import-report';
import { Clock, CLOCK } from '@mentoring/platform';
import { isOnLeave } from '../shared/time';
import { NO_RESPONSIVENESS_HISTORY, ResponsivenessSummary } from './domain/responsiveness';
import { mentorAvailabilityProblems } from '../validation/availability-problems';
import { meetingPlaceProblems } from '../validation/meeting-place-problems';
import { assertNoProblems } from '../validation/field-problems';
import { CoversProgramme, programmeReach } from '../shared/programme-reach';
import { programmesOutOfReach, sharesProgramme } from './domain/mentor-programmes';
import { MentorEntity } from './infrastructure/mentor.entity';
import { findMentor, insertMentor, listMentors, lockMentorProgrammes, lockProgrammesOfMentors, MentorProfileColumns, updateMentor, upsertMentors } from './infrastructure/mentors.store';
import { MentorCaseActivity } from './mentors.port';
import { MentorAvailabilityDto, MentorProfileDto, NewMentorDto } from './mentor.dto';

export type MentorView = ReturnType<typeof mentorView>;

/**
 * Mentor profiles. Every change may free capacity or time (more cases allowed, back from leave, a
 * new mentor), so each one puts the waitlist into the next matching run. Coordinators see and
 * manage the mentors of their programmes, and change a mentor's membership of those programmes only.
 */
@Injectable()
export class MentorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: MentorCaseActivity,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  create(principal: Principal, dto: NewMentorDto): Promise<MentorView> {
    assertInReach(programmesOutOfReach(null, dto.programs, programmeReach(principal).covers));
    assertNoProblems(profileProblems(dto));
    return this.dataSource.transaction(async (manager) => {
      if (!(await insertMentor(manager, dto.mentorId, profileColumns(dto)))) {
        throw new ConflictException(`Mentor ${dto.mentorId} already exists; PUT /v1/mentors/${dto.mentorId} changes their profile`);
      }
      await this.cases.capacityMayHaveFreed(manager);
      return this.viewIn(manager, dto.mentorId);
    });
  }

  replace(principal: Principal, mentorId: string, dto: MentorProfileDto): Promise<MentorView> {
    const { covers } = programmeReach(principal);
    assertNoProblems(profileProblems(dto));
    return this.change(mentorId, profileColumns(dto), (programs) => {
      assertManages(mentorId, programs, covers);
      assertInReach(programmesOutOfReach(programs, dto.programs, covers));
    });
  }

  /** The mentor themselves, or a coordinator of one of their programmes. */
  setAvailability(principal: Principal, mentorId: string, dto: MentorAvailabilityDto): Promise<MentorView> {
    const covers = principal.role === 'mentor' ? null : programmeReach(principal).covers;
    assertNoProblems(profileProblems(dto));
    return this.change(mentorId, { ...availabilityOf(dto), ...meetingPlaceOf(dto) }, (programs) => {
      if (covers) assertManages(mentorId, programs, covers);
    });
  }

  async get(principal: Principal, mentorId: string): Promise<MentorView> {
    const view = await this.viewIn(this.dataSource.manager, mentorId);
    if (principal.role !== 'mentor') assertManages(mentorId, view.programs, programmeReach(principal).covers);
    return view;
  }

  async list(principal: Principal): Promise<MentorView[]> {
    const { filter } = programmeReach(principal);
    const manager = this.dataSource.manager;
    const [mentors, responsiveness] = await Promise.all([
      listMentors(manager, filter),
      this.cases.responsiveness(manager, this.clock.now()),
    ]);
    return mentors.map((mentor) => mentorView(mentor, responsiveness.get(mentor.id) ?? NO_RESPONSIVENESS_HISTORY, this.clock.now()));
  }

  /**
   * Stores every good row (created or updated) in one transaction; bad rows are reported, not
   * stored, and so is a coordinator's row for a mentor or a programme beyond their own.
   */
  async import(principal: Principal, rows: readonly ImportRow[]): Promise<ImportReport> {
    const { covers } = programmeReach(principal);
    const { accepted, rejected } = validateImportRows(rows, NewMentorDto, {
      idField: 'mentorId',
      problemsOf: profileProblems,
    });
    const { stored, outOfReach } = await this.dataSource.transaction(async (manager) => {
      // In id order, as matching locks mentors: concurrent imports and matching runs never deadlock.
      const sorted = [...accepted].sort((a, b) => (a.value.mentorId < b.value.mentorId ? -1 : 1));
      const existing = await lockProgrammesOfMentors(manager, sorted.map((row) => row.value.mentorId));
      const { inReach, refused } = splitByReach(sorted, existing, covers);
      const created = await upsertMentors(manager, inReach.map((row) => ({ id: row.value.mentorId, columns: profileColumns(row.value) })));
      if (inReach.length > 0) await this.cases.capacityMayHaveFreed(manager);
      return { stored: { created, count: inReach.length }, outOfReach: refused };
    });
    return { received: rows.length, created: stored.created, updated: stored.count - stored.created, rejected: [...rejected, ...outOfReach].sort((a, b) => a.row - b.row) };
  }

  /** Runs `check` on the mentor's programmes (locked) before the change; 404 when there is no such mentor. */
  private change(mentorId: string, columns: Partial<MentorProfileColumns>, check: (programs: string[]) => void): Promise<MentorView> {
    return this.dataSource.transaction(async (manager) => {
      const programs = await lockMentorProgrammes(manager, mentorId);
      if (!programs) throw new NotFoundException(`No mentor ${mentorId}`);
      check(programs);
      await updateMentor(manager, mentorId, columns);
      await this.cases.capacityMayHaveFreed(manager);
      return this.viewIn(manager, mentorId);
    });
  }

  private async viewIn(manager: EntityManager, mentorId: string): Promise<MentorView> {
    const mentor = await findMentor(manager, mentorId);
    if (!mentor) throw new NotFoundException(`No mentor ${mentorId}`);
    const responsiveness = await this.cases.responsiveness(manager, this.clock.now(), [mentorId]);
    return mentorView(mentor, responsiveness.get(mentorId) ?? NO_RESPONSIVENESS_HISTORY, this.clock.now());
  }
}

/** 403 unless the caller covers one of the mentor's programmes. */
function assertManages(mentorId: string, programs: readonly string[], covers: CoversProgramme): void {
  if (!sharesProgramme(programs, covers)) throw new ForbiddenException(`Mentor ${mentorId} serves none of this coordinator's programmes`);
}

function assertInReach(outOfReach: readonly string[]): void {
  if (outOfReach.length > 0) throw new ForbiddenException(`This coordinator is not responsible for programme ${outOfReach.map((programme) => `"${programme}"`).join(', ')}`);
}

/** Rows the caller may store, and the others with the reason each is refused. */
function splitByReach(rows: readonly AcceptedRow<NewMentorDto>[], existing: ReadonlyMap<string, string[]>, covers: CoversProgramme) {
  const inReach: AcceptedRow<NewMentorDto>[] = [];
  const refused: RejectedRow[] = [];
  for (const row of rows) {
    const before = existing.get(row.value.mentorId) ?? null;
    const problems: FieldProblem[] = [];
    if (before && !sharesProgramme(before, covers)) problems.push({ field: 'mentorId', problem: 'serves none of your programmes' });
    else for (const programme of programmesOutOfReach(before, row.value.programs, covers)) problems.push({ field: 'programs', problem: `${programme} is not one of your programmes` });
    if (problems.length > 0) refused.push({ row: row.row, id: row.value.mentorId, problems });
    else inReach.push(row);
  }
  return { inReach, refused };
}

function mentorView(mentor: MentorEntity, responsiveness: ResponsivenessSummary, now: Date) {
  return {
    mentorId: mentor.id,
    displayName: mentor.displayName,
    email: mentor.email,
    timeZone: mentor.timeZone,
    programs: mentor.programs,
    expertiseCourseCodes: mentor.expertiseCourseCodes,
    maxOpenCases: mentor.maxOpenCases,
    openCases: mentor.openCases,
    weeklyAvailability: mentor.weeklyAvailability,
    blocks: mentor.blocks,
    leave: mentor.leave,
    active: mentor.active,
    meetingMode: mentor.meetingMode,
    meetingPlace: mentor.meetingPlace,
    onLeaveNow: isOnLeave(mentor, now),
    responsiveness,
  };
}

function availabilityOf(dto: MentorAvailabilityDto) {
  return { timeZone: dto.timeZone, weeklyAvailability: dto.weeklyAvailability, blocks: dto.blocks ?? [], leave: dto.leave ?? [] };
}

function profileProblems(dto: MentorAvailabilityDto) {
  return [...mentorAvailabilityProblems(availabilityOf(dto)), ...meetingPlaceProblems(dto)];
}

// Only when sent: a client that predates the meeting place leaves the stored one alone.
function meetingPlaceOf(dto: MentorAvailabilityDto): { meetingMode?: MeetingMode; meetingPlace?: string } {
  return dto.meetingMode === undefined ? {} : { meetingMode: dto.meetingMode, meetingPlace: dto.meetingPlace?.trim() ?? '' };
}

function profileColumns(dto: MentorProfileDto): MentorProfileColumns {
  return {
    ...availabilityOf(dto),
    displayName: dto.displayName,
    email: dto.email ?? null,
    programs: dto.programs,
    expertiseCourseCodes: dto.expertiseCourseCodes ?? [],
    maxOpenCases: dto.maxOpenCases,
    active: dto.active ?? true,
    ...meetingPlaceOf(dto),
  };
}
