import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { WeeklyWindow } from '../../shared/time';

/** What matching knows of a student; created from the first risk event if no directory import came first. */
@Entity({ name: 'students' })
export class StudentEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  program: string;

  @Column({ type: 'int', name: 'year_of_study' })
  yearOfStudy: number;

  @Column({ type: 'text', name: 'display_name', nullable: true })
  displayName: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', name: 'time_zone' })
  timeZone: string;

  /** Empty until the student says: matching then assumes weekday daytime (DEFAULT_STUDENT_WINDOWS). */
  @Column({ type: 'jsonb', name: 'preferred_times' })
  preferredTimes: WeeklyWindow[];

  /** The mentor of the student's latest accepted case, preferred again for continuity. */
  @Column({ type: 'text', name: 'current_mentor_id', nullable: true })
  currentMentorId: string | null;

  @Column({ type: 'jsonb', name: 'excluded_mentor_ids' })
  excludedMentorIds: string[];

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
