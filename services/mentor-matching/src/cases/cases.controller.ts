import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@mentoring/auth';
import { LoggedSessionReply, Served } from '@mentoring/contracts';
import {
  AdjustCadenceDto,
  CancelMeetingDto,
  ChangePhaseDto,
  CloseCaseDto,
  ContactAttemptDto,
  DeclineCaseDto,
  LogSessionDto,
  MeetingSlotDto,
  ProposeSlotsDto,
  ReassignCaseDto,
  RequestAnotherMentorDto,
} from './case-actions.dto';
import { CaseTransitionErrorFilter } from './case-transition-error.filter';
import { CasesService } from './cases.service';

const CASE_ID = new ParseUUIDPipe();

@ApiTags('cases')
@ApiBearerAuth()
@UseFilters(CaseTransitionErrorFilter)
@Controller('v1/cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Get(':caseId')
  @Roles('mentor', 'coordinator', 'ops', 'student')
  @ApiOperation({ summary: 'A case: in full for its mentor, coordinators and ops; its student sees their mentor and slots only' })
  view(@CurrentPrincipal() principal: Principal, @Param('caseId', CASE_ID) caseId: string) {
    return this.cases.view(principal, caseId);
  }

  @Post(':caseId/accept')
  @HttpCode(200)
  @Roles('mentor')
  @ApiOperation({ summary: 'The matched mentor takes the case on (first contact)' })
  accept(@CurrentPrincipal() principal: Principal, @Param('caseId', CASE_ID) caseId: string) {
    return this.cases.accept(principal, caseId);
  }

  @Post(':caseId/decline')
  @HttpCode(200)
  @Roles('mentor')
  @ApiOperation({ summary: 'The matched mentor declines; the case goes to the next mentor at once' })
  decline(@CurrentPrincipal() principal: Principal, @Param('caseId', CASE_ID) caseId: string, @Body() dto: DeclineCaseDto) {
    return this.cases.decline(principal, caseId, dto);
  }

  @Post(':caseId/slots/propose')
  @HttpCode(200)
  @Roles('student', 'mentor', 'coordinator')
  @ApiOperation({ summary: 'Offer other times with the same mentor: the mentor’s own, or worked out from their availability' })
  proposeSlots(@CurrentPrincipal() principal: Principal, @Param('caseId', CASE_ID) caseId: string, @Body() dto: ProposeSlotsDto) {
    return this.cases.proposeSlots(principal, caseId, dto);
  }

  @Post(':caseId/slots/confirm')
  @HttpCode(200)
  @Roles('student', 'mentor', 'coordinator')
  @ApiOperation({
    summary: 'Pick a slot offered (or move the booked meeting to it); 409 SLOT_TAKEN with nextSlots when it is no longer free',
  })
  confirmSlot(@CurrentPrincipal() principal: Principal, @Param('caseId', CASE_ID) caseId: string, @Body() dto: MeetingSlotDto) {
    return this.cases.confirmSlot(principal, caseId, dto);
  }

  @Post(':caseId/meeting/cancel')
  @HttpCode(200)
  @Roles('student', 'mentor', 'coordinator')
  @ApiOperation({ summary: 'Call off the booked meeting (the student, the case’s mentor or a coordinator of its programme)' })
  cancelMeeting(@CurrentPrincipal() principal: Principal, @Param('caseId', CASE_ID) caseId: string, @Body() dto: CancelMeetingDto) {
    return this.cases.cancelMeeting(principal, caseId, dto);
  }

  @Post(':caseId/sessions')
  @HttpCode(200)
  @Roles('mentor', 'coordinator')
  @ApiOperation({ summary: 'Log a session (attended, missed, cancelled); notes stay private to the mentor and coordinators' })
  recordSession(@CurrentPrincipal() principal: Principal, @Param('caseId', CASE_ID) caseId: string, @Body() dto: LogSessionDto) {
    return this.cases.recordSession(principal, caseId, dto);
  }

  @Get(':caseId/sessions')
  @Roles('mentor', 'coordinator')
  @ApiOperation({ summary: 'Logged sessions with their notes' })
  sessions(@CurrentPrincipal() principal: Principal, @Param('caseId', CASE_ID) caseId: string): Promise<Served<LoggedSessionReply>[]> {
    return this.cases.sessions(principal, caseId);
  }

  @Post(':caseId/phase')
  @HttpCode(200)
  @Roles('mentor', 'coordinator')
  @ApiOperation({ summary: 'Move one phase forward or back' })
  changePhase(@CurrentPrincipal() principal: Principal, @Param('caseId', CASE_ID) caseId: string, @Body() dto: ChangePhaseDto) {
    return this.cases.changePhase(principal, caseId, dto);
  }

  @Put(':caseId/cadence')
  @Roles('mentor', 'coordinator')
  @ApiOperation({ summary: 'Agree a meeting rhythm with this student for the current phase (null: the phase default)' })
  adjustCadence(@CurrentPrincipal() principal: Principal, @Param('caseId', CASE_ID) caseId: string, @Body() dto: AdjustCadenceDto) {
    return this.cases.adjustCadence(principal, caseId, dto);
  }

  @Post(':caseId/close')
  @HttpCode(200)
  @Roles('mentor', 'coordinator', 'student')
  @ApiOperation({
    summary: 'Close with an outcome (referred: say to whom; unreachable: after three unanswered contact attempts); a student may close their own case as declined-by-student',
  })
  close(@CurrentPrincipal() principal: Principal, @Param('caseId', CASE_ID) caseId: string, @Body() dto: CloseCaseDto) {
    return this.cases.close(principal, caseId, dto);
  }

  @Post(':caseId/contact-attempts')
  @HttpCode(200)
  @Roles('mentor')
  @ApiOperation({ summary: 'The case’s mentor records an attempt to reach the student; three unanswered ones allow closing as unreachable' })
  recordContactAttempt(@CurrentPrincipal() principal: Principal, @Param('caseId', CASE_ID) caseId: string, @Body() dto: ContactAttemptDto) {
    return this.cases.recordContactAttempt(principal, caseId, dto);
  }

  @Post(':caseId/request-another-mentor')
  @HttpCode(200)
  @Roles('student')
  @ApiOperation({ summary: 'The student asks for someone else: this mentor is excluded and the case re-matched' })
  requestAnotherMentor(@CurrentPrincipal() principal: Principal, @Param('caseId', CASE_ID) caseId: string, @Body() dto: RequestAnotherMentorDto) {
    return this.cases.requestAnotherMentor(principal, caseId, dto);
  }

  @Post(':caseId/reassign')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Give the case to a chosen mentor (capacity and the other hard constraints still hold)' })
  reassign(@CurrentPrincipal() principal: Principal, @Param('caseId', CASE_ID) caseId: string, @Body() dto: ReassignCaseDto) {
    return this.cases.reassign(principal, caseId, dto);
  }
}
