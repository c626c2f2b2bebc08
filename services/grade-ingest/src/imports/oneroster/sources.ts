import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { crc32 } from 'node:zlib';
import * as yauzl from 'yauzl';
import { ImportFileError } from '../domain';

/**
 * A OneRoster file set. Files may be opened more than once (the importer checks results.csv in
 * full before importing from it), so a source is backed by files on disk or by a zip, not by a
 * one-shot upload stream.
 */
export interface OneRosterSource {
  /** Whether the set has the file with this OneRoster name. */
  has(fileName: string): boolean;
  /** Opens a file the set has, as bytes. */
  open(fileName: string): Promise<Readable>;
}

export interface ZipSource extends OneRosterSource {
  close(): void;
}

/** A file set uploaded as separate files, e.g. a multipart upload saved to disk: OneRoster name -> path. */
export function fileSource(pathsByFileName: Readonly<Record<string, string>>): OneRosterSource {
  const pathOf = (fileName: string) => {
    const path = pathsByFileName[fileName];
    if (path === undefined) throw new RangeError(`the file set has no ${fileName}`);
    return path;
  };
  return {
    has: (fileName) => pathsByFileName[fileName] !== undefined,
    open: async (fileName) => createReadStream(pathOf(fileName)),
  };
}

/**
 * Opens a zipped file set. Files are found by name anywhere in the archive, since exporters
 * often zip a folder; macOS resource forks are ignored. A truncated or corrupt archive fails
 * here or, if only an entry's data is damaged, while that entry is read.
 */
export async function openZipSource(zipPath: string, displayName = basename(zipPath)): Promise<ZipSource> {
  const zip = await openZip(zipPath, displayName);
  try {
    const entries = await indexEntries(zip, displayName);
    const entryOf = (fileName: string) => {
      const entry = entries.get(fileName);
      if (entry === undefined) throw new RangeError(`${displayName} has no ${fileName}`);
      return entry;
    };
    return {
      has: (fileName) => entries.has(fileName),
      open: async (fileName) => readEntry(zip, entryOf(fileName), fileName, displayName),
      close: () => zip.close(),
    };
  } catch (error) {
    zip.close();
    throw error;
  }
}

async function openZip(zipPath: string, displayName: string): Promise<yauzl.ZipFile> {
  try {
    return await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false });
  } catch (error) {
    throw corruptZip(displayName, `${displayName} is not a readable zip archive (truncated or corrupt)`, error);
  }
}

async function indexEntries(zip: yauzl.ZipFile, displayName: string): Promise<Map<string, yauzl.Entry>> {
  const entries = new Map<string, yauzl.Entry>();
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/') || isResourceFork(entry.fileName)) continue;
      const name = basename(entry.fileName);
      if (entries.has(name)) throw duplicateFile(displayName, name);
      entries.set(name, entry);
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw corruptZip(displayName, `${displayName} has a damaged table of contents (truncated or corrupt)`, error);
  }
  return entries;
}

function isResourceFork(path: string): boolean {
  return path.startsWith('__MACOSX/') || basename(path).startsWith('._');
}

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, fileName: string, displayName: string): Promise<Readable> {
  const damaged = (error: unknown) =>
    corruptZip(fileName, `${fileName} in ${displayName} cannot be extracted (the archive is truncated or corrupt)`, error);
  let raw: Readable;
  try {
    raw = await zip.openReadStreamPromise(entry);
  } catch (error) {
    throw damaged(error);
  }
  // Readers see an import error naming the file, not a bare inflate error.
  const output = crcCheck(entry.crc32, () => damaged(new Error('CRC-32 mismatch')));
  raw.on('error', (error) => output.destroy(damaged(error)));
  output.on('close', () => raw.destroy());
  return raw.pipe(output);
}

// yauzl checks sizes but not checksums; without this, a damaged entry could import as wrong grades.
function crcCheck(expected: number, mismatch: () => Error): Transform {
  let crc = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      crc = crc32(chunk, crc);
      done(null, chunk);
    },
    flush(done) {
      done(crc === expected ? null : mismatch());
    },
  });
}

function corruptZip(file: string, summary: string, cause: unknown): ImportFileError {
  const detail = cause instanceof Error ? `: ${cause.message}` : '';
  return new ImportFileError({ code: 'corrupt-zip', file, message: `${summary}${detail}` }, { cause });
}

function duplicateFile(displayName: string, name: string): ImportFileError {
  return new ImportFileError({
    code: 'duplicate-file',
    file: name,
    message: `${displayName} contains ${name} more than once; a file set has one of each file`,
  });
}
