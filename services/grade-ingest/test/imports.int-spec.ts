import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOPICS } from '@mentoring/contracts';
import { waitUntil } from '@mentoring/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { OneRosterFixture, writeOneRosterFixture } from '../src/imports/oneroster/testing/oneroster-fixture';
import { writeZip } from '../src/imports/oneroster/testing/zip-writer';
import { GradeIngest, messageCount, outboxPublished, postGrades, sqlOf, startGradeIngest, topicOf } from './support';

interface Report {
  status: string;
  rowsRead: number;
  accepted: number;
  duplicate: number;
  amended: number;
  rejected: number;
  totalRecords: number | null;
  error: { code: string; file: string; line?: number; message: string } | null;
  rejections: { total: number; items: Array<{ row: number; problems: Array<{ column: string; reason: string }> }>; nextAfterRow: number | null };
}

describe('OneRoster imports', () => {
  let service: GradeIngest;
  let dataSource: DataSource;
  let feed: string;
  let dir: string;
  let fixture: OneRosterFixture;

  beforeAll(async () => {
    service = await startGradeIngest('grade_ingest_imports');
    dataSource = service.app.get(DataSource);
    feed = await service.bearer('registrar-feed', 'sis-oneroster');
    dir = await mkdtemp(join(tmpdir(), 'oneroster-int-'));
    fixture = await writeOneRosterFixture(join(dir, 'set'), { results: 2000, malformedEvery: 50 });
  });

  afterAll(async () => {
    await service?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const server = () => service.app.getHttpServer();

  function upload(files: Record<string, string>, token = feed) {
    const post = request(server()).post('/v1/imports/oneroster').set('authorization', token);
    for (const [name, path] of Object.entries(files)) post.attach('files', path, name);
    return post;
  }

  async function startImport(files: Record<string, string>): Promise<string> {
    const response = await upload(files).expect(202);
    expect(response.headers.location).toBe(`/v1/imports/${response.body.importId}`);
    return response.body.importId;
  }

  async function report(id: string, query = ''): Promise<Report> {
    return (await request(server()).get(`/v1/imports/${id}${query}`).set('authorization', feed).expect(200)).body;
  }

  const finished = (id: string) =>
    waitUntil(`import ${id} finishes`, async () => {
      const current = await report(id);
      return current.status !== 'processing' && current;
    });

  async function allRejections(id: string): Promise<Report['rejections']['items']> {
    const items: Report['rejections']['items'] = [];
    for (let after: number | null = 0; after !== null; ) {
      const page: Report = await report(id, `?rejectionsLimit=15&rejectionsAfterRow=${after}`);
      items.push(...page.rejections.items);
      after = page.rejections.nextAfterRow;
    }
    return items;
  }

  async function gradesRecordedBy(importId: string): Promise<number> {
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM grades WHERE batch_id = $1', [importId]);
    return count;
  }

  async function zipOf(files: Record<string, string>, zipPath: string): Promise<string> {
    await writeZip(zipPath, await Promise.all(Object.entries(files).map(async ([name, path]) => ({ name: `export/${name}`, data: await readFile(path) }))));
    return zipPath;
  }

  it('imports a realistic file set: every good row recorded, exactly the malformed rows rejected at their row and column', async () => {
    const files = { ...fixture.files, 'manifest.csv': join(dir, 'set', 'manifest.csv') };
    const id = await startImport(files);

    const done = await finished(id);

    const bad = fixture.malformedRows.length;
    expect(done).toMatchObject({ status: 'completed', totalRecords: 2000, rowsRead: 2000, accepted: 2000 - bad, duplicate: 0, amended: 0, rejected: bad, error: null });
    const rejections = await allRejections(id);
    expect(rejections.map((r) => r.row)).toEqual(fixture.malformedRows.map((m) => m.row));
    for (const { row, column } of fixture.malformedRows) {
      expect(rejections.find((r) => r.row === row)?.problems).toEqual(expect.arrayContaining([expect.objectContaining({ column })]));
    }
    expect(await gradesRecordedBy(id)).toBe(2000 - bad);
    await outboxPublished(sqlOf(dataSource));
    expect(await messageCount(topicOf(service, TOPICS.gradesRecorded))).toBe(2000 - bad);
  });

  it('imports the same set again, zipped, as duplicates only: no new events', async () => {
    await outboxPublished(sqlOf(dataSource));
    const before = await messageCount(topicOf(service, TOPICS.gradesRecorded));

    const id = await startImport({ 'grades.zip': await zipOf(fixture.files, join(dir, 'again.zip')) });

    const bad = fixture.malformedRows.length;
    expect(await finished(id)).toMatchObject({ status: 'completed', rowsRead: 2000, accepted: 0, duplicate: 2000 - bad, amended: 0, rejected: bad });
    await outboxPublished(sqlOf(dataSource));
    expect(await messageCount(topicOf(service, TOPICS.gradesRecorded))).toBe(before);
  });

  it('knows an imported grade when the same feed resends it over REST, and records a changed score as an amendment', async () => {
    const ops = await service.bearer('ops');
    const listed = await request(server()).get('/v1/students/S000001/grades').set('authorization', ops).expect(200);
    const imported = listed.body.grades.find((grade: { sourceRecordId: string }) => grade.sourceRecordId === 'res-0000001');
    const record = {
      studentId: 'S000001',
      program: imported.program,
      yearOfStudy: imported.yearOfStudy,
      courseCode: imported.courseCode,
      assessmentId: imported.assessmentId,
      assessmentType: imported.assessmentType,
      score: imported.score,
      maxScore: imported.maxScore,
      gradedAt: imported.gradedAt,
      sourceRecordId: 'res-0000001',
      scoreStatus: imported.scoreStatus,
    };

    const resent = await postGrades(service, feed, [record, { ...record, score: 1, scoreStatus: 'fully graded' }]).expect(200);

    expect(resent.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['duplicate', 'amended']);
    expect(resent.body.results[1].amendsGradeId).toBe(imported.gradeId);
  });

  describe('file-level problems: the import fails with a clear error and records nothing', () => {
    let broken: OneRosterFixture;

    beforeAll(async () => {
      broken = await writeOneRosterFixture(join(dir, 'small'), { results: 200 });
    });

    async function variant(name: string, change: (text: Buffer) => Buffer): Promise<string> {
      const path = join(dir, name);
      await writeFile(path, change(await readFile(broken.files['results.csv'])));
      return path;
    }

    it('names the problem of each broken set', async () => {
      const renamedHeader = await variant('renamed-header.csv', (bytes) => Buffer.from(bytes.toString('utf8').replace('scoreDate', 'score_date')));
      let latin1Line = 0;
      const latin1 = await variant('latin1.csv', (bytes) => {
        const records = bytes.toString('utf8').split('\r\n');
        const before = records.slice(0, 119).join('\r\n') + '\r\n';
        // Some comments hold quoted line breaks: the error names the physical line.
        latin1Line = before.split('\n').length;
        return Buffer.concat([Buffer.from(before), Buffer.from('Ren\xe9e,', 'latin1'), Buffer.from(records.slice(119).join('\r\n'))]);
      });
      const zipPath = await zipOf(broken.files, join(dir, 'whole.zip'));
      const zipBytes = await readFile(zipPath);
      const truncated = join(dir, 'truncated.zip');
      await writeFile(truncated, zipBytes.subarray(0, Math.floor(zipBytes.length / 2)));
      const { ['lineItems.csv']: _lineItems, ...withoutLineItems } = broken.files;

      const cases = [
        { files: { ...broken.files, 'results.csv': renamedHeader }, error: { code: 'missing-columns', file: 'results.csv', message: expect.stringContaining('scoreDate') } },
        { files: withoutLineItems, error: { code: 'missing-file', file: 'lineItems.csv', message: expect.stringContaining('lineItems.csv is missing') } },
        { files: { ...broken.files, 'results.csv': latin1 }, error: { code: 'invalid-utf8', file: 'results.csv', line: latin1Line } },
        { files: { 'grades.zip': truncated }, error: { code: 'corrupt-zip', file: 'grades.zip', message: expect.stringContaining('truncated or corrupt') } },
      ];
      const ids = await Promise.all(cases.map((c) => startImport(c.files)));

      for (const [index, id] of ids.entries()) {
        const done = await finished(id);
        expect(done).toMatchObject({ status: 'failed', rowsRead: 0, accepted: 0, rejected: 0, error: cases[index].error });
        expect(await gradesRecordedBy(id)).toBe(0);
      }
    });
  });

  it('refuses an upload without files, or with bad form fields, and keeps none of its files', async () => {
    const none = await request(server()).post('/v1/imports/oneroster').set('authorization', feed).field('defaultProgram', 'MBBS').expect(400);
    expect(none.body.problems).toEqual([{ field: 'files', problem: expect.stringContaining('no file was uploaded') }]);

    const badFields = await upload(fixture.files).field('defaultYearOfStudy', 'eleven').field('assessmentTypeByCategory', '{"Exams":"oral"}').expect(400);
    expect(badFields.body.problems.map((p: { field: string }) => p.field).sort()).toEqual(['assessmentTypeByCategory', 'defaultYearOfStudy']);
    expect(await readdir(join(service.config.UPLOAD_DIR, 'incoming'))).toEqual([]);
  });

  it('shows a report only to its feed and to ops, and resumes only unfinished imports', async () => {
    const id = await startImport({ 'results.csv': fixture.files['results.csv'] });
    await finished(id);
    const reportOf = (token?: string) => {
      const get = request(server()).get(`/v1/imports/${id}`);
      return token ? get.set('authorization', token) : get;
    };

    await reportOf().expect(401);
    await reportOf(await service.bearer('registrar-feed', 'another-feed')).expect(403);
    await reportOf(await service.bearer('mentor')).expect(403);
    await reportOf(await service.bearer('coordinator', 'coordinator-mbbs', ['MBBS'])).expect(403);
    await reportOf(await service.bearer('ops')).expect(200);
    await request(server()).get('/v1/imports/00000000-0000-4000-8000-000000000000').set('authorization', feed).expect(404);
    await request(server()).post(`/v1/imports/${id}/resume`).set('authorization', feed).expect(409);
    await upload({ 'results.csv': fixture.files['results.csv'] }, '').expect(401);
    await upload({ 'results.csv': fixture.files['results.csv'] }, await service.bearer('ops')).expect(403);
  });
});
