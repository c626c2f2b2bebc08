import { Inject, Injectable } from '@nestjs/common';
import { CaseEventV1, EventEnvelope } from '@mentoring/contracts';
import { HandlerContext, PermanentError } from '@mentoring/messaging';
import { EntityManager } from 'typeorm';
import { Clock, CLOCK } from '@mentoring/platform';
import { NotificationConfig } from '../config/notification.config';
import { LinkSigner } from '../links';
import { MessageOrigin, MessageRecorder } from '../messages';
import { KnownNames, PreferencesService, RecipientDirectory } from '../recipients';
import { EscalationAwaitingAction, OutreachError, planOutreach, PlannedMessage, Recipient, withKnownNames } from '../outreach/domain';

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
      for (const message of planned) await this.recorder.recordOutreach(manager, message, origin);
    } catch (error) {
      // Retrying cannot fix an incomplete event or a missing coordinator: dead-letter it for a replay.
      if (error instanceof OutreachError) throw new PermanentError(error.code, error.message);
      throw error;
    }
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
