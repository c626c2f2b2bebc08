import type { CaseOpeningReason, CaseOutcome, CasePhase, CaseStatus, RiskLevel, RiskReasonV1 } from '@mentoring/contracts';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { IsoInterval } from '../../shared/time';
import type { CaseRecord } from '../case-record';
import type { BookedMeeting, MeetingReminderSent, MeetingSlot, NudgeSent } from '../domain';

const timestamp = (name: string) => ({ type: 'timestamptz' as const, name, nullable: true });

/** One mentoring case; at most one per student is not closed (a partial unique index says so). */
@Entity({ name: 'cases' })
export class CaseEntity implements CaseRecord {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text', name: 'student_id' })
  studentId: string;

  @Column({ type: 'text' })
  status: CaseStatus;

  @Column({ type: 'text' })
  phase: CasePhase;

  @Column({ type: 'text', name: 'mentor_id', nullable: true })
  mentorId: string | null;

  @Column({ type: 'text', name: 'previous_mentor_id', nullable: true })
  previousMentorId: string | null;

  @Column({ type: 'jsonb', name: 'mentors_who_left' })
  mentorsWhoLeft: string[];

  @Column({ type: 'timestamptz', name: 'flagged_at' })
  flaggedAt: Date;

  @Column({ type: 'timestamptz', name: 'opened_at' })
  openedAt: Date;

  @Column(timestamp('matched_at')) matchedAt: Date | null;
  @Column(timestamp('sla_reminder_at')) slaReminderAt: Date | null;
  @Column(timestamp('sla_deadline')) slaDeadline: Date | null;
  @Column(timestamp('reminder_sent_at')) reminderSentAt: Date | null;
  @Column(timestamp('accepted_at')) acceptedAt: Date | null;
  @Column(timestamp('first_contact_at')) firstContactAt: Date | null;
  @Column(timestamp('first_meeting_at')) firstMeetingAt: Date | null;
  @Column(timestamp('last_meeting_at')) lastMeetingAt: Date | null;

  @Column({ type: 'jsonb', name: 'proposed_slots' })
  proposedSlots: MeetingSlot[];

  @Column({ type: 'jsonb', name: 'confirmed_slot', nullable: true })
  confirmedSlot: IsoInterval | null;

  @Column({ type: 'jsonb', nullable: true })
  meeting: BookedMeeting | null;

  @Column({ type: 'int', name: 'meetings_booked', default: 0 })
  meetingsBooked: number;

  @Column({ type: 'jsonb', name: 'reminders_sent', default: () => "'[]'::jsonb" })
  remindersSent: MeetingReminderSent[];

  @Column({ type: 'jsonb', name: 'nudges_sent', default: () => "'[]'::jsonb" })
  nudgesSent: NudgeSent[];

  @Column({ type: 'int', name: 'contact_attempts', default: 0 })
  contactAttempts: number;

  @Column({ type: 'int', name: 'consecutive_missed' })
  consecutiveMissed: number;

  @Column({ type: 'int', name: 'cadence_days_override', nullable: true })
  cadenceDaysOverride: number | null;

  @Column({ type: 'text', nullable: true })
  outcome: CaseOutcome | null;

  @Column(timestamp('closed_at')) closedAt: Date | null;

  @Column({ type: 'text' })
  program: string;

  @Column({ type: 'int', name: 'year_of_study' })
  yearOfStudy: number;

  @Column({ type: 'text', name: 'risk_level' })
  riskLevel: RiskLevel;

  @Column({ type: 'jsonb', name: 'risk_reasons' })
  riskReasons: RiskReasonV1[];

  @Column({ type: 'jsonb', name: 'weak_courses' })
  weakCourses: string[];

  @Column({ type: 'text', name: 'opened_for', default: 'risk-flag' })
  openedFor: CaseOpeningReason;

  @Column({ type: 'text', name: 'student_note', nullable: true })
  studentNote: string | null;

  @Column({ type: 'text', name: 'trigger_event_id' })
  triggerEventId: string;

  @Column({ type: 'text', name: 'correlation_id' })
  correlationId: string;

  /** Set while the case waits for the next matching run (new, or waitlisted and worth another try). */
  @Column(timestamp('match_requested_at')) matchRequestedAt: Date | null;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
