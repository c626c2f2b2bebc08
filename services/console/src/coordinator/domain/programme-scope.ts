/**
 * The console's own check of a coordinator's programmes. The services refuse other programmes'
 * data too (the token carries the programmes); the console refuses first, so a typed URL or a
 * posted form never reaches a service, and drops any other programme's rows it is handed.
 */
export function coordinates(programmes: readonly string[], program: string): boolean {
  return programmes.includes(program);
}

/** The rows of the coordinator's programmes only. */
export function ofProgrammes<T extends { program: string }>(programmes: readonly string[], rows: readonly T[]): T[] {
  return rows.filter((row) => coordinates(programmes, row.program));
}
