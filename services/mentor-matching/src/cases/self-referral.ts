import { Body, Controller, HttpCode, Injectable, NotFoundException, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@mentoring/auth';
import { Clock, CLOCK } from '@mentoring/platform';
import { Inject } from '@nestjs/common';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { StudentDirectory } from '../students';
import { requestOrigin } from './case-access';
import { CasesService } from './cases.service';
import { CaseUnitOfWork } from './case-unit-of-work';
import { openCase, selfReferralContext, STUDENT_NOTE_MAX_LENGTH } from './domain';
import { lockOpenCaseOf } from './infrastructure/cases.store';

export class SelfReferralDto {
  @ApiPropertyOptional({ maxLength: STUDENT_NOTE_MAX_LENGTH, description: 'What the student would like help with; read by their mentor only' })
  @IsOptional()
  @IsString()
  @MaxLength(STUDENT_NOTE_MAX_LENGTH)
  note?: string;
}

/**
 * A student asking for a mentor without a low mark. The case opens like one from a risk flag and
 * waits in the same matching queue; a student who already has a case not closed gets that one.
 */
@Injectable()
export class SelfReferralService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CaseUnitOfWork,
    private readonly students: StudentDirectory,
    private readonly cases: CasesService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async refer(principal: Principal, dto: SelfReferralDto) {
    const studentId = principal.subject;
    const caseId = await this.dataSource.transaction(async (manager) => {
      const current = await lockOpenCaseOf(manager, studentId);
      if (current) return current.id;
      const student = await this.students.find(manager, studentId);
      if (!student) throw new NotFoundException('No student record for this student yet; the programme office can add it');
      const now = this.clock.now();
      const origin = requestOrigin(principal);
      // The moment they asked starts the promises' clocks, as a flag does for a flagged student.
      const opened = openCase({ id: randomUUID(), studentId, flaggedAt: now }, now);
      const context = { ...selfReferralContext(student, dto.note), triggerEventId: randomUUID(), correlationId: origin.cause.correlationId };
      const state = { ...opened.state, ...context, riskReasons: [] };
      if (await this.store.insertOpened(manager, { state, changes: opened.changes }, origin)) return state.id;
      // Another request of the same student opened one first: that is their case.
      const raced = await lockOpenCaseOf(manager, studentId);
      if (!raced) throw new NotFoundException('The student’s case could not be found');
      return raced.id;
    });
    return this.cases.view(principal, caseId);
  }
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/self-referrals')
export class SelfReferralController {
  constructor(private readonly referrals: SelfReferralService) {}

  @Post()
  @HttpCode(200)
  @Roles('student')
  @ApiOperation({ summary: 'The student asks for a mentor without a low mark; answers with their open case if they already have one' })
  refer(@CurrentPrincipal() principal: Principal, @Body() dto: SelfReferralDto) {
    return this.referrals.refer(principal, dto);
  }
}
