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

/** A student as a directory update describes them; null fields are not known by its source. */
export interface DirectoryRow {
  id: string;
  displayName: string | null;
  preferredName: string | null;
  email: string | null;
  identifiers: Array<{ type: string; value: string }>;
  program: string | null;
  asOf: Date;
  /** The time zone of a student first known from the directory, until a case event gives theirs. */
  defaultTimeZone: string;
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
   * RecipientDirectory), nor a student's name the directory gave or a real name by their id; a
   * coordinator's programmes are theirs, never a case's. Returns the address stored afterwards.
   */
  async upsertParticipant(manager: EntityManager, participant: ParticipantRow): Promise<string | null | undefined> {
    const rows: Array<{ email: string | null }> = await manager.query(
      `INSERT INTO recipients (id, roles, display_name, email, time_zone, programmes)
       VALUES ($1, ARRAY[$2::text], $3, $4, $5, CASE WHEN $6::text IS NULL THEN '{}'::text[] ELSE ARRAY[$6::text] END)
       ON CONFLICT (id) DO UPDATE SET
         roles = CASE WHEN $2::text = ANY (recipients.roles) THEN recipients.roles ELSE array_append(recipients.roles, $2::text) END,
         display_name = CASE
           WHEN $2::text = 'student' AND (recipients.directory_as_of IS NOT NULL OR EXCLUDED.display_name = recipients.id) THEN recipients.display_name
           ELSE EXCLUDED.display_name END,
         email = CASE WHEN $2::text = 'student' THEN COALESCE(recipients.email, EXCLUDED.email) ELSE COALESCE(EXCLUDED.email, recipients.email) END,
         time_zone = EXCLUDED.time_zone,
         programmes = CASE WHEN $6::text IS NULL OR 'coordinator' = ANY (recipients.roles) THEN recipients.programmes ELSE ARRAY[$6::text] END,
         updated_at = now()
       RETURNING email`,
      [participant.id, participant.role, participant.displayName, participant.email, participant.timeZone, participant.program],
    );
    return rows[0]?.email;
  }

  /**
   * Applies a student directory update unless the row holds one as new or newer; a field the
   * update leaves out (null) stays. A new row gets the id as its name until the directory has one.
   * Returns the address stored afterwards, or undefined when nothing was applied.
   */
  async applyDirectoryUpdate(manager: EntityManager, update: DirectoryRow): Promise<{ email: string | null } | undefined> {
    const rows: Array<{ email: string | null }> = await manager.query(
      `INSERT INTO recipients (id, roles, display_name, preferred_name, email, identifiers, time_zone, programmes, directory_as_of)
       VALUES ($1, ARRAY['student'], COALESCE($2, $3, $1), $3, $4, $5::jsonb, $8, CASE WHEN $6::text IS NULL THEN '{}'::text[] ELSE ARRAY[$6::text] END, $7)
       ON CONFLICT (id) DO UPDATE SET
         roles = CASE WHEN 'student' = ANY (recipients.roles) THEN recipients.roles ELSE array_append(recipients.roles, 'student') END,
         display_name = COALESCE($2, recipients.display_name),
         preferred_name = COALESCE($3, recipients.preferred_name),
         email = COALESCE($4, recipients.email),
         identifiers = CASE WHEN jsonb_array_length($5::jsonb) > 0 THEN $5::jsonb ELSE recipients.identifiers END,
         programmes = CASE WHEN $6::text IS NULL OR 'coordinator' = ANY (recipients.roles) THEN recipients.programmes ELSE ARRAY[$6::text] END,
         directory_as_of = $7,
         updated_at = now()
       WHERE recipients.directory_as_of IS NULL OR recipients.directory_as_of < $7
       RETURNING email`,
      [update.id, update.displayName, update.preferredName, update.email, JSON.stringify(update.identifiers), update.program, update.asOf, update.defaultTimeZone],
    );
    return rows[0];
  }

  /**
   * Marks that the student's coordinators were told no email reaches them; true only the first
   * time, and only while the student still has no address.
   */
  async noteUnreachable(manager: EntityManager, id: string, at: Date): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `UPDATE recipients SET unreachable_noted_at = $2 WHERE id = $1 AND email IS NULL AND unreachable_noted_at IS NULL RETURNING id`,
      [id, at],
    );
    return rows.length > 0;
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
