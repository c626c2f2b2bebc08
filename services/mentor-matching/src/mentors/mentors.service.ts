import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ImportRow, validateImportRows } from '../bulk-import/import-rows';
import { ImportReport } from '../bulk-import/import-report';
import { Clock, CLOCK } from '../clock';
import { CaseQueue } from '../matching/case-queue';
import { loadResponsiveness } from '../matching/matching-data';
import { isOnLeave, NO_RESPONSIVENESS_HISTORY, ResponsivenessSummary } from '../matching/domain';
import { mentorAvailabilityProblems } from '../validation/availability-problems';
import { assertNoProblems } from '../validation/field-problems';
import { MentorEntity } from './infrastructure/mentor.entity';
import { MentorAvailabilityDto, MentorProfileDto, NewMentorDto } from './mentor.dto';

export type MentorView = ReturnType<typeof mentorView>;

/**
 * Mentor profiles. Every change may free capacity or time (more cases allowed, back from leave, a
 * new mentor), so each one puts the waitlist into the next matching run.
 */
@Injectable()
export class MentorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: CaseQueue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  create(dto: NewMentorDto): Promise<MentorView> {
    assertNoProblems(mentorAvailabilityProblems(availabilityOf(dto)));
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(MentorEntity)
        .values({ id: dto.mentorId, ...profileColumns(dto) })
        .orIgnore()
        .returning('id')
        .execute();
      if ((inserted.raw as unknown[]).length === 0) {
        throw new ConflictException(`Mentor ${dto.mentorId} already exists; PUT /v1/mentors/${dto.mentorId} changes their profile`);
      }
      await this.queue.retryWaitlist(manager);
      return this.viewIn(manager, dto.mentorId);
    });
  }

  replace(mentorId: string, dto: MentorProfileDto): Promise<MentorView> {
    assertNoProblems(mentorAvailabilityProblems(availabilityOf(dto)));
    return this.change(mentorId, profileColumns(dto));
  }

  setAvailability(mentorId: string, dto: MentorAvailabilityDto): Promise<MentorView> {
    const availability = availabilityOf(dto);
    assertNoProblems(mentorAvailabilityProblems(availability));
    return this.change(mentorId, availability);
  }

  get(mentorId: string): Promise<MentorView> {
    return this.viewIn(this.dataSource.manager, mentorId);
  }

  async list(): Promise<MentorView[]> {
    const manager = this.dataSource.manager;
    const [mentors, responsiveness] = await Promise.all([
      manager.find(MentorEntity, { order: { id: 'ASC' } }),
      loadResponsiveness(manager, this.clock.now()),
    ]);
    return mentors.map((mentor) => mentorView(mentor, responsiveness.get(mentor.id) ?? NO_RESPONSIVENESS_HISTORY, this.clock.now()));
  }

  /** Stores every good row (created or updated) in one transaction; bad rows are reported, not stored. */
  async import(rows: readonly ImportRow[]): Promise<ImportReport> {
    const { accepted, rejected } = validateImportRows(rows, NewMentorDto, {
      idField: 'mentorId',
      problemsOf: (row) => mentorAvailabilityProblems(availabilityOf(row)),
    });
    const created = await this.dataSource.transaction(async (manager) => {
      // In id order, as matching locks mentors: concurrent imports and matching runs never deadlock.
      const sorted = accepted.map((row) => row.value).sort((a, b) => (a.mentorId < b.mentorId ? -1 : 1));
      let count = 0;
      for (const row of sorted) if (await upsertMentor(manager, row)) count += 1;
      if (sorted.length > 0) await this.queue.retryWaitlist(manager);
      return count;
    });
    return { received: rows.length, created, updated: accepted.length - created, rejected };
  }

  private change(mentorId: string, columns: Partial<MentorEntity>): Promise<MentorView> {
    return this.dataSource.transaction(async (manager) => {
      const { affected } = await manager.update(MentorEntity, { id: mentorId }, columns);
      if (!affected) throw new NotFoundException(`No mentor ${mentorId}`);
      await this.queue.retryWaitlist(manager);
      return this.viewIn(manager, mentorId);
    });
  }

  private async viewIn(manager: EntityManager, mentorId: string): Promise<MentorView> {
    const mentor = await manager.findOne(MentorEntity, { where: { id: mentorId } });
    if (!mentor) throw new NotFoundException(`No mentor ${mentorId}`);
    const responsiveness = await loadResponsiveness(manager, this.clock.now(), [mentorId]);
    return mentorView(mentor, responsiveness.get(mentorId) ?? NO_RESPONSIVENESS_HISTORY, this.clock.now());
  }
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
    onLeaveNow: isOnLeave(mentor, now),
    responsiveness,
  };
}

function availabilityOf(dto: MentorAvailabilityDto) {
  return { timeZone: dto.timeZone, weeklyAvailability: dto.weeklyAvailability, blocks: dto.blocks ?? [], leave: dto.leave ?? [] };
}

function profileColumns(dto: MentorProfileDto) {
  return {
    ...availabilityOf(dto),
    displayName: dto.displayName,
    email: dto.email ?? null,
    programs: dto.programs,
    expertiseCourseCodes: dto.expertiseCourseCodes ?? [],
    maxOpenCases: dto.maxOpenCases,
    active: dto.active ?? true,
  };
}

/** Creates or updates a mentor's profile (their open-case count stays); true when created. */
async function upsertMentor(manager: EntityManager, row: NewMentorDto): Promise<boolean> {
  const columns = profileColumns(row);
  const [result]: Array<{ created: boolean }> = await manager.query(
    `INSERT INTO mentors (id, display_name, email, time_zone, programs, expertise_course_codes, max_open_cases,
                          weekly_availability, blocks, leave, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (id) DO UPDATE SET
       display_name = EXCLUDED.display_name, email = EXCLUDED.email, time_zone = EXCLUDED.time_zone,
       programs = EXCLUDED.programs, expertise_course_codes = EXCLUDED.expertise_course_codes,
       max_open_cases = EXCLUDED.max_open_cases, weekly_availability = EXCLUDED.weekly_availability,
       blocks = EXCLUDED.blocks, leave = EXCLUDED.leave, active = EXCLUDED.active, updated_at = now()
     RETURNING (xmax = 0) AS created`,
    [
      row.mentorId,
      columns.displayName,
      columns.email,
      columns.timeZone,
      JSON.stringify(columns.programs),
      JSON.stringify(columns.expertiseCourseCodes),
      columns.maxOpenCases,
      JSON.stringify(columns.weeklyAvailability),
      JSON.stringify(columns.blocks),
      JSON.stringify(columns.leave),
      columns.active,
    ],
  );
  return result.created;
}
