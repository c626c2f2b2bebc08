import { IDENTIFIER, PROGRAM_CODE } from '@mentoring/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { WeeklyWindowDto } from '../validation/schedule.dto';

const PROGRAM_MESSAGE = { message: 'must be an upper-case programme code such as MBBS' };

/** What a student may set about themselves. */
export class StudentPreferencesDto {
  /** IANA zone the preferred times are in. */
  @IsOptional() @IsString() timeZone?: string;

  /** When the student would like to meet, weekly, in their own time zone; empty means weekday daytime. */
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => WeeklyWindowDto)
  preferredTimes?: WeeklyWindowDto[];
}

/** One of the student's ids in another system, e.g. `{ "type": "username", "value": "aokafor" }`. */
export class StudentIdentifierDto {
  @IsString() @Length(1, 64) type: string;

  @IsString() @Length(1, 256) value: string;
}

/** What the directory (registrar, coordinators) keeps about a student, besides programme and year. */
export class StudentDetailsDto extends StudentPreferencesDto {
  @IsOptional() @IsString() @Length(1, 200) displayName?: string | null;

  /** The name the student goes by; greetings use it. */
  @IsOptional() @IsString() @Length(1, 100) preferredName?: string | null;

  @IsOptional() @IsEmail() email?: string | null;

  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => StudentIdentifierDto)
  identifiers?: StudentIdentifierDto[];

  /** The mentor the student already has, preferred for continuity. */
  @IsOptional() @IsString() currentMentorId?: string | null;

  /** Mentors never to be matched with this student. */
  @IsOptional() @IsArray() @IsString({ each: true }) excludedMentorIds?: string[];
}

/** PUT body: every field optional; programme and year are needed when the student is new. */
export class StudentProfileDto extends StudentDetailsDto {
  @IsOptional() @Matches(PROGRAM_CODE, PROGRAM_MESSAGE) program?: string;

  @IsOptional() @IsInt() @Min(1) @Max(10) yearOfStudy?: number;
}

export class StudentImportRowDto extends StudentDetailsDto {
  @IsString() @Length(1, 64) @Matches(IDENTIFIER, { message: 'must be an identifier (letters, digits, . _ : - /)' })
  studentId: string;

  @Matches(PROGRAM_CODE, PROGRAM_MESSAGE) program: string;

  @IsInt() @Min(1) @Max(10) yearOfStudy: number;
}

/** The fields only the directory may set; a student sending them is refused. */
export const DIRECTORY_ONLY_FIELDS = ['program', 'yearOfStudy', 'displayName', 'preferredName', 'email', 'identifiers', 'currentMentorId', 'excludedMentorIds'] as const;
