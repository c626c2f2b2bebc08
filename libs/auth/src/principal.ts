import { ForbiddenException } from '@nestjs/common';
import { JWTPayload } from 'jose';
import { Role } from './roles';

/**
 * Who made the request. `subject` is the token's `sub`: the feed name for `registrar-feed`, the
 * mentor's or student's id for `mentor` and `student`, a person or service name otherwise.
 */
export interface Principal {
  subject: string;
  role: Role;
  /** Programme codes a coordinator is responsible for (the token's `programmes` claim); empty for other roles. */
  programmes: string[];
  claims: JWTPayload;
}

/** The person a record belongs to, e.g. `{ role: 'mentor', id: case.mentorId }`. */
export interface Owner {
  role: Role;
  id: string;
}

/** True when the principal is that owner; the role must match too, as ids of different roles may collide. */
export function isOwner(principal: Principal, owner: Owner): boolean {
  return principal.role === owner.role && principal.subject === owner.id;
}

/** Throws 403 unless the principal owns the record or holds one of the privileged roles. */
export function assertOwnerOrRoles(principal: Principal, owner: Owner, ...privilegedRoles: Role[]): void {
  if (isOwner(principal, owner) || privilegedRoles.includes(principal.role)) return;
  throw new ForbiddenException(`Only the ${owner.role} it belongs to${describeRoles(privilegedRoles)} may access this`);
}

function describeRoles(roles: Role[]): string {
  return roles.length === 0 ? '' : ` or a ${roles.join(' or ')}`;
}
