import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CaseEventV1 } from '@mentoring/contracts';
import { Clock, CLOCK } from '@mentoring/platform';
import { EntityManager } from 'typeorm';
import { NotificationConfig } from '../config/notification.config';
import { LinkSigner } from '../links';
import { MessageRecorder } from '../messages';
import { planCaseMessageNotice } from '../outreach/domain/plan-case-message';
import { PreferencesService, RecipientDirectory, recipientOf } from '../recipients';
import { CaseMembership, messageBodyOf, otherSideOf, ReplyTarget, ThreadReader, ThreadRole, threadRoleOf, threadRoleOfPerson } from './domain';
import { ConversationsStore, ThreadMessage } from './infrastructure/conversations.store';

/** Why a thread refused a reader or a message; the controller and the SMTP listener each say it their way. */
export class ThreadRefusal extends Error {
  constructor(
    readonly code: 'unknown-case' | 'not-a-reader' | 'closed' | 'empty-or-too-long',
    message: string,
  ) {
    super(message);
  }
}

/** How many messages a thread shows: the newest ones. */
const THREAD_LIMIT = 200;

/** The case thread between a student and their current mentor, and the notices it sends. */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly store: ConversationsStore,
    private readonly directory: RecipientDirectory,
    private readonly preferences: PreferencesService,
    private readonly links: LinkSigner,
    private readonly recorder: MessageRecorder,
    private readonly config: NotificationConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Who is in the case as this event says, in the event's transaction; an event that leaves the mentor out keeps the known one. */
  async recordMembership(manager: EntityManager, event: CaseEventV1): Promise<void> {
    const known = event.mentor === undefined ? await this.store.membershipOf(manager, event.caseId) : null;
    const mentorId = event.mentor === undefined ? (known?.mentorId ?? null) : (event.mentor?.id ?? null);
    const closed = event.kind === 'closed' || event.status === 'closed';
    await this.store.recordMembership(manager, { caseId: event.caseId, studentId: event.student.id, mentorId, program: event.program, closed }, new Date(event.occurredAt));
  }

  async thread(caseId: string, reader: ThreadReader): Promise<{ caseId: string; messages: ThreadMessage[] }> {
    await this.store.transaction((manager) => this.readerRole(manager, caseId, reader));
    return { caseId, messages: await this.store.messagesOf(caseId, THREAD_LIMIT) };
  }

  /** A message written in the console (the mentor) or on the student's page. */
  write(caseId: string, reader: ThreadReader, text: string): Promise<ThreadMessage> {
    return this.store.transaction(async (manager) => {
      const { membership, role } = await this.readerRole(manager, caseId, reader);
      const written = await this.add(manager, membership, reader.subject, role, text, 'console', null);
      if (!written) throw new Error('a console message was not stored');
      return written;
    });
  }

  /** Whether a reply address may take mail now: its person is still in the case, and the case is open. */
  async acceptsReplies(target: ReplyTarget): Promise<void> {
    await this.store.transaction((manager) => this.writerByAddress(manager, target));
  }

  /** A reply by email; null when that email (by Message-ID) was already kept. */
  receiveReply(target: ReplyTarget, text: string, inboundMessageId: string | null): Promise<ThreadMessage | null> {
    return this.store.transaction(async (manager) => {
      const { membership, role } = await this.writerByAddress(manager, target);
      return this.add(manager, membership, target.personId, role, text, 'email', inboundMessageId);
    });
  }

  private async readerRole(manager: EntityManager, caseId: string, reader: ThreadReader): Promise<{ membership: CaseMembership; role: ThreadRole }> {
    const membership = await this.store.membershipOf(manager, caseId);
    if (!membership) throw new ThreadRefusal('unknown-case', 'No such case');
    const role = threadRoleOf(membership, reader);
    if (!role) throw new ThreadRefusal('not-a-reader', "Only the case's student and their mentor read its messages");
    return { membership, role };
  }

  private async writerByAddress(manager: EntityManager, target: ReplyTarget): Promise<{ membership: CaseMembership; role: ThreadRole }> {
    const membership = await this.store.membershipOf(manager, target.caseId);
    if (!membership) throw new ThreadRefusal('unknown-case', 'No such case');
    // A mentor who was replaced keeps an old address: it no longer writes into the thread.
    const role = threadRoleOfPerson(membership, target.personId);
    if (!role) throw new ThreadRefusal('not-a-reader', 'This address no longer reaches the case');
    if (membership.closed) throw new ThreadRefusal('closed', 'This case is closed');
    return { membership, role };
  }

  private async add(
    manager: EntityManager,
    membership: CaseMembership,
    authorId: string,
    role: ThreadRole,
    text: string,
    via: ThreadMessage['via'],
    inboundMessageId: string | null,
  ): Promise<ThreadMessage | null> {
    if (membership.closed) throw new ThreadRefusal('closed', 'This case is closed: its messages can be read, not added to');
    const body = messageBodyOf(text);
    if (body === null) throw new ThreadRefusal('empty-or-too-long', 'A message needs some text, at most 4000 characters');
    const message: ThreadMessage = { id: randomUUID(), caseId: membership.caseId, authorId, authorRole: role, body, via, createdAt: this.clock.now() };
    const stored = await this.store.insertMessage(manager, message, inboundMessageId);
    if (stored) await this.tellOtherSide(manager, membership, stored);
    return stored;
  }

  /** Inbox and email to the other side, planned like every other message (quiet hours, the cap, an address). */
  private async tellOtherSide(manager: EntityManager, membership: CaseMembership, message: ThreadMessage): Promise<void> {
    const other = otherSideOf(membership, message.authorRole);
    if (!other) return;
    const people = [other.id, message.authorId];
    const records = await this.directory.findEach(manager, people);
    const reader = records.get(other.id);
    if (!reader) return;
    const names = await this.directory.namesOfEach(manager, people);
    const preferences = await this.preferences.ofEach(manager, [other.id]);
    const context = {
      linkFor: await this.links.linkFor(manager, this.clock.now(), [other.id]),
      teamName: this.config.TEAM_NAME,
      wellbeingUrl: this.config.WELLBEING_URL,
      localeOf: (id: string) => preferences.get(id)?.locale ?? undefined,
      greetingNameOf: (id: string) => names.get(id)?.greetingName,
    };
    const authorName = names.get(message.authorId)?.displayName ?? (message.authorRole === 'mentor' ? 'Your mentor' : 'Your student');
    const notice = planCaseMessageNotice({ id: message.id, caseId: message.caseId, authorName, text: message.body }, recipientOf(reader, other.role), context);
    await this.recorder.recordOutreach(manager, notice, { correlationId: message.id, eventSubject: membership.studentId, escalation: null, program: membership.program, flaggedAt: null });
  }
}
