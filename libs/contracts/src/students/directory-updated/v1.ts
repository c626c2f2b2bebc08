import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IDENTIFIER, PROGRAM_CODE } from '../../grades/grade-submitted/v1';

export const STUDENT_DIRECTORY_UPDATED_V1 = 'students.directory-updated.v1';

/**
 * Where a directory update comes from: a OneRoster import's `users.csv` (grade-ingest) or a
 * coordinator's or the registrar's student import over REST (mentor-matching).
 */
export const DIRECTORY_SOURCES = ['oneroster', 'student-import'] as const;
export type DirectorySource = (typeof DIRECTORY_SOURCES)[number];

/**
 * One of the student's identifiers in another system, e.g. OneRoster `userIds` entries
 * (`{ type: 'LTI', value: '...' }`), `username`, `identifier` or `userMasterIdentifier`.
 */
export class StudentIdentifierV1 {
  @IsString() @Length(1, 64) type!: string;
  @IsString() @Length(1, 256) value!: string;
}

/**
 * What the student information system knows about one student, as of `asOf`. Consumers keep the
 * newest: an update whose `asOf` is not later than the one they applied changes nothing, so
 * redelivery and late arrival are harmless. A field left out (or null) means "not known by this
 * source", never "erase": it leaves what a consumer holds unchanged.
 */
export class StudentDirectoryUpdatedV1 {
  @IsString() @Length(1, 64) @Matches(IDENTIFIER, { message: 'must be an identifier (letters, digits, . _ : - /)' })
  studentId!: string;

  /** The full name for lists and letters, e.g. "Aoife Ní Bhriain". */
  @IsOptional() @IsString() @Length(1, 200) displayName?: string | null;

  /** The name the student goes by, for greetings (OneRoster `preferredFirstName`, else `givenName`). */
  @IsOptional() @IsString() @Length(1, 100) preferredName?: string | null;

  @IsOptional() @IsEmail() email?: string | null;

  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => StudentIdentifierV1)
  identifiers?: StudentIdentifierV1[];

  @IsOptional() @Matches(PROGRAM_CODE, { message: 'must be an upper-case programme code such as MBBS' })
  program?: string | null;

  @IsOptional() @IsInt() @Min(1) @Max(10) yearOfStudy?: number | null;

  @IsIn(DIRECTORY_SOURCES as unknown as string[], { message: `must be one of ${DIRECTORY_SOURCES.join(', ')}` })
  source!: DirectorySource;

  /**
   * When the source's record last changed: OneRoster `dateLastModified` when the row has one, else
   * when the import was received. It orders updates of one student across sources.
   */
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  asOf!: string;
}
