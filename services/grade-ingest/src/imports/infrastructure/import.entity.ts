import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ImportFileErrorCode, ImportLimitExceeded } from '../domain';
import { OneRosterMapping } from '../oneroster';

export type ImportStatus = 'processing' | 'completed' | 'failed';

/** Why an import stopped for good: a file-level problem, or its upload or attempts ran out. */
export interface ImportFailure {
  code: ImportFileErrorCode | 'upload-missing' | 'too-many-attempts';
  file?: string;
  line?: number;
  row?: number;
  message: string;
  /** For `too-large`: which cap, its limit and the value seen. */
  limit?: ImportLimitExceeded;
}

/** The uploaded file set as kept on disk under the import's own folder. */
export type StoredUpload =
  | { kind: 'zip'; originalName: string; ignoredFiles: string[] }
  | { kind: 'files'; files: string[]; ignoredFiles: string[] };

/**
 * A OneRoster import: its report (tally, rejections in import_rejections, failure) and what a
 * replica needs to resume it (upload, mapping, last persisted row, lease).
 */
@Entity({ name: 'imports' })
export class ImportEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') feed!: string;
  @Column('text') status!: ImportStatus;
  @Column('jsonb') upload!: StoredUpload;
  @Column('jsonb') mapping!: OneRosterMapping;
  @Column('text', { name: 'correlation_id' }) correlationId!: string;
  /** W3C trace context of the upload request; null when it was not traced. */
  @Column('text', { nullable: true }) traceparent!: string | null;
  @Column('int', { name: 'total_records', nullable: true }) totalRecords!: number | null;
  @Column('int', { name: 'rows_read' }) rowsRead!: number;
  @Column('int') accepted!: number;
  @Column('int') duplicate!: number;
  @Column('int') amended!: number;
  @Column('int') rejected!: number;
  /** Spreadsheet row of results.csv up to which everything is persisted: the resume position. */
  @Column('int', { name: 'last_row' }) lastRow!: number;
  @Column('jsonb', { nullable: true }) failure!: ImportFailure | null;
  /** Runs started on this import (crashed ones included); bounded so a poison upload cannot loop forever. */
  @Column('int') attempts!: number;
  /** The error that interrupted the last run, while the import waits to be resumed. */
  @Column('text', { name: 'last_error', nullable: true }) lastError!: string | null;
  @Column('text', { name: 'lease_owner', nullable: true }) leaseOwner!: string | null;
  @Column('timestamptz', { name: 'lease_expires_at', nullable: true }) leaseExpiresAt!: Date | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt!: Date | null;
}
