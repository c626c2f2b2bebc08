import { Readable } from 'node:stream';
import { ImportFileError } from '../domain';
import { CsvRow, readCsvRows } from './csv-rows';
import { OneRosterFile } from './oneroster-files';

const FILE: OneRosterFile = { name: 'results.csv', requiredColumns: ['sourcedId', 'score', 'scoreDate'] };

async function rows(content: string | Buffer): Promise<CsvRow[]> {
  const read: CsvRow[] = [];
  for await (const row of readCsvRows(Readable.from([Buffer.from(content)]), FILE)) read.push(row);
  return read;
}

async function failure(content: string | Buffer): Promise<ImportFileError> {
  const error = await rows(content).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (error instanceof ImportFileError) return error;
  throw new Error(`expected an ImportFileError, got ${String(error)}`);
}

describe('readCsvRows', () => {
  it('reads records by column name, numbering rows as a spreadsheet does', async () => {
    const read = await rows('\ufeffsourcedId,score,scoreDate,comment\r\nr1,62,2025-03-01,\r\n\r\nr2, 70 ,2025-03-02,"two\r\nlines"\r\nr3,80,2025-03-03,x\r\n');

    expect(read.map((row) => [row.row, row.value('sourcedId'), row.value('score')])).toEqual([
      [2, 'r1', '62'],
      [4, 'r2', '70'],
      [5, 'r3', '80'],
    ]);
    expect(read[1].value('comment')).toBe('two\r\nlines');
    expect(read[0].value('notAColumn')).toBe('');
  });

  it('flags a row whose field count does not match the header', async () => {
    const [row] = await rows('sourcedId,score,scoreDate\nr1,62\n');

    expect(row.widthProblem()).toBe('has 2 fields but the header has 3 columns');
  });

  it('names every missing required column and the header it found', async () => {
    const error = await failure('sourcedId,Score,comment\nr1,62,x\n');

    expect(error).toMatchObject({ code: 'missing-columns', file: 'results.csv', line: 1 });
    expect(error.message).toBe(
      'results.csv is missing required columns: score, scoreDate; its header is: sourcedId, Score, comment ' +
        '(column names are case-sensitive: "Score" should be spelled "score")',
    );
  });

  it('refuses an empty file as having no header', async () => {
    await expect(failure('')).resolves.toMatchObject({ code: 'missing-columns', message: expect.stringContaining('the file is empty') });
  });

  it('refuses a header that repeats a column', async () => {
    await expect(failure('sourcedId,score,scoreDate,score\n')).resolves.toMatchObject({
      code: 'duplicate-columns',
      message: 'results.csv has the column score more than once',
    });
  });

  it('reports an unclosed quote with the line it opens on', async () => {
    const error = await failure('sourcedId,score,scoreDate\nr1,62,2025-03-01\nr2,"70,2025-03-02\n');

    expect(error).toMatchObject({ code: 'malformed-csv', file: 'results.csv', line: 3 });
    expect(error.message).toContain('Quote Not Closed');
  });

  it('reports bytes that are not UTF-8 with their line', async () => {
    const error = await failure(Buffer.from('sourcedId,score,scoreDate\nr1,62,2025-03-01\nr\xe92,70,2025-03-02\n', 'latin1'));

    expect(error).toMatchObject({ code: 'invalid-utf8', file: 'results.csv', line: 3 });
  });

  describe('against the binding\'s columns', () => {
    const BOUND: OneRosterFile = { name: 'users.csv', requiredColumns: ['sourcedId'], bindingColumns: ['sourcedId', 'givenName', 'primaryOrgSourcedId'] };

    async function bound(content: string): Promise<CsvRow[] | ImportFileError> {
      const read: CsvRow[] = [];
      try {
        for await (const row of readCsvRows(Readable.from([Buffer.from(content)]), BOUND)) read.push(row);
      } catch (error) {
        if (error instanceof ImportFileError) return error;
        throw error;
      }
      return read;
    }

    it('names a near-miss of a binding column with what it probably means', async () => {
      await expect(bound('sourcedId,givenname,primaryOrgSourceId\nu1,A,o1\n')).resolves.toMatchObject({
        code: 'unknown-columns',
        message: 'users.csv has columns the OneRoster binding does not define: "givenname" (did you mean "givenName"?), ' +
          '"primaryOrgSourceId" (did you mean "primaryOrgSourcedId"?); column names are case-sensitive',
      });
    });

    it('takes extension columns only to the right of the binding\'s', async () => {
      await expect(bound('sourcedId,metadata.program,givenName\nu1,MBBS,A\n')).resolves.toMatchObject({
        code: 'misplaced-columns',
        message: expect.stringContaining('the binding\'s column givenName to the right of the extension column "metadata.program"'),
      });
      await expect(bound('sourcedId,givenName,metadata.program,favouriteColour\nu1,A,MBBS,blue\n')).resolves.toHaveLength(1);
    });
  });
});
