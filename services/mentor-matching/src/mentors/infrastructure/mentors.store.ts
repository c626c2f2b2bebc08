import type { ProgrammeFilter } from '@mentoring/auth';
import { EntityManager, In } from 'typeorm';
import { MentorEntity } from './mentor.entity';

/**
 * The columns of a profile a coordinator or an import sets; the open-case count is capacity's alone.
 * Left out, the meeting place stays as it was (clients that predate it keep working).
 */
export type MentorProfileColumns = Omit<MentorEntity, 'id' | 'openCases' | 'createdAt' | 'updatedAt' | 'meetingMode' | 'meetingPlace'> &
  Partial<Pick<MentorEntity, 'meetingMode' | 'meetingPlace'>>;

/** Mentors who serve at least one programme the filter covers, by id. */
export function listMentors(manager: EntityManager, filter: ProgrammeFilter): Promise<MentorEntity[]> {
  const query = manager.createQueryBuilder(MentorEntity, 'mentor').orderBy('mentor.id', 'ASC');
  if (!filter.all) query.where('mentor.programs ?| :programmes', { programmes: [...filter.programmes] });
  return query.getMany();
}

export function findMentor(manager: EntityManager, mentorId: string): Promise<MentorEntity | null> {
  return manager.findOne(MentorEntity, { where: { id: mentorId } });
}

export function findMentors(manager: EntityManager, mentorIds: readonly string[]): Promise<MentorEntity[]> {
  return manager.find(MentorEntity, { where: { id: In([...new Set(mentorIds)]) } });
}

/** Every mentor, by id. */
export function allMentors(manager: EntityManager): Promise<MentorEntity[]> {
  return manager.find(MentorEntity, { order: { id: 'ASC' } });
}

/** The ids among `mentorIds` that name a mentor; every mentor's id when `mentorIds` is null. */
export async function existingMentorIds(manager: EntityManager, mentorIds: readonly string[] | null): Promise<Set<string>> {
  const rows = await manager.find(MentorEntity, { select: { id: true }, ...(mentorIds ? { where: { id: In([...mentorIds]) } } : {}) });
  return new Set(rows.map((mentor) => mentor.id));
}

/** The mentor's programmes, locked until the transaction ends so a concurrent change cannot slip past a check on them. */
export async function lockMentorProgrammes(manager: EntityManager, mentorId: string): Promise<string[] | null> {
  const rows: Array<{ programs: string[] }> = await manager.query(`SELECT programs FROM mentors WHERE id = $1 FOR UPDATE`, [mentorId]);
  return rows[0]?.programs ?? null;
}

/** The programmes of each of these mentors that exists, locked in id order (the order matching locks mentors in). */
export async function lockProgrammesOfMentors(manager: EntityManager, mentorIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows: Array<{ id: string; programs: string[] }> = await manager.query(`SELECT id, programs FROM mentors WHERE id = ANY($1) ORDER BY id FOR UPDATE`, [[...mentorIds]]);
  return new Map(rows.map((row) => [row.id, row.programs]));
}

// NO KEY UPDATE: blocks changes to the counters and profiles, not foreign-key checks (accepting a case names its mentor).
export async function lockAllMentors(manager: EntityManager): Promise<void> {
  await manager.query('SELECT id FROM mentors ORDER BY id FOR NO KEY UPDATE');
}

/** Adds a mentor unless the id is taken; true when added. */
export async function insertMentor(manager: EntityManager, mentorId: string, columns: MentorProfileColumns): Promise<boolean> {
  const inserted = await manager.createQueryBuilder().insert().into(MentorEntity).values({ id: mentorId, ...columns }).orIgnore().returning('id').execute();
  return (inserted.raw as unknown[]).length > 0;
}

export async function updateMentor(manager: EntityManager, mentorId: string, columns: Partial<MentorProfileColumns>): Promise<void> {
  await manager.update(MentorEntity, { id: mentorId }, columns);
}

/**
 * Creates or updates many mentors' profiles in one statement (their open-case counts stay), the
 * rows travelling as one JSON parameter; returns how many were created.
 */
export async function upsertMentors(manager: EntityManager, mentors: ReadonlyArray<{ id: string; columns: MentorProfileColumns }>): Promise<number> {
  if (mentors.length === 0) return 0;
  const rows = mentors.map(({ id, columns }) => ({
    id,
    display_name: columns.displayName,
    email: columns.email,
    time_zone: columns.timeZone,
    programs: columns.programs,
    expertise_course_codes: columns.expertiseCourseCodes,
    max_open_cases: columns.maxOpenCases,
    weekly_availability: columns.weeklyAvailability,
    blocks: columns.blocks,
    leave: columns.leave,
    active: columns.active,
    meeting_mode: columns.meetingMode ?? null,
    meeting_place: columns.meetingPlace ?? null,
  }));
  const created: Array<{ created: boolean }> = await manager.query(
    // A row without a meeting mode or place keeps the mentor's own (the columns' defaults for a new mentor).
    `INSERT INTO mentors (id, display_name, email, time_zone, programs, expertise_course_codes, max_open_cases,
                          weekly_availability, blocks, leave, active, meeting_mode, meeting_place)
     SELECT row.id, row.display_name, row.email, row.time_zone, row.programs, row.expertise_course_codes, row.max_open_cases,
            row.weekly_availability, row.blocks, row.leave, row.active,
            COALESCE(row.meeting_mode, mentor.meeting_mode, 'in-person'), COALESCE(row.meeting_place, mentor.meeting_place, '')
     FROM jsonb_to_recordset($1::jsonb) AS row (
       id text, display_name text, email text, time_zone text, programs jsonb, expertise_course_codes jsonb, max_open_cases int,
       weekly_availability jsonb, blocks jsonb, leave jsonb, active boolean, meeting_mode text, meeting_place text)
     LEFT JOIN mentors mentor ON mentor.id = row.id
     ORDER BY row.id
     ON CONFLICT (id) DO UPDATE SET
       display_name = EXCLUDED.display_name, email = EXCLUDED.email, time_zone = EXCLUDED.time_zone,
       programs = EXCLUDED.programs, expertise_course_codes = EXCLUDED.expertise_course_codes,
       max_open_cases = EXCLUDED.max_open_cases, weekly_availability = EXCLUDED.weekly_availability,
       blocks = EXCLUDED.blocks, leave = EXCLUDED.leave, active = EXCLUDED.active,
       meeting_mode = EXCLUDED.meeting_mode, meeting_place = EXCLUDED.meeting_place, updated_at = now()
     RETURNING (xmax = 0) AS created`,
    [JSON.stringify(rows)],
  );
  return created.filter((row) => row.created).length;
}

/** One more open case, only if the mentor is active and below their maximum; false when refused. */
export async function takeCapacity(manager: EntityManager, mentorId: string): Promise<boolean> {
  const [, affected]: [unknown, number] = await manager.query(
    `UPDATE mentors SET open_cases = open_cases + 1 WHERE id = $1 AND open_cases < max_open_cases AND active`,
    [mentorId],
  );
  return affected > 0;
}

export async function releaseCapacity(manager: EntityManager, mentorId: string): Promise<void> {
  await manager.query(`UPDATE mentors SET open_cases = open_cases - 1 WHERE id = $1 AND open_cases > 0`, [mentorId]);
}
