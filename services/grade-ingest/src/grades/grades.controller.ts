import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@mentoring/auth';
import { GradesReceiptReply, Served } from '@mentoring/contracts';
import { GradeSubmissionService } from './grade-submission.service';
import { StudentGradesService } from './student-grades.service';
import { SubmitGradesRequest } from './submit-grades.request';

@ApiTags('grades')
@ApiBearerAuth()
@Controller('v1')
export class GradesController {
  constructor(
    private readonly submissions: GradeSubmissionService,
    private readonly studentGrades: StudentGradesService,
  ) {}

  @Post('grades')
  @HttpCode(200)
  @Roles('registrar-feed')
  @ApiOperation({
    summary: 'Submit a batch of grades for the calling feed',
    description: 'Answers per record: accepted, duplicate, amended or rejected with every field-level problem.',
  })
  submit(@Body() request: SubmitGradesRequest, @CurrentPrincipal() principal: Principal): Promise<Served<GradesReceiptReply>> {
    return this.submissions.submitBatch(principal.subject, request.records);
  }

  @Get('students/:studentId/grades')
  @Roles('mentor', 'coordinator', 'ops')
  @ApiOperation({
    summary: "A student's recorded grades, each with the values its amendments replaced",
    description: "For ops, the student's current mentor (the open case is theirs) and coordinators of the student's programme.",
  })
  list(@Param('studentId') studentId: string, @CurrentPrincipal() principal: Principal) {
    return this.studentGrades.studentGrades(principal, studentId);
  }
}
