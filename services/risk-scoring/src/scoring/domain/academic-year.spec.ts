import { academicYearBeginning } from './academic-year';

describe('the academic year a moment belongs to', () => {
  const august = { month: 8, day: 1 };

  it('begins on the configured day of this year once that day has come', () => {
    expect(academicYearBeginning(new Date('2026-08-01T00:00:00Z'), august)).toEqual(new Date('2026-08-01T00:00:00Z'));
    expect(academicYearBeginning(new Date('2026-12-03T18:00:00Z'), august)).toEqual(new Date('2026-08-01T00:00:00Z'));
  });

  it('began on that day of last year before it comes', () => {
    expect(academicYearBeginning(new Date('2026-07-31T23:59:59Z'), august)).toEqual(new Date('2025-08-01T00:00:00Z'));
    expect(academicYearBeginning(new Date('2026-09-14T00:00:00Z'), { month: 9, day: 15 })).toEqual(new Date('2025-09-15T00:00:00Z'));
  });
});
