import { Injectable } from '@nestjs/common';
import { NotificationConfig } from '../config/notification.config';
import {
  buildCalendarInvite,
  CalendarAttachment,
  CalendarPerson,
  loadTemplateLibrary,
  PlannedMessage,
  RenderedMessage,
  TemplateLibrary,
  withFreshSlots,
} from '../outreach/domain';
import { mailAddressOf, mailDomainOf } from './domain';

export interface ComposedMessage extends RenderedMessage {
  calendar: CalendarAttachment | null;
}

/** Renders planned messages with the template files; a broken template stops start-up, not a send. */
@Injectable()
export class MessageComposer {
  private readonly library: TemplateLibrary = loadTemplateLibrary();
  private readonly uidDomain: string;
  private readonly organizer: CalendarPerson;

  constructor(config: NotificationConfig) {
    this.uidDomain = mailDomainOf(config.MAIL_FROM);
    this.organizer = { name: config.TEAM_NAME, email: mailAddressOf(config.MAIL_FROM) };
  }

  /** The message as of `now`: offered times already begun are not shown. */
  compose(planned: PlannedMessage, now: Date): ComposedMessage {
    const message = withFreshSlots(planned, now);
    const rendered = this.library.renderMessage(message.template, message.locale, message.variables);
    return { ...rendered, calendar: this.calendarOf(message, now) };
  }

  private calendarOf(message: PlannedMessage, now: Date): CalendarAttachment | null {
    const request = message.calendar;
    if (!request) return null;
    const text = this.library.renderCalendarEntry(message.locale, { otherPartyName: request.otherPartyName, place: request.place, manageUrl: request.manageUrl });
    const { recipient } = message;
    const attendee = recipient.email ? { name: recipient.displayName, email: recipient.email } : null;
    return buildCalendarInvite({ request, text, now, uidDomain: this.uidDomain, organizer: this.organizer, attendee });
  }
}
