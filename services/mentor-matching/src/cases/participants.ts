import type { CaseParticipantV1 } from '@mentoring/contracts';
import { EntityManager, In } from 'typeorm';
import { MentorEntity } from '../mentors/infrastructure/mentor.entity';
import { StudentEntity } from '../students/infrastructure/student.entity';
import type { Participants } from './case-events';

/** The people named in a batch of case events, read once. */
export async function loadParticipants(
  manager: EntityManager,
  studentIds: readonly string[],
  mentorIds: readonly string[],
): Promise<Participants> {
  const students = studentIds.length > 0 ? await manager.find(StudentEntity, { where: { id: In([...new Set(studentIds)]) } }) : [];
  const mentors = mentorIds.length > 0 ? await manager.find(MentorEntity, { where: { id: In([...new Set(mentorIds)]) } }) : [];
  return participantsOf(students, mentors);
}

export function participantsOf(students: readonly StudentEntity[], mentors: readonly MentorEntity[]): Participants {
  const studentsById = new Map(students.map((student) => [student.id, studentParticipant(student)]));
  const mentorsById = new Map(mentors.map((mentor) => [mentor.id, mentorParticipant(mentor)]));
  return {
    student: (id) => known(studentsById.get(id), 'student', id),
    mentor: (id) => known(mentorsById.get(id), 'mentor', id),
  };
}

// A student known only from a risk event has no name yet; their id is what staff recognise.
function studentParticipant(student: StudentEntity): CaseParticipantV1 {
  return { id: student.id, displayName: student.displayName ?? student.id, email: student.email, timeZone: student.timeZone };
}

function mentorParticipant(mentor: MentorEntity): CaseParticipantV1 {
  return { id: mentor.id, displayName: mentor.displayName, email: mentor.email, timeZone: mentor.timeZone };
}

function known<T>(value: T | undefined, role: string, id: string): T {
  if (value === undefined) throw new Error(`No ${role} ${id} to name in a case event`);
  return value;
}
