/**
 * How a term is found in running text: its spelling, hyphenation, case and number variants, and
 * where a match stops being the term (a longer term that contains it).
 */

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Plurals English forms by changing the word, not by adding to it. */
const IRREGULAR: string[][] = [
  ['person', 'persons', 'people', 'peoples'],
  ['man', 'men'],
  ['woman', 'women'],
  ['child', 'children'],
  ['criterion', 'criteria'],
  ['phenomenon', 'phenomena'],
  ['datum', 'data'],
];

/**
 * Prefixes that writers join, hyphenate or space at will (microaggression, micro-aggression;
 * antiracism, anti-racism, anti racism).
 */
const PREFIXES = ['anti', 'micro', 'macro', 'non', 'inter', 'intra', 'multi', 'cross', 'self', 'post', 'pre', 'sub', 'trans', 'neo', 'cis', 'over', 'under', 'counter'];

/**
 * Letters, as a regex class body, for the patterns compiled per term: Latin with its accented
 * and extended forms. Unicode property classes (\p{L} with the u flag) cost ~10 ms to compile
 * per pattern, and a term's two dozen patterns are compiled for every term looked up.
 */
export const LETTERS = 'A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u1E00-\\u1EFF';

/** Quotes that may sit around a term or one of its words ("Implicit" bias). */
export const QUOTE = `["“”'‘’]`;

/** British and American spellings of one word: colour/color, -ise/-ize, -isation/-ization. */
function spelling(word: string): string {
  let re = escape(word.toLowerCase());
  re = re.replace(/(?<=\p{L})ou?r/gu, 'ou?r');
  re = re.replace(/i[sz](e|ed|es|ing|ation|ations)$/, 'i[sz]$1');
  re = re.replace(/y[sz]e$/, 'y[sz]e');
  return re;
}

/** The word in the singular and the plural, as a regex. */
function inflected(word: string): string {
  const lower = word.toLowerCase();
  const group = IRREGULAR.find((g) => g.includes(lower));
  if (group) return `(?:${group.join('|')})`;
  if (!/^\p{L}+$/u.test(word)) return escape(lower);
  if (/[^aeiou]y$/.test(lower)) return `${spelling(lower.slice(0, -1))}(?:y|ies)`;
  if (/[^aeiou]ies$/.test(lower)) return `${spelling(lower.slice(0, -3))}(?:y|ies)`;
  if (/(?:ss|us|is|as|x|ch|sh)$/.test(lower)) return `${spelling(lower)}(?:es)?`;
  if (/(?:ss|x|ch|sh)es$/.test(lower)) return `${spelling(lower.slice(0, -2))}(?:es)?`;
  if (/[^s]s$/.test(lower) && lower.length > 3) return `${spelling(lower.slice(0, -1))}s?`;
  return `${spelling(lower)}s?`;
}

/** A single word, allowing the join of a known prefix to be hyphenated or spaced. */
function wordPattern(word: string): string {
  const lower = word.toLowerCase();
  const prefix = PREFIXES.find((p) => lower.startsWith(p) && lower.length - p.length >= 4);
  return prefix ? `${escape(prefix)}[\\s\\u00ad‐‑-]?${inflected(lower.slice(prefix.length))}` : inflected(lower);
}

/** The words of a term; hyphens separate words as spaces do. */
export function termWords(term: string): string[] {
  return term.trim().split(/[\s‐‑-]+/).filter(Boolean);
}

/**
^ * The term as a regex source (case-insensitive; no `u` flag needed): each word in any of its variants, joined
 * by space, hyphen or nothing, quotes allowed around a word, and never inside a longer word or
 * a hyphenated compound ("anti-racism" is not "racism").
 */
export function termPattern(term: string): string {
  const words = termWords(term);
  const body = words.map(wordPattern).join(`${QUOTE}?[\\s\\u00ad‐‑-]*${QUOTE}?`);
  return `(?<![${LETTERS}0-9‐‑-])(?:${body})(?![${LETTERS}0-9]|[‐‑-][${LETTERS}])`;
}

/** Forms of one word for the full-text prefilter (the index stems -s/-es itself). */
function ftsForms(word: string): string[] {
  const lower = word.toLowerCase();
  const group = IRREGULAR.find((g) => g.includes(lower));
  let forms = group ? [...group] : [lower];
  forms = forms.flatMap((f) => {
    const alt = /(?<=\p{L})our/u.test(f) ? f.replace(/(?<=\p{L})our/gu, 'or') : f.length > 4 && /(?<=[lvbnmhd])or(?=\p{L}|$)/u.test(f) ? f.replace(/(?<=[lvbnmhd])or(?=\p{L}|$)/gu, 'our') : undefined;
    return alt ? [f, alt] : [f];
  });
  forms = forms.flatMap((f) => {
    const m = /^(.*i)([sz])(e|ed|es|ing|ation|ations)$/.exec(f);
    return m ? [f, `${m[1]}${m[2] === 's' ? 'z' : 's'}${m[3]}`] : [f];
  });
  return forms;
}

/**
 * An FTS5 query that finds every segment the term's variants could be in: the phrase of its words
 * in each spelling, plus the joined and split forms of prefixed or hyphenated words.
 */
export function termFtsQuery(term: string): string {
  const words = termWords(term);
  let phrases: string[][] = [[]];
  for (const w of words) {
    const forms = ftsForms(w);
    const prefix = PREFIXES.find((p) => w.toLowerCase().startsWith(p) && w.length - p.length >= 4);
    const variants = prefix ? [...forms.map((f) => [f]), ...forms.map((f) => [prefix, f.slice(prefix.length)])] : forms.map((f) => [f]);
    phrases = phrases.flatMap((p) => variants.map((v) => [...p, ...v])).slice(0, 24);
  }
  if (words.length > 1 && words.length <= 3) phrases.push([words.join('').toLowerCase()]);
  const unique = [...new Set(phrases.map((p) => p.join(' ')))];
  return unique.map((p) => `"${p.replace(/"/g, '""')}"`).join(' OR ');
}

/** A key under which variants of one term meet: lower case, singular, one spelling, no hyphens. */
export function termKey(term: string): string {
  return termWords(term)
    .map((w) => {
      const lower = w.toLowerCase();
      const group = IRREGULAR.find((g) => g.includes(lower));
      if (group) return group[0]!;
      return lower
        .replace(/(?<=\p{L})our/gu, 'or')
        .replace(/is(e|ed|es|ing|ation|ations)$/, 'iz$1')
        .replace(/ies$/, 'y')
        .replace(/([^s])s$/, '$1');
    })
    .join(' ');
}

/**
 * Words that may stand right before a term used as the subject of a definition. Any other word
 * there is a modifier that makes a longer term ("institutional racism" is not "racism"), a
 * quantifier ("some stateless persons are"), or a verb or noun the term belongs to ("understanding
 * intersectionality is key"): none of them defines the bare term.
 */
const BEFORE_SUBJECT = new Set(
  ('a an that term terms word words concept concepts notion notions expression phrase label ' +
    'and or but so thus hence therefore then also while whereas where when because since although though however if ' +
    'namely here now today first second finally ultimately which who').split(' '),
);

const PREPOSITION = /^(?:with|of|in|on|at|for|to|from|by|about|among|between|without|against|under|over|into|through|like|than|within|across)$/;

/**
 * Whether the term found at `start` can be the subject of a definition: at the start of a line or
 * clause, after punctuation or a quote, or after a word of `BEFORE_SUBJECT` or an adverb in -ly.
 * "The data are …" and "these microaggressions" point at particular things, and "with a
 * disability" is a phrase inside another subject: neither defines the term.
 */
export function subjectBoundaryOk(text: string, start: number, wordCount = 1): boolean {
  const before = text.slice(Math.max(0, start - 60), start);
  // "The glass ceiling is …" names a concept; "The data are …" points at particular data.
  if (wordCount > 1 && /(?:^|[^\p{L}])the\s+$/iu.test(before)) return true;
  const article = /(?:^|[^\p{L}])([\p{L}]+)\s+an?\s+$/iu.exec(before);
  if (article && PREPOSITION.test(article[1]!.toLowerCase())) return false;
  const m = /([\p{L}\p{N}][\p{L}\p{N}'’]*)([^\p{L}\p{N}]*)$/u.exec(before);
  if (!m) return true;
  // A quote closing the previous word ("Implicit" bias) leaves that word a modifier; one opening the term does not.
  const gap = m[2]!.replace(/^["”’']+(?=\s)/, '');
  if (/[.,;:!?()[\]"“”‘’'—–|•*→]/.test(gap)) return true;
  // A line break starts a clause only after a heading or a finished line: PDF text wraps mid-sentence.
  if (gap.includes('\n')) {
    const line = before.slice(0, m.index + m[1]!.length).split('\n').at(-1)!;
    if (/\n[ \t]*\n/.test(gap) || line.trim().length < 40) return true;
  }
  const word = m[1]!.toLowerCase();
  if (/^\d/.test(word)) return true;
  return BEFORE_SUBJECT.has(word) || (word.length > 4 && word.endsWith('ly'));
}
