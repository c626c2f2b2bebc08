import { ApiProperty } from '@nestjs/swagger';
import { PROGRAM_CODE } from '@mentoring/contracts';
import { Matches } from 'class-validator';

export class ProgramParams {
  @ApiProperty({ example: 'MBBS' })
  @Matches(PROGRAM_CODE, { message: 'must be an upper-case programme code such as MBBS' })
  program: string;
}
