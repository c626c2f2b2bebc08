import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, Min, ValidateNested } from 'class-validator';

export const RISK_ASSESSED_V1 = 'risk.assessed.v1';

export const RISK_LEVELS = ['ok', 'watch', 'at-risk', 'urgent'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * What made the standing change: `grade` (a new or amended mark), `policy` (a re-score after a
 * policy was saved or a re-score was requested) or `engagement` (a logged mentoring session).
 * Only a `grade` change is progress by the student; a policy change moves levels with no mark
 * behind it.
 */
export const RISK_ASSESSMENT_CAUSES = ['grade', 'policy', 'engagement'] as const;
export type RiskAssessmentCause = (typeof RISK_ASSESSMENT_CAUSES)[number];

/** A machine-readable reason; `summary` is a short sentence for mentors, never shown to students. */
export class RiskReasonV1 {
  @IsString() code!: string;
  @IsOptional() @IsNumber() value?: number | null;
  @IsOptional() @IsNumber() threshold?: number | null;
  @IsArray() @IsString({ each: true }) gradeIds!: string[];
  @IsString() summary!: string;
}

/** A student's standing after a change of level or reasons. */
export class RiskAssessedV1 {
  @IsString() studentId!: string;
  @IsString() program!: string;
  @IsInt() @Min(1) yearOfStudy!: number;
  @IsIn(RISK_LEVELS as unknown as string[]) level!: RiskLevel;
  @IsIn(RISK_LEVELS as unknown as string[]) previousLevel!: RiskLevel;
  @IsArray() @ValidateNested({ each: true }) @Type(() => RiskReasonV1) reasons!: RiskReasonV1[];
  /** Course codes where the student's marks are lowest: where structured engagement should focus. */
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) weakCourses!: string[];
  @IsInt() @Min(1) policyVersion!: number;
  @IsISO8601() assessedAt!: string;
  /**
   * Added within v1, optional: what caused the change (see RISK_ASSESSMENT_CAUSES). Producers
   * before it omit it; a consumer must then not assume the student's marks changed.
   */
  @IsOptional() @IsIn(RISK_ASSESSMENT_CAUSES as unknown as string[]) cause?: RiskAssessmentCause;
}
