import { ForbiddenException } from '@nestjs/common';
import type { SignedInUser } from '../accounts/sessions.service';
import type { Caller } from '../service-api/service-api';

/** The signed-in mentor as the services know them; an account without a mentor id can reach nothing. */
export function mentorCaller(user: SignedInUser | undefined): Caller {
  if (!user?.subjectId) throw new ForbiddenException('This account is not linked to a mentor; ask a coordinator to link it');
  return { role: 'mentor', subject: user.subjectId };
}

export function mentorPath(caller: Caller, suffix = ''): string {
  return `/v1/mentors/${encodeURIComponent(caller.subject)}${suffix}`;
}

export function casePath(caseId: string, suffix = ''): string {
  return `/v1/cases/${encodeURIComponent(caseId)}${suffix}`;
}
