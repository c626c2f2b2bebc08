import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { IsAtMostField } from '../../validation/custom-rules';

export const GRADE_SUBMITTED_V1 = 'grades.submitted.v1';

export const ASSESSMENT_TYPES = ['summative', 'formative'] as const;
export type AssessmentType = (typeof ASSESSMENT_TYPES)[number];

/** OneRoster 1.2 `scoreStatus` values. */
export const SCORE_STATUSES = ['fully graded', 'submitted', 'partially graded', 'exempt', 'not submitted'] as const;
export type ScoreStatus = (typeof SCORE_STATUSES)[number];

export const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._:\-/]*$/;
export const PROGRAM_CODE = /^[A-Z][A-Z0-9]{1,15}$/;

/** One grade as a registrar feed submits it (Kafka `registrar.grades.submitted.v1`, REST, OneRoster). */
export class GradeSubmissionV1 {
  @IsString() @Length(1, 64) @Matches(IDENTIFIER, { message: 'must be an identifier (letters, digits, . _ : - /)' })
  studentId!: string;

  @IsString() @Matches(PROGRAM_CODE, { message: 'must be an upper-case programme code such as MBBS' })
  program!: string;

  @IsInt() @Min(1) @Max(10)
  yearOfStudy!: number;

  @IsString() @Length(1, 32) @Matches(IDENTIFIER, { message: 'must be a course code (letters, digits, . _ : - /)' })
  courseCode!: string;

  @IsString() @Length(1, 128)
  assessmentId!: string;

  @IsIn(ASSESSMENT_TYPES as unknown as string[], { message: `must be one of ${ASSESSMENT_TYPES.join(', ')}` })
  assessmentType!: AssessmentType;

  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @IsAtMostField('maxScore')
  score!: number;

  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(Number.MIN_VALUE, { message: 'must be greater than 0' })
  maxScore!: number;

  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  gradedAt!: string;

  @IsString() @Length(1, 128)
  sourceRecordId!: string;

  @IsOptional() @IsIn(SCORE_STATUSES as unknown as string[], { message: `must be one of ${SCORE_STATUSES.join(', ')}` })
  scoreStatus?: ScoreStatus;

  /** The assessment's gradebook category (OneRoster categories.csv title), for policies that weight by category. */
  @IsOptional() @IsString() @Length(1, 128)
  category?: string;

  /** The category's weight in the feed's gradebook (OneRoster categories.csv weight). */
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0)
  categoryWeight?: number;
}
