import { GradeIngestConfig } from '../config/grade-ingest.config';
import { parseProgramMap, parseYearMap } from '../config/oneroster-mappings';
import { ImportLimits } from './domain';
import { OneRosterMapping } from './oneroster';

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

/** An import's mapping on top of the service's ONEROSTER_* settings: the import's own entries win. */
export function mappingWithConfig(config: GradeIngestConfig, mapping: OneRosterMapping): OneRosterMapping {
  const programByOrg = { ...(config.ONEROSTER_PROGRAM_BY_ORG && parseProgramMap(config.ONEROSTER_PROGRAM_BY_ORG)), ...mapping.programByOrg };
  const defaultYearByProgram = { ...(config.ONEROSTER_DEFAULT_YEAR_BY_PROGRAM && parseYearMap(config.ONEROSTER_DEFAULT_YEAR_BY_PROGRAM)), ...mapping.defaultYearByProgram };
  const defaultMaxScore = mapping.defaultMaxScore ?? config.ONEROSTER_DEFAULT_MAX_SCORE;
  return { ...mapping, programByOrg, defaultYearByProgram, ...(defaultMaxScore !== undefined && { defaultMaxScore }) };
}
