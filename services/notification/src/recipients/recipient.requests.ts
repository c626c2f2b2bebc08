import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROGRAM_CODE } from '@mentoring/contracts';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsLocale,
  IsOptional,
  IsString,
  IsTimeZone,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { EMAIL_CHANNEL_CHOICES, EmailChannelChoice } from './domain';

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const CLOCK_TIME_PROBLEM = { message: 'must be a time such as 22:00' };

/** Optional, but when present it must be a real value: null would not mean anything here. */
const IsOptionalNotNull = () => ValidateIf((_object, value) => value !== undefined);

export class PutCoordinatorRequest {
  @ApiProperty({ example: 'Dalia Haddad' })
  @IsString() @Length(1, 200) displayName!: string;

  @ApiPropertyOptional({ example: 'mbbs.coordinator@example.edu', nullable: true })
  @IsOptional() @IsEmail({}, { message: 'must be an email address' }) email?: string | null;

  @ApiProperty({ example: 'Asia/Dubai' })
  @IsTimeZone({ message: 'must be an IANA time zone such as Asia/Dubai' }) timeZone!: string;

  @ApiProperty({ example: ['MBBS', 'MD'], description: 'The programmes whose escalations this coordinator receives' })
  @IsArray() @ArrayNotEmpty() @Matches(PROGRAM_CODE, { each: true, message: 'must list programme codes such as MBBS' }) programmes!: string[];
}

export class QuietHoursRequest {
  @ApiProperty({ example: '22:00' }) @Matches(CLOCK_TIME, CLOCK_TIME_PROBLEM) start!: string;
  @ApiProperty({ example: '07:00' }) @Matches(CLOCK_TIME, CLOCK_TIME_PROBLEM) end!: string;
}

/** Every field is optional: what is not sent stays as it is. */
export class UpdatePreferencesRequest {
  @ApiPropertyOptional({ enum: EMAIL_CHANNEL_CHOICES, description: '"email": email and the inbox; "inbox": the in-app inbox only' })
  @IsOptionalNotNull() @IsIn(EMAIL_CHANNEL_CHOICES as unknown as string[]) channel?: EmailChannelChoice;

  @ApiPropertyOptional({ description: 'No email at all; the inbox keeps every message' })
  @IsOptionalNotNull() @IsBoolean() emailOptOut?: boolean;

  @ApiPropertyOptional({ type: QuietHoursRequest, nullable: true, description: 'In your own time zone; email due then waits until they end. null: none' })
  @IsOptional() @ValidateNested() @Type(() => QuietHoursRequest) quietHours?: QuietHoursRequest | null;

  @ApiPropertyOptional({ nullable: true, minimum: 1, description: 'Emails per rolling 24 hours; the rest arrive together in a digest. null: no cap' })
  @IsOptional() @IsInt() @Min(1) @Max(1000) maxEmailsPer24h?: number | null;

  @ApiPropertyOptional({ description: 'Coordinators: escalations by email once a day instead of one by one' })
  @IsOptionalNotNull() @IsBoolean() dailyDigest?: boolean;

  @ApiPropertyOptional({ nullable: true, example: 'en-GB', description: 'Language of messages; null: English' })
  @IsOptional() @IsLocale() locale?: string | null;
}
