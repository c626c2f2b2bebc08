import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RiskPolicySettings } from '../../scoring/domain';

/** One version of a programme's risk policy. Versions are never edited: a change is a new version. */
@Entity({ name: 'risk_policies' })
export class RiskPolicyEntity {
  @PrimaryColumn({ type: 'text' })
  program: string;

  @PrimaryColumn({ type: 'int' })
  version: number;

  /** json rather than jsonb: kept as written, so a policy reads back in its documented field order. */
  @Column({ type: 'json' })
  settings: RiskPolicySettings;

  /** `coordinator:<id>`, or `defaults` for the seed study's version 1. */
  @Column({ type: 'text', name: 'created_by' })
  createdBy: string;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
