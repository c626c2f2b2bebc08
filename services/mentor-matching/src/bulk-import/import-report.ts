import type { RejectedRow } from './import-rows';

/** What an import did: good rows are stored, every bad row is listed with all its problems. */
export interface ImportReport {
  readonly received: number;
  readonly created: number;
  readonly updated: number;
  readonly rejected: readonly RejectedRow[];
}
