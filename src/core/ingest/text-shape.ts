/** Counting and flattening helpers shared by the paragraph classifiers. */

/** Whitespace-separated tokens that hold a letter or a digit: the words a reader sees. */
export function words(s: string): number {
  return s.match(/\S*[\p{L}\p{N}]\S*/gu)?.length ?? 0;
}

/** The text on one line, runs of white space folded to one space. */
export function flat(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
