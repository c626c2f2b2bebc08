import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@mentoring/auth';
import { Clock, CLOCK } from '@mentoring/platform';
import { CaseThreadReply, InboxReply, PreferencesReply, StudentCaseReply, StudentReply, VerifiedLinkReply } from '@mentoring/contracts';
import path from 'node:path';
import { ServiceApi, ServiceCallError } from '../service-api/service-api';
import { ConsoleRequest, ConsoleResponse } from '../web/console-request';
import { HtmlPage } from '../web/html-page.decorator';
import { redirectWithNotice } from '../web/notice';
import { PageRenderer } from '../web/page-renderer';
import { destinationOf, StudentCaseFocus } from './domain/link-destination';
import { isOneTime, LinkOperation, permits } from './domain/link-permissions';
import { studentPageOf } from './domain/student-page';
import { UsedLinksStore } from './infrastructure/student-links.store';
import { recipientOf, studentOf } from './link-caller';
import { LinkVerifier, UnusableLinkError } from './link-verifier';
import { UnusableLinkFilter } from './unusable-link.filter';

const views = (name: string) => path.join(__dirname, 'views', name);

interface LinkForm {
  token?: string;
}

interface SlotForm extends LinkForm {
  start?: string;
  end?: string;
}

interface AnotherMentorForm extends LinkForm {
  reason?: string;
}

interface MessageForm extends LinkForm {
  text?: string;
}

interface MentorRequestForm extends LinkForm {
  note?: string;
}

interface PreferencesForm extends LinkForm {
  channel?: string;
  emailOptOut?: string;
  quietStart?: string;
  quietEnd?: string;
}

/**
 * Where the links in messages land: GET /v1/links/<action>?token=... Students have no account;
 * the signed token is their credential, so every page and every form post verifies it again and
 * acts only for the student it names, and only as far as the action it was sent for allows.
 * GET only shows; each change is a form post carrying the token.
 */
@ApiExcludeController()
@Public()
@UseFilters(UnusableLinkFilter)
@Controller('v1/links')
export class StudentLinksController {
  constructor(
    private readonly links: LinkVerifier,
    private readonly api: ServiceApi,
    private readonly pages: PageRenderer,
    private readonly usedLinks: UsedLinksStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':action')
  @HtmlPage()
  async open(
    @Req() request: ConsoleRequest,
    @Res({ passthrough: true }) response: ConsoleResponse,
    @Param('action') action: string,
    @Query('token') token: string,
  ): Promise<string | void> {
    const link = await this.links.verify(token);
    // A genuine link opens only the page it was sent for, whatever path it is pasted under.
    if (link.action !== action) throw new UnusableLinkError('not-for-this');
    const destination = destinationOf(link, request.user?.role);
    switch (destination.kind) {
      case 'student-case':
        return this.casePage(request, response, link, token, destination.caseId, destination.focus);
      case 'preferences':
        return this.preferencesPage(request, response, link, token);
      case 'inbox':
        return this.inboxPage(request, response, link, token);
      case 'sign-in':
        return response.redirect(303, `/sign-in?next=${encodeURIComponent(request.originalUrl)}`);
      case 'redirect':
        return response.redirect(303, destination.location);
      case 'unknown':
        throw new UnusableLinkError('invalid');
    }
  }

  @Post('slot')
  async pickSlot(@Res() response: ConsoleResponse, @Body() form: SlotForm): Promise<void> {
    const { link, caseId } = await this.caseLink(form.token, 'book-slot');
    await this.once(link, 'book-slot', () =>
      this.api.post('mentor-matching', `/v1/cases/${caseId}/slots/confirm`, studentOf(link), { start: form.start, end: form.end }),
    );
    redirectWithNotice(response, linkPage(link, form.token), 'You are booked in. We have let your mentor know, and a calendar invitation is on its way.');
  }

  @Post('more-times')
  async askForOtherTimes(@Res() response: ConsoleResponse, @Body() form: LinkForm): Promise<void> {
    const { link, caseId } = await this.caseLink(form.token, 'ask-for-other-times');
    await this.api.post('mentor-matching', `/v1/cases/${caseId}/slots/propose`, studentOf(link), {});
    redirectWithNotice(response, linkPage(link, form.token), 'Here are some new times. If none of them suit you either, you can ask again.');
  }

  @Post('another-mentor')
  async askForAnotherMentor(@Res() response: ConsoleResponse, @Body() form: AnotherMentorForm): Promise<void> {
    const { link, caseId } = await this.caseLink(form.token, 'request-another-mentor');
    const reason = String(form.reason ?? '').trim();
    await this.once(link, 'request-another-mentor', () =>
      this.api.post('mentor-matching', `/v1/cases/${caseId}/request-another-mentor`, studentOf(link), reason ? { reason } : {}),
    );
    redirectWithNotice(response, linkPage(link, form.token), 'Thank you for telling us. We are finding someone else for you and will write as soon as they are ready.');
  }

  /** A message to the mentor in the case thread, from the link of a mentor's message; the mentor is told by inbox and email. */
  @Post('messages')
  async writeMessage(@Res() response: ConsoleResponse, @Body() form: MessageForm): Promise<void> {
    const { link, caseId } = await this.caseLink(form.token, 'write-message');
    await this.api.post('notification', `/v1/cases/${caseId}/messages`, studentOf(link), { text: String(form.text ?? '').trim() });
    redirectWithNotice(response, linkPage(link, form.token), 'Message sent. Your mentor can answer here or by email.');
  }

  /**
   * "Talk to someone": the student asks for a mentor without a low mark. Asking again while a case
   * is open answers with that case, so a second press changes nothing.
   */
  @Post('ask-for-a-mentor')
  async askForAMentor(@Res() response: ConsoleResponse, @Body() form: MentorRequestForm): Promise<void> {
    const link = await this.linkFor(form.token, 'ask-for-a-mentor');
    const note = String(form.note ?? '').trim();
    const mentoring = await this.api.post('mentor-matching', '/v1/self-referrals', studentOf(link), note ? { note } : {}, StudentCaseReply);
    const notice = mentoring.mentor
      ? `${mentoring.mentor.displayName} is already your mentor. Their messages to you have the links to meet them and to write to them.`
      : 'Thank you for asking. We are finding you a mentor and will write as soon as they are ready.';
    redirectWithNotice(response, linkPage(link, form.token), notice);
  }

  @Post('preferences')
  async savePreferences(@Req() request: ConsoleRequest, @Res() response: ConsoleResponse, @Body() form: PreferencesForm): Promise<void> {
    const link = await this.linkFor(form.token, 'save-preferences');
    const quietHours = form.quietStart && form.quietEnd ? { start: form.quietStart, end: form.quietEnd } : null;
    const preferences = { channel: form.channel, emailOptOut: form.emailOptOut === 'yes', quietHours };
    await this.api.put('notification', `/v1/recipients/${encodeURIComponent(link.recipientId)}/preferences`, recipientOf(link, request.user), preferences);
    redirectWithNotice(response, linkPage(link, form.token), 'Your choices are saved.');
  }

  /** Switches off every link the student was sent, this one included; the next message brings new ones. */
  @Post('switch-off')
  async switchOffLinks(@Req() request: ConsoleRequest, @Res() response: ConsoleResponse, @Body() form: LinkForm): Promise<void> {
    const link = await this.linkFor(form.token, 'switch-off-links');
    await this.api.post('notification', `/v1/recipients/${encodeURIComponent(link.recipientId)}/links/revoke`, studentOf(link), {});
    const html = this.pages.render(request, response, views('links-switched-off.hbs'), { title: 'Your links are switched off' });
    response.status(200).type('html').setHeader('Cache-Control', 'no-store').send(html);
  }

  private async casePage(request: ConsoleRequest, response: ConsoleResponse, link: VerifiedLinkReply, token: string, caseId: string, focus: StudentCaseFocus): Promise<string> {
    const student = studentOf(link);
    const mentoringCase = await this.api.get('mentor-matching', `/v1/cases/${encodeURIComponent(caseId)}`, student, StudentCaseReply);
    const profile = await this.api.get('mentor-matching', `/v1/students/${encodeURIComponent(student.subject)}`, student, StudentReply);
    const page = studentPageOf(mentoringCase, { slotStart: link.slotStart });
    const used = await this.usedLinks.isUsed(link.tokenId);
    const thread = await this.threadOf(student, caseId);
    // The page offers only what this link may still do.
    const can = {
      bookSlot: permits(link.action, 'book-slot') && !used,
      askForOtherTimes: permits(link.action, 'ask-for-other-times'),
      requestAnotherMentor: permits(link.action, 'request-another-mentor') && !used,
      writeMessage: permits(link.action, 'write-message') && mentoringCase.status !== 'closed',
    };
    const messages = thread?.messages.map((message) => ({ ...message, mine: message.authorRole === 'student', byEmail: message.via === 'email' })) ?? [];
    return this.pages.render(request, response, views('student-case.hbs'), { ...page, zone: profile.timeZone, token, focus, can, used, messages, showThread: thread !== null && (messages.length > 0 || can.writeMessage) });
  }

  // The page still works when the thread cannot be read (notification away, or not yet told of the case).
  private async threadOf(student: ReturnType<typeof studentOf>, caseId: string): Promise<CaseThreadReply | null> {
    try {
      return await this.api.get('notification', `/v1/cases/${encodeURIComponent(caseId)}/messages`, student, CaseThreadReply);
    } catch (error) {
      if (error instanceof ServiceCallError) return null;
      throw error;
    }
  }

  private async preferencesPage(request: ConsoleRequest, response: ConsoleResponse, link: VerifiedLinkReply, token: string): Promise<string> {
    const caller = recipientOf(link, request.user);
    const preferences = await this.api.get('notification', `/v1/recipients/${encodeURIComponent(link.recipientId)}/preferences`, caller, PreferencesReply);
    // Staff sign in to act; switching links off is for the student the link names.
    const canSwitchOff = caller.role === 'student';
    return this.pages.render(request, response, views('preferences.hbs'), { title: 'How we keep in touch', preferences, token, canSwitchOff, canAskForAMentor: canSwitchOff });
  }

  private async inboxPage(request: ConsoleRequest, response: ConsoleResponse, link: VerifiedLinkReply, token: string): Promise<string> {
    const caller = recipientOf(link, request.user);
    const inbox = await this.api.get('notification', `/v1/recipients/${encodeURIComponent(link.recipientId)}/inbox?limit=20`, caller, InboxReply);
    // Staff reading their own inbox from a footer link sign in to act; asking for a mentor is the student's.
    return this.pages.render(request, response, views('inbox.hbs'), { title: 'Your messages', inbox, token, canAskForAMentor: caller.role === 'student' });
  }

  /** A posted token, verified and allowed to do `operation`. */
  private async linkFor(token: unknown, operation: LinkOperation): Promise<VerifiedLinkReply> {
    const link = await this.links.verify(token);
    if (!permits(link.action, operation)) throw new UnusableLinkError('not-for-this');
    return link;
  }

  /** A posted token that names a case: the case id comes from the token, never from the form. */
  private async caseLink(token: unknown, operation: LinkOperation): Promise<{ link: VerifiedLinkReply; caseId: string }> {
    const link = await this.linkFor(token, operation);
    const destination = destinationOf(link);
    if (destination.kind !== 'student-case') throw new UnusableLinkError('invalid');
    return { link, caseId: encodeURIComponent(destination.caseId) };
  }

  /**
   * Does a one-time operation at most once per link, across replicas: the link is recorded as used
   * first, and the record is undone only when the operation itself did not happen.
   */
  private async once<T>(link: VerifiedLinkReply, operation: LinkOperation, act: () => Promise<T>): Promise<T> {
    if (!isOneTime(operation)) return act();
    if (!(await this.usedLinks.claim(link, operation, this.clock.now()))) throw new UnusableLinkError('used');
    try {
      return await act();
    } catch (error) {
      await this.usedLinks.release(link.tokenId);
      throw error;
    }
  }
}

/** Back to the page the link opened, so the student sees the result where they acted. */
function linkPage(link: VerifiedLinkReply, token: unknown): string {
  return `/v1/links/${encodeURIComponent(link.action)}?token=${encodeURIComponent(String(token))}`;
}
