import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EmailChannelChoice } from '../domain';

@Entity({ name: 'recipient_preferences' })
export class RecipientPreferencesEntity {
  @PrimaryColumn({ type: 'text', name: 'recipient_id' })
  recipientId: string;

  @Column({ type: 'text' })
  channel: EmailChannelChoice;

  @Column({ type: 'boolean', name: 'email_opt_out' })
  emailOptOut: boolean;

  @Column({ type: 'text', name: 'quiet_hours_start', nullable: true })
  quietHoursStart: string | null;

  @Column({ type: 'text', name: 'quiet_hours_end', nullable: true })
  quietHoursEnd: string | null;

  /** Null is "no cap" (a choice), not "the default". */
  @Column({ type: 'int', name: 'max_emails_per_24h', nullable: true })
  maxEmailsPer24h: number | null;

  @Column({ type: 'boolean', name: 'daily_digest' })
  dailyDigest: boolean;

  @Column({ type: 'text', nullable: true })
  locale: string | null;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
