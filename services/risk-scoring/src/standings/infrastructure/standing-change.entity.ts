import type { RiskLevel } from '@mentoring/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RiskReason, StandingMetrics } from '../../scoring/domain';

export const STANDING_TRIGGERS = ['grade-recorded', 'grade-amended', 'session-logged', 'case-closed', 'policy-changed', 'rescore-requested'] as const;
/** What made a standing change. */
export type StandingTrigger = (typeof STANDING_TRIGGERS)[number];

/** One published change of a standing: the audit trail behind GET /v1/students/:id/risk. */
@Entity({ name: 'standing_changes' })
@Index('standing_changes_student_idx', ['studentId', 'assessedAt'])
@Index('standing_changes_assessed_at_idx', ['assessedAt'])
export class StandingChangeEntity {
  /** The id of the risk.assessed.v1 event that announced the change. */
  @PrimaryColumn({ type: 'uuid', name: 'event_id' })
  eventId: string;

  @Column({ type: 'text', name: 'student_id' })
  studentId: string;

  @Column({ type: 'text' })
  level: RiskLevel;

  @Column({ type: 'text', name: 'previous_level' })
  previousLevel: RiskLevel;

  @Column({ type: 'jsonb' })
  reasons: RiskReason[];

  @Column({ type: 'jsonb', name: 'weak_courses' })
  weakCourses: string[];

  @Column({ type: 'jsonb' })
  metrics: StandingMetrics;

  @Column({ type: 'int', name: 'policy_version' })
  policyVersion: number;

  @Column({ type: 'text' })
  trigger: StandingTrigger;

  /** The triggering event's id, or the re-score job's. */
  @Column({ type: 'text', name: 'trigger_id' })
  triggerId: string;

  /** Who caused it: `feed:<feed>`, `mentor:<id>`, `coordinator:<id>`… */
  @Column({ type: 'text', name: 'changed_by' })
  changedBy: string;

  @Column({ type: 'text', name: 'correlation_id' })
  correlationId: string;

  @Column({ type: 'timestamptz', name: 'assessed_at' })
  assessedAt: Date;
}
