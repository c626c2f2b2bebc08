import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseFacts, type CaseRecord, otherBookedMeetings } from '../cases';
import { Mentor, MentorCaseActivity, MentorDirectory } from '../mentors';
import { Student, StudentDirectory } from '../students';
import { IsoInterval, MentorAvailability, MentorProfile, NO_RESPONSIVENESS_HISTORY, reservedSlots, StudentProfile } from './domain';

export interface MentorPool {
  readonly profiles: MentorProfile[];
  readonly entities: Mentor[];
}

/** Reads mentors and students as the matching domain sees them. */
@Injectable()
export class MatchingData {
  constructor(
    private readonly mentors: MentorDirectory,
    private readonly studentDirectory: StudentDirectory,
    private readonly cases: CaseFacts,
    private readonly activity: MentorCaseActivity,
  ) {}

  /** Every mentor, with the time promised to their cases as booked and their responsiveness from recent offers. */
  async mentorPool(manager: EntityManager, now: Date): Promise<MentorPool> {
    // One after another: a transaction is one connection, and pg refuses overlapping queries on one.
    const entities = await this.mentors.all(manager);
    const offers = await this.activity.responsiveness(manager, now);
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

  /** One mentor's time for one of their cases: their meetings on the other cases count as booked. */
  async mentorTimeFor(manager: EntityManager, mentorId: string, caseId: string): Promise<{ mentor: Mentor; availability: MentorAvailability } | null> {
    const mentor = await this.mentors.find(manager, mentorId);
    if (!mentor) return null;
    const booked = otherBookedMeetings(await this.cases.bookedMeetings(manager, mentorId), caseId);
    return {
      mentor,
      availability: { timeZone: mentor.timeZone, weekly: mentor.weeklyAvailability, blocks: mentor.blocks, leave: mentor.leave, bookedMeetings: booked },
    };
  }

  students(manager: EntityManager, studentIds: readonly string[]): Promise<Student[]> {
    return this.studentDirectory.findMany(manager, studentIds);
  }

  private async reservations(manager: EntityManager): Promise<Map<string, IsoInterval[]>> {
    const grouped = groupBy(await this.cases.reservations(manager), (row) => row.mentorId, reservedSlots);
    return new Map([...grouped].map(([mentorId, slots]) => [mentorId, slots.flat()]));
  }
}

/** The student as matching sees them for one case: the case's weak courses are what expertise should cover. */
export function studentProfileFor(student: Student, record: CaseRecord): StudentProfile {
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
