import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { describeError } from '@mentoring/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { RiskScoringConfig } from '../config/risk-scoring.config';
import { PolicyStore, RescoreJob, RescoreJobStore } from '../policies';
import type { AssessmentTrigger } from '../standings/assessment-trigger';
import { StandingsService } from '../standings/standings.service';

const RETRY_AFTER_FAILURE_MS = 1_000;

/**
 * Works through re-score jobs one chunk per transaction: lock the job row (skipping one another
 * replica holds), lock the next students after the cursor, re-assess them, write standings and
 * events, move the cursor, commit. Every replica runs a worker; the row lock lets only one work
 * on a job at a time, and a crash rolls back only the chunk in flight.
 */
@Injectable()
export class RescoreWorker implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(RescoreWorker.name);
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private wake?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: RescoreJobStore,
    private readonly policies: PolicyStore,
    private readonly standings: StandingsService,
    private readonly config: RiskScoringConfig,
  ) {}

  /**
   * Starts once the database is migrated rather than once the service is ready: a replica restarted
   * after a crash resumes a job at once, while its Kafka consumer may still wait for the group to
   * drop the dead member.
   */
  onModuleInit(): void {
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Lets the chunk in flight commit, then stops. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loopDone;
  }

  /** Processes one chunk of the oldest job nobody else is working on; false when there was none. */
  private processNextChunk(): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const job = await this.jobs.claimNext(manager);
      if (!job) return false;
      await this.processChunk(manager, job);
      return true;
    });
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        if (!(await this.processNextChunk())) await this.idle(this.config.RESCORE_POLL_INTERVAL_MS);
      } catch (error) {
        this.logger.warn({ ...describeError(error) }, 're-score chunk failed; retrying');
        await this.idle(RETRY_AFTER_FAILURE_MS);
      }
    }
  }

  private async processChunk(manager: EntityManager, job: RescoreJob): Promise<void> {
    const policy = await this.policies.version(manager, job.program, job.policyVersion);
    if (!policy) throw new Error(`re-score job ${job.id} names ${job.program} policy version ${job.policyVersion}, which does not exist`);
    const chunkSize = this.config.RESCORE_CHUNK_SIZE;
    const students = await this.standings.lockNextStudents(manager, job.program, job.cursor, chunkSize);
    const changed = await this.standings.reassessLockedStudents(manager, students, policy, triggerFor(job));
    const finished = students.length < chunkSize;
    await this.jobs.recordChunk(manager, job, {
      lastStudentId: students.at(-1)?.studentId ?? job.cursor,
      studentsAssessed: students.length,
      standingsChanged: changed,
      finished,
    });
    if (finished) this.logger.log({ jobId: job.id, program: job.program, policyVersion: job.policyVersion }, 're-score job finished');
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

function triggerFor(job: RescoreJob): AssessmentTrigger {
  return {
    kind: job.reason,
    id: job.id,
    changedBy: job.requestedBy,
    now: job.createdAt,
    correlationId: job.correlationId,
    causeEventId: null,
  };
}
