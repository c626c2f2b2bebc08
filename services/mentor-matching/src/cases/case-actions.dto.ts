import { CASE_OUTCOMES, CASE_PHASES, CaseOutcome, CasePhase, SESSION_OUTCOMES, SessionOutcome } from '@mentoring/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export class DeclineCaseDto {
  @IsString() @Length(1, 500) reason: string;
}

export class MeetingSlotDto {
  @IsISO8601() start: string;
  @IsISO8601() end: string;
}

export class CancelMeetingDto {
  @ApiPropertyOptional({ maxLength: 500, description: 'Shown to the other person in the cancellation', example: 'My exam was moved to that morning' })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  reason?: string;
}

export class ProposeSlotsDto {
  /** The mentor's own suggestions; left out, new times are worked out from the mentor's availability. */
  @IsOptional() @IsArray() @ArrayNotEmpty() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => MeetingSlotDto)
  slots?: MeetingSlotDto[];
}

export class LogSessionDto {
  @IsIn(SESSION_OUTCOMES as unknown as string[]) outcome: SessionOutcome;
  @IsISO8601() occurredAt: string;
  /** Private to the mentor and coordinators; never published. */
  @IsOptional() @IsString() @Length(0, 10_000) notes?: string;
}

export class ChangePhaseDto {
  @IsIn(CASE_PHASES as unknown as string[]) phase: CasePhase;
}

export class AdjustCadenceDto {
  /** Days between meetings agreed with this student; null returns to the phase's default. */
  @ValidateIf((_dto, value) => value !== null) @IsInt() @Min(1) @Max(90) days: number | null;
}

export class CloseCaseDto {
  @ApiProperty({ enum: CASE_OUTCOMES, description: '`unreachable` only after three unanswered contact attempts; `met` only after an attended meeting' })
  @IsIn(CASE_OUTCOMES as unknown as string[])
  outcome: CaseOutcome;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  reason?: string;

  /** Required with outcome `referred`: the service the student was referred to (counselling, the dean's office). */
  @ApiPropertyOptional({ maxLength: 200, description: 'Required with outcome `referred`: the service the student was referred to', example: 'Student counselling' })
  @ValidateIf((dto: CloseCaseDto) => dto.outcome === 'referred')
  @IsString()
  @Length(1, 200)
  referredTo?: string;
}

export class ContactAttemptDto {
  /** How the mentor tried (a call, a message); kept in the case history for the mentor and coordinators. */
  @ApiPropertyOptional({ maxLength: 500, description: 'How the mentor tried to reach the student', example: 'Called twice, left a voicemail' })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  note?: string;
}

export class RequestAnotherMentorDto {
  /** Optional: a student owes nobody a reason for wanting someone else. */
  @IsOptional() @IsString() @Length(0, 500) reason?: string;
}

export class ReassignCaseDto {
  @IsString() @Length(1, 64) mentorId: string;
  @IsString() @Length(1, 500) reason: string;
}

export class CaseloadQuery {
  @IsOptional() @Transform(({ value }) => value === 'true' || value === true) @IsBoolean() includeClosed?: boolean;
}

export class CaseTimingQuery {
  @IsOptional() @IsString() program?: string;
  /** Cases flagged at or after this instant. */
  @IsOptional() @IsISO8601() since?: string;
}
