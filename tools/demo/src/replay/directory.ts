import { PROGRAMS, ProgramCode } from '../cohort';
import type { DemoMentor, DemoStudent } from '../cohort';

/** A row of mentor-matching's POST /v1/mentors/import (NewMentorDto). */
export interface MentorImportRow {
  mentorId: string;
  displayName: string;
  email: string;
  programs: string[];
  expertiseCourseCodes: string[];
  maxOpenCases: number;
  active: boolean;
  timeZone: string;
  weeklyAvailability: DemoMentor['weeklyAvailability'];
  leave: Array<{ firstDay: string; lastDay: string }>;
}

/** A row of mentor-matching's POST /v1/students/import (StudentImportRowDto). */
export interface StudentImportRow {
  studentId: string;
  program: string;
  yearOfStudy: number;
  displayName: string;
  email: string;
  timeZone: string;
  preferredTimes: DemoStudent['preferredTimes'];
}

/** A programme coordinator as notification's PUT /v1/recipients/:id takes them (escalations go there). */
export interface DemoCoordinator {
  id: string;
  body: { displayName: string; email: string; timeZone: string; programmes: string[] };
}

export function mentorImportRow(mentor: DemoMentor): MentorImportRow {
  return {
    mentorId: mentor.mentorId,
    displayName: mentor.displayName,
    email: mentor.email,
    programs: [...mentor.programs],
    expertiseCourseCodes: mentor.expertiseCourseCodes,
    maxOpenCases: mentor.capacity,
    active: mentor.active,
    timeZone: mentor.timeZone,
    weeklyAvailability: mentor.weeklyAvailability,
    leave: mentor.leave.map((period) => ({ firstDay: period.start, lastDay: period.end })),
  };
}

export function studentImportRow(student: DemoStudent): StudentImportRow {
  return {
    studentId: student.studentId,
    program: student.program,
    yearOfStudy: student.yearOfStudy,
    displayName: student.displayName,
    email: student.email,
    timeZone: student.timeZone,
    preferredTimes: student.preferredTimes,
  };
}

const COORDINATOR_NAMES: Readonly<Record<ProgramCode, string>> = {
  MBBS: 'Dalia Haddad',
  MD: 'Omar Siddiqui',
  BBMS: 'Grace Mensah',
  HDPCS: 'Priya Raman',
};

/** One coordinator per programme, on campus time: they receive the escalations of their programme. */
export function demoCoordinators(): DemoCoordinator[] {
  return PROGRAMS.map((program) => ({
    id: `coordinator-${program.toLowerCase()}`,
    body: {
      displayName: COORDINATOR_NAMES[program],
      email: `${program.toLowerCase()}.coordinator@example.edu`,
      timeZone: 'Asia/Dubai',
      programmes: [program],
    },
  }));
}

/** `items` in consecutive chunks of at most `size` (requests have body limits). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive whole number, not ${size}`);
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
