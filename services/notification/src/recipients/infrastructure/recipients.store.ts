import { Injectable } from '@nestjs/common';
import { RecipientRole } from '@mentoring/contracts';
import { EntityManager, In } from 'typeorm';
import { RecipientPreferencesEntity } from './recipient-preferences.entity';
import { RecipientEntity } from './recipient.entity';

/** A person a case event names, as the event describes them. */
export interface ParticipantRow {
  id: string;
  role: RecipientRole;
  displayName: string;
  email: string | null;
  timeZone: string;
  /** The case's programme for a student; null for anyone else. */
  program: string | null;
}

/** A coordinator's record as written through the API. */
export interface CoordinatorRow {
  id: string;
  displayName: string;
  email: string | null;
  timeZone: string;
  programmes: string[];
}

/** The only SQL of recipients and recipient_preferences; every method runs with the caller's manager. */
@Injectable()
export class RecipientsStore {
  /**
   * Adds the role to the person's row. A student's known address is never replaced (see
   * RecipientDirectory); a coordinator's programmes are theirs, never a case's. Returns the address
   * stored afterwards.
   */
  async upsertParticipant(manager: EntityManager, participant: ParticipantRow): Promise<string | null | undefined> {
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
      [participant.id, participant.role, participant.displayName, participant.email, participant.timeZone, participant.program],
    );
    return rows[0]?.email;
  }

  /** Coordinators responsible for a programme, in id order. */
  coordinatorsOf(manager: EntityManager, program: string): Promise<RecipientEntity[]> {
    return manager
      .createQueryBuilder(RecipientEntity, 'recipient')
      .where(`'coordinator' = ANY (recipient.roles)`)
      .andWhere(':program = ANY (recipient.programmes)', { program })
      .orderBy('recipient.id')
      .getMany();
  }

  /** The recipient's row, locked until the transaction ends. */
  lock(manager: EntityManager, id: string): Promise<RecipientEntity | null> {
    return manager.createQueryBuilder(RecipientEntity, 'recipient').setLock('pessimistic_write').where('recipient.id = :id', { id }).getOne();
  }

  find(manager: EntityManager, id: string): Promise<RecipientEntity | null> {
    return manager.findOneBy(RecipientEntity, { id });
  }

  findOrFail(manager: EntityManager, id: string): Promise<RecipientEntity> {
    return manager.findOneByOrFail(RecipientEntity, { id });
  }

  /** The recipients of these ids that exist, by id. */
  async findEach(manager: EntityManager, ids: readonly string[]): Promise<Map<string, RecipientEntity>> {
    if (ids.length === 0) return new Map();
    return new Map((await manager.findBy(RecipientEntity, { id: In([...ids]) })).map((recipient) => [recipient.id, recipient]));
  }

  /** Writes a coordinator's record unless the row belongs to a student or mentor; returns whether it was written. */
  async writeCoordinator(manager: EntityManager, record: CoordinatorRow): Promise<boolean> {
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
      [record.id, record.displayName, record.email, record.timeZone, record.programmes],
    );
    return written.length > 0;
  }

  findPreferences(manager: EntityManager, recipientId: string): Promise<RecipientPreferencesEntity | null> {
    return manager.findOneBy(RecipientPreferencesEntity, { recipientId });
  }

  findEachPreferences(manager: EntityManager, recipientIds: readonly string[]): Promise<RecipientPreferencesEntity[]> {
    return manager.findBy(RecipientPreferencesEntity, { recipientId: In([...recipientIds]) });
  }

  /** Locks the recipient's preferences row (when there is one) until the transaction ends. */
  async lockPreferences(manager: EntityManager, recipientId: string): Promise<void> {
    await manager.query(`SELECT 1 FROM recipient_preferences WHERE recipient_id = $1 FOR UPDATE`, [recipientId]);
  }

  async savePreferences(manager: EntityManager, preferences: RecipientPreferencesEntity): Promise<void> {
    await manager.upsert(RecipientPreferencesEntity, preferences, ['recipientId']);
  }
}
