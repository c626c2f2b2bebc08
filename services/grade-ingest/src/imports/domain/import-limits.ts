import { ImportFileError } from './import-file-error';

/**
 * How much an import may make the service read and hold. Uploads are hostile until read: a zip of
 * a few kilobytes can inflate to gigabytes, and reference files are held in memory whole.
 */
export interface ImportLimits {
  /** Bytes all the files of a set may inflate to together (each file counted once, however often it is read). */
  maxTotalBytes: number;
  /** Bytes one file of a set may inflate to. */
  maxFileBytes: number;
  /** How many times its compressed size a zip entry may inflate to (past a small grace size). */
  maxCompressionRatio: number;
  /** Entries a zip may list, folders and ignored files included. */
  maxZipEntries: number;
  /** Records results.csv may hold. */
  maxResultRows: number;
  /** Records each reference file (lineItems.csv, users.csv, classes.csv, ...) may hold. */
  maxReferenceRows: number;
}

/** Which cap an import went over; each is one setting (README: IMPORT_MAX_*). */
export type ImportCap = 'total-uncompressed-bytes' | 'file-uncompressed-bytes' | 'compression-ratio' | 'zip-entries' | 'result-rows' | 'reference-rows';

/** The cap a `too-large` import went over, its limit, and the value seen when the reader got that far. */
export interface ImportLimitExceeded {
  cap: ImportCap;
  /** The environment variable that sets the cap. */
  setting: string;
  limit: number;
  /** What was seen when reading stopped (at least this much); absent when the reader stopped at the limit. */
  seen?: number;
  unit: 'bytes' | 'ratio' | 'entries' | 'rows';
}

export const IMPORT_CAP_SETTINGS: Readonly<Record<ImportCap, { setting: string; unit: ImportLimitExceeded['unit'] }>> = {
  'total-uncompressed-bytes': { setting: 'IMPORT_MAX_UNCOMPRESSED_MB', unit: 'bytes' },
  'file-uncompressed-bytes': { setting: 'IMPORT_MAX_FILE_MB', unit: 'bytes' },
  'compression-ratio': { setting: 'IMPORT_MAX_COMPRESSION_RATIO', unit: 'ratio' },
  'zip-entries': { setting: 'IMPORT_MAX_ZIP_ENTRIES', unit: 'entries' },
  'result-rows': { setting: 'IMPORT_MAX_RESULT_ROWS', unit: 'rows' },
  'reference-rows': { setting: 'IMPORT_MAX_REFERENCE_ROWS', unit: 'rows' },
};

const MB = 1024 * 1024;

/** The defaults of the IMPORT_MAX_* settings. */
export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = {
  maxTotalBytes: 1024 * MB,
  maxFileBytes: 512 * MB,
  maxCompressionRatio: 100,
  maxZipEntries: 100,
  maxResultRows: 1_000_000,
  maxReferenceRows: 100_000,
};

/** The `too-large` error of a file set over one of its caps; `what` completes "<file> ..." in the message. */
export function tooLarge(cap: ImportCap, file: string, limit: number, what: string, seen?: number): ImportFileError {
  const { setting, unit } = IMPORT_CAP_SETTINGS[cap];
  return new ImportFileError({
    code: 'too-large',
    file,
    message: `${file} ${what}; the import is refused and nothing of it is recorded (the limit is ${setting})`,
    limit: { cap, setting, limit, unit, ...(seen !== undefined && { seen }) },
  });
}

/** A byte count as people read it. */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} bytes`;
}
