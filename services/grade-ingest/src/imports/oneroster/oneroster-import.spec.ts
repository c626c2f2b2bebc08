import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { DEFAULT_PROGRAMS, GradeValidationOptions } from '../../grades/domain';
import { ImportBatch, ImportFileError } from '../domain';
import { OneRosterImportOptions, readOneRosterImport } from './oneroster-import';
import { fileSource, OneRosterSource, openZipSource } from './sources';
import { writeOneRosterFixture } from './testing/oneroster-fixture';
import { writeZip } from './testing/zip-writer';

const validation: GradeValidationOptions = {
  now: new Date('2025-04-01T00:00:00Z'),
  maxFutureSkewMs: 5 * 60 * 1000,
  knownPrograms: DEFAULT_PROGRAMS,
};

const CENTRAL_HEADER_SIZE = 46;
const CENTRAL_CRC_OFFSET = 16;

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oneroster-import-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(source: OneRosterSource, options: Partial<OneRosterImportOptions> = {}): Promise<ImportBatch[]> {
  const batches: ImportBatch[] = [];
  for await (const batch of readOneRosterImport(source, { validation, ...options })) batches.push(batch);
  return batches;
}

/** The file error an import fails with, checking that it failed before yielding any batch. */
async function fileError(source: OneRosterSource): Promise<ImportFileError> {
  const batches = readOneRosterImport(source, { validation });
  const error = await batches.next().then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (error instanceof ImportFileError) return error;
  throw new Error(`expected an ImportFileError before the first batch, got ${String(error)}`);
}

async function zipFileSet(files: Record<string, string>, zipPath: string, folder = ''): Promise<void> {
  const entries = await Promise.all(Object.entries(files).map(async ([name, path]) => ({ name: `${folder}${name}`, data: await readFile(path) })));
  await writeZip(zipPath, entries);
}

describe('readOneRosterImport', () => {
  it('imports a realistic file set as batches of grades, in file order', async () => {
    const fixture = await writeOneRosterFixture(dir, { results: 1000 });

    const batches = await readAll(fileSource(fixture.files), { batchSize: 300 });

    expect(batches.map((b) => [b.grades.length, b.rejections.length, b.lastRow, b.totalRecords])).toEqual([
      [300, 0, 301, 1000],
      [300, 0, 601, 1000],
      [300, 0, 901, 1000],
      [100, 0, 1001, 1000],
    ]);
    expect(batches[0].grades[0]).toEqual({
      row: 2,
      grade: {
        studentId: 'S000001',
        program: 'MBBS',
        yearOfStudy: 1,
        courseCode: 'ANAT101',
        assessmentId: 'li-001',
        assessmentType: 'summative',
        score: expect.any(Number),
        maxScore: 100,
        gradedAt: '2025-03-01T00:00:00.000Z',
        sourceRecordId: 'res-0000001',
        scoreStatus: expect.any(String),
        category: 'Summative',
        categoryWeight: 0.7,
      },
    });
    const grades = batches.flatMap((b) => b.grades.map((g) => g.grade));
    expect(new Set(grades.map((g) => g.assessmentType))).toEqual(new Set(['summative', 'formative']));
    expect(grades.filter((g) => g.scoreStatus === 'not submitted').every((g) => g.score === 0)).toBe(true);
  }, 30_000);

  it('rejects exactly the malformed rows, each at its row and column, and imports the rest', async () => {
    const fixture = await writeOneRosterFixture(dir, { results: 1000, malformedEvery: 100 });

    const batches = await readAll(fileSource(fixture.files));

    const rejections = batches.flatMap((b) => b.rejections);
    expect(rejections.map((r) => r.row)).toEqual(fixture.malformedRows.map((m) => m.row));
    for (const [index, rejection] of rejections.entries()) {
      expect(rejection.problems.map((p) => p.column)).toContain(fixture.malformedRows[index].column);
    }
    expect(batches.reduce((sum, b) => sum + b.grades.length, 0)).toBe(1000 - fixture.malformedRows.length);
  });

  it('takes programme and year from classes.csv when users.csv does not have them', async () => {
    const fixture = await writeOneRosterFixture(dir, { results: 24, studentAttributesIn: 'classes' });

    const [batch] = await readAll(fileSource(fixture.files));

    expect(batch.grades[0].grade).toMatchObject({ program: 'MBBS', yearOfStudy: 1, courseCode: 'ANAT101' });
    expect(batch.grades[2].grade).toMatchObject({ program: 'MD', yearOfStudy: 2, courseCode: 'PATH201' });
  });

  it('resumes after the last persisted row without reading any row twice', async () => {
    const fixture = await writeOneRosterFixture(dir, { results: 1000 });
    const full = await readAll(fileSource(fixture.files), { batchSize: 250 });

    const resumed = await readAll(fileSource(fixture.files), { batchSize: 250, resumeAfterRow: full[1].lastRow });

    expect(resumed.flatMap((b) => b.grades)).toEqual(full.slice(2).flatMap((b) => b.grades));
  });

  describe('file-level problems, each found before anything is imported', () => {
    it('names a missing required file', async () => {
      const { files } = await writeOneRosterFixture(dir, { results: 10 });
      const { 'results.csv': _results, ...withoutResults } = files;
      const { 'lineItems.csv': _lineItems, ...withoutEither } = withoutResults;

      await expect(fileError(fileSource(withoutResults))).resolves.toMatchObject({ code: 'missing-file', file: 'results.csv' });
      await expect(fileError(fileSource(withoutEither))).resolves.toMatchObject({
        message: 'results.csv and lineItems.csv are missing; a OneRoster grade import needs results.csv and lineItems.csv',
      });
    });

    it('names the required columns a header lacks', async () => {
      const { files } = await writeOneRosterFixture(dir, { results: 10 });
      const original = await readFile(files['results.csv'], 'utf8');
      await writeFile(files['results.csv'], original.replace('scoreStatus,score,scoreDate', 'status_of_score,Score,scoreDate'));

      const error = await fileError(fileSource(files));

      expect(error).toMatchObject({ code: 'missing-columns', file: 'results.csv', line: 1 });
      expect(error.message).toMatch(/^results\.csv is missing required columns: scoreStatus, score; its header is: sourcedId,/);
    });

    it('checks the headers of the optional files it uses too', async () => {
      const { files } = await writeOneRosterFixture(dir, { results: 10 });
      const original = await readFile(files['courses.csv'], 'utf8');
      await writeFile(files['courses.csv'], original.replace('courseCode', 'code'));

      await expect(fileError(fileSource(files))).resolves.toMatchObject({ code: 'missing-columns', file: 'courses.csv' });
    });

    it('refuses a results.csv with non-UTF-8 bytes deep in the file, naming the line', async () => {
      const { files } = await writeOneRosterFixture(dir, { results: 1000 });
      const bytes = await readFile(files['results.csv']);
      const line700 = nthLineStart(bytes, 700);
      bytes[line700 + 2] = 0xe9; // "é" in Latin-1, as a spreadsheet saving in Windows-1252 writes it
      await writeFile(files['results.csv'], bytes);

      const error = await fileError(fileSource(files));

      expect(error).toMatchObject({ code: 'invalid-utf8', file: 'results.csv', line: 700 });
    });

    it('refuses a reference file with a malformed row, naming the row', async () => {
      const { files } = await writeOneRosterFixture(dir, { results: 10 });
      const lines = (await readFile(files['users.csv'], 'utf8')).split('\r\n');
      lines[1] = lines[1].split(',').slice(0, 5).join(',');
      await writeFile(files['users.csv'], lines.join('\r\n'));

      await expect(fileError(fileSource(files))).resolves.toMatchObject({
        code: 'malformed-row',
        file: 'users.csv',
        row: 2,
        message: 'users.csv row 2 has 5 fields but the header has 24 columns',
      });
    });
  });

  describe('zipped file sets', () => {
    it('imports a zip with the files in a folder exactly as the separate files', async () => {
      const fixture = await writeOneRosterFixture(join(dir, 'set'), { results: 300, malformedEvery: 50 });
      await zipFileSet(fixture.files, join(dir, 'export.zip'), 'oneroster-export/');
      const zip = await openZipSource(join(dir, 'export.zip'));

      try {
        expect(await readAll(zip)).toEqual(await readAll(fileSource(fixture.files)));
      } finally {
        zip.close();
      }
    });

    it('refuses a truncated zip', async () => {
      const fixture = await writeOneRosterFixture(join(dir, 'set'), { results: 300 });
      await zipFileSet(fixture.files, join(dir, 'export.zip'));
      const bytes = await readFile(join(dir, 'export.zip'));
      await writeFile(join(dir, 'truncated.zip'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));

      await expect(openZipSource(join(dir, 'truncated.zip'), 'upload.zip')).rejects.toMatchObject({
        code: 'corrupt-zip',
        file: 'upload.zip',
        message: expect.stringContaining('upload.zip is not a readable zip archive (truncated or corrupt)'),
      });
    });

    it('refuses a zip whose results.csv data is damaged, before importing anything', async () => {
      const fixture = await writeOneRosterFixture(join(dir, 'set'), { results: 300 });
      await zipFileSet(fixture.files, join(dir, 'export.zip'));
      const bytes = await readFile(join(dir, 'export.zip'));
      const resultsData = bytes.indexOf('results.csv') + 'results.csv'.length;
      bytes.fill(0xff, resultsData + 200, resultsData + 216);
      await writeFile(join(dir, 'damaged.zip'), bytes);
      const zip = await openZipSource(join(dir, 'damaged.zip'));

      try {
        await expect(fileError(zip)).resolves.toMatchObject({ code: 'corrupt-zip', file: 'results.csv' });
      } finally {
        zip.close();
      }
    });

    it('refuses an entry whose content does not match its checksum', async () => {
      const fixture = await writeOneRosterFixture(join(dir, 'set'), { results: 300 });
      await zipFileSet(fixture.files, join(dir, 'export.zip'));
      const bytes = await readFile(join(dir, 'export.zip'));
      const centralHeader = bytes.lastIndexOf('results.csv') - CENTRAL_HEADER_SIZE;
      bytes.writeUInt32LE((bytes.readUInt32LE(centralHeader + CENTRAL_CRC_OFFSET) + 1) >>> 0, centralHeader + CENTRAL_CRC_OFFSET);
      await writeFile(join(dir, 'bad-crc.zip'), bytes);
      const zip = await openZipSource(join(dir, 'bad-crc.zip'));

      try {
        await expect(fileError(zip)).resolves.toMatchObject({ code: 'corrupt-zip', message: expect.stringContaining('CRC-32 mismatch') });
      } finally {
        zip.close();
      }
    });

    it('names a required file the zip lacks', async () => {
      const { files } = await writeOneRosterFixture(join(dir, 'set'), { results: 10 });
      const { 'lineItems.csv': _lineItems, ...rest } = files;
      await zipFileSet(rest, join(dir, 'export.zip'));
      const zip = await openZipSource(join(dir, 'export.zip'));

      try {
        await expect(fileError(zip)).resolves.toMatchObject({ code: 'missing-file', file: 'lineItems.csv' });
      } finally {
        zip.close();
      }
    });
  });

  it('streams 100,000 results without holding them in memory', async () => {
    const fixture = await writeOneRosterFixture(dir, { results: 100_000, lineItems: 40 });
    const fileSize = (await stat(fixture.files['results.csv'])).size;
    const metered = meteredSource(fileSource(fixture.files), 'results.csv');
    const heapBefore = process.memoryUsage().heapUsed;
    let peakHeap = heapBefore;
    let rows = 0;
    let bytesReadAtFirstBatch: number | undefined;

    for await (const batch of readOneRosterImport(metered.source, { validation })) {
      bytesReadAtFirstBatch ??= metered.bytesRead();
      rows += batch.grades.length + batch.rejections.length;
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }

    expect(rows).toBe(100_000);
    // The import pass had read only the first slice of the file when its first batch was ready.
    expect(bytesReadAtFirstBatch).toBeLessThan(fileSize / 10);
    process.stdout.write(
      `100,000-row results.csv (${(fileSize / 2 ** 20).toFixed(1)} MiB): peak heap growth ${((peakHeap - heapBefore) / 2 ** 20).toFixed(1)} MiB\n`,
    );
  }, 120_000);
});

function nthLineStart(bytes: Buffer, line: number): number {
  let start = 0;
  for (let current = 1; current < line; current += 1) start = bytes.indexOf(0x0a, start) + 1;
  return start;
}

/** Counts the bytes the latest opened stream of `fileName` has delivered. */
function meteredSource(inner: OneRosterSource, fileName: string): { source: OneRosterSource; bytesRead: () => number } {
  let bytes = 0;
  return {
    source: {
      has: (name) => inner.has(name),
      open: async (name) => {
        const stream = await inner.open(name);
        if (name !== fileName) return stream;
        bytes = 0;
        const meter = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            bytes += chunk.length;
            done(null, chunk);
          },
        });
        return stream.pipe(meter);
      },
    },
    bytesRead: () => bytes,
  };
}
