// English readability, small enough to read in one go: no dependency fits a template test better.

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
// A sentence ends at . ! ? : ; before a space or the end, or at a line break (greetings, list items).
const SENTENCE_END = /[.!?:;]+(?=\s|$)|\n+/;

export function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

export function sentencesOf(text: string): string[] {
  return text.split(SENTENCE_END).filter((sentence) => wordsOf(sentence).length > 0);
}

/** The usual vowel-group estimate; names in other scripts count as one syllable. */
export function syllablesOf(word: string): number {
  const letters = word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  if (letters.length <= 3) return 1;
  const withoutSilentEndings = letters.replace(/(?:[^laeiouy]es|ed|[^laeiouy]e)$/, '').replace(/^y/, '');
  return Math.max(1, withoutSilentEndings.match(/[aeiouy]{1,2}/g)?.length ?? 1);
}

export function averageSentenceLength(text: string): number {
  const sentences = sentencesOf(text);
  return sentences.length === 0 ? 0 : wordsOf(text).length / sentences.length;
}

/** Flesch reading ease: 60-70 is plain English, higher is easier. */
export function fleschReadingEase(text: string): number {
  const words = wordsOf(text);
  const sentences = sentencesOf(text);
  if (words.length === 0 || sentences.length === 0) return 100;
  const syllables = words.reduce((sum, word) => sum + syllablesOf(word), 0);
  return 206.835 - 1.015 * (words.length / sentences.length) - 84.6 * (syllables / words.length);
}
