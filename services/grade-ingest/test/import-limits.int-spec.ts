import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitUntil } from '@mentoring/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ImportStore } from '../src/imports/infrastructure/imports.store';
import { writeOneRosterFixture } from '../src/imports/oneroster/testing/oneroster-fixture';
import { writeZip } from '../src/imports/oneroster/testing/zip-writer';
import { GradeIngest, startGradeIngest } from './support';

interface Report {
  status: string;
  rowsRead: number;
  accepted: number;
  rejected: number;
  error: { code: string; file: string; message: string; limit?: { cap: string; setting: string; limit: number; seen?: number; unit: string } } | null;
}

const MB = 1024 * 1024;
const RESULTS_HEADER = 'sourcedId,status,dateLastModified,lineItemSourcedId,studentSourcedId,scoreStatus,score,scoreDate,comment,textScore,classSourcedId,inProgress,incomplete,late,missing\r\n';
const RESULT_ROW = 'res-0000001,active,2025-03-20T08:00:00.000Z,li-001,usr-00001,fully graded,62,2025-03-01,,,,false,false,false,false\r\n';

// Caps far below the defaults, so that files a test can write in a moment go over them.
const CAPS = {
  IMPORT_MAX_FILE_MB: 1,
  IMPORT_MAX_UNCOMPRESSED_MB: 2,
  IMPORT_MAX_RESULT_ROWS: 150,
  IMPORT_MAX_REFERENCE_ROWS: 20,
  MAX_UPLOAD_FILE_MB: 2,
  IMPORT_SWEEP_SECONDS: 1,
};

describe('OneRoster import caps', () => {
  let service: GradeIngest;
  let dataSource: DataSource;
  let feed: string;
  let dir: string;

  beforeAll(async () => {
    service = await startGradeIngest('grade_ingest_import_caps', { overrides: CAPS });
    dataSource = service.app.get(DataSource);
    feed = await service.bearer('registrar-feed', 'sis-caps');
    dir = await mkdtemp(join(tmpdir(), 'oneroster-caps-'));
  });

  afterAll(async () => {
    await service?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const server = () => service.app.getHttpServer();

  function upload(files: Record<string, string>) {
    const post = request(server()).post('/v1/imports/oneroster').set('authorization', feed);
    for (const [name, path] of Object.entries(files)) post.attach('files', path, name);
    return post;
  }

  async function startImport(files: Record<string, string>): Promise<string> {
    return (await upload(files).expect(202)).body.importId;
  }

  const finished = (id: string) =>
    waitUntil(`import ${id} finishes`, async () => {
      const current: Report = (await request(server()).get(`/v1/imports/${id}`).set('authorization', feed).expect(200)).body;
      return current.status !== 'processing' && current;
    });

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    const [{ count: value }] = await dataSource.query(sql, params);
    return value;
  }

  /** A complete file set, zipped, whose results.csv is `times` copies of 8,000 identical rows: about 0.9 MB each, deflating ~300:1. */
  async function bombZip(name: string, times: number): Promise<string> {
    const { files } = await writeOneRosterFixture(join(dir, `${name}-set`), { results: 20 });
    const { 'results.csv': _results, ...references } = files;
    const entries = await Promise.all(Object.entries(references).map(async ([file, path]) => ({ name: `export/${file}`, data: await readFile(path) })));
    const zipPath = join(dir, `${name}.zip`);
    await writeZip(zipPath, [...entries, { name: 'export/results.csv', data: { repeat: RESULTS_HEADER + RESULT_ROW.repeat(8000), times } }]);
    return zipPath;
  }

  it('answers a zip bomb with too-large, records nothing from it, and goes on serving', async () => {
    const zipPath = await bombZip('bomb', 350);
    expect((await readFile(zipPath)).length).toBeLessThan(1.5 * MB);
    const outboxBefore = await count('SELECT count(*)::int AS count FROM outbox');

    const id = await startImport({ 'grades.zip': zipPath });

    const report = await finished(id);
    expect(report).toMatchObject({
      status: 'failed',
      rowsRead: 0,
      accepted: 0,
      error: {
        code: 'too-large',
        file: 'results.csv',
        message: expect.stringContaining('IMPORT_MAX_FILE_MB'),
        limit: { cap: 'file-uncompressed-bytes', setting: 'IMPORT_MAX_FILE_MB', limit: MB, unit: 'bytes' },
      },
    });
    // The archive says what it would inflate to (about 300 MiB); none of it was inflated to find out.
    expect(report.error?.limit?.seen).toBeGreaterThan(300 * MB);
    expect(await count('SELECT count(*)::int AS count FROM grades WHERE batch_id = $1', [id])).toBe(0);
    expect(await count('SELECT count(*)::int AS count FROM outbox')).toBe(outboxBefore);
    expect(await count('SELECT count(*)::int AS count FROM import_rejections WHERE import_id = $1', [id])).toBe(0);

    await request(server()).get('/health/live').expect(200);
    const { files } = await writeOneRosterFixture(join(dir, 'after-bomb'), { results: 100 });
    await expect(finished(await startImport(files))).resolves.toMatchObject({ status: 'completed', rowsRead: 100 });
  });

  it('counts the bytes of plain CSV uploads as they are read', async () => {
    const { files } = await writeOneRosterFixture(join(dir, 'small-set'), { results: 20 });
    // 100 records, within the row cap, with long comments: 1.5 MB.
    const longComments = join(dir, 'long-comments.csv');
    const rows = Array.from({ length: 100 }, (_, i) => `res-${i},active,2025-03-20T08:00:00.000Z,li-001,usr-00001,fully graded,62,2025-03-01,${'x'.repeat(15_000)},,,false,false,false,false\r\n`);
    await writeFile(longComments, RESULTS_HEADER + rows.join(''));

    const report = await finished(await startImport({ ...files, 'results.csv': longComments }));

    expect(report).toMatchObject({
      status: 'failed',
      rowsRead: 0,
      error: { code: 'too-large', file: 'results.csv', message: expect.stringContaining('larger than 1 MiB'), limit: { cap: 'file-uncompressed-bytes', limit: MB } },
    });
    expect(report.error?.limit?.seen).toBeGreaterThan(MB);
  });

  it('refuses a results.csv or a reference file with more records than its cap, recording nothing', async () => {
    const tooManyResults = await writeOneRosterFixture(join(dir, 'rows'), { results: 151 });
    // 300 results over 12 line items: 25 users, more than the 20 a reference file may hold.
    const tooManyUsers = await writeOneRosterFixture(join(dir, 'users'), { results: 300 });

    const [results, users] = await Promise.all([startImport(tooManyResults.files), startImport(tooManyUsers.files)]);

    await expect(finished(results)).resolves.toMatchObject({
      status: 'failed',
      rowsRead: 0,
      error: { code: 'too-large', file: 'results.csv', limit: { cap: 'result-rows', setting: 'IMPORT_MAX_RESULT_ROWS', limit: 150, unit: 'rows' } },
    });
    await expect(finished(users)).resolves.toMatchObject({
      status: 'failed',
      rowsRead: 0,
      error: { code: 'too-large', file: 'users.csv', limit: { cap: 'reference-rows', setting: 'IMPORT_MAX_REFERENCE_ROWS', limit: 20 } },
    });
    expect(await count('SELECT count(*)::int AS count FROM grades WHERE batch_id = ANY($1)', [[results, users]])).toBe(0);
  });

  it('marks an unfinished too-large import failed when the sweep picks it up, instead of retrying it', async () => {
    // What a replica that crashed on the upload leaves behind: the files and an unfinished import nobody holds.
    const store = service.app.get(ImportStore);
    const id = randomUUID();
    const uploadDir = join(service.config.UPLOAD_DIR, id);
    await mkdir(uploadDir, { recursive: true });
    await writeFile(join(uploadDir, 'upload.zip'), await readFile(await bombZip('left-behind', 350)));

    await store.create({ id, feed: 'sis-caps', upload: { kind: 'zip', originalName: 'grades.zip', ignoredFiles: [] }, mapping: {}, correlationId: randomUUID(), traceparent: null });

    await expect(finished(id)).resolves.toMatchObject({ status: 'failed', error: { code: 'too-large', limit: { cap: 'file-uncompressed-bytes' } } });
    const entity = await store.find(id);
    expect(entity).toMatchObject({ attempts: 1, leaseOwner: null });
    // Failed is final: no sweep or resume can claim it again.
    await expect(store.claim(id, 'another-replica', 30)).resolves.toBeUndefined();
    await request(server()).post(`/v1/imports/${id}/resume`).set('authorization', feed).expect(409);
    expect(await readdir(service.config.UPLOAD_DIR)).not.toContain(id);
  });

  it('refuses an upload larger than MAX_UPLOAD_FILE_MB, or with more form fields than an import has, keeping none of it', async () => {
    const big = join(dir, 'big.csv');
    await writeFile(big, Buffer.alloc(2 * MB + 1, 'a'));
    const tooBig = await upload({ 'results.csv': big }).expect(413);
    expect(tooBig.body).toMatchObject({ code: 'too-large', problems: [{ field: 'files', problem: expect.stringContaining('larger than 2 MB') }] });

    const { files } = await writeOneRosterFixture(join(dir, 'fields'), { results: 10 });
    const post = upload(files);
    for (let i = 0; i < 20; i += 1) post.field(`extra${i}`, 'x');
    await post.expect(400);

    await waitUntil('aborted uploads are removed', async () => (await readdir(join(service.config.UPLOAD_DIR, 'incoming'))).length === 0);
  });
});
