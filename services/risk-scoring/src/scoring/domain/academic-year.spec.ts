import { academicYearBeginning, parseMonthDay } from './academic-year';

describe('the academic year a moment belongs to', () => {
  const august = parseMonthDay('08-01');

  it('begins on the configured day of this year once that day has come', () => {
    expect(academicYearBeginning(new Date('2026-08-01T00:00:00Z'), august)).toEqual(new Date('2026-08-01T00:00:00Z'));
    expect(academicYearBeginning(new Date('2026-12-03T18:00:00Z'), august)).toEqual(new Date('2026-08-01T00:00:00Z'));
  });

  it('began on that day of last year before it comes', () => {
    expect(academicYearBeginning(new Date('2026-07-31T23:59:59Z'), august)).toEqual(new Date('2025-08-01T00:00:00Z'));
    expect(academicYearBeginning(new Date('2026-09-14T00:00:00Z'), parseMonthDay('09-15'))).toEqual(new Date('2025-09-15T00:00:00Z'));
  });

  it('refuses a day some or all years lack, or a malformed one', () => {
    for (const text of ['02-29', '04-31', '13-01', '00-10', '8-1', '08/01', '']) {
      expect(() => parseMonthDay(text)).toThrow(RangeError);
    }
    expect(parseMonthDay('12-31')).toEqual({ month: 12, day: 31 });
  });
});
