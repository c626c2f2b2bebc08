import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { MeetingMode } from '@mentoring/contracts';
import type { IsoInterval, LeavePeriod, WeeklyWindow } from '../../shared/time';

/** A mentor's profile, availability and caseload; responsiveness is derived from case_offers. */
@Entity({ name: 'mentors' })
export class MentorEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text', name: 'display_name' })
  displayName: string;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', name: 'time_zone' })
  timeZone: string;

  @Column({ type: 'jsonb' })
  programs: string[];

  @Column({ type: 'jsonb', name: 'expertise_course_codes' })
  expertiseCourseCodes: string[];

  @Column({ type: 'int', name: 'max_open_cases' })
  maxOpenCases: number;

  /** Matched and active cases; changed only by conditional updates, so capacity holds across replicas. */
  @Column({ type: 'int', name: 'open_cases', default: 0 })
  openCases: number;

  /** In the mentor's own time zone. */
  @Column({ type: 'jsonb', name: 'weekly_availability' })
  weeklyAvailability: WeeklyWindow[];

  @Column({ type: 'jsonb' })
  blocks: IsoInterval[];

  @Column({ type: 'jsonb' })
  leave: LeavePeriod[];

  @Column({ type: 'boolean' })
  active: boolean;

  /** How the mentor meets students; every slot and booked meeting with them carries it. */
  @Column({ type: 'text', name: 'meeting_mode', default: 'in-person' })
  meetingMode: MeetingMode;

  /** The room, video link or phone number for that mode; empty while not given. */
  @Column({ type: 'text', name: 'meeting_place', default: '' })
  meetingPlace: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
