import { coordinates, ofProgrammes } from './programme-scope';

describe('a coordinator’s programmes in the console', () => {
  it('covers only the programmes on the account', () => {
    expect(coordinates(['MBBS'], 'MBBS')).toBe(true);
    expect(coordinates(['MBBS'], 'MD')).toBe(false);
    expect(coordinates([], 'MBBS')).toBe(false);
  });

  it('keeps only the rows of those programmes', () => {
    const rows = [{ program: 'MBBS', n: 1 }, { program: 'MD', n: 2 }, { program: 'BBMS', n: 3 }];

    expect(ofProgrammes(['MBBS', 'BBMS'], rows)).toEqual([rows[0], rows[2]]);
    expect(ofProgrammes([], rows)).toEqual([]);
  });
});
