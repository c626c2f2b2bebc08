import { ForbiddenException } from '@nestjs/common';
import { coversProgramme, isOwner, Principal, programmeFilter } from '@mentoring/auth';
import type { RecipientRole } from '@mentoring/contracts';

/** What the rules need to know of a directory record. */
export interface RecipientFacts {
  roles: readonly RecipientRole[];
  programmes: readonly string[];
}

/** What the rules need to know of a message. */
export interface MessageFacts {
  recipientId: string;
  recipientRole: RecipientRole;
  program: string | null;
}

/**
 * Only coordinator records are managed here. Students' and mentors' names and addresses come
 * from mentor-matching's directory (through case events) and from the people themselves; letting
 * anyone rewrite them here would let them redirect the links a student's messages carry.
 */
export function assertMayPutCoordinator(principal: Principal, id: string, existing: RecipientFacts | null, programmes: readonly string[]): void {
  const otherRoles = existing?.roles.filter((role) => role !== 'coordinator') ?? [];
  if (otherRoles.length > 0) {
    throw new ForbiddenException(
      `${id} is known as a ${otherRoles.join(' and ')}: their contact details come from the student and mentor directory, not from here`,
    );
  }
  if (principal.role !== 'coordinator') return;
  programmeFilter(principal);
  const foreign = [...programmes, ...(existing?.programmes ?? [])].filter((programme) => !coversProgramme(principal, programme));
  if (foreign.length > 0) {
    throw new ForbiddenException(`A coordinator manages coordinator records of their own programmes only; not responsible for ${[...new Set(foreign)].join(', ')}`);
  }
}

/**
 * A coordinator reads their own record and those of coordinators sharing one of their
 * programmes; students' and mentors' records are for themselves and ops.
 */
export function assertMayReadRecipient(principal: Principal, id: string, recipient: RecipientFacts | null): void {
  if (principal.role !== 'coordinator' || isOwner(principal, { role: 'coordinator', id })) return;
  programmeFilter(principal);
  if (recipient === null) return;
  const colleague = recipient.roles.every((role) => role === 'coordinator') && recipient.programmes.some((programme) => coversProgramme(principal, programme));
  if (!colleague) throw new ForbiddenException('A coordinator may read only coordinator records of their own programmes');
}

/** A coordinator sees the deliveries of messages about their programmes' cases, and of their own messages. */
export function assertMaySeeMessage(principal: Principal, message: MessageFacts): void {
  if (principal.role !== 'coordinator') return;
  programmeFilter(principal);
  if (message.recipientRole === 'coordinator' && isOwner(principal, { role: 'coordinator', id: message.recipientId })) return;
  if (message.program !== null && coversProgramme(principal, message.program)) return;
  throw new ForbiddenException('A coordinator may see only messages about cases of their own programmes');
}

/**
 * A coordinator acts on a student's links only for students of their programmes (the programme of
 * the student's latest case, as case events told it); anyone else's links are for themselves and ops.
 */
export function assertMayActForStudent(principal: Principal, id: string, recipient: RecipientFacts | null): void {
  if (principal.role !== 'coordinator') return;
  programmeFilter(principal);
  const ownStudent =
    recipient !== null && recipient.roles.includes('student') && recipient.programmes.some((programme) => coversProgramme(principal, programme));
  if (!ownStudent) throw new ForbiddenException(`${id} is not known as a student of a programme this coordinator is responsible for`);
}
