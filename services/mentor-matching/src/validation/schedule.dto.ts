import { IsInt, IsString } from 'class-validator';

// Only types here: formats (HH:mm, time zones, dates) are checked together with the schedule they
// belong to (availability-problems), so each problem is reported once, with its field path.

export class WeeklyWindowDto {
  @IsInt() weekday: number;
  @IsString() start: string;
  @IsString() end: string;
}

export class IsoIntervalDto {
  @IsString() start: string;
  @IsString() end: string;
}

export class LeavePeriodDto {
  @IsString() firstDay: string;
  @IsString() lastDay: string;
}
