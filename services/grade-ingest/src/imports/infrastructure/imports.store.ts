import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ImportTally, RowRejection } from '../domain';
import { OneRosterMapping } from '../oneroster';
import { ImportRejectionEntity } from './import-rejection.entity';
import { ImportEntity, ImportFailure, StoredUpload } from './import.entity';

/** The replica's lease on an import ended (it expired and another replica claimed the import). */
export class LeaseLostError extends Error {
  constructor(importId: string) {
    super(`the lease on import ${importId} was taken over by another replica`);
    this.name = 'LeaseLostError';
  }
}

export interface NewImport {
  id: string;
  feed: string;
  upload: StoredUpload;
  mapping: OneRosterMapping;
  correlationId: string;
  traceparent: string | null;
}

export interface BatchProgress {
  tally: ImportTally;
  totalRecords: number;
  rejections: RowRejection[];
  leaseSeconds: number;
}

// 4 parameters a row: far below PostgreSQL's bind parameter limit.
const REJECTION_CHUNK = 1000;
// Database time everywhere, so replicas with skewed clocks agree on whether a lease has expired.
const LEASE_EXPIRY = 'now() + make_interval(secs => :leaseSeconds)';
const LEASE_FREE = '(lease_expires_at IS NULL OR lease_expires_at < now())';

/**
 * Imports and their leases. A replica works on an import only while it holds the lease, and every
 * batch it persists re-checks the lease in its transaction, so a replica that stalled past its
 * lease cannot write after another one took over.
 */
@Injectable()
export class ImportStore {
  constructor(private readonly dataSource: DataSource) {}

  async create(fields: NewImport): Promise<ImportEntity> {
    const repository = this.dataSource.getRepository(ImportEntity);
    await repository.insert({ ...fields, status: 'processing' });
    return repository.findOneByOrFail({ id: fields.id });
  }

  find(id: string): Promise<ImportEntity | null> {
    return this.dataSource.getRepository(ImportEntity).findOneBy({ id });
  }

  /** Rejected rows after `afterRow`, in row order. */
  rejections(importId: string, afterRow: number, limit: number): Promise<ImportRejectionEntity[]> {
    return this.dataSource
      .getRepository(ImportRejectionEntity)
      .createQueryBuilder('rejection')
      .where('rejection.import_id = :importId AND rejection.row > :afterRow', { importId, afterRow })
      .orderBy('rejection.row')
      .take(limit)
      .getMany();
  }

  /** Unfinished imports nobody holds a live lease on, oldest first. */
  async claimableIds(limit: number): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(ImportEntity)
      .createQueryBuilder('import')
      .select('import.id', 'id')
      .where(`import.status = 'processing' AND ${LEASE_FREE}`)
      .orderBy('import.created_at')
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  /** Takes the lease of an unfinished import nobody else holds; undefined when that is not the case. */
  async claim(id: string, owner: string, leaseSeconds: number): Promise<ImportEntity | undefined> {
    const result = await this.updateImport()
      .set({ leaseOwner: owner, leaseExpiresAt: () => LEASE_EXPIRY, attempts: () => 'attempts + 1' })
      .where(`id = :id AND status = 'processing' AND ${LEASE_FREE}`, { id, leaseSeconds })
      .execute();
    if (result.affected !== 1) return undefined;
    return (await this.find(id)) ?? undefined;
  }

  async renew(id: string, owner: string, leaseSeconds: number): Promise<void> {
    await this.updateImport()
      .set({ leaseExpiresAt: () => LEASE_EXPIRY })
      .where('id = :id AND lease_owner = :owner', { id, owner, leaseSeconds })
      .execute();
  }

  /**
   * Gives the lease up so another replica can resume at once: after an error (noted on the import),
   * or on shutdown, which is a hand-over rather than a failed attempt.
   */
  async release(id: string, owner: string, reason: { error: string } | 'shutdown'): Promise<void> {
    const handOver = reason === 'shutdown';
    await this.updateImport()
      .set({
        leaseOwner: null,
        leaseExpiresAt: null,
        ...(handOver ? { attempts: () => 'attempts - 1' } : { lastError: reason.error }),
      })
      .where('id = :id AND lease_owner = :owner', { id, owner })
      .execute();
  }

  /** Locks the import for a batch, provided this replica still holds its lease. */
  async lockOwned(manager: EntityManager, id: string, owner: string): Promise<ImportEntity> {
    const locked = await manager.findOne(ImportEntity, {
      where: { id, leaseOwner: owner, status: 'processing' },
      lock: { mode: 'pessimistic_write' },
    });
    if (locked === null) throw new LeaseLostError(id);
    return locked;
  }

  /** Stores a batch's rejections, tally and resume position, and extends the lease. */
  async saveBatch(manager: EntityManager, id: string, progress: BatchProgress): Promise<void> {
    await insertRejections(manager, id, progress.rejections);
    const { tally, totalRecords, leaseSeconds } = progress;
    await manager
      .createQueryBuilder()
      .update(ImportEntity)
      .set({
        rowsRead: tally.rowsRead,
        accepted: tally.accepted,
        duplicate: tally.duplicate,
        amended: tally.amended,
        rejected: tally.rejected,
        lastRow: tally.lastRow,
        totalRecords,
        lastError: null,
        leaseExpiresAt: () => LEASE_EXPIRY,
      })
      .where('id = :id', { id, leaseSeconds })
      .execute();
  }

  /** Every row was read: the import is complete. False when the lease was lost first. */
  async complete(id: string, owner: string): Promise<boolean> {
    const result = await this.updateImport()
      .set({ status: 'completed', totalRecords: () => 'rows_read', finishedAt: () => 'now()', leaseOwner: null, leaseExpiresAt: null, lastError: null })
      .where('id = :id AND lease_owner = :owner', { id, owner })
      .execute();
    return result.affected === 1;
  }

  /** The import cannot go on: the report keeps what was recorded before, and says why it stopped. */
  async fail(id: string, owner: string, failure: ImportFailure): Promise<boolean> {
    const result = await this.updateImport()
      .set({ status: 'failed', failure, finishedAt: () => 'now()', leaseOwner: null, leaseExpiresAt: null })
      .where('id = :id AND lease_owner = :owner', { id, owner })
      .execute();
    return result.affected === 1;
  }

  private updateImport() {
    return this.dataSource.createQueryBuilder().update(ImportEntity);
  }
}

async function insertRejections(manager: EntityManager, importId: string, rejections: RowRejection[]): Promise<void> {
  for (let start = 0; start < rejections.length; start += REJECTION_CHUNK) {
    const rows = rejections.slice(start, start + REJECTION_CHUNK).map(({ row, sourceRecordId, problems }) => ({ importId, row, sourceRecordId, problems }));
    await manager.createQueryBuilder().insert().into(ImportRejectionEntity).values(rows).updateEntity(false).execute();
  }
}
