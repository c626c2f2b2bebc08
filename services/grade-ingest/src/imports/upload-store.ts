import { access, mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { GradeIngestConfig } from '../config/grade-ingest.config';
import { importLimitsOf } from './import-limits.config';
import { StoredUpload } from './infrastructure/import.entity';
import { fileSource, OneRosterSource, openZipSource } from './oneroster';
import { UploadedPart, UploadPlan } from './upload-plan';

const ZIP_FILE = 'upload.zip';

/** An import's files are gone (e.g. a replica on another host without shared storage took it over). */
export class UploadMissingError extends Error {
  constructor(importId: string, path: string) {
    super(`the uploaded files of import ${importId} are no longer at ${path}; upload the file set again (rows already recorded will count as duplicates)`);
    this.name = 'UploadMissingError';
  }
}

export interface OpenedUpload {
  source: OneRosterSource;
  close(): void;
}

/**
 * Keeps each import's uploaded files in a folder of its own under UPLOAD_DIR until the import is
 * finished: results.csv is read twice, and an interrupted import is resumed from these files.
 */
@Injectable()
export class UploadStore {
  constructor(private readonly config: GradeIngestConfig) {}

  async keep(importId: string, plan: UploadPlan): Promise<StoredUpload> {
    const dir = this.dirOf(importId);
    await mkdir(dir, { recursive: true });
    await this.discardParts(plan.ignored);
    const ignoredFiles = plan.ignored.map((part) => part.originalName);
    if (plan.kind === 'zip') {
      await rename(plan.zip.path, join(dir, ZIP_FILE));
      return { kind: 'zip', originalName: plan.zip.originalName, ignoredFiles };
    }
    for (const [name, part] of plan.files) await rename(part.path, join(dir, name));
    return { kind: 'files', files: [...plan.files.keys()], ignoredFiles };
  }

  async discardParts(parts: readonly UploadedPart[]): Promise<void> {
    await Promise.all(parts.map((part) => rm(part.path, { force: true })));
  }

  async open(importId: string, upload: StoredUpload): Promise<OpenedUpload> {
    const dir = this.dirOf(importId);
    const paths = upload.kind === 'zip' ? [join(dir, ZIP_FILE)] : upload.files.map((name) => join(dir, name));
    await Promise.all(paths.map((path) => access(path).catch(() => Promise.reject(new UploadMissingError(importId, path)))));
    const limits = importLimitsOf(this.config);
    if (upload.kind === 'files') {
      return { source: fileSource(Object.fromEntries(upload.files.map((name) => [name, join(dir, name)])), limits), close: () => undefined };
    }
    const zip = await openZipSource(paths[0], upload.originalName, limits);
    return { source: zip, close: () => zip.close() };
  }

  /** Deletes a finished import's files. */
  async discard(importId: string): Promise<void> {
    await rm(this.dirOf(importId), { recursive: true, force: true });
  }

  private dirOf(importId: string): string {
    return join(this.config.UPLOAD_DIR, importId);
  }
}
