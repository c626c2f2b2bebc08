/** Whether the caller may see or change data of a programme. */
type CoversProgramme = (programme: string) => boolean;

/** A mentor serving several programmes is managed by the coordinators of any of them. */
export function sharesProgramme(programs: readonly string[], covers: CoversProgramme): boolean {
  return programs.some(covers);
}

/**
 * The programmes a profile change adds or removes that the caller does not cover (all of them for
 * a new mentor). A coordinator changes a mentor's membership of their own programmes only: the
 * places another programme's coordinator gave the mentor stay as they are.
 */
export function programmesOutOfReach(before: readonly string[] | null, after: readonly string[], covers: CoversProgramme): string[] {
  const previous = new Set(before ?? []);
  const next = new Set(after);
  const changed = [...[...next].filter((programme) => !previous.has(programme)), ...[...previous].filter((programme) => !next.has(programme))];
  return changed.filter((programme) => !covers(programme)).sort();
}
