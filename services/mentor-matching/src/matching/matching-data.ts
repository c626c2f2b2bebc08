import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { CaseRecord } from '../cases/case-record';
import { MentorEntity } from '../mentors/infrastructure/mentor.entity';
import { StudentEntity } from '../students/infrastructure/student.entity';
import {
  DAY_MS,
  IsoInterval,
  MentorProfile,
  NO_RESPONSIVENESS_HISTORY,
  OfferResponse,
  PastOffer,
  reservedSlots,
  ResponsivenessSummary,
  StudentProfile,
  summariseResponsiveness,
} from './domain';

/** How far back a mentor's answers to offers count towards their responsiveness. */
const RESPONSIVENESS_LOOKBACK_DAYS = 180;

export interface MentorPool {
  readonly profiles: MentorProfile[];
  readonly entities: MentorEntity[];
}

interface OfferRow {
  mentor_id: string;
  offered_at: Date;
  responded_at: Date | null;
  response: OfferResponse;
}

interface ReservationRow {
  mentor_id: string;
  proposed_slots: IsoInterval[];
  confirmed_slot: IsoInterval | null;
}

/** Reads mentors and students as the matching domain sees them. */
@Injectable()
export class MatchingData {
  /** Every mentor, with the time promised to their cases as booked and their responsiveness from recent offers. */
  async mentorPool(manager: EntityManager, now: Date): Promise<MentorPool> {
    // One after another: a transaction is one connection, and pg refuses overlapping queries on one.
    const entities = await manager.find(MentorEntity, { order: { id: 'ASC' } });
    const offers = await loadResponsiveness(manager, now);
    const reservations = await this.reservations(manager);
    const profiles = entities.map((mentor) => ({
      mentorId: mentor.id,
      active: mentor.active,
      programs: mentor.programs,
      maxOpenCases: mentor.maxOpenCases,
      openCases: mentor.openCases,
      expertise: mentor.expertiseCourseCodes,
      responsiveness: offers.get(mentor.id) ?? NO_RESPONSIVENESS_HISTORY,
      availability: {
        timeZone: mentor.timeZone,
        weekly: mentor.weeklyAvailability,
        blocks: mentor.blocks,
        leave: mentor.leave,
        bookedMeetings: reservations.get(mentor.id) ?? [],
      },
    }));
    return { profiles, entities };
  }

  students(manager: EntityManager, studentIds: readonly string[]): Promise<StudentEntity[]> {
    return manager.find(StudentEntity, { where: { id: In([...new Set(studentIds)]) } });
  }

  private async reservations(manager: EntityManager): Promise<Map<string, IsoInterval[]>> {
    const rows: ReservationRow[] = await manager.query(
      `SELECT mentor_id, proposed_slots, confirmed_slot FROM cases WHERE status IN ('matched', 'active') AND mentor_id IS NOT NULL`,
    );
    const grouped = groupBy(rows, (row) => row.mentor_id, (row) => reservedSlots({ proposedSlots: row.proposed_slots, confirmedSlot: row.confirmed_slot }));
    return new Map([...grouped].map(([mentorId, slots]) => [mentorId, slots.flat()]));
  }
}

/** Each mentor's responsiveness, from their answers to recent offers (withdrawn and pending ones say nothing). */
export async function loadResponsiveness(
  manager: EntityManager,
  now: Date,
  mentorIds: readonly string[] | null = null,
): Promise<Map<string, ResponsivenessSummary>> {
  const rows: OfferRow[] = await manager.query(
    `SELECT mentor_id, offered_at, responded_at, response FROM case_offers
     WHERE response IN ('accepted', 'declined', 'expired') AND offered_at >= $1
       AND ($2::text[] IS NULL OR mentor_id = ANY($2))`,
    [new Date(now.getTime() - RESPONSIVENESS_LOOKBACK_DAYS * DAY_MS), mentorIds],
  );
  const offers = groupBy(rows, (row) => row.mentor_id, (row): PastOffer => ({ offeredAt: row.offered_at, respondedAt: row.responded_at, response: row.response }));
  return new Map([...offers].map(([mentorId, past]) => [mentorId, summariseResponsiveness(past)]));
}

/** The student as matching sees them for one case: the case's weak courses are what expertise should cover. */
export function studentProfileFor(student: StudentEntity, record: CaseRecord): StudentProfile {
  return {
    studentId: student.id,
    program: student.program,
    preferences: { timeZone: student.timeZone, weekly: student.preferredTimes },
    currentMentorId: student.currentMentorId,
    excludedMentorIds: student.excludedMentorIds,
    weakCourses: record.weakCourses,
  };
}

function groupBy<T, V>(rows: readonly T[], keyOf: (row: T) => string, valueOf: (row: T) => V): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(valueOf(row));
    else groups.set(key, [valueOf(row)]);
  }
  return groups;
}
