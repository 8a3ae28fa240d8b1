/** Words as an OCR check counts them: split on white space, without the punctuation around them. */
function words(text: string): string[] {
  // A word hyphenated at a line end counts once, whole ("pro-\ngrams"), whichever side joined it.
  return text
    .replace(/(\p{L})-\n\s*(\p{L})/gu, '$1$2')
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);
}

/**
 * Word accuracy of recognised text against a reference transcription: 1 − (word-level edit
 * distance / reference words), the usual complement of the word error rate. Case counts
 * ("II" read as "IT" is an error); punctuation around a word does not.
 */
export function wordAccuracy(reference: string, recognised: string): { words: number; errors: number; accuracy: number } {
  const a = words(reference);
  const b = words(recognised);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  const errors = prev[b.length]!;
  return { words: a.length, errors, accuracy: a.length ? Math.max(0, 1 - errors / a.length) : 0 };
}
