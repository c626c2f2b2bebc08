/** The programmes of the seed study (DESIGN.md §1); KNOWN_PROGRAMS may replace the list. */
export const DEFAULT_PROGRAMS: readonly string[] = ['MBBS', 'MD', 'BBMS', 'HDPCS'];
