import { Injectable } from '@nestjs/common';
import type { ProgrammeFilter } from '@mentoring/auth';
import { DataSource, EntityManager } from 'typeorm';
import type { IsoInterval } from '../shared/time';
import type { CaseRecord } from './case-record';
import { bookedMeetingsOf, caseTimings, countByStatus, lastWaitlisted, reservations, waitlistedCases } from './infrastructure/cases.store';

/** Time a case holds with its mentor: the slots on offer, or the one confirmed. */
export interface Reservation {
  readonly mentorId: string;
  readonly proposedSlots: readonly IsoInterval[];
  readonly confirmedSlot: IsoInterval | null;
}

/** What other features read of cases. */
@Injectable()
export class CaseFacts {
  constructor(private readonly dataSource: DataSource) {}

  /** The time matched and active cases hold with their mentors. */
  async reservations(manager: EntityManager): Promise<Reservation[]> {
    const rows = await reservations(manager);
    return rows.map((row) => ({ mentorId: row.mentor_id, proposedSlots: row.proposed_slots, confirmedSlot: row.confirmed_slot }));
  }

  /** The booked meetings of a mentor's cases, by case. */
  bookedMeetings(manager: EntityManager, mentorId: string): Promise<Array<{ id: string; confirmedSlot: IsoInterval | null }>> {
    return bookedMeetingsOf(manager, mentorId);
  }

  /** Waitlisted cases of the filter's programmes, oldest first. */
  waitlisted(manager: EntityManager, programmes: ProgrammeFilter): Promise<CaseRecord[]> {
    return waitlistedCases(manager, programmes);
  }

  /** When each case was last put on the waitlist. */
  lastWaitlisted(manager: EntityManager, caseIds: readonly string[]): Promise<Map<string, Date>> {
    return lastWaitlisted(manager, caseIds);
  }

  /** The timing and outcome of the cases of the filter's programmes flagged since a moment, of one mentor when asked. */
  timings(manager: EntityManager, options: { programmes: ProgrammeFilter; since?: Date; mentorId?: string }) {
    return caseTimings(manager, options);
  }

  /** Cases per status, read outside any transaction (metrics scrape it). */
  countByStatus(): Promise<Map<string, number>> {
    return countByStatus(this.dataSource.manager);
  }
}
