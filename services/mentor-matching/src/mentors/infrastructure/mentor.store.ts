import type { ProgrammeFilter } from '@mentoring/auth';
import { EntityManager } from 'typeorm';
import { MentorEntity } from './mentor.entity';

/** Mentors who serve at least one programme the filter covers, by id. */
export function listMentors(manager: EntityManager, filter: ProgrammeFilter): Promise<MentorEntity[]> {
  const query = manager.createQueryBuilder(MentorEntity, 'mentor').orderBy('mentor.id', 'ASC');
  if (!filter.all) query.where('mentor.programs ?| :programmes', { programmes: [...filter.programmes] });
  return query.getMany();
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
