import { programmesOutOfReach, sharesProgramme } from './mentor-programmes';

const coversMbbs = (programme: string) => programme === 'MBBS';

describe('a coordinator’s reach over mentors', () => {
  it('manages a mentor who serves one of their programmes, among others', () => {
    expect(sharesProgramme(['MD', 'MBBS'], coversMbbs)).toBe(true);
    expect(sharesProgramme(['MD', 'BBMS'], coversMbbs)).toBe(false);
    expect(sharesProgramme([], coversMbbs)).toBe(false);
  });

  it('creates mentors only in their own programmes', () => {
    expect(programmesOutOfReach(null, ['MBBS'], coversMbbs)).toEqual([]);
    expect(programmesOutOfReach(null, ['MBBS', 'MD'], coversMbbs)).toEqual(['MD']);
  });

  it('adds or removes only their own programmes, keeping the others as they were', () => {
    expect(programmesOutOfReach(['MD', 'MBBS'], ['MD'], coversMbbs)).toEqual([]);
    expect(programmesOutOfReach(['MD'], ['MD', 'MBBS'], coversMbbs)).toEqual([]);
    expect(programmesOutOfReach(['MD', 'MBBS'], ['MBBS'], coversMbbs)).toEqual(['MD']);
    expect(programmesOutOfReach(['MBBS'], ['MBBS', 'HDPCS', 'BBMS'], coversMbbs)).toEqual(['BBMS', 'HDPCS']);
  });

  it('lets a caller who covers everything change anything', () => {
    expect(programmesOutOfReach(['MD'], ['BBMS'], () => true)).toEqual([]);
  });
});
