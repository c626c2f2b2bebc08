import { resultFileName } from './results';

describe('resultFileName', () => {
  it('names a run by its start time without colons', () => {
    expect(resultFileName('2025-06-01T12:30:05.123Z')).toBe('2025-06-01T12-30-05.123Z.json');
  });
});
