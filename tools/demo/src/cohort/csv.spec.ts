import { parse } from 'csv-parse/sync';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes only the fields that need it and ends lines with CRLF', () => {
    expect(toCsv(['a', 'b'], [['plain', 'with, comma']])).toBe('a,b\r\nplain,"with, comma"\r\n');
  });

  it('round-trips quotes, line breaks, edge spaces and non-ASCII text', () => {
    const rows = [
      ['He said "hi"', 'line\nbreak', ' padded '],
      ['Łukasz Nowak', 'Zoë', ''],
    ];
    const parsed = parse(toCsv(['x', 'y', 'z'], rows), { columns: true, trim: false });
    expect(parsed).toEqual(rows.map(([x, y, z]) => ({ x, y, z })));
  });

  it('refuses a row whose width differs from the header', () => {
    expect(() => toCsv(['a', 'b'], [['only one']])).toThrow(RangeError);
  });
});
