import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BaseServiceConfig, splitList } from '@mentoring/config';
import { IDENTIFIER, PROGRAM_CODE } from '@mentoring/contracts';
import { Transform, Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, MinLength, ValidateBy } from 'class-validator';
import { parseProgramMap, parseYearMap, PROGRAM_MAP_PROBLEM, YEAR_MAP_PROBLEM } from './oneroster-mappings';
import { DEFAULT_PROGRAMS } from './programmes';

export const SERVICE_NAME = 'grade-ingest';

/** grade-ingest's settings; each variable is named like the environment variable it reads. */
export class GradeIngestConfig extends BaseServiceConfig {
  override PORT = 3001;
  override DATABASE_URL = 'postgres://postgres@localhost:5432/grade_ingest';

  // @Type on numbers: an unannotated field has no design type, so nothing else converts the environment's strings.
  /** How far ahead of this server's clock a feed's `gradedAt` may be before it counts as "in the future". */
  @Type(() => Number) @IsInt() @Min(0) MAX_FUTURE_SKEW_SECONDS = 300;

  /** Programme codes a grade may name (comma-separated). */
  @Transform(({ obj, key }) => splitList((obj as Record<string, unknown>)[key]))
  @IsArray()
  @ArrayNotEmpty()
  @Matches(PROGRAM_CODE, { each: true, message: 'must be a comma-separated list of upper-case programme codes such as MBBS' })
  KNOWN_PROGRAMS: string[] = [...DEFAULT_PROGRAMS];

  /** Feed that Kafka submissions without a `feed` header are recorded under. */
  @Length(1, 64) @Matches(IDENTIFIER, { message: 'must be an identifier (letters, digits, . _ : - /)' })
  KAFKA_DEFAULT_FEED = 'kafka';

  /**
   * Feeds a record on registrar.grades.submitted.v1 may name in its `feed` header (comma-separated).
   * Anyone who can write the topic can set any header, so a feed is only believed when it is listed;
   * unset, only records without the header (recorded under KAFKA_DEFAULT_FEED) are accepted.
   */
  @Transform(({ obj, key }) => splitList((obj as Record<string, unknown>)[key]))
  @IsArray()
  @Length(1, 64, { each: true, message: 'must be a comma-separated list of feed identifiers of at most 64 characters' })
  @Matches(IDENTIFIER, { each: true, message: 'must be a comma-separated list of feed identifiers (letters, digits, . _ : - /)' })
  REGISTRAR_TOPIC_FEEDS: string[] = [];

  /** Where OneRoster uploads are kept until their import completes (shared storage when replicas run on several hosts). */
  @IsString() @MinLength(1) UPLOAD_DIR = join(tmpdir(), 'grade-ingest-uploads');

  /** Largest uploaded file, in MB. */
  @Type(() => Number) @IsInt() @Min(1) @Max(4096) MAX_UPLOAD_FILE_MB = 512;

  // Caps on what one OneRoster import may make the service read and hold (imports/domain/import-limits.ts).
  /** Bytes, in MB, all the files of an import may inflate to together. */
  @Type(() => Number) @IsInt() @Min(1) @Max(65_536) IMPORT_MAX_UNCOMPRESSED_MB = 1024;

  /** Bytes, in MB, one file of an import (a zip entry or an uploaded CSV) may inflate to. */
  @Type(() => Number) @IsInt() @Min(1) @Max(65_536) IMPORT_MAX_FILE_MB = 512;

  /** How many times its compressed size a zip entry larger than 1 MiB may inflate to. */
  @Type(() => Number) @IsInt() @Min(2) @Max(10_000) IMPORT_MAX_COMPRESSION_RATIO = 100;

  /** Entries a zip may list (folders and ignored files included). */
  @Type(() => Number) @IsInt() @Min(2) @Max(100_000) IMPORT_MAX_ZIP_ENTRIES = 100;

  /** Records results.csv may hold. */
  @Type(() => Number) @IsInt() @Min(1) @Max(100_000_000) IMPORT_MAX_RESULT_ROWS = 1_000_000;

  /** Records each reference file (lineItems.csv, users.csv, classes.csv, courses.csv, categories.csv) may hold; they are held in memory. */
  @Type(() => Number) @IsInt() @Min(1) @Max(10_000_000) IMPORT_MAX_REFERENCE_ROWS = 100_000;

  // How OneRoster sets are placed when their orgs carry no programme code (imports/README.md); an import's form fields override them.
  /** JSON: org sourcedId, identifier or name -> programme code, e.g. {"org-mbbs":"MBBS"}. */
  @IsOptional()
  @ValidateBy({ name: 'isProgramMap', validator: { validate: (value) => parseProgramMap(value) !== undefined, defaultMessage: () => PROGRAM_MAP_PROBLEM } })
  ONEROSTER_PROGRAM_BY_ORG?: string;

  /** JSON: programme code -> year of study, for students a set gives no year, e.g. {"MBBS":1}. */
  @IsOptional()
  @ValidateBy({ name: 'isYearMap', validator: { validate: (value) => parseYearMap(value) !== undefined, defaultMessage: () => YEAR_MAP_PROBLEM } })
  ONEROSTER_DEFAULT_YEAR_BY_PROGRAM?: string;

  /** Maximum score of line items with neither resultValueMax nor a score scale; unset, such results are rejected. */
  @IsOptional() @Type(() => Number) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(Number.MIN_VALUE) ONEROSTER_DEFAULT_MAX_SCORE?: number;

  /** results.csv rows persisted per transaction. */
  @Type(() => Number) @IsInt() @Min(10) @Max(10_000) IMPORT_BATCH_SIZE = 500;

  /** How long a replica's claim on an import lasts without renewal; a crashed replica's import is resumed after it. */
  @Type(() => Number) @IsInt() @Min(1) @Max(3600) IMPORT_LEASE_SECONDS = 30;

  /** How often unfinished imports without a live claim are looked for and resumed; 0: never automatically, only by POST /v1/imports/:id/resume. */
  @Type(() => Number) @IsInt() @Min(0) @Max(86_400) IMPORT_SWEEP_SECONDS = 10;
}
