import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { TOPICS } from '@mentoring/contracts';
import { describeError, MessagingRuntime } from '@mentoring/messaging';
import { contextFromTraceparent, inSpan, MetricsService, runWithContext, SpanKind } from '@mentoring/observability';
import { Counter } from 'prom-client';
import { GradeIngestConfig, SERVICE_NAME } from '../config/grade-ingest.config';
import { GradeMetrics, GradeRecordingService, GradeValidator, RecordingOutcome } from '../grades';
import { ImportBatch, ImportFileError, ImportTally, RowRejection, tallyBatch } from './domain';
import { importLimitsOf, mappingWithConfig } from './import-limits.config';
import { ImportEntity, ImportFailure, ImportStatus } from './infrastructure/import.entity';
import { ImportStore, LeaseLostError } from './infrastructure/imports.store';
import { directoryEnvelopes, directoryUpdateOf } from './directory-updates';
import { OneRosterSource, readOneRosterDirectory, readOneRosterImport, rejectImportedGrade } from './oneroster';
import { UploadMissingError, UploadStore } from './upload-store';

// Each start of a run counts, crashes included: an upload that kills the process every time
// must end as a failed import rather than loop for ever.
const MAX_ATTEMPTS = 10;
const SWEEP_BATCH = 20;

/**
 * Runs imports in the background, batch by batch, each batch one transaction (grades, outbox
 * rows, rejections, tally and resume position). Any replica may resume an unfinished import whose
 * lease has lapsed: on start-up and every IMPORT_SWEEP_SECONDS, or when asked to.
 */
@Injectable()
export class ImportProcessor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ImportProcessor.name);
  private readonly owner = `${hostname()}/${process.pid}/${randomUUID()}`;
  private readonly runs = new Map<string, Promise<void>>();
  private readonly finished: Counter<'status'>;
  private stopping = false;
  private sweepTimer?: NodeJS.Timeout;

  constructor(
    private readonly store: ImportStore,
    private readonly uploads: UploadStore,
    private readonly recording: GradeRecordingService,
    private readonly validator: GradeValidator,
    private readonly gradeMetrics: GradeMetrics,
    private readonly config: GradeIngestConfig,
    private readonly runtime: MessagingRuntime,
    metrics: MetricsService,
  ) {
    this.finished = metrics.createCounter('grade_ingest_imports_finished_total', 'OneRoster imports that completed or failed', ['status']);
  }

  onApplicationBootstrap(): void {
    if (this.config.IMPORT_SWEEP_SECONDS === 0) return;
    void this.sweep();
    this.sweepTimer = setInterval(() => void this.sweep(), this.config.IMPORT_SWEEP_SECONDS * 1000);
    this.sweepTimer.unref();
  }

  /** Lets every running import finish its current batch and hands its lease back. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearInterval(this.sweepTimer);
    await Promise.allSettled(this.runs.values());
  }

  /** Claims an unfinished import and imports it in the background; false when it is not claimable now. */
  async resume(importId: string): Promise<boolean> {
    if (this.stopping || this.runs.has(importId)) return false;
    const claimed = await this.store.claim(importId, this.owner, this.config.IMPORT_LEASE_SECONDS);
    if (claimed === undefined) return false;
    // The upload's trace goes on in the run, so its grades' outbox rows (and all they cause) belong to it.
    const traced = () =>
      inSpan('oneroster import', { kind: SpanKind.INTERNAL, parent: contextFromTraceparent(claimed.traceparent), attributes: { 'mentoring.import.id': importId } }, () => this.run(claimed));
    const run = runWithContext({ correlationId: claimed.correlationId }, traced).finally(() => this.runs.delete(importId));
    this.runs.set(importId, run);
    return true;
  }

  private async sweep(): Promise<void> {
    try {
      for (const importId of await this.store.claimableIds(SWEEP_BATCH)) await this.resume(importId);
    } catch (error) {
      this.logger.warn({ ...describeError(error) }, 'could not look for unfinished imports');
    }
  }

  private async run(entity: ImportEntity): Promise<void> {
    const heartbeat = setInterval(
      () => void this.store.renew(entity.id, this.owner, this.config.IMPORT_LEASE_SECONDS).catch(() => undefined),
      (this.config.IMPORT_LEASE_SECONDS * 1000) / 3,
    );
    try {
      if (entity.attempts > MAX_ATTEMPTS) await this.fail(entity, tooManyAttempts(entity));
      else await this.importBatches(entity);
    } catch (error) {
      await this.interrupted(entity, error);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async importBatches(entity: ImportEntity): Promise<void> {
    const upload = await this.uploads.open(entity.id, entity.upload);
    try {
      if (entity.lastRow === 0) await this.publishDirectory(entity, upload.source);
      const batches = readOneRosterImport(upload.source, {
        validation: this.validator.options(),
        mapping: mappingWithConfig(this.config, entity.mapping),
        batchSize: this.config.IMPORT_BATCH_SIZE,
        resumeAfterRow: entity.lastRow,
        limits: importLimitsOf(this.config),
      });
      for await (const batch of batches) {
        if (this.stopping) return await this.store.release(entity.id, this.owner, 'shutdown');
        await this.persistBatch(entity, batch);
      }
    } finally {
      upload.close();
    }
    if (await this.store.complete(entity.id, this.owner)) await this.finish(entity, 'completed');
  }

  /**
   * Names, emails and identifiers of users.csv go to the student directory (mentor-matching and
   * notification) before the grades, so a student flagged by this import is greeted by name. A
   * resumed import writes the same events again, which the outbox ignores.
   */
  private async publishDirectory(entity: ImportEntity, source: OneRosterSource): Promise<void> {
    const entries = await readOneRosterDirectory(source, {
      mapping: mappingWithConfig(this.config, entity.mapping),
      knownPrograms: this.config.KNOWN_PROGRAMS,
      maxReferenceRows: this.config.IMPORT_MAX_REFERENCE_ROWS,
    });
    if (entries.length === 0) return;
    const updates = entries.map((entry) => directoryUpdateOf(entry, entity.createdAt));
    await this.recording.inTransaction(async (manager) => {
      await this.store.lockOwned(manager, entity.id, this.owner);
      await this.runtime.outbox.append(manager, TOPICS.studentsDirectoryUpdated, directoryEnvelopes(entity.id, entity.correlationId, updates, SERVICE_NAME));
    });
  }

  private async persistBatch(entity: ImportEntity, batch: ImportBatch): Promise<void> {
    const outcomes = await this.recording.inTransaction(async (manager) => {
      const current = await this.store.lockOwned(manager, entity.id, this.owner);
      const recorded = await this.recording.record(manager, {
        feed: entity.feed,
        channel: 'oneroster',
        batchId: entity.id,
        grades: batch.grades.map((imported) => imported.grade),
        correlationId: entity.correlationId,
      });
      await this.store.saveBatch(manager, entity.id, {
        tally: tallyBatch(tallyOf(current), batch, recorded.map((outcome) => outcome.outcome)),
        totalRecords: batch.totalRecords,
        rejections: [...batch.rejections, ...identityRejections(batch, recorded)].sort((a, b) => a.row - b.row),
        leaseSeconds: this.config.IMPORT_LEASE_SECONDS,
      });
      return recorded;
    });
    this.gradeMetrics.count('oneroster', [...outcomes.map((o) => o.outcome), ...batch.rejections.map(() => 'rejected' as const)]);
  }

  private async interrupted(entity: ImportEntity, error: unknown): Promise<void> {
    if (error instanceof ImportFileError) return this.fail(entity, fileFailure(error));
    if (error instanceof UploadMissingError) return this.fail(entity, { code: 'upload-missing', message: error.message });
    if (error instanceof LeaseLostError) {
      this.logger.warn({ importId: entity.id }, error.message);
      return;
    }
    const { errorClass, errorMessage } = describeError(error);
    this.logger.error({ importId: entity.id, errorClass, errorMessage }, 'import interrupted; it will be resumed from its last persisted row');
    await this.store.release(entity.id, this.owner, { error: `${errorClass}: ${errorMessage}` }).catch(() => undefined);
  }

  private async fail(entity: ImportEntity, failure: ImportFailure): Promise<void> {
    if (await this.store.fail(entity.id, this.owner, failure)) await this.finish(entity, 'failed');
  }

  private async finish(entity: ImportEntity, status: Exclude<ImportStatus, 'processing'>): Promise<void> {
    this.finished.inc({ status });
    await this.uploads.discard(entity.id);
  }
}

function tallyOf({ rowsRead, accepted, duplicate, amended, rejected, lastRow }: ImportEntity): ImportTally {
  return { rowsRead, accepted, duplicate, amended, rejected, lastRow };
}

/** Grades the files got right but the recorded grades refuse (a record id moved to another student or assessment). */
function identityRejections(batch: ImportBatch, outcomes: readonly RecordingOutcome[]): RowRejection[] {
  return outcomes.flatMap((outcome, index) => (outcome.outcome === 'rejected' ? [rejectImportedGrade(batch.grades[index], outcome.problems)] : []));
}

function fileFailure({ code, file, line, row, message, limit }: ImportFileError): ImportFailure {
  return { code, file, ...(line !== undefined && { line }), ...(row !== undefined && { row }), message, ...(limit !== undefined && { limit }) };
}

function tooManyAttempts(entity: ImportEntity): ImportFailure {
  const last = entity.lastError === null ? '' : `; the last one ended with ${entity.lastError}`;
  return { code: 'too-many-attempts', message: `the import was started ${MAX_ATTEMPTS} times without finishing${last}` };
}
