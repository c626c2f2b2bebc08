import { assertCoversProgramme, filterCovers, Principal, ProgrammeFilter, programmeFilter } from '@mentoring/auth';

/** Whether the caller may see or change data of a programme. */
export type CoversProgramme = (programme: string) => boolean;

/**
 * The programmes a caller reaches: a coordinator their token's programmes, every other role all of
 * them (their routes limit them by role or ownership instead). A coordinator whose token names no
 * programmes is refused here with 403, so a missing claim never reads as "everything".
 */
export function programmeReach(principal: Principal): { filter: ProgrammeFilter; covers: CoversProgramme } {
  const filter = programmeFilter(principal);
  return { filter, covers: (programme) => filterCovers(filter, programme) };
}

/** The programme asked for (403 for a coordinator of others), or every programme the caller reaches. */
export function programmesAsked(principal: Principal, program: string | undefined): ProgrammeFilter {
  if (program === undefined) return programmeReach(principal).filter;
  assertCoversProgramme(principal, program);
  return { all: false, programmes: [program] };
}
