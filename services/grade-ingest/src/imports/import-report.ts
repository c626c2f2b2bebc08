import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { RowProblem } from './domain';
import { ImportRejectionEntity } from './infrastructure/import-rejection.entity';
import { ImportEntity, ImportFailure, ImportStatus, StoredUpload } from './infrastructure/import.entity';

export const DEFAULT_REJECTIONS_PAGE = 100;
export const MAX_REJECTIONS_PAGE = 1000;

/** Which page of rejected rows a report shows: the rows after `rejectionsAfterRow`. */
export class ImportReportQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) rejectionsAfterRow?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_REJECTIONS_PAGE) rejectionsLimit?: number;
}

export interface ImportReport {
  id: string;
  feed: string;
  status: ImportStatus;
  createdAt: string;
  finishedAt: string | null;
  upload: StoredUpload;
  /** Records in results.csv, known once the file has been checked. */
  totalRecords: number | null;
  rowsRead: number;
  accepted: number;
  duplicate: number;
  amended: number;
  rejected: number;
  /** results.csv row up to which everything is recorded (where a resumed import goes on). */
  lastRow: number;
  /** Why the import stopped, when it failed; what it recorded before is in the counts above. */
  error: ImportFailure | null;
  /** What interrupted the last run of an import still waiting to be resumed. */
  interruption: string | null;
  rejections: {
    total: number;
    items: Array<{ row: number; sourceRecordId: string; problems: RowProblem[] }>;
    /** Pass as rejectionsAfterRow for the next page; null on the last page. */
    nextAfterRow: number | null;
  };
}

export function toImportReport(entity: ImportEntity, rejections: ImportRejectionEntity[], limit: number): ImportReport {
  return {
    id: entity.id,
    feed: entity.feed,
    status: entity.status,
    createdAt: entity.createdAt.toISOString(),
    finishedAt: entity.finishedAt?.toISOString() ?? null,
    upload: entity.upload,
    totalRecords: entity.totalRecords,
    rowsRead: entity.rowsRead,
    accepted: entity.accepted,
    duplicate: entity.duplicate,
    amended: entity.amended,
    rejected: entity.rejected,
    lastRow: entity.lastRow,
    error: entity.failure,
    interruption: entity.status === 'processing' ? entity.lastError : null,
    rejections: {
      total: entity.rejected,
      items: rejections.map(({ row, sourceRecordId, problems }) => ({ row, sourceRecordId, problems })),
      nextAfterRow: rejections.length === limit ? rejections[rejections.length - 1].row : null,
    },
  };
}
