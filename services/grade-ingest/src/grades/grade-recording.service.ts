import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { createEnvelope, EventEnvelope, GRADE_RECORDED_V1, TOPICS } from '@mentoring/contracts';
import { MessagingRuntime } from '@mentoring/messaging';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { SERVICE_NAME } from '../config/grade-ingest.config';
import { NewGradeVersion, planRecording, RecordingOutcome, ValidGrade } from './domain';
import { ConcurrentRecordingError, GradeOrigin, lockCurrentGrades, storeGradeVersions } from './infrastructure/grades.store';

/** Validated grades of one feed, to record in one transaction. */
export interface GradeBatch extends GradeOrigin {
  feed: string;
  grades: readonly ValidGrade[];
  /** The consumed event that carried the grades; its correlation id flows on. */
  cause?: Pick<EventEnvelope, 'id' | 'correlationId'>;
  /** The request's or import's correlation id, when no event caused the batch. */
  correlationId?: string;
}

// A batch that lost a race for an identity is classified again against the winner's grade; more
// than a few losses in a row would mean something other than a race.
const MAX_CONFLICT_ATTEMPTS = 5;
const DEADLOCK_DETECTED = '40P01';

/**
 * Records grades for REST batches, Kafka messages and OneRoster imports alike: classify against
 * the stored versions, store the new versions, and append their `grades.recorded.v1` events to
 * the outbox, all in the caller's transaction.
 */
@Injectable()
export class GradeRecordingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: MessagingRuntime,
  ) {}

  /** Records a batch in `manager`'s transaction and returns one outcome per grade, in order. */
  async record(manager: EntityManager, batch: GradeBatch): Promise<RecordingOutcome[]> {
    if (batch.grades.length === 0) return [];
    const sourceRecordIds = [...new Set(batch.grades.map((grade) => grade.sourceRecordId))];
    const current = await lockCurrentGrades(manager, batch.feed, sourceRecordIds);
    const plan = planRecording(batch.feed, batch.grades, current, randomUUID);
    await storeGradeVersions(manager, plan.supersededGradeIds, plan.newVersions, batch);
    await this.runtime.outbox.append(
      manager,
      TOPICS.gradesRecorded,
      plan.newVersions.map((version) => this.envelopeOf(version, batch)),
    );
    return plan.outcomes;
  }

  /** Runs `work` in a transaction of its own, again when it lost a race for a grade identity. */
  async inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.dataSource.transaction(work);
      } catch (error) {
        if (!isRecordingConflict(error) || attempt >= MAX_CONFLICT_ATTEMPTS) throw error;
      }
    }
  }

  private envelopeOf({ event }: NewGradeVersion, batch: GradeBatch): EventEnvelope {
    return createEnvelope({
      type: GRADE_RECORDED_V1,
      source: SERVICE_NAME,
      subject: event.studentId,
      data: event,
      cause: batch.cause,
      correlationId: batch.correlationId,
    });
  }
}

function isRecordingConflict(error: unknown): boolean {
  if (error instanceof ConcurrentRecordingError) return true;
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === DEADLOCK_DETECTED;
}
