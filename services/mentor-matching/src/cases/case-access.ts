import { ForbiddenException } from '@nestjs/common';
import { assertCoversProgramme, coversProgramme, isOwner, Principal } from '@mentoring/auth';
import { randomUUID } from 'node:crypto';
import { currentContext } from '@mentoring/observability';
import type { CaseRecord } from './case-record';
import type { ChangeOrigin } from './case-unit-of-work';

export function isAssignedMentor(principal: Principal, record: CaseRecord): boolean {
  return record.mentorId !== null && isOwner(principal, { role: 'mentor', id: record.mentorId });
}

export function isStudentOf(principal: Principal, record: CaseRecord): boolean {
  return isOwner(principal, { role: 'student', id: record.studentId });
}

/** A coordinator responsible for the case's programme. */
export function isCoordinatorOf(principal: Principal, record: CaseRecord): boolean {
  return principal.role === 'coordinator' && coversProgramme(principal, record.program);
}

/** Full case details: its mentor, the coordinators of its programme and ops. */
export function canReadCase(principal: Principal, record: CaseRecord): boolean {
  return isAssignedMentor(principal, record) || isCoordinatorOf(principal, record) || principal.role === 'ops';
}

/** The case's mentor, or a coordinator of its programme (a coordinator of another one gets a 403 naming the programme). */
export function assertMentorOrCoordinator(principal: Principal, record: CaseRecord): void {
  if (isAssignedMentor(principal, record)) return;
  if (principal.role === 'coordinator') return assertCoversProgramme(principal, record.program);
  throw new ForbiddenException('Only the case’s mentor or a coordinator of its programme may do this');
}

/** Coordinators act on the cases of their own programmes only. */
export function assertCoordinatorOf(principal: Principal, record: CaseRecord): void {
  if (principal.role === 'coordinator') assertCoversProgramme(principal, record.program);
}

export function assertStudentOf(principal: Principal, record: CaseRecord): void {
  if (!isStudentOf(principal, record)) throw new ForbiddenException('Only the student of this case may do this');
}

/** A change made through the API: correlated with the request, attributed to the caller. */
export function requestOrigin(principal: Principal): ChangeOrigin {
  return { cause: { correlationId: currentContext()?.correlationId ?? randomUUID() }, actor: `${principal.role}:${principal.subject}` };
}
