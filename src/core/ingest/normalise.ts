const LIGATURES: Record<string, string> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
};

// Control characters other than tab and newline come from broken text layers and would only
// confuse search and display.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u00AD\uFEFF\uFFFE\uFFFF]/g;

/** Line-level clean-up of one page: line ends, controls, ligatures, spaces. */
function cleanPage(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .replace(/[\uFB00-\uFB06]/g, (c) => LIGATURES[c] ?? c)
    .replace(/[\t\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
    .replace(/[ ]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

/** Pairs of words that the document writes joined by a hyphen inside a line ("long-term"). */
function hyphenatedWords(pages: string[]): Set<string> {
  const words = new Set<string>();
  for (const page of pages) {
    for (const m of page.matchAll(/\p{L}+(?:-\p{L}+)+/gu)) {
      const parts = m[0].toLowerCase().split('-');
      for (let i = 1; i < parts.length; i++) words.add(`${parts[i - 1]}-${parts[i]}`);
    }
  }
  return words;
}

const LINE_END_HYPHEN = /(\p{L}+)-\n(\p{Ll}\p{L}*)([,.;:!?)]*)[ ]*/gu;

/**
 * Normalises the text of a document's pages for storage: Windows and old Mac line ends, control
 * characters, soft hyphens, typographic ligatures (U+FB00-FB06) and odd spaces; and re-joins words
 * hyphenated at line ends ("recruit-\nment" becomes "recruitment\n"), except compounds that the
 * document elsewhere writes with a hyphen, which keep it ("long-\nterm" becomes "long-term\n").
 */
export function normalisePages(pages: string[]): string[] {
  const cleaned = pages.map(cleanPage);
  let compounds: Set<string> | undefined;
  // Built only for documents that do break words at line ends.
  const keepsHyphen = (compound: string) => (compounds ??= hyphenatedWords(cleaned)).has(compound.toLowerCase());
  return cleaned.map((page) =>
    page.replace(LINE_END_HYPHEN, (_all, head: string, tail: string, punct: string) => {
      const joined = keepsHyphen(`${head}-${tail}`) ? `${head}-${tail}` : `${head}${tail}`;
      return `${joined}${punct}\n`;
    }),
  );
}
