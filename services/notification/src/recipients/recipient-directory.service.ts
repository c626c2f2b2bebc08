import { Injectable, Logger } from '@nestjs/common';
import { CaseEventV1, CaseParticipantV1, RecipientRole } from '@mentoring/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { Recipient } from '../outreach/domain';
import { RecipientEntity } from './infrastructure/recipient.entity';

/** A coordinator's record as kept through the API. */
export interface CoordinatorRecord {
  displayName: string;
  email: string | null;
  timeZone: string;
  programmes: string[];
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

  constructor(private readonly dataSource: DataSource) {}

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
    const rows: Array<{ email: string | null }> = await manager.query(
      `INSERT INTO recipients (id, roles, display_name, email, time_zone, programmes)
       VALUES ($1, ARRAY[$2::text], $3, $4, $5, CASE WHEN $6::text IS NULL THEN '{}'::text[] ELSE ARRAY[$6::text] END)
       ON CONFLICT (id) DO UPDATE SET
         roles = CASE WHEN $2::text = ANY (recipients.roles) THEN recipients.roles ELSE array_append(recipients.roles, $2::text) END,
         display_name = EXCLUDED.display_name,
         email = CASE WHEN $2::text = 'student' THEN COALESCE(recipients.email, EXCLUDED.email) ELSE COALESCE(EXCLUDED.email, recipients.email) END,
         time_zone = EXCLUDED.time_zone,
         programmes = CASE WHEN $6::text IS NULL OR 'coordinator' = ANY (recipients.roles) THEN recipients.programmes ELSE ARRAY[$6::text] END,
         updated_at = now()
       RETURNING email`,
      [participant.id, role, participant.displayName, offered, participant.timeZone, program],
    );
    if (offered !== null && rows[0]?.email !== offered) {
      // Neither address is logged: both are personal data, and one may be an attacker's.
      this.logger.warn({ recipientId: participant.id, eventId }, 'a case event names another email address for a student; the known one is kept');
    }
  }

  /** The coordinators who look after a programme: escalations go to each of them. */
  async coordinatorsOf(manager: EntityManager, program: string): Promise<Recipient[]> {
    const rows = await manager
      .createQueryBuilder(RecipientEntity, 'recipient')
      .where(`'coordinator' = ANY (recipient.roles)`)
      .andWhere(':program = ANY (recipient.programmes)', { program })
      .orderBy('recipient.id')
      .getMany();
    return rows.map((row) => recipientOf(row, 'coordinator'));
  }

  /** Locks a recipient until the transaction ends, so two decisions about their email never overlap. */
  async lock(manager: EntityManager, id: string): Promise<RecipientEntity | null> {
    return manager.createQueryBuilder(RecipientEntity, 'recipient').setLock('pessimistic_write').where('recipient.id = :id', { id }).getOne();
  }

  find(id: string): Promise<RecipientEntity | null> {
    return this.dataSource.getRepository(RecipientEntity).findOneBy({ id });
  }

  /**
   * Creates or replaces a coordinator's record. `allow` sees the record as it stands (locked) and
   * throws to refuse; a student or mentor row that appears meanwhile is never overwritten.
   */
  async putCoordinator(id: string, record: CoordinatorRecord, allow: (existing: RecipientEntity | null) => void): Promise<RecipientEntity> {
    return this.dataSource.transaction(async (manager) => {
      allow(await this.lock(manager, id));
      const written: unknown[] = await manager.query(
        `INSERT INTO recipients (id, roles, display_name, email, time_zone, programmes)
         VALUES ($1, ARRAY['coordinator'], $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET
           display_name = EXCLUDED.display_name,
           email = EXCLUDED.email,
           time_zone = EXCLUDED.time_zone,
           programmes = EXCLUDED.programmes,
           updated_at = now()
         WHERE recipients.roles <@ ARRAY['coordinator']::text[]
         RETURNING id`,
        [id, record.displayName, record.email, record.timeZone, record.programmes],
      );
      const stored = await manager.findOneByOrFail(RecipientEntity, { id });
      if (written.length === 0) allow(stored);
      return stored;
    });
  }
}
