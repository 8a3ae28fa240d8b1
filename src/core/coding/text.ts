import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { words as STOP_WORDS } from 'natural/lib/natural/util/stopwords.js';

/** A word of a text: its lower-case form and where it is (UTF-16 offsets). */
export interface Token {
  lower: string;
  start: number;
  end: number;
}

// Hyphens and apostrophes split words, so "anti-racism" is two tokens and a phrase
// "anti racism" matches it, across line breaks too.
const WORD = /[\p{L}\p{N}]+/gu;

/** The words of a text, in order. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) tokens.push({ lower: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  return tokens;
}

const stems = new Map<string, string>();

/** The Porter stem of a lower-case word, cached: a corpus repeats a small vocabulary. */
export function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = PorterStemmer.stem(word);
    stems.set(word, s);
  }
  return s;
}

/** The words of a rule term, lower-cased: "Racial discrimination" -> ["racial", "discrimination"]. */
export function words(term: string): string[] {
  return tokenize(term).map((t) => t.lower);
}

const STOP = new Set(STOP_WORDS);

/** Whether a lower-case word carries content: three letters or more, not a stop word, not a number. */
export function isContentWord(word: string): boolean {
  return word.length >= 3 && !STOP.has(word) && !/^\d+$/.test(word);
}
