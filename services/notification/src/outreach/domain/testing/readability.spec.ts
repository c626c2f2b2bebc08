import { averageSentenceLength, fleschReadingEase, sentencesOf, syllablesOf, wordsOf } from './readability';

describe('readability', () => {
  it('counts syllables by vowel groups, ignoring silent endings and accents', () => {
    expect(syllablesOf('cat')).toBe(1);
    expect(syllablesOf('mentor')).toBe(2);
    expect(syllablesOf('introduce')).toBe(3);
    expect(syllablesOf('relaxed')).toBe(2);
    expect(syllablesOf('Zoë')).toBe(1);
    expect(syllablesOf('李华')).toBe(1);
  });

  it('splits words and sentences the way a reader would', () => {
    expect(wordsOf("We'd like you to meet Zoë O'Connell.")).toHaveLength(7);
    expect(sentencesOf('Hi Sam,\n\nWe are glad. Pick a time: now!')).toEqual(['Hi Sam,', 'We are glad', ' Pick a time', ' now']);
    expect(averageSentenceLength('One two three. Four five six.')).toBe(3);
  });

  it('scores plain sentences as easy and dense prose as hard', () => {
    expect(fleschReadingEase('You choose the time. We are glad to help.')).toBeGreaterThan(80);
    expect(
      fleschReadingEase(
        'Institutional academic intervention methodologies necessitate comprehensive longitudinal evaluation of underperformance determinants.',
      ),
    ).toBeLessThan(0);
  });
});
