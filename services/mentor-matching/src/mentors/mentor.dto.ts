import { IDENTIFIER, MEETING_MODES, MeetingMode, PROGRAM_CODE } from '@mentoring/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsoIntervalDto, LeavePeriodDto, WeeklyWindowDto } from '../validation/schedule.dto';

/** When a mentor can meet: weekly windows in their own time zone, minus one-off blocks and leave. */
export class MentorAvailabilityDto {
  /** IANA zone the weekly windows and leave days are in, e.g. Asia/Karachi. */
  @IsString() timeZone: string;

  @IsArray() @ValidateNested({ each: true }) @Type(() => WeeklyWindowDto)
  weeklyAvailability: WeeklyWindowDto[];

  /** One-off busy times (ISO 8601 instants). */
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => IsoIntervalDto)
  blocks?: IsoIntervalDto[];

  /** Whole days away (YYYY-MM-DD, inclusive) on the mentor's calendar. */
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => LeavePeriodDto)
  leave?: LeavePeriodDto[];

  /** How the mentor meets students: in-person, video or phone. Left out, the stored one stays. */
  @ApiPropertyOptional({ enum: MEETING_MODES, description: 'How the mentor meets students; left out, the stored one stays' })
  @IsOptional()
  @IsIn(MEETING_MODES as unknown as string[])
  meetingMode?: MeetingMode;

  /** The room, the https video link or the phone number for `meetingMode`; sent with it. */
  @ApiPropertyOptional({ maxLength: 500, description: 'With meetingMode: the room, the https:// video link or the phone number', example: 'https://meet.example.edu/dr-khan' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  meetingPlace?: string;
}

export class MentorProfileDto extends MentorAvailabilityDto {
  @IsString() @Length(1, 200) displayName: string;

  @IsOptional() @IsEmail() email?: string | null;

  /** Programmes whose students this mentor may take, e.g. MBBS. */
  @IsArray() @ArrayNotEmpty() @Matches(PROGRAM_CODE, { each: true, message: 'each must be an upper-case programme code such as MBBS' })
  programs: string[];

  /** Course codes the mentor can help with; matching prefers them for students weak in those courses. */
  @IsOptional() @IsArray() @IsString({ each: true })
  expertiseCourseCodes?: string[];

  /** Most cases (matched or active) at once. */
  @IsInt() @Min(0) @Max(100) maxOpenCases: number;

  @IsOptional() @IsBoolean() active?: boolean;
}

export class NewMentorDto extends MentorProfileDto {
  @IsString() @Length(1, 64) @Matches(IDENTIFIER, { message: 'must be an identifier (letters, digits, . _ : - /)' })
  mentorId: string;
}
