import { Injectable, NotFoundException } from '@nestjs/common';
import { currentContext } from '@mentoring/observability';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { RiskPolicy } from '../scoring/domain';
import type { RescoreReason } from './infrastructure/rescore-job.entity';
import { parsePolicyBody } from './policy-body';
import { PolicyStore, PolicyVersionRecord, RescoreJobStore } from './infrastructure/policies.store';
import { presentRescoreJob, RescoreJobView } from './rescore-job.view';

export interface PolicyReplacement {
  policy: RiskPolicy;
  /** Null when the body equals the policy in force: nothing changed, nobody is re-scored. */
  rescoreJob: RescoreJobView | null;
}

@Injectable()
export class PoliciesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: PolicyStore,
    private readonly jobs: RescoreJobStore,
  ) {}

  current(program: string): Promise<RiskPolicy> {
    return this.store.current(this.dataSource.manager, program);
  }

  versions(program: string): Promise<PolicyVersionRecord[]> {
    return this.store.versions(this.dataSource.manager, program);
  }

  /** Saves a new version and queues the re-score of the programme, both or neither. */
  replace(program: string, body: unknown, requestedBy: string): Promise<PolicyReplacement> {
    const settings = parsePolicyBody(body);
    return this.dataSource.transaction(async (manager) => {
      const { policy, created } = await this.store.saveNextVersion(manager, program, settings, requestedBy);
      if (!created) return { policy, rescoreJob: null };
      const job = await this.jobs.enqueue(manager, rescoreRequest(policy, 'policy-changed', requestedBy));
      return { policy, rescoreJob: presentRescoreJob(job) };
    });
  }

  /** Re-scores every student of the programme under the policy in force (after a data repair, say). */
  requestRescore(program: string, requestedBy: string): Promise<RescoreJobView> {
    return this.dataSource.transaction(async (manager) => {
      const policy = await this.store.current(manager, program);
      return presentRescoreJob(await this.jobs.enqueue(manager, rescoreRequest(policy, 'rescore-requested', requestedBy)));
    });
  }

  async job(id: string): Promise<RescoreJobView> {
    const job = await this.jobs.find(this.dataSource.manager, id);
    if (!job) throw new NotFoundException(`no re-score job ${id}`);
    return presentRescoreJob(job);
  }
}

function rescoreRequest(policy: RiskPolicy, reason: RescoreReason, requestedBy: string) {
  return {
    program: policy.program,
    policyVersion: policy.version,
    reason,
    requestedBy,
    // The request's correlation id follows every event the job publishes.
    correlationId: currentContext()?.correlationId ?? randomUUID(),
  };
}
