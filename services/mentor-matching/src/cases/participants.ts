import type { CaseParticipantV1 } from '@mentoring/contracts';
import type { Mentor } from '../mentors';
import type { Student } from '../students';
import type { Participants } from './case-events';

export function participantsOf(students: readonly Student[], mentors: readonly Mentor[]): Participants {
  const studentsById = new Map(students.map((student) => [student.id, studentParticipant(student)]));
  const mentorsById = new Map(mentors.map((mentor) => [mentor.id, mentorParticipant(mentor)]));
  return {
    student: (id) => known(studentsById.get(id), 'student', id),
    mentor: (id) => known(mentorsById.get(id), 'mentor', id),
  };
}

// A student known only from a risk event has no name yet: their id is what staff recognise, and
// notification, which greets by the directory's names, never greets anyone by it.
function studentParticipant(student: Student): CaseParticipantV1 {
  return { id: student.id, displayName: student.displayName ?? student.preferredName ?? student.id, email: student.email, timeZone: student.timeZone };
}

function mentorParticipant(mentor: Mentor): CaseParticipantV1 {
  return { id: mentor.id, displayName: mentor.displayName, email: mentor.email, timeZone: mentor.timeZone };
}

function known<T>(value: T | undefined, role: string, id: string): T {
  if (value === undefined) throw new Error(`No ${role} ${id} to name in a case event`);
  return value;
}
