import { Type } from 'class-transformer';
import { CASE_OPENING_REASONS, CaseOpeningReason } from '@mentoring/contracts';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { CaseTimingQuery } from '../cases';

export class OutcomesReportQuery extends CaseTimingQuery {
  /** Only this mentor's cases (still within the caller's programmes). */
  @IsOptional() @IsString() @Length(1, 64) mentorId?: string;
  /** Days after the flag from which a case still open counts against the loop-closure rate. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(365) closureAfterDays?: number;
  /** Only cases opened for this reason: self-referrals are their own category. */
  @IsOptional() @IsIn(CASE_OPENING_REASONS as unknown as string[]) openedFor?: CaseOpeningReason;
}
