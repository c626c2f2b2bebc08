import type { RiskLevel } from '@mentoring/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RiskReason, StandingMetrics } from '../../scoring/domain';

/**
 * The latest assessment of a student, rewritten on every assessment so the figures are current;
 * its level and reasons are the `previous` that hysteresis and change detection start from.
 */
@Entity({ name: 'standings' })
export class StandingEntity {
  @PrimaryColumn({ type: 'text', name: 'student_id' })
  studentId: string;

  @Column({ type: 'text' })
  level: RiskLevel;

  @Column({ type: 'jsonb' })
  reasons: RiskReason[];

  @Column({ type: 'jsonb', name: 'weak_courses' })
  weakCourses: string[];

  @Column({ type: 'jsonb' })
  metrics: StandingMetrics;

  @Column({ type: 'int', name: 'policy_version' })
  policyVersion: number;

  @Column({ type: 'timestamptz', name: 'assessed_at' })
  assessedAt: Date;

  /** When the level or the set of reasons last changed (the last risk.assessed.v1). */
  @Column({ type: 'timestamptz', name: 'changed_at', nullable: true })
  changedAt: Date | null;
}
