import { IsInt, IsString, Min } from 'class-validator';
import { booleanCell, integerCell, leaveCell, listCell, weeklyWindowsCell } from './csv-cells';
import { parseCsvRecords, rowFromCsv, textCell } from './csv-records';
import { validateImportRows } from './import-rows';

class PersonRow {
  @IsString() personId!: string;
  @IsInt() @Min(0) capacity!: number;
}

const rules = { idField: 'personId' as const, problemsOf: (row: PersonRow) => (row.capacity > 10 ? [{ field: 'capacity', problem: 'too many' }] : []) };

describe('import rows', () => {
  it('keeps good rows and lists every problem of the others, naming them when it can', () => {
    const result = validateImportRows(
      [
        { row: 1, value: { personId: 'a', capacity: 3 }, problems: [] },
        { row: 2, value: { personId: 'b', capacity: -1 }, problems: [] },
        { row: 3, value: { personId: 'c', capacity: 11 }, problems: [] },
        { row: 4, value: { personId: 'a', capacity: 2 }, problems: [] },
      ],
      PersonRow,
      rules,
    );
    expect(result.accepted).toEqual([{ row: 1, value: expect.objectContaining({ personId: 'a' }) }]);
    expect(result.rejected.map((row) => [row.row, row.id, row.problems.map((problem) => problem.field)])).toEqual([
      [2, 'b', ['capacity']],
      [3, 'c', ['capacity']],
      [4, 'a', ['(row)']],
    ]);
  });

  it('reports an unreadable cell once, not again as a missing field', () => {
    const [record] = parseCsvRecords('personId,capacity\nx,three\n');
    const row = rowFromCsv(record, { personId: textCell, capacity: integerCell });
    const { rejected } = validateImportRows([row], PersonRow, rules);
    expect(rejected).toEqual([{ row: 2, id: 'x', problems: [{ field: 'capacity', problem: 'must be a whole number' }] }]);
  });
});

describe('CSV cells', () => {
  it('reads lists, weekly windows, leave, numbers and yes/no', () => {
    expect(listCell('MBBS; BBMS|MD')).toEqual(['MBBS', 'BBMS', 'MD']);
    expect(weeklyWindowsCell('Mon 9:00-11:00; 3 14:00-16:30')).toEqual({
      value: [
        { weekday: 1, start: '09:00', end: '11:00' },
        { weekday: 3, start: '14:00', end: '16:30' },
      ],
    });
    expect(weeklyWindowsCell('someday 9-5')).toEqual({ problem: expect.stringContaining('someday 9-5') });
    expect(leaveCell('2025-12-20..2026-01-04; 2026-03-01')).toEqual({
      value: [
        { firstDay: '2025-12-20', lastDay: '2026-01-04' },
        { firstDay: '2026-03-01', lastDay: '2026-03-01' },
      ],
    });
    expect(booleanCell('', true)).toEqual({ value: true });
    expect(booleanCell('No', true)).toEqual({ value: false });
    expect(booleanCell('maybe', true)).toEqual({ problem: 'must be yes or no' });
  });

  it('numbers rows as a spreadsheet does', () => {
    expect(parseCsvRecords('a,b\n1,2\n\n3,4\n').map((record) => record.row)).toEqual([2, 4]);
  });
});
