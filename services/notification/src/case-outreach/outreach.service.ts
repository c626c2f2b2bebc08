import { Inject, Injectable } from '@nestjs/common';
import { CaseEventV1, EventEnvelope } from '@mentoring/contracts';
import { HandlerContext, PermanentError } from '@mentoring/messaging';
import { EntityManager } from 'typeorm';
import { Clock, CLOCK } from '@mentoring/platform';
import { NotificationConfig } from '../config/notification.config';
import { LinkSigner } from '../links';
import { MessageOrigin, MessageRecorder } from '../messages';
import { KnownNames, PreferencesService, RecipientDirectory } from '../recipients';
import { EscalationAwaitingAction, OutreachError, planOutreach, PlannedMessage, planUnreachableNotice, Recipient, withKnownNames } from '../outreach/domain';

function escalationOf(event: CaseEventV1): EscalationAwaitingAction | null {
  if (event.kind !== 'escalated' || !event.escalationReason) return null;
  return {
    caseId: event.caseId,
    studentName: event.student.displayName,
    program: event.program,
    yearOfStudy: event.yearOfStudy,
    reason: event.escalationReason,
    escalatedAt: event.occurredAt,
  };
}

// Coordinators are looked up only for the events that may reach them.
function involvesCoordinators(event: CaseEventV1): boolean {
  return (
    event.kind === 'escalated' ||
    (event.kind === 'nudge-due' && event.nudge?.audience === 'coordinator') ||
    (event.kind === 'closed' && event.closedBy === 'mentor')
  );
}

function peopleOf(event: CaseEventV1, coordinators: Recipient[]): string[] {
  const participants = [event.student, event.mentor, event.previousMentor].flatMap((person) => (person ? [person.id] : []));
  return [...participants, ...coordinators.map((coordinator) => coordinator.id)];
}

/** Case events in, messages out: who hears what, stored once per person and channel in the event's transaction. */
@Injectable()
export class OutreachService {
  constructor(
    private readonly directory: RecipientDirectory,
    private readonly preferences: PreferencesService,
    private readonly links: LinkSigner,
    private readonly recorder: MessageRecorder,
    private readonly config: NotificationConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handleCaseEvent({ envelope: received, data: event, manager }: HandlerContext<CaseEventV1>): Promise<void> {
    await this.directory.recordParticipants(manager, event, received.id);
    // Names as the student directory has them: greetings by preferred name, never by an id.
    const names = await this.directory.namesOfEach(manager, peopleOf(event, []));
    const envelope = { ...received, data: withKnownNames(event, (id) => names.get(id)?.displayName) };
    try {
      const planned = await this.plan(manager, envelope, names);
      const origin: MessageOrigin = {
        correlationId: envelope.correlationId,
        eventSubject: envelope.subject,
        escalation: escalationOf(event),
        program: event.program,
        flaggedAt: event.flaggedAt ? new Date(event.flaggedAt) : null,
      };
      let awaitingAddress = false;
      for (const message of planned) {
        const plan = await this.recorder.recordOutreach(manager, message, origin);
        if (message.recipient.role === 'student' && plan?.status === 'awaiting-address') awaitingAddress = true;
      }
      if (awaitingAddress) await this.tellCoordinatorsUnreachable(manager, envelope, origin);
    } catch (error) {
      // Retrying cannot fix an incomplete event or a missing coordinator: dead-letter it for a replay.
      if (error instanceof OutreachError) throw new PermanentError(error.code, error.message);
      throw error;
    }
  }

  /**
   * A student no email reaches gets every message in their inbox and their emails wait; their
   * programme's coordinators are told once, so someone can find the address. With no coordinator
   * yet, nothing is marked: the next message tries again.
   */
  private async tellCoordinatorsUnreachable(manager: EntityManager, envelope: EventEnvelope<CaseEventV1>, origin: MessageOrigin): Promise<void> {
    const event = envelope.data;
    const coordinators = await this.directory.coordinatorsOf(manager, event.program);
    if (coordinators.length === 0) return;
    if (!(await this.directory.noteUnreachable(manager, event.studentId, this.clock.now()))) return;
    const people = coordinators.map((coordinator) => coordinator.id);
    const preferences = await this.preferences.ofEach(manager, people);
    const notices = planUnreachableNotice(event, coordinators, {
      linkFor: await this.links.linkFor(manager, this.clock.now(), people),
      teamName: this.config.TEAM_NAME,
      localeOf: (recipientId) => preferences.get(recipientId)?.locale ?? undefined,
    });
    for (const notice of notices) await this.recorder.recordOutreach(manager, notice, { ...origin, escalation: null });
  }

  private async plan(manager: EntityManager, envelope: EventEnvelope<CaseEventV1>, names: ReadonlyMap<string, KnownNames>): Promise<PlannedMessage[]> {
    const event = envelope.data;
    const coordinators = involvesCoordinators(event) ? await this.directory.coordinatorsOf(manager, event.program) : [];
    const people = peopleOf(event, coordinators);
    const preferences = await this.preferences.ofEach(manager, people);
    return planOutreach(envelope, {
      linkFor: await this.links.linkFor(manager, this.clock.now(), people),
      teamName: this.config.TEAM_NAME,
      wellbeingUrl: this.config.WELLBEING_URL,
      coordinators,
      localeOf: (recipientId) => preferences.get(recipientId)?.locale ?? undefined,
      greetingNameOf: (recipientId) => names.get(recipientId)?.greetingName,
    });
  }
}
