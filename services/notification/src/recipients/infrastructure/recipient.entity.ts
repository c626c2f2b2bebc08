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

  @Column({ type: 'text', nullable: true })
  email: string | null;

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
