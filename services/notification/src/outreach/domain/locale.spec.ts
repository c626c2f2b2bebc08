import { formatLocaleFor, localeCandidates } from './locale';

describe('locale', () => {
  it('tries the exact locale, then its language, then English', () => {
    expect(localeCandidates('pt_br')).toEqual(['pt-BR', 'pt', 'en']);
    expect(localeCandidates('en-GB')).toEqual(['en-GB', 'en']);
    expect(localeCandidates('not a locale')).toEqual(['en']);
  });

  it('writes dates in the reader region only when the text is in their language', () => {
    expect(formatLocaleFor('en-GB', 'en')).toBe('en-GB');
    expect(formatLocaleFor('fr-FR', 'en')).toBe('en');
    expect(formatLocaleFor('???', 'en')).toBe('en');
  });
});
