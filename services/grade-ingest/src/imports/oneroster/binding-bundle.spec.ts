import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PROGRAMS, GradeValidationOptions } from '../../grades/domain';
import { ImportBatch, ImportFileError } from '../domain';
import { readOneRosterDirectory } from './directory';
import { readOneRosterImport } from './oneroster-import';
import { OneRosterMapping } from './result-mapping';
import { fileSource } from './sources';
import { BundleOptions, writeBindingBundle } from './testing/binding-bundle';

const validation: GradeValidationOptions = { now: new Date('2025-04-01T00:00:00Z'), maxFutureSkewMs: 300_000, knownPrograms: DEFAULT_PROGRAMS };

describe('OneRoster bundles written to the binding', () => {
  let dir: string;
  let count = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'binding-bundle-'));
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function bundle(options: BundleOptions = {}) {
    count += 1;
    return writeBindingBundle(join(dir, `set-${count}`), options);
  }

  async function read(files: Record<string, string>, mapping: OneRosterMapping = {}): Promise<ImportBatch[]> {
    const batches: ImportBatch[] = [];
    for await (const batch of readOneRosterImport(fileSource(files), { validation, mapping })) batches.push(batch);
    return batches;
  }

  async function fileError(files: Record<string, string>, mapping: OneRosterMapping = {}): Promise<ImportFileError> {
    try {
      await read(files, mapping);
    } catch (error) {
      if (error instanceof ImportFileError) return error;
      throw error;
    }
    throw new Error('expected the set to be refused');
  }

  it('places every student of a 1.2 bundle in their programme, through their own org or their course\'s', async () => {
    const set = await bundle();

    const [batch] = await read(set.files);

    expect(batch.rejections).toEqual([]);
    expect(batch.grades).toHaveLength(set.resultRows);
    for (const student of set.students) {
      const grades = batch.grades.filter((g) => g.grade.studentId === student.identifier).map((g) => g.grade);
      expect(grades.map((g) => [g.program, g.yearOfStudy])).toEqual([[student.program, student.year], [student.program, student.year]]);
    }
    expect(batch.grades.find((g) => g.grade.sourceRecordId === 'res-usr-1-essay')?.grade).toMatchObject({ score: 3, maxScore: 4, category: 'Formative', categoryWeight: 0.2 });
    expect(new Set(set.students.map((s) => s.placedBy))).toEqual(new Set(['own-org', 'course-org']));
  });

  it('imports a 1.1 bundle, placing students through orgSourcedIds', async () => {
    const set = await bundle({ version: '1.1' });

    const [batch] = await read(set.files);

    expect(batch.rejections).toEqual([]);
    expect(batch.grades.map((g) => [g.grade.studentId, g.grade.program])).toEqual(set.students.map((s) => [s.identifier, s.program]));
  });

  it('refuses a bundle whose orgs name no programme with one error naming the mapping, and imports it with the mapping', async () => {
    const set = await bundle({ opaqueOrgs: true });

    const error = await fileError(set.files);

    expect(error).toMatchObject({ code: 'unmapped-programme', file: 'results.csv' });
    expect(error.message).toContain('programByOrg');
    const programByOrg = { 'P-1': 'MBBS', 'P-2': 'MD', 'P-3': 'BBMS', 'P-4': 'HDPCS' };
    const [batch] = await read(set.files, { programByOrg });
    expect(batch.rejections).toEqual([]);
  });

  it('names a misspelled header with what it probably means', async () => {
    const set = await bundle({ edit: { 'users.csv': (text) => text.replace('"primaryOrgSourcedId"', '"primaryOrgSourceId"') } });

    const error = await fileError(set.files);

    expect(error).toMatchObject({ code: 'unknown-columns', file: 'users.csv' });
    expect(error.message).toContain('"primaryOrgSourceId" (did you mean "primaryOrgSourcedId"?)');
  });

  it('rejects a short row and a day/month date, and reads non-ASCII names without a BOM', async () => {
    const set = await bundle({
      bom: false,
      edit: {
        'results.csv': (text) => text.replace('"2025-03-14"', '"1/05/2023"').replace(/\r\n"res-usr-2-exam"[^\r]*/, '\r\n"res-usr-2-exam","","","li-md-exam"'),
      },
    });

    const [batch] = await read(set.files);

    expect(batch.rejections.map((r) => r.problems[0].column)).toEqual(['scoreDate', '(row)']);
    expect(batch.rejections[0].problems[0].reason).toContain('YYYY-MM-DD');
    const directory = await readOneRosterDirectory(fileSource(set.files), { knownPrograms: DEFAULT_PROGRAMS });
    expect(directory[0]).toMatchObject({ studentId: 'S1001', givenName: '陽菜', familyName: '佐藤', email: 's1001@students.example.edu', program: 'MBBS', yearOfStudy: 1 });
    // A student whose own org is the school is placed through the class enrollments.csv puts them in.
    expect(directory.map((entry) => entry.program)).toEqual(set.students.map((s) => s.program));
  });
});
