import { ForbiddenException } from '@nestjs/common';
import { Principal } from '../principal';

/**
 * Which programmes' data a principal may see. Only coordinators are limited by programme; every
 * other role is either programme-wide (ops, service) or limited by ownership (mentor, student),
 * which the route's `@Roles` and owner checks decide.
 */
export type ProgrammeFilter = { readonly all: true } | { readonly all: false; readonly programmes: readonly string[] };

export const NO_PROGRAMMES_MESSAGE =
  'This coordinator token names no programmes, so it may see no programme data (the token needs a "programmes" claim)';

/**
 * The programmes a principal may see. A coordinator whose token names no programmes is refused
 * (403) rather than given an empty answer that reads like "nothing to see", and never everything.
 */
export function programmeFilter(principal: Principal): ProgrammeFilter {
  if (principal.role !== 'coordinator') return { all: true };
  if (principal.programmes.length === 0) throw new ForbiddenException(NO_PROGRAMMES_MESSAGE);
  return { all: false, programmes: [...principal.programmes] };
}

/** True when the filter lets its holder see data of `programme`. */
export function filterCovers(filter: ProgrammeFilter, programme: string): boolean {
  return filter.all || filter.programmes.includes(programme);
}

/** True when the principal may see data of `programme` (false, not 403, for a coordinator without programmes). */
export function coversProgramme(principal: Principal, programme: string): boolean {
  if (principal.role !== 'coordinator') return true;
  return principal.programmes.includes(programme);
}

/** Throws 403 unless the principal may see data of `programme`; the message names the programme. */
export function assertCoversProgramme(principal: Principal, programme: string): void {
  if (filterCovers(programmeFilter(principal), programme)) return;
  throw new ForbiddenException(`This coordinator is not responsible for programme "${programme}"`);
}

/** Keeps only the items whose programme the filter covers (reports and lists). */
export function withinProgrammes<T>(filter: ProgrammeFilter, items: readonly T[], programmeOf: (item: T) => string): T[] {
  return filter.all ? [...items] : items.filter((item) => filter.programmes.includes(programmeOf(item)));
}
