import { GradeIngestConfig } from '../config/grade-ingest.config';
import { ImportLimits } from './domain';

const MB = 1024 * 1024;

/** The IMPORT_MAX_* settings as the importer counts them. */
export function importLimitsOf(config: GradeIngestConfig): ImportLimits {
  return {
    maxTotalBytes: config.IMPORT_MAX_UNCOMPRESSED_MB * MB,
    maxFileBytes: config.IMPORT_MAX_FILE_MB * MB,
    maxCompressionRatio: config.IMPORT_MAX_COMPRESSION_RATIO,
    maxZipEntries: config.IMPORT_MAX_ZIP_ENTRIES,
    maxResultRows: config.IMPORT_MAX_RESULT_ROWS,
    maxReferenceRows: config.IMPORT_MAX_REFERENCE_ROWS,
  };
}
