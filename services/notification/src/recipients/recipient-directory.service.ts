import { Injectable, Logger } from '@nestjs/common';
import { CaseEventV1, CaseParticipantV1, RecipientRole, StudentDirectoryUpdatedV1 } from '@mentoring/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { Recipient } from '../outreach/domain';
import { RecipientEntity } from './infrastructure/recipient.entity';
import { RecipientsStore } from './infrastructure/recipients.store';

/** A coordinator's record as kept through the API. */
export interface CoordinatorRecord {
  displayName: string;
  email: string | null;
  timeZone: string;
  programmes: string[];
}

/** What a directory update did: whether it was newer than what we hold, and whether it brought an address where there was none or another one. */
export interface DirectoryChange {
  applied: boolean;
  addressArrived: boolean;
}

/** The names to write to a person with: the full name, and the one to greet them by (null: none known, greet neutrally). */
export interface KnownNames {
  displayName: string;
  greetingName: string | null;
}

// A student first known from the directory is written to in UTC until a case event gives their zone.
const DIRECTORY_TIME_ZONE = 'UTC';

/** A student's preferred name, else their full name; never their id (a name unknown is a name unknown). */
export function namesOf(entity: Pick<RecipientEntity, 'id' | 'displayName' | 'preferredName'>): KnownNames {
  const named = (name: string | null) => (name !== null && name.trim() !== '' && name !== entity.id ? name : null);
  return { displayName: entity.displayName, greetingName: named(entity.preferredName) ?? named(entity.displayName) };
}

export function recipientOf(entity: RecipientEntity, role: RecipientRole): Recipient {
  return { id: entity.id, role, displayName: entity.displayName, email: entity.email, timeZone: entity.timeZone };
}

/**
 * Who can be written to: students and mentors as the case events describe them, coordinators as
 * they are managed here. Addresses are looked up when an email goes out, so a corrected address
 * reaches the emails still waiting.
 */
@Injectable()
export class RecipientDirectory {
  private readonly logger = new Logger(RecipientDirectory.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: RecipientsStore,
  ) {}

  /**
   * Records the people a case event names. In id order, so concurrent events naming the same
   * people lock their rows in one order and never deadlock.
   */
  async recordParticipants(manager: EntityManager, event: CaseEventV1, eventId: string): Promise<void> {
    const participants: [CaseParticipantV1, RecipientRole][] = [[event.student, 'student']];
    if (event.mentor) participants.push([event.mentor, 'mentor']);
    if (event.previousMentor) participants.push([event.previousMentor, 'mentor']);
    participants.sort(([a], [b]) => a.id.localeCompare(b.id));
    for (const [participant, role] of participants) {
      await this.upsertParticipant(manager, participant, role, eventId, role === 'student' ? event.program : null);
    }
  }

  /**
   * An event without an address never erases one we know: mentor-matching may not always have it.
   * A student's address is where their link credentials go, so a case event may give one the
   * directory lacks but never replace a known one: anyone able to write the topic could otherwise
   * redirect a student's links with a single forged event. A student's programme (their latest
   * case's) is kept so a coordinator acts only on students of their own programmes.
   */
  private async upsertParticipant(
    manager: EntityManager,
    participant: CaseParticipantV1,
    role: RecipientRole,
    eventId: string,
    program: string | null,
  ): Promise<void> {
    const offered = participant.email ?? null;
    const stored = await this.store.upsertParticipant(manager, { id: participant.id, role, displayName: participant.displayName, email: offered, timeZone: participant.timeZone, program });
    if (offered !== null && stored !== offered) {
      // Neither address is logged: both are personal data, and one may be an attacker's.
      this.logger.warn({ recipientId: participant.id, eventId }, 'a case event names another email address for a student; the known one is kept');
    }
  }

  /**
   * A student directory update (OneRoster users.csv, student imports): the registrar's word on
   * names and email, so unlike a case event it may correct a known address. Older or equal
   * updates change nothing.
   */
  async applyDirectoryUpdate(manager: EntityManager, update: StudentDirectoryUpdatedV1): Promise<DirectoryChange> {
    const before = await this.store.lock(manager, update.studentId);
    const after = await this.store.applyDirectoryUpdate(manager, {
      id: update.studentId,
      displayName: update.displayName ?? null,
      preferredName: update.preferredName ?? null,
      email: update.email ?? null,
      identifiers: (update.identifiers ?? []).map(({ type, value }) => ({ type, value })),
      program: update.program ?? null,
      asOf: new Date(update.asOf),
      defaultTimeZone: DIRECTORY_TIME_ZONE,
    });
    if (!after) return { applied: false, addressArrived: false };
    return { applied: true, addressArrived: after.email !== null && after.email !== (before?.email ?? null) };
  }

  /** The names to use for each of these people that the directory knows. */
  async namesOfEach(manager: EntityManager, ids: readonly string[]): Promise<Map<string, KnownNames>> {
    const rows = await this.store.findEach(manager, ids);
    return new Map([...rows].map(([id, row]) => [id, namesOf(row)]));
  }

  /** Marks a student as one no email reaches, so their coordinators are told once; true the first time. */
  noteUnreachable(manager: EntityManager, id: string, at: Date): Promise<boolean> {
    return this.store.noteUnreachable(manager, id, at);
  }

  /** The coordinators who look after a programme: escalations go to each of them. */
  async coordinatorsOf(manager: EntityManager, program: string): Promise<Recipient[]> {
    const rows = await this.store.coordinatorsOf(manager, program);
    return rows.map((row) => recipientOf(row, 'coordinator'));
  }

  /** Locks a recipient until the transaction ends, so two decisions about their email never overlap. */
  lock(manager: EntityManager, id: string): Promise<RecipientEntity | null> {
    return this.store.lock(manager, id);
  }

  find(id: string): Promise<RecipientEntity | null> {
    return this.store.find(this.dataSource.manager, id);
  }

  /** The recipients of these ids that exist, by id (read when an email goes out, so the address is the latest). */
  findEach(manager: EntityManager, ids: readonly string[]): Promise<Map<string, RecipientEntity>> {
    return this.store.findEach(manager, ids);
  }

  /**
   * Creates or replaces a coordinator's record. `allow` sees the record as it stands (locked) and
   * throws to refuse; a student or mentor row that appears meanwhile is never overwritten.
   */
  async putCoordinator(id: string, record: CoordinatorRecord, allow: (existing: RecipientEntity | null) => void): Promise<RecipientEntity> {
    return this.dataSource.transaction(async (manager) => {
      allow(await this.lock(manager, id));
      const written = await this.store.writeCoordinator(manager, { id, ...record });
      const stored = await this.store.findOrFail(manager, id);
      if (!written) allow(stored);
      return stored;
    });
  }
}
