import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PROGRAMS, GradeValidationOptions } from '../../grades/domain';
import { DEFAULT_IMPORT_LIMITS, ImportFileError, ImportLimits } from '../domain';
import { readOneRosterImport } from './oneroster-import';
import { fileSource, OneRosterSource, openZipSource, RATIO_GRACE_BYTES, ZipSource } from './sources';
import { writeOneRosterFixture } from './testing/oneroster-fixture';
import { writeZip, ZipEntryInput } from './testing/zip-writer';

const validation: GradeValidationOptions = {
  now: new Date('2025-04-01T00:00:00Z'),
  maxFutureSkewMs: 5 * 60 * 1000,
  knownPrograms: DEFAULT_PROGRAMS,
};

const MB = 1024 * 1024;
// A valid results.csv row: a bomb made of it gets past the CSV and UTF-8 checks, so only a cap can stop it.
const RESULT_ROW = 'res-0000001,active,2025-03-20T08:00:00.000Z,li-001,usr-00001,fully graded,62,2025-03-01,,,,false,false,false,false\r\n';
const ROWS_CHUNK = RESULT_ROW.repeat(8000);

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oneroster-hostile-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The file error an import fails with, checking that it failed before yielding any batch. */
async function fileError(source: OneRosterSource, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): Promise<ImportFileError> {
  const error = await readOneRosterImport(source, { validation, limits })
    .next()
    .then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
  if (error instanceof ImportFileError) return error;
  throw new Error(`expected an ImportFileError before the first batch, got ${String(error)}`);
}

/** A zip of the fixture's files with `results.csv` (and any other entry) replaced by `entries`. */
async function zipWith(entries: ZipEntryInput[], zipName = 'upload.zip'): Promise<string> {
  const { files } = await writeOneRosterFixture(join(dir, 'set'), { results: 20 });
  const replaced = new Set(entries.map((entry) => entry.name));
  const kept = await Promise.all(Object.entries(files).filter(([name]) => !replaced.has(name)).map(async ([name, path]) => ({ name, data: await readFile(path) })));
  const zipPath = join(dir, zipName);
  await writeZip(zipPath, [...kept, ...entries]);
  return zipPath;
}

async function withZip<T>(zipPath: string, limits: ImportLimits, use: (zip: ZipSource) => Promise<T>): Promise<T> {
  const zip = await openZipSource(zipPath, 'upload.zip', limits);
  try {
    return await use(zip);
  } finally {
    zip.close();
  }
}

const bomb = (times: number, extra: Partial<ZipEntryInput> = {}): ZipEntryInput => ({ name: 'results.csv', data: { repeat: 'sourcedId,status,dateLastModified,lineItemSourcedId,studentSourcedId,scoreStatus,score,scoreDate,comment,textScore,classSourcedId,inProgress,incomplete,late,missing\r\n' + ROWS_CHUNK, times }, ...extra });

describe('caps on what an import may make the service read', () => {
  it('refuses a zip bomb (a few MB inflating to over 1 GiB) by its declared size, before inflating anything', async () => {
    const zipPath = await zipWith([bomb(1300)]);
    expect((await readFile(zipPath)).length).toBeLessThan(8 * MB);

    const error = await withZip(zipPath, DEFAULT_IMPORT_LIMITS, (zip) => fileError(zip));

    expect(error).toMatchObject({
      code: 'too-large',
      file: 'results.csv',
      limit: { cap: 'file-uncompressed-bytes', setting: 'IMPORT_MAX_FILE_MB', limit: 512 * MB, unit: 'bytes', seen: expect.any(Number) },
      message: expect.stringContaining('declares more than 512 MiB'),
    });
    expect(error.limit?.seen).toBeGreaterThan(1024 * MB);
  }, 30_000);

  it('counts inflated bytes as they come and stops at the total cap, which no single header shows', async () => {
    const limits = { ...DEFAULT_IMPORT_LIMITS, maxFileBytes: 1.8 * MB, maxTotalBytes: 2 * MB, maxCompressionRatio: 10_000 };
    // Each entry is under the per-file cap, and the ratio is allowed: only the sum is too much.
    const lineItemsHeader = 'sourcedId,classSourcedId,categorySourcedId,resultValueMax\r\n';
    const lineItems = lineItemsHeader + Array.from({ length: 20_000 }, (_, i) => `li-${i},cls-${i % 7},cat-sum,100`).join('\r\n') + '\r\n';
    const zipPath = await zipWith([{ name: 'lineItems.csv', data: lineItems }, bomb(2)]);

    const error = await withZip(zipPath, limits, (zip) => fileError(zip, limits));

    expect(error).toMatchObject({ code: 'too-large', file: 'results.csv', limit: { cap: 'total-uncompressed-bytes', limit: 2 * MB } });
    // Reading stopped at the chunk that crossed the cap, not at the end of the entry.
    expect(error.limit?.seen).toBeGreaterThan(2 * MB);
    expect(error.limit?.seen).toBeLessThan(2 * MB + 256 * 1024);
  }, 30_000);

  it('refuses an entry that inflates to more than the compression ratio allows', async () => {
    const limits = { ...DEFAULT_IMPORT_LIMITS, maxCompressionRatio: 50 };
    const zipPath = await zipWith([bomb(3)]);

    const error = await withZip(zipPath, limits, (zip) => fileError(zip, limits));

    expect(error).toMatchObject({ code: 'too-large', file: 'results.csv', limit: { cap: 'compression-ratio', setting: 'IMPORT_MAX_COMPRESSION_RATIO', limit: 50, unit: 'ratio' } });
    expect(error.limit?.seen).toBeGreaterThan(50);
  });

  it('lets a small entry compress better than the ratio, since it cannot inflate far', async () => {
    const limits = { ...DEFAULT_IMPORT_LIMITS, maxCompressionRatio: 2 };
    const { files } = await writeOneRosterFixture(join(dir, 'set'), { results: 200 });
    const zipPath = join(dir, 'small.zip');
    await writeZip(zipPath, await Promise.all(Object.entries(files).map(async ([name, path]) => ({ name, data: await readFile(path) }))));
    expect((await readFile(files['results.csv'])).length).toBeLessThan(RATIO_GRACE_BYTES);

    const batches = await withZip(zipPath, limits, async (zip) => {
      let rows = 0;
      for await (const batch of readOneRosterImport(zip, { validation, limits })) rows += batch.grades.length + batch.rejections.length;
      return rows;
    });

    expect(batches).toBe(200);
  }, 30_000);

  it('refuses a zip listing more entries than the cap, before reading any', async () => {
    const limits = { ...DEFAULT_IMPORT_LIMITS, maxZipEntries: 10 };
    const padding = Array.from({ length: 12 }, (_, i) => ({ name: `photos/${i}.txt`, data: 'x' }));
    const zipPath = await zipWith(padding);

    await expect(openZipSource(zipPath, 'upload.zip', limits)).rejects.toMatchObject({
      code: 'too-large',
      file: 'upload.zip',
      limit: { cap: 'zip-entries', limit: 10, seen: expect.any(Number) },
    });
  });

  it('counts the bytes of uploaded CSV files too', async () => {
    const limits = { ...DEFAULT_IMPORT_LIMITS, maxFileBytes: MB };
    const fixture = await writeOneRosterFixture(join(dir, 'set'), { results: 12_000 });

    const error = await fileError(fileSource(fixture.files, limits), limits);

    expect(error).toMatchObject({ code: 'too-large', file: 'results.csv', limit: { cap: 'file-uncompressed-bytes', limit: MB }, message: expect.stringContaining('is larger than 1 MiB') });
  }, 30_000);

  it('refuses a results.csv with more records than the cap, before importing any', async () => {
    const limits = { ...DEFAULT_IMPORT_LIMITS, maxResultRows: 150 };
    const fixture = await writeOneRosterFixture(join(dir, 'set'), { results: 151 });

    await expect(fileError(fileSource(fixture.files), limits)).resolves.toMatchObject({
      code: 'too-large',
      file: 'results.csv',
      limit: { cap: 'result-rows', setting: 'IMPORT_MAX_RESULT_ROWS', limit: 150, unit: 'rows' },
      message: expect.stringContaining('results.csv has more than 150 records'),
    });
  });

  it('imports a results.csv of exactly the cap', async () => {
    const limits = { ...DEFAULT_IMPORT_LIMITS, maxResultRows: 150 };
    const fixture = await writeOneRosterFixture(join(dir, 'set'), { results: 150 });
    let rows = 0;

    for await (const batch of readOneRosterImport(fileSource(fixture.files), { validation, limits })) rows += batch.grades.length + batch.rejections.length;

    expect(rows).toBe(150);
  });

  it('refuses a reference file with more records than the cap', async () => {
    const limits = { ...DEFAULT_IMPORT_LIMITS, maxReferenceRows: 15 };
    // 240 results over 12 line items: 20 users, more than the cap; lineItems.csv is within it.
    const fixture = await writeOneRosterFixture(join(dir, 'set'), { results: 240 });

    await expect(fileError(fileSource(fixture.files), limits)).resolves.toMatchObject({
      code: 'too-large',
      file: 'users.csv',
      limit: { cap: 'reference-rows', setting: 'IMPORT_MAX_REFERENCE_ROWS', limit: 15 },
    });
  });
});

describe('hostile archives and files fail the import with a clear error', () => {
  it.each([
    ['a parent-folder name', '../../results.csv'],
    ['an absolute name', '/etc/results.csv'],
  ])('refuses a zip with %s', async (_label, name) => {
    const zipPath = await zipWith([{ name, data: 'anything' }]);

    await expect(openZipSource(zipPath, 'upload.zip')).rejects.toMatchObject({
      code: 'corrupt-zip',
      file: 'upload.zip',
      message: expect.stringContaining('not a plain relative path'),
    });
  });

  it('does not open a zip inside the zip', async () => {
    const { files } = await writeOneRosterFixture(join(dir, 'inner'), { results: 20 });
    const innerZip = join(dir, 'inner.zip');
    await writeZip(innerZip, await Promise.all(Object.entries(files).map(async ([name, path]) => ({ name, data: await readFile(path) }))));
    const outer = join(dir, 'outer.zip');
    await writeZip(outer, [{ name: 'export/grades.zip', data: await readFile(innerZip) }]);

    await expect(withZip(outer, DEFAULT_IMPORT_LIMITS, (zip) => fileError(zip))).resolves.toMatchObject({ code: 'missing-file', file: 'results.csv' });
  });

  it('refuses a zip passed off as results.csv as not being UTF-8 text', async () => {
    const { files } = await writeOneRosterFixture(join(dir, 'inner'), { results: 20 });
    const innerZip = join(dir, 'inner.zip');
    await writeZip(innerZip, [{ name: 'results.csv', data: { repeat: ROWS_CHUNK, times: 50 } }]);

    const error = await fileError(fileSource({ ...files, 'results.csv': innerZip }));

    expect(['invalid-utf8', 'missing-columns', 'malformed-csv']).toContain(error.code);
    expect(error.file).toBe('results.csv');
  });

  it('refuses a record with a huge field without reading it whole', async () => {
    const { files } = await writeOneRosterFixture(join(dir, 'set'), { results: 20 });
    const results = await readFile(files['results.csv'], 'utf8');
    const huge = join(dir, 'huge-field.csv');
    const lines = results.split('\r\n');
    lines[3] = lines[3].replace('active', `"${'a'.repeat(200_000)}"`);
    await writeFile(huge, lines.join('\r\n'));

    await expect(fileError(fileSource({ ...files, 'results.csv': huge }))).resolves.toMatchObject({ code: 'malformed-csv', file: 'results.csv' });
  });

  it('refuses a reference value too long to be an id, code or title, since reference tables are held in memory', async () => {
    const { files } = await writeOneRosterFixture(join(dir, 'set'), { results: 20 });
    const users = (await readFile(files['users.csv'], 'utf8')).split('\r\n');
    users[1] = users[1].replace('S000001', 'S'.repeat(300));
    await writeFile(files['users.csv'], users.join('\r\n'));

    await expect(fileError(fileSource(files))).resolves.toMatchObject({
      code: 'malformed-row',
      file: 'users.csv',
      row: 2,
      message: 'users.csv row 2 has a value longer than 256 characters in identifier',
    });
  });
});
