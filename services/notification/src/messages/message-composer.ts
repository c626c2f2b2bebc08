import { Injectable } from '@nestjs/common';
import { NotificationConfig } from '../config/notification.config';
import { buildCalendarInvite, CalendarAttachment, loadTemplateLibrary, PlannedMessage, RenderedMessage, TemplateLibrary } from '../outreach/domain';
import { mailDomainOf } from './domain';

export interface ComposedMessage extends RenderedMessage {
  calendar: CalendarAttachment | null;
}

/** Renders planned messages with the template files; a broken template stops start-up, not a send. */
@Injectable()
export class MessageComposer {
  private readonly library: TemplateLibrary = loadTemplateLibrary();
  private readonly uidDomain: string;

  constructor(config: NotificationConfig) {
    this.uidDomain = mailDomainOf(config.MAIL_FROM);
  }

  compose(message: PlannedMessage, now: Date): ComposedMessage {
    const rendered = this.library.renderMessage(message.template, message.locale, message.variables);
    return { ...rendered, calendar: this.calendarOf(message, now) };
  }

  private calendarOf(message: PlannedMessage, now: Date): CalendarAttachment | null {
    const request = message.calendar;
    if (!request) return null;
    const text = this.library.renderCalendarEntry(message.locale, { otherPartyName: request.otherPartyName, manageUrl: request.manageUrl });
    return buildCalendarInvite({ request, text, now, uidDomain: this.uidDomain });
  }
}
