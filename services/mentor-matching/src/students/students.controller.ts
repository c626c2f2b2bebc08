import { Body, Controller, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ownerInParam, Principal, Roles } from '@mentoring/auth';
import { bodyLimitBytes } from '@mentoring/platform';
import { DirectoryImportReply, Served, StudentReply } from '@mentoring/contracts';
import type { IncomingMessage } from 'node:http';
import { readImportRows } from '../bulk-import/import-body';
import { MentorMatchingConfig } from '../config/mentor-matching.config';
import { StudentProfileDto } from './student.dto';
import { STUDENT_CSV_COLUMNS } from './student-csv';
import { StudentsService } from './students.service';

@ApiTags('students')
@ApiBearerAuth()
@Controller('v1/students')
export class StudentsController {
  constructor(
    private readonly students: StudentsService,
    private readonly config: MentorMatchingConfig,
  ) {}

  @Post('import')
  @HttpCode(200)
  @Roles('coordinator', 'service', 'ops')
  @ApiConsumes('application/json', 'text/csv')
  @ApiOperation({ summary: 'Create or update many students from a JSON array or a CSV file; bad rows, and a coordinator’s rows beyond their programmes, are listed with every problem' })
  async import(@CurrentPrincipal() principal: Principal, @Req() request: IncomingMessage, @Body() body: unknown): Promise<Served<DirectoryImportReply>> {
    return this.students.import(principal, await readImportRows(request, body, STUDENT_CSV_COLUMNS, bodyLimitBytes(this.config.HTTP_BODY_LIMIT_MB)));
  }

  @Get(':studentId')
  @Roles('coordinator', 'service', 'ops', ownerInParam('student', 'studentId'))
  @ApiOperation({ summary: 'A student’s profile (a coordinator: students of their programmes)' })
  get(@CurrentPrincipal() principal: Principal, @Param('studentId') studentId: string): Promise<Served<StudentReply>> {
    return this.students.get(principal, studentId);
  }

  @Put(':studentId')
  @Roles('coordinator', 'service', 'ops', ownerInParam('student', 'studentId'))
  @ApiOperation({ summary: 'Create or update a student; fields left out stay. A student may set only timeZone and preferredTimes, a coordinator only students of their programmes' })
  put(@CurrentPrincipal() principal: Principal, @Param('studentId') studentId: string, @Body() dto: StudentProfileDto) {
    return this.students.put(principal, studentId, dto);
  }
}
