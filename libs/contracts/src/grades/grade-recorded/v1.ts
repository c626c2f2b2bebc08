import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, IsUUID, Min, ValidateNested } from 'class-validator';
import { ASSESSMENT_TYPES, AssessmentType, SCORE_STATUSES, ScoreStatus } from '../grade-submitted/v1';

export const GRADE_RECORDED_V1 = 'grades.recorded.v1';

/** What an amendment replaced: the earlier recorded grade and its values. */
export class GradeAmendmentV1 {
  @IsUUID() previousGradeId!: string;
  @IsNumber() previousScore!: number;
  @IsNumber() previousMaxScore!: number;
  @IsIn(SCORE_STATUSES as unknown as string[]) previousScoreStatus!: ScoreStatus;
}

/** A validated, deduplicated grade; `amendment` is set when it replaces an earlier one. */
export class GradeRecordedV1 {
  @IsUUID() gradeId!: string;
  @IsString() studentId!: string;
  @IsString() program!: string;
  @IsInt() @Min(1) yearOfStudy!: number;
  @IsString() courseCode!: string;
  @IsString() assessmentId!: string;
  @IsIn(ASSESSMENT_TYPES as unknown as string[]) assessmentType!: AssessmentType;
  @IsNumber() @Min(0) score!: number;
  @IsNumber() @Min(0) maxScore!: number;
  /** score / maxScore * 100, rounded to two decimals. */
  @IsNumber() percentage!: number;
  @IsIn(SCORE_STATUSES as unknown as string[]) scoreStatus!: ScoreStatus;
  @IsISO8601() gradedAt!: string;
  @IsString() feed!: string;
  @IsString() sourceRecordId!: string;
  @IsOptional() @ValidateNested() @Type(() => GradeAmendmentV1) amendment?: GradeAmendmentV1 | null;
  /**
   * Additive in v1: the gradebook category (OneRoster categories.csv title) and its weight, when the
   * feed named them. Consumers that do not weight by category ignore both.
   */
  @IsOptional() @IsString() category?: string | null;
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) categoryWeight?: number | null;
}
