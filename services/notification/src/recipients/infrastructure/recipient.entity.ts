import { RecipientRole } from '@mentoring/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'recipients' })
export class RecipientEntity {
  @PrimaryColumn('text')
  id: string;

  @Column({ type: 'text', array: true })
  roles: RecipientRole[];

  @Column({ type: 'text', name: 'display_name' })
  displayName: string;

  /** The name a student goes by, from the student directory; greetings use it. */
  @Column({ type: 'text', name: 'preferred_name', nullable: true })
  preferredName: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  /** A student's ids in other systems, from the student directory. */
  @Column({ type: 'jsonb' })
  identifiers: Array<{ type: string; value: string }>;

  /** Source time of the newest directory update applied: an update not newer changes nothing. */
  @Column({ type: 'timestamptz', name: 'directory_as_of', nullable: true })
  directoryAsOf: Date | null;

  /** When the student's programme coordinators were told no email reaches them (once). */
  @Column({ type: 'timestamptz', name: 'unreachable_noted_at', nullable: true })
  unreachableNotedAt: Date | null;

  @Column({ type: 'text', name: 'time_zone' })
  timeZone: string;

  /** The programmes a coordinator looks after: their escalations reach them. */
  @Column({ type: 'text', array: true })
  programmes: string[];

  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
