import { ConflictException, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ResponsivenessSummary } from './domain/responsiveness';
import type { MentorEntity } from './infrastructure/mentor.entity';
import { allMentors, existingMentorIds, findMentor, findMentors, lockAllMentors, releaseCapacity, takeCapacity } from './infrastructure/mentors.store';

/** A mentor as other features read them. */
export type Mentor = Readonly<MentorEntity>;

/** The mentor has no capacity left: the database refused the case (another replica or request was first). */
export class MentorAtCapacityError extends ConflictException {
  constructor(readonly mentorId: string) {
    super({ code: 'MENTOR_AT_CAPACITY', message: `Mentor ${mentorId} has no capacity left` });
  }
}

/** The only writer of a mentor's open-case count: a take is conditional, so capacity holds whatever else runs. */
@Injectable()
export class MentorCapacity {
  async take(manager: EntityManager, mentorId: string): Promise<void> {
    if (!(await takeCapacity(manager, mentorId))) throw new MentorAtCapacityError(mentorId);
  }

  release(manager: EntityManager, mentorId: string): Promise<void> {
    return releaseCapacity(manager, mentorId);
  }

  /** Every mentor locked in id order, so plans are made on counters and profiles nobody else changes meanwhile. */
  lockAll(manager: EntityManager): Promise<void> {
    return lockAllMentors(manager);
  }
}

/** Mentors as other features read them. */
@Injectable()
export class MentorDirectory {
  find(manager: EntityManager, mentorId: string): Promise<Mentor | null> {
    return findMentor(manager, mentorId);
  }

  findMany(manager: EntityManager, mentorIds: readonly string[]): Promise<Mentor[]> {
    return mentorIds.length > 0 ? findMentors(manager, mentorIds) : Promise.resolve([]);
  }

  /** Every mentor, by id. */
  all(manager: EntityManager): Promise<Mentor[]> {
    return allMentors(manager);
  }

  /** Which of these ids name a mentor; every mentor's id when `mentorIds` is null. */
  existingIds(manager: EntityManager, mentorIds: readonly string[] | null): Promise<Set<string>> {
    return existingMentorIds(manager, mentorIds);
  }
}

/**
 * What mentors learn from their cases, implemented by the feature that owns cases and offers: a
 * mentor's answers to offers, and a waitlist that may move when a mentor's capacity or time grows.
 */
export abstract class MentorCaseActivity {
  abstract responsiveness(manager: EntityManager, now: Date, mentorIds?: readonly string[]): Promise<Map<string, ResponsivenessSummary>>;
  abstract capacityMayHaveFreed(manager: EntityManager): Promise<void>;
}
