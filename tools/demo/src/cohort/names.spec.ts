import { asciiFold, drawFacultyName, drawStudentName } from './names';
import { createRandom } from './random';

describe('asciiFold', () => {
  it.each([
    ['Zoë', 'zoe'],
    ['José', 'jose'],
    ['Łukasz', 'lukasz'],
    ['Nguyễn', 'nguyen'],
    ['Ødegaard', 'odegaard'],
    ['Dvořák', 'dvorak'],
    ["O'Brien", 'obrien'],
    ['Al Mansouri', 'almansouri'],
    ['El-Sayed', 'elsayed'],
    ['Satō', 'sato'],
  ])('folds %s to %s', (name, folded) => {
    expect(asciiFold(name)).toBe(folded);
  });
});

describe('name pools', () => {
  it('draw an international mix that includes non-ASCII names', () => {
    const random = createRandom(11);
    const names = Array.from({ length: 2000 }, () => drawStudentName(random));
    // eslint-disable-next-line no-control-regex
    const nonAscii = names.filter(({ givenName, familyName }) => /[^\x00-\x7f]/.test(givenName + familyName));
    expect(nonAscii.length).toBeGreaterThan(50);
    expect(new Set(names.map((name) => name.familyName)).size).toBeGreaterThan(50);
  });

  it('fold every name into a usable e-mail local part', () => {
    const random = createRandom(12);
    for (let i = 0; i < 2000; i += 1) {
      const { givenName, familyName } = i % 2 ? drawStudentName(random) : drawFacultyName(random);
      expect(asciiFold(givenName)).toMatch(/^[a-z]+$/);
      expect(asciiFold(familyName)).toMatch(/^[a-z]+$/);
    }
  });
});
