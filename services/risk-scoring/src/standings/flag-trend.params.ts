import { ApiPropertyOptional } from '@nestjs/swagger';
import { PROGRAM_CODE } from '@mentoring/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const DEFAULT_TREND_WEEKS = 8;
// A year of ISO weeks: enough for a term-over-term comparison, small enough to stay one cheap query.
export const MAX_TREND_WEEKS = 52;

export class FlagTrendQuery {
  @ApiPropertyOptional({ example: 'MBBS', description: 'One programme; every programme when omitted' })
  @IsOptional()
  @Matches(PROGRAM_CODE, { message: 'must be an upper-case programme code such as MBBS' })
  program?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_TREND_WEEKS, default: DEFAULT_TREND_WEEKS, description: 'ISO weeks up to and including the current one' })
  @IsOptional()
  // Query strings arrive as text; the global pipe converts only what is declared.
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of weeks' })
  @Min(1, { message: 'must be at least 1' })
  @Max(MAX_TREND_WEEKS, { message: `must be at most ${MAX_TREND_WEEKS}` })
  weeks: number = DEFAULT_TREND_WEEKS;
}
