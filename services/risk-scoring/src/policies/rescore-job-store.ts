import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { RescoreJobEntity, RescoreReason } from './infrastructure/rescore-job.entity';

export interface RescoreRequest {
  program: string;
  policyVersion: number;
  reason: RescoreReason;
  requestedBy: string;
  correlationId: string;
}

/** What one chunk of a job did; `lastStudentId` becomes the cursor. */
export interface ChunkProgress {
  lastStudentId: string | null;
  studentsAssessed: number;
  standingsChanged: number;
  finished: boolean;
}

/** The rows behind re-score jobs: queued by policy changes, worked through by the re-score worker. */
@Injectable()
export class RescoreJobStore {
  /**
   * Queues a re-score of the programme. An unfinished job of the same programme is superseded: the
   * new job assesses everyone under the newest policy anyway, and the old one would only announce
   * changes the new one reverts.
   */
  async enqueue(manager: EntityManager, request: RescoreRequest): Promise<RescoreJobEntity> {
    await manager.update(
      RescoreJobEntity,
      { program: request.program, finishedAt: IsNull() },
      { status: 'superseded', finishedAt: () => 'now()' },
    );
    const job = manager.create(RescoreJobEntity, {
      ...request,
      id: randomUUID(),
      status: 'pending',
      cursor: null,
      studentsAssessed: 0,
      standingsChanged: 0,
      createdAt: new Date(),
      startedAt: null,
      finishedAt: null,
    });
    await manager.insert(RescoreJobEntity, job);
    return job;
  }

  find(manager: EntityManager, id: string): Promise<RescoreJobEntity | null> {
    return manager.findOneBy(RescoreJobEntity, { id });
  }

  /**
   * Locks the oldest unfinished job that no other replica is working on, for the rest of the
   * caller's transaction. A replica that dies mid-chunk releases it with its connection.
   */
  claimNext(manager: EntityManager): Promise<RescoreJobEntity | null> {
    return manager
      .createQueryBuilder(RescoreJobEntity, 'job')
      .where('job.finishedAt IS NULL')
      .orderBy('job.createdAt', 'ASC')
      .limit(1)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getOne();
  }

  /** Moves the cursor; must run in the transaction that wrote the chunk's standings and events. */
  async recordChunk(manager: EntityManager, job: RescoreJobEntity, progress: ChunkProgress): Promise<void> {
    await manager.query(
      `UPDATE rescore_jobs
       SET cursor = $2,
           students_assessed = students_assessed + $3,
           standings_changed = standings_changed + $4,
           status = CASE WHEN $5::boolean THEN 'done' ELSE 'running' END,
           started_at = COALESCE(started_at, now()),
           finished_at = CASE WHEN $5::boolean THEN now() END
       WHERE id = $1`,
      [job.id, progress.lastStudentId, progress.studentsAssessed, progress.standingsChanged, progress.finished],
    );
  }
}
