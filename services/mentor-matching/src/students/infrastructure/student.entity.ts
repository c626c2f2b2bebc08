import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { WeeklyWindow } from '../../shared/time';

export interface StudentIdentifier {
  type: string;
  value: string;
}

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

  /** The name the student goes by, for greetings. */
  @Column({ type: 'text', name: 'preferred_name', nullable: true })
  preferredName: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  /** The student's ids in other systems (SIS username, LTI id...), as the directory gave them. */
  @Column({ type: 'jsonb' })
  identifiers: StudentIdentifier[];

  /**
   * Source time of the newest directory data written (a directory event, or a REST write of
   * names or email): a directory update not newer than it changes nothing.
   */
  @Column({ type: 'timestamptz', name: 'directory_as_of', nullable: true })
  directoryAsOf: Date | null;

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
