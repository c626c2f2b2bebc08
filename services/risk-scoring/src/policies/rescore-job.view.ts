import type { RescoreJobEntity } from './infrastructure/rescore-job.entity';

/** A re-score job as coordinators and ops follow it. */
export function presentRescoreJob(job: RescoreJobEntity) {
  return {
    id: job.id,
    program: job.program,
    policyVersion: job.policyVersion,
    reason: job.reason,
    status: job.status,
    studentsAssessed: job.studentsAssessed,
    standingsChanged: job.standingsChanged,
    requestedBy: job.requestedBy,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}

export type RescoreJobView = ReturnType<typeof presentRescoreJob>;
