import { homeOf, safeNextPath } from './home-of';

describe('sign-in destinations', () => {
  it('sends each role to its own pages', () => {
    expect([homeOf('mentor'), homeOf('coordinator'), homeOf('ops')]).toEqual(['/mentor', '/coordinator', '/ops']);
  });

  it('follows next only to paths on this site', () => {
    expect(safeNextPath('/mentor/cases/1?x=2')).toBe('/mentor/cases/1?x=2');
    expect(safeNextPath('//evil.example/')).toBeUndefined();
    expect(safeNextPath('/\\evil.example')).toBeUndefined();
    expect(safeNextPath('https://evil.example/')).toBeUndefined();
    expect(safeNextPath(undefined)).toBeUndefined();
  });
});
