import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AccountRole } from '../domain/account-role';

@Entity({ name: 'accounts' })
export class AccountEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** Lower-cased at the door, so "Dr.Ng" and "dr.ng" are one account. */
  @Column({ type: 'text', unique: true }) username!: string;
  @Column({ name: 'display_name', type: 'text' }) displayName!: string;
  @Column({ type: 'text' }) role!: AccountRole;
  /** Who the account acts as in the services' APIs: the mentor id for a mentor. */
  @Column({ name: 'subject_id', type: 'text' }) subjectId!: string;
  /** The programmes a coordinator is responsible for (the `programmes` claim of their tokens); empty for other roles. */
  @Column({ type: 'text', array: true, default: () => `'{}'` }) programmes!: string[];
  @Column({ name: 'password_hash', type: 'text' }) passwordHash!: string;
  @Column({ type: 'boolean', default: false }) disabled!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
