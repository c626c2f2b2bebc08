import { ForbiddenException } from '@nestjs/common';
import { isOwner, Principal } from '@mentoring/auth';
import { randomUUID } from 'node:crypto';
import { currentContext } from '@mentoring/observability';
import type { CaseRecord } from './case-record';
import type { ChangeOrigin } from './case-store';

export function isAssignedMentor(principal: Principal, record: CaseRecord): boolean {
  return record.mentorId !== null && isOwner(principal, { role: 'mentor', id: record.mentorId });
}

export function isStudentOf(principal: Principal, record: CaseRecord): boolean {
  return isOwner(principal, { role: 'student', id: record.studentId });
}

/** Full case details: its mentor, coordinators and ops. */
export function canReadCase(principal: Principal, record: CaseRecord): boolean {
  return isAssignedMentor(principal, record) || principal.role === 'coordinator' || principal.role === 'ops';
}

export function assertMentorOrCoordinator(principal: Principal, record: CaseRecord): void {
  if (!isAssignedMentor(principal, record) && principal.role !== 'coordinator') {
    throw new ForbiddenException('Only the case’s mentor or a coordinator may do this');
  }
}

export function assertStudentOf(principal: Principal, record: CaseRecord): void {
  if (!isStudentOf(principal, record)) throw new ForbiddenException('Only the student of this case may do this');
}

/** A change made through the API: correlated with the request, attributed to the caller. */
export function requestOrigin(principal: Principal): ChangeOrigin {
  return { cause: { correlationId: currentContext()?.correlationId ?? randomUUID() }, actor: `${principal.role}:${principal.subject}` };
}
