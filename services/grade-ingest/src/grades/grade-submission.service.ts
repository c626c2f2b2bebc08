import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { describeProblems, FieldProblem, GradeSubmissionV1 } from '@mentoring/contracts';
import { HandlerContext, PermanentError } from '@mentoring/messaging';
import { currentContext } from '@mentoring/observability';
import { GradeField, RecordingOutcome } from './domain';
import { GradeMetrics, GradeOutcomeName } from './grade-metrics';
import { GradeRecordingService } from './grade-recording.service';
import { invalidGradeError } from './grade-submission.decoder';
import { GradeValidator } from './grade-validator';

/** The outcome of the record at `index` of a REST batch. */
export interface RecordResult {
  index: number;
  outcome: GradeOutcomeName;
  /** The recorded version: new for accepted and amended records, the existing one for duplicates. */
  gradeId?: string;
  amendsGradeId?: string;
  changedFields?: GradeField[];
  problems?: FieldProblem[];
}

export interface SubmissionReceipt {
  batchId: string;
  feed: string;
  summary: Record<GradeOutcomeName, number>;
  results: RecordResult[];
}

/** REST batches and Kafka messages: validate each record, then record the valid ones. */
@Injectable()
export class GradeSubmissionService {
  constructor(
    private readonly validator: GradeValidator,
    private readonly recording: GradeRecordingService,
    private readonly metrics: GradeMetrics,
  ) {}

  /** Records a REST batch in one transaction; invalid records are reported, never block the others. */
  async submitBatch(feed: string, records: readonly unknown[]): Promise<SubmissionReceipt> {
    const batchId = randomUUID();
    const correlationId = currentContext()?.correlationId;
    const checked = records.map((record) => this.validator.validate(record));
    const valid = checked.flatMap((result, index) => (result.ok ? [{ index, grade: result.value }] : []));
    const recorded = await this.recording.inTransaction((manager) =>
      this.recording.record(manager, { feed, channel: 'rest', batchId, grades: valid.map((v) => v.grade), correlationId }),
    );
    const recordedByIndex = new Map(valid.map(({ index }, position) => [index, recorded[position]]));
    const outcomes = checked.map((result, index): RecordingOutcome =>
      result.ok ? (recordedByIndex.get(index) as RecordingOutcome) : { outcome: 'rejected', problems: result.problems },
    );
    this.metrics.count('rest', outcomes.map((o) => o.outcome));
    return { batchId, feed, summary: summarise(outcomes), results: outcomes.map((outcome, index) => ({ index, ...outcome })) };
  }

  /** Records one consumed submission in the consumer's transaction; refusals become dead letters. */
  async recordConsumed({ envelope, data, manager }: HandlerContext<GradeSubmissionV1>): Promise<void> {
    const checked = this.validator.validate(data);
    if (!checked.ok) throw invalidGradeError(checked.problems);
    const [outcome] = await this.recording.record(manager, {
      feed: envelope.source,
      channel: 'kafka',
      batchId: envelope.id,
      grades: [checked.value],
      cause: envelope,
    });
    // A refusal is counted once its dead letter is stored (GradeSubmittedHandler), not here,
    // where a rolled-back batch would count it again when its records are retried one by one.
    if (outcome.outcome !== 'rejected') this.metrics.count('kafka', [outcome.outcome]);
    if (outcome.outcome === 'rejected') {
      throw new PermanentError(
        'grade-identity-conflict',
        `grade ${checked.value.sourceRecordId} of feed ${envelope.source} conflicts with the recorded grade: ${describeProblems(outcome.problems)}`,
        outcome.problems,
      );
    }
  }
}

function summarise(outcomes: readonly RecordingOutcome[]): Record<GradeOutcomeName, number> {
  const summary: Record<GradeOutcomeName, number> = { accepted: 0, duplicate: 0, amended: 0, rejected: 0 };
  for (const { outcome } of outcomes) summary[outcome] += 1;
  return summary;
}
