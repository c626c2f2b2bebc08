import { BadRequestException, Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Roles } from '@mentoring/auth';
import { Clock, CLOCK } from '@mentoring/platform';
import { CaseloadEntryReply, CaseThreadReply, FullCaseReply, listOf, LoggedSessionReply, MeetingSlotV1, SESSION_OUTCOMES } from '@mentoring/contracts';
import path from 'node:path';
import { ServiceApi, ServiceCallError } from '../service-api/service-api';
import { ConsoleRequest, ConsoleResponse } from '../web/console-request';
import { HtmlPage } from '../web/html-page.decorator';
import { redirectWithNotice } from '../web/notice';
import { PageRenderer } from '../web/page-renderer';
import { checkCloseForm, CloseForm, closeFormView, CloseFormView } from './domain/case-closing';
import { groupCaseload } from './domain/caseload-groups';
import { historyInWords, neighbouringPhases, reasonsInWords, suggestedFocus } from './domain/case-wording';
import { instantFromLocalInput, localInputValue } from './domain/local-time';
import { openSlots, placeInWords } from './domain/mentor-views';
import { casePath, mentorCaller, mentorPath } from './mentor-caller';

const CASE_ID = new ParseUUIDPipe();
// mentor-matching's answers to a close the mentor can put right: a field problem, or not yet allowed.
const CORRECTABLE = [400, 409, 422];
const views = (name: string) => path.join(__dirname, 'views', name);

interface DeclineForm {
  reason?: string;
}

interface SessionForm {
  outcome?: string;
  occurredAt?: string;
  timeZone?: string;
  notes?: string;
}

/**
 * A mentor's caseload and cases. Every call is made as the signed-in mentor, so mentor-matching
 * decides what they may see: another mentor's case is a 403 page, with no data.
 */
@ApiExcludeController()
@Roles('mentor')
@Controller('mentor')
export class MentorCasesController {
  constructor(
    private readonly api: ServiceApi,
    private readonly pages: PageRenderer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @HtmlPage()
  async caseload(@Req() request: ConsoleRequest, @Res({ passthrough: true }) response: ConsoleResponse): Promise<string> {
    const caller = mentorCaller(request.user);
    const entries = await this.api.get('mentor-matching', mentorPath(caller, '/cases'), caller, listOf(CaseloadEntryReply));
    return this.pages.render(request, response, views('caseload.hbs'), { title: 'My caseload', ...groupCaseload(entries) });
  }

  @Get('cases/:caseId')
  @HtmlPage()
  casePage(@Req() request: ConsoleRequest, @Res({ passthrough: true }) response: ConsoleResponse, @Param('caseId', CASE_ID) caseId: string): Promise<string> {
    return this.renderCase(request, response, caseId, closeFormView());
  }

  /**
   * Closes the case with its outcome. A refusal the mentor can put right (no outcome, a referral
   * without whom, "unreachable" before 3 attempts) shows the case page again with the form as it was
   * filled in and the problem beside its field, rather than an error page.
   */
  @Post('cases/:caseId/close')
  async close(@Req() request: ConsoleRequest, @Res() response: ConsoleResponse, @Param('caseId', CASE_ID) caseId: string, @Body() form: CloseForm): Promise<void> {
    const checked = checkCloseForm(form);
    if (!checked.ok) return this.refuseClose(request, response, caseId, closeFormView(form, checked.problems));
    try {
      await this.act(request, caseId, '/close', checked.body);
    } catch (error) {
      if (error instanceof ServiceCallError && CORRECTABLE.includes(error.status)) return this.refuseClose(request, response, caseId, closeFormView(form, error.problems, error.message));
      throw error;
    }
    redirectWithNotice(response, '/mentor', 'Case closed. Thank you; the coordinator has been told how it ended.');
  }

  /** An unanswered attempt to reach the student (a call, a message); enough of them let the case close as unreachable. */
  @Post('cases/:caseId/contact-attempts')
  async contactAttempt(@Req() request: ConsoleRequest, @Res() response: ConsoleResponse, @Param('caseId', CASE_ID) caseId: string, @Body() form: { note?: string }): Promise<void> {
    const note = String(form.note ?? '').trim();
    await this.act(request, caseId, '/contact-attempts', note ? { note } : {});
    redirectWithNotice(response, `/mentor/cases/${caseId}`, 'Attempt recorded. Thank you for keeping at it; it shows in the history.');
  }

  /** A message to the student in the case thread; they hear of it by inbox and email, and can answer by replying. */
  @Post('cases/:caseId/messages')
  async writeMessage(@Req() request: ConsoleRequest, @Res() response: ConsoleResponse, @Param('caseId', CASE_ID) caseId: string, @Body() form: { text?: string }): Promise<void> {
    const caller = mentorCaller(request.user);
    await this.api.post('notification', casePath(caseId, '/messages'), caller, { text: String(form.text ?? '').trim() });
    redirectWithNotice(response, `/mentor/cases/${caseId}#messages`, 'Message sent. The student can answer here or by replying to the email.');
  }

  // The case page still works when the thread cannot be read (notification away, or not yet told of the case).
  private async threadOf(caller: ReturnType<typeof mentorCaller>, caseId: string): Promise<CaseThreadReply | null> {
    try {
      return await this.api.get('notification', casePath(caseId, '/messages'), caller, CaseThreadReply);
    } catch (error) {
      if (error instanceof ServiceCallError) return null;
      throw error;
    }
  }

  private async refuseClose(request: ConsoleRequest, response: ConsoleResponse, caseId: string, closeForm: CloseFormView): Promise<void> {
    const html = await this.renderCase(request, response, caseId, closeForm);
    response.status(400).type('html').setHeader('Cache-Control', 'no-store');
    response.send(html);
  }

  private async renderCase(request: ConsoleRequest, response: ConsoleResponse, caseId: string, closeForm: CloseFormView): Promise<string> {
    const caller = mentorCaller(request.user);
    const mentoringCase = await this.api.get('mentor-matching', casePath(caseId), caller, FullCaseReply);
    const sessions = await this.api.get('mentor-matching', casePath(caseId, '/sessions'), caller, listOf(LoggedSessionReply));
    const thread = await this.threadOf(caller, caseId);
    const zone = mentoringCase.mentor?.timeZone ?? 'UTC';
    const studentName = mentoringCase.student.displayName;
    return this.pages.render(request, response, views('case.hbs'), {
      title: `Case: ${studentName}`,
      case: mentoringCase,
      offeredSlots: openSlots(mentoringCase).map((slot) => ({ ...slot, place: placeInWords(slot) })),
      // The booked meeting names its place; a service from before meetings had one gives only the slot's.
      bookedPlace: placeInWords(mentoringCase.meeting ?? mentoringCase.confirmedSlot),
      zone,
      awaitingAnswer: mentoringCase.status === 'matched',
      active: mentoringCase.status === 'active',
      reasons: reasonsInWords(mentoringCase.standing.reasons),
      focus: suggestedFocus(mentoringCase.phase, studentName, mentoringCase.standing.weakCourses),
      nextPhases: neighbouringPhases(mentoringCase.phase),
      history: [...mentoringCase.history].reverse().map((entry) => ({ ...entry, words: historyInWords(entry) })),
      sessions: [...sessions].reverse(),
      sessionOutcomes: SESSION_OUTCOMES,
      now: localInputValue(this.clock.now(), zone),
      closable: mentoringCase.status !== 'closed',
      closeForm,
      thread: thread && { messages: thread.messages.map((message) => ({ ...message, mine: message.authorRole === 'mentor', byEmail: message.via === 'email' })) },
      canWrite: mentoringCase.status === 'active' || mentoringCase.status === 'matched',
    });
  }

  @Post('cases/:caseId/accept')
  async accept(@Req() request: ConsoleRequest, @Res() response: ConsoleResponse, @Param('caseId', CASE_ID) caseId: string): Promise<void> {
    const caller = mentorCaller(request.user);
    const accepted = await this.api.post('mentor-matching', casePath(caseId, '/accept'), caller, {}, FullCaseReply);
    redirectWithNotice(response, `/mentor/cases/${caseId}`, `Case accepted. We are introducing you to ${accepted.student.displayName} with your meeting times.`);
  }

  @Post('cases/:caseId/decline')
  async decline(@Req() request: ConsoleRequest, @Res() response: ConsoleResponse, @Param('caseId', CASE_ID) caseId: string, @Body() form: DeclineForm): Promise<void> {
    await this.act(request, caseId, '/decline', { reason: String(form.reason ?? '').trim() });
    redirectWithNotice(response, '/mentor', 'Case declined. We are finding the student another mentor; thank you for telling us quickly.');
  }

  @Post('cases/:caseId/slots/confirm')
  async confirmSlot(@Req() request: ConsoleRequest, @Res() response: ConsoleResponse, @Param('caseId', CASE_ID) caseId: string, @Body() slot: Partial<MeetingSlotV1>): Promise<void> {
    await this.act(request, caseId, '/slots/confirm', { start: slot.start, end: slot.end });
    redirectWithNotice(response, `/mentor/cases/${caseId}`, 'Meeting time confirmed.');
  }

  @Post('cases/:caseId/slots/propose')
  async proposeSlots(@Req() request: ConsoleRequest, @Res() response: ConsoleResponse, @Param('caseId', CASE_ID) caseId: string): Promise<void> {
    // No times of their own: mentor-matching works new ones out from the mentor's availability.
    await this.act(request, caseId, '/slots/propose', {});
    redirectWithNotice(response, `/mentor/cases/${caseId}`, 'New meeting times offered from your availability.');
  }

  @Post('cases/:caseId/sessions')
  async logSession(@Req() request: ConsoleRequest, @Res() response: ConsoleResponse, @Param('caseId', CASE_ID) caseId: string, @Body() form: SessionForm): Promise<void> {
    const occurredAt = instantFromLocalInput(form.occurredAt, form.timeZone ?? 'UTC');
    if (!occurredAt) throw new BadRequestException({ message: 'Some fields need attention', problems: [{ field: 'When', problem: 'must be a date and time' }] });
    await this.act(request, caseId, '/sessions', { outcome: form.outcome, occurredAt, notes: form.notes ?? '' });
    redirectWithNotice(response, `/mentor/cases/${caseId}`, 'Session logged.');
  }

  @Post('cases/:caseId/phase')
  async changePhase(@Req() request: ConsoleRequest, @Res() response: ConsoleResponse, @Param('caseId', CASE_ID) caseId: string, @Body() form: { phase?: string }): Promise<void> {
    await this.act(request, caseId, '/phase', { phase: form.phase });
    redirectWithNotice(response, `/mentor/cases/${caseId}`, 'Phase changed.');
  }

  private act(request: ConsoleRequest, caseId: string, action: string, body: unknown = {}): Promise<void> {
    const caller = mentorCaller(request.user);
    return this.api.post('mentor-matching', casePath(caseId, action), caller, body);
  }
}
