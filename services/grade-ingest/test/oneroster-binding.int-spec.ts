import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOPICS } from '@mentoring/contracts';
import { waitUntil } from '@mentoring/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { BINDING_12, BundleOptions, writeBindingBundle } from '../src/imports/oneroster/testing/binding-bundle';
import { writeZip } from '../src/imports/oneroster/testing/zip-writer';
import { GradeIngest, startGradeIngest, TopicReader, topicOf } from './support';

interface Report {
  status: string;
  accepted: number;
  amended: number;
  rejected: number;
  error: { code: string; file: string; message: string } | null;
  rejections: { items: Array<{ row: number; problems: Array<{ column: string; reason: string }> }> };
}

describe('OneRoster bundles as a student information system exports them', () => {
  let service: GradeIngest;
  let dataSource: DataSource;
  let dir: string;
  let sets = 0;
  let reader: TopicReader;

  beforeAll(async () => {
    service = await startGradeIngest('grade_ingest_binding');
    dataSource = service.app.get(DataSource);
    dir = await mkdtemp(join(tmpdir(), 'oneroster-binding-int-'));
    reader = await TopicReader.start([topicOf(service, TOPICS.gradesRecorded)]);
  });

  afterAll(async () => {
    await reader?.stop();
    await service?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function bundle(options: BundleOptions = {}) {
    sets += 1;
    return writeBindingBundle(join(dir, `set-${sets}`), options);
  }

  async function zipOf(files: Record<string, string>, extra: Array<{ name: string; path: string }> = []): Promise<string> {
    sets += 1;
    const path = join(dir, `bundle-${sets}.zip`);
    const entries = [...Object.entries(files).map(([name, file]) => ({ name, path: file })), ...extra];
    await writeZip(path, await Promise.all(entries.map(async ({ name, path: file }) => ({ name: `oneroster/${name}`, data: await readFile(file) }))));
    return path;
  }

  // Each case imports as a feed of its own, since the bundles reuse the same record ids.
  async function importOf(feedName: string, files: Record<string, string>, fields: Record<string, string> = {}): Promise<Report> {
    const feed = await service.bearer('registrar-feed', feedName);
    const post = request(service.app.getHttpServer()).post('/v1/imports/oneroster').set('authorization', feed);
    for (const [name, path] of Object.entries(files)) post.attach('files', path, name);
    for (const [name, value] of Object.entries(fields)) post.field(name, value);
    const { body } = await post.expect(202);
    return waitUntil(`import ${body.importId} finishes`, async () => {
      const report: Report = (await request(service.app.getHttpServer()).get(`/v1/imports/${body.importId}`).set('authorization', feed).expect(200)).body;
      return report.status !== 'processing' && report;
    });
  }

  async function programmes(feed: string, studentIds: string[]): Promise<Record<string, string[]>> {
    const rows: Array<{ student_id: string; program: string }> = await dataSource.query(
      'SELECT DISTINCT student_id, program FROM grades WHERE feed = $1 AND student_id = ANY($2) AND superseded_at IS NULL ORDER BY student_id',
      [feed, studentIds],
    );
    const byStudent: Record<string, string[]> = {};
    for (const row of rows) byStudent[row.student_id] = [...(byStudent[row.student_id] ?? []), row.program];
    return byStudent;
  }

  it('imports a conformant 1.2.1 bundle (BOM, CRLF, every field quoted, no extension columns) with every student in their programme', async () => {
    const set = await bundle();

    const report = await importOf('sis-12', { 'export.zip': await zipOf(set.files) });

    expect(report).toMatchObject({ status: 'completed', accepted: set.resultRows, rejected: 0, error: null });
    expect(await programmes('sis-12', set.students.map((s) => s.identifier))).toEqual(Object.fromEntries(set.students.map((s) => [s.identifier, [s.program]])));
    const [essay] = await dataSource.query(`SELECT score, max_score, category, category_weight FROM grades WHERE feed = 'sis-12' AND source_record_id = 'res-usr-1-essay'`);
    expect(essay).toEqual({ score: 3, max_score: 4, category: 'Formative', category_weight: 0.2 });
    const event = await waitUntil('the exam grade is published', () =>
      reader.recorded(service).find((envelope) => envelope.data.feed === 'sis-12' && envelope.data.sourceRecordId === 'res-usr-1-exam'),
    );
    expect(event.data).toMatchObject({ category: 'Summative', categoryWeight: 0.8, program: 'MBBS', yearOfStudy: 1 });
  });

  it('turns a delta result with status tobedeleted into an amendment to an exempt grade, never a silent delete', async () => {
    const header = BINDING_12['results.csv'].join(',');
    const deleted = '"res-usr-1-exam","tobedeleted","2025-03-21T09:00:00Z","li-mbbs-exam","usr-1","cls-mbbs","","fully graded","30","","2025-03-14","","","","",""';
    const set = await bundle({
      edit: {
        'manifest.csv': (text) => text.replace('"file.results","bulk"', '"file.results","delta"'),
        'results.csv': () => `${header}\r\n${deleted}\r\n`,
      },
    });

    const report = await importOf('sis-12', set.files);

    expect(report).toMatchObject({ status: 'completed', amended: 1, rejected: 0 });
    const versions = await dataSource.query(
      `SELECT score_status, superseded_at IS NULL AS current FROM grades WHERE feed = 'sis-12' AND source_record_id = 'res-usr-1-exam' ORDER BY version`,
    );
    expect(versions).toEqual([{ score_status: 'fully graded', current: false }, { score_status: 'exempt', current: true }]);
  });

  it('imports a 1.1 bundle, recognised from its manifest, with every student in their programme', async () => {
    const set = await bundle({ version: '1.1' });

    const report = await importOf('sis-11', set.files);

    expect(report).toMatchObject({ status: 'completed', accepted: set.resultRows, rejected: 0 });
    expect(await programmes('sis-11', set.students.map((s) => s.identifier))).toEqual(Object.fromEntries(set.students.map((s) => [s.identifier, [s.program]])));
  });

  it('refuses a bundle whose orgs name no programme with one error naming the mapping, and imports it once the mapping is set', async () => {
    const set = await bundle({ opaqueOrgs: true });

    const refused = await importOf('sis-opaque', set.files);

    expect(refused).toMatchObject({ status: 'failed', accepted: 0, rejected: 0, error: { code: 'unmapped-programme', file: 'results.csv' } });
    expect(refused.error?.message).toContain('programByOrg');
    const mapped = await importOf('sis-opaque', set.files, { programByOrg: JSON.stringify({ 'P-1': 'MBBS', 'P-2': 'MD', 'P-3': 'BBMS', 'P-4': 'HDPCS' }) });
    expect(mapped).toMatchObject({ status: 'completed', accepted: set.resultRows, rejected: 0 });
  });

  describe('real-world robustness', () => {
    it('names a misspelled header with a hint', async () => {
      const set = await bundle({ edit: { 'users.csv': (text) => text.replace('"primaryOrgSourcedId"', '"primaryOrgSourceID"') } });

      const report = await importOf('sis-typo', set.files);

      expect(report).toMatchObject({ status: 'failed', error: { code: 'unknown-columns', file: 'users.csv' } });
      expect(report.error?.message).toContain('did you mean "primaryOrgSourcedId"?');
    });

    it('rejects a row with fewer fields than the header and a date like 1/05/2023, importing the rest of a BOM-less file with non-ASCII names', async () => {
      const set = await bundle({
        bom: false,
        edit: {
          'results.csv': (text) => text.replace('"2025-03-14"', '"1/05/2023"').replace(/\r\n"res-usr-2-exam"[^\r]*/, '\r\n"res-usr-2-exam","","","li-md-exam"'),
        },
      });

      const report = await importOf('sis-rough', set.files);

      expect(report).toMatchObject({ status: 'completed', accepted: set.resultRows - 2, rejected: 2 });
      expect(report.rejections.items.map((r) => [r.row, r.problems[0].column])).toEqual([[2, 'scoreDate'], [4, '(row)']]);
      expect(report.rejections.items[0].problems[0].reason).toContain('YYYY-MM-DD');
    });

    it('refuses a zip holding the same file twice', async () => {
      const set = await bundle();

      const report = await importOf('sis-twice', { 'twice.zip': await zipOf(set.files, [{ name: 'copy/results.csv', path: set.files['results.csv'] }]) });

      expect(report).toMatchObject({ status: 'failed', error: { code: 'duplicate-file', file: 'results.csv' } });
    });
  });
});
