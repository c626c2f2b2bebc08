import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { crc32 } from 'node:zlib';
import * as yauzl from 'yauzl';
import { DEFAULT_IMPORT_LIMITS, formatBytes, ImportFileError, ImportLimits, tooLarge } from '../domain';

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

/** The caps a source enforces on the bytes it hands out; rows are the importer's to count. */
export type ByteLimits = Pick<ImportLimits, 'maxTotalBytes' | 'maxFileBytes' | 'maxCompressionRatio'>;

const DEFAULT_BYTE_LIMITS: ByteLimits = DEFAULT_IMPORT_LIMITS;

/**
 * An entry this small may compress better than the ratio cap allows (a column of identical values
 * does) without being a danger; only inflating past it is suspicious.
 */
export const RATIO_GRACE_BYTES = 1024 * 1024;

/** A file set uploaded as separate files, e.g. a multipart upload saved to disk: OneRoster name -> path. */
export function fileSource(pathsByFileName: Readonly<Record<string, string>>, limits: ByteLimits = DEFAULT_BYTE_LIMITS): OneRosterSource {
  const meter = new ByteMeter(limits);
  const pathOf = (fileName: string) => {
    const path = pathsByFileName[fileName];
    if (path === undefined) throw new RangeError(`the file set has no ${fileName}`);
    return path;
  };
  return {
    has: (fileName) => pathsByFileName[fileName] !== undefined,
    open: async (fileName) => metered(createReadStream(pathOf(fileName)), meter.count(fileName)),
  };
}

/**
 * Opens a zipped file set. Files are found by name anywhere in the archive, since exporters
 * often zip a folder; macOS resource forks are ignored. A truncated or corrupt archive fails
 * here or, if only an entry's data is damaged, while that entry is read.
 */
export async function openZipSource(
  zipPath: string,
  displayName = basename(zipPath),
  limits: ByteLimits & Pick<ImportLimits, 'maxZipEntries'> = DEFAULT_IMPORT_LIMITS,
): Promise<ZipSource> {
  const zip = await openZip(zipPath, displayName);
  try {
    // The count comes from the end of the archive, before any entry is read, and yauzl reads no more entries than it says.
    if (zip.entryCount > limits.maxZipEntries) {
      throw tooLarge('zip-entries', displayName, limits.maxZipEntries, `lists ${zip.entryCount} entries, more than ${limits.maxZipEntries}`, zip.entryCount);
    }
    const entries = await indexEntries(zip, displayName);
    const meter = new ByteMeter(limits);
    const entryOf = (fileName: string) => {
      const entry = entries.get(fileName);
      if (entry === undefined) throw new RangeError(`${displayName} has no ${fileName}`);
      return entry;
    };
    return {
      has: (fileName) => entries.has(fileName),
      open: async (fileName) => {
        const entry = entryOf(fileName);
        meter.checkDeclared(fileName, entry);
        return metered(await readEntry(zip, entry, fileName, displayName), meter.count(fileName, entry.compressedSize));
      },
      close: () => zip.close(),
    };
  } catch (error) {
    zip.close();
    throw error;
  }
}

async function openZip(zipPath: string, displayName: string): Promise<yauzl.ZipFile> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false });
  } catch (error) {
    throw corruptZip(displayName, `${displayName} is not a readable zip archive (truncated or corrupt)`, error);
  }
  // Reading errors reach the entry iterator and the entry streams; an error emitted with nobody
  // listening (e.g. closing the file fails) would otherwise end the process.
  zip.on('error', () => undefined);
  return zip;
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
    if (error instanceof Error && UNSAFE_NAME.test(error.message)) {
      // Nothing is ever extracted to disk, but an archive crafted to climb out of its folder is no export.
      throw corruptZip(displayName, `${displayName} has an entry whose name is not a plain relative path; archives with such names are refused`, error);
    }
    throw corruptZip(displayName, `${displayName} has a damaged table of contents (truncated or corrupt)`, error);
  }
  return entries;
}

// yauzl's validateFileName messages: absolute paths, ".." segments, backslashes.
const UNSAFE_NAME = /^(absolute path|invalid relative path|invalid characters in fileName): /;

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

/** Pipes a file's bytes through a counting stream; failure on either side fails the result, and closing it stops the source. */
function metered(input: Readable, counter: Transform): Readable {
  input.on('error', (error) => counter.destroy(error));
  counter.on('close', () => input.destroy());
  return input.pipe(counter);
}

/**
 * Counts the bytes a source really hands out, as they come: a zip's declared sizes are checked
 * too, for an early answer, but never trusted alone. Each file counts once towards the total, at
 * the most any read of it produced, since results.csv is read more than once.
 */
class ByteMeter {
  private readonly inflated = new Map<string, number>();

  constructor(private readonly limits: ByteLimits) {}

  /** Refuses an entry whose header already says it is over a cap. */
  checkDeclared(fileName: string, entry: Pick<yauzl.Entry, 'uncompressedSize' | 'compressedSize'>): void {
    const problem = this.overCap(fileName, entry.uncompressedSize, entry.compressedSize, 'declares');
    if (problem !== undefined) throw problem;
  }

  /** A pass-through stream failing the read at the first chunk that takes it over a cap. */
  count(fileName: string, compressedSize?: number): Transform {
    let read = 0;
    return new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        read += chunk.length;
        const problem = this.overCap(fileName, read, compressedSize, 'inflates to') ?? this.overTotal(fileName, read);
        if (problem !== undefined) return done(problem);
        done(null, chunk);
      },
    });
  }

  private overCap(fileName: string, bytes: number, compressedSize: number | undefined, verb: string): ImportFileError | undefined {
    const { maxFileBytes, maxCompressionRatio } = this.limits;
    const zipped = compressedSize !== undefined;
    if (bytes > maxFileBytes) {
      const what = zipped ? `${verb} more than ${formatBytes(maxFileBytes)}` : `is larger than ${formatBytes(maxFileBytes)}`;
      return tooLarge('file-uncompressed-bytes', fileName, maxFileBytes, `${what}, the most one file may hold`, bytes);
    }
    if (zipped && bytes > RATIO_GRACE_BYTES && bytes > maxCompressionRatio * compressedSize) {
      const ratio = Math.floor(bytes / Math.max(1, compressedSize));
      return tooLarge(
        'compression-ratio',
        fileName,
        maxCompressionRatio,
        `${verb} ${ratio} times its compressed size of ${formatBytes(compressedSize)} or more, above the ratio of ${maxCompressionRatio} an export has`,
        ratio,
      );
    }
    return undefined;
  }

  private overTotal(fileName: string, read: number): ImportFileError | undefined {
    if (read > (this.inflated.get(fileName) ?? 0)) this.inflated.set(fileName, read);
    let total = 0;
    for (const bytes of this.inflated.values()) total += bytes;
    const { maxTotalBytes } = this.limits;
    if (total <= maxTotalBytes) return undefined;
    return tooLarge('total-uncompressed-bytes', fileName, maxTotalBytes, `takes the files of the set over ${formatBytes(maxTotalBytes)} together`, total);
  }
}
