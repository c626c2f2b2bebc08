import { ForbiddenException } from '@nestjs/common';
import type { SignedInUser } from '../accounts';
import { Caller } from './service-api';

/** The signed-in person as the services see them: their account's role, subject id and (coordinators) programmes. */
export function callerOf(request: { user?: SignedInUser }): Caller {
  const user = request.user;
  // Unreachable behind the session guard; a route marked @Public by mistake fails closed here.
  if (!user) throw new ForbiddenException('Please sign in');
  return { role: user.role, subject: user.subjectId, ...(user.role === 'coordinator' ? { programmes: user.programmes } : {}) };
}
