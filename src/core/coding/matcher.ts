import type { Code, Sense } from './framework/schema.js';
import { accepts, wordPattern, type WordPattern } from './inflect.js';
import { tokenize, type Token } from './text.js';

/** Why a code applies to a text: the rule that fired and the words it matched. */
export interface Hit {
  rule: string;
  text: string;
  /** Offsets into the matched text. */
  start: number;
  end: number;
  /** For a rule of a sense: the context words that licensed it. */
  context?: string;
}

/** What a sense asks of the text around a match. */
interface Context {
  with: WordPattern[][];
  also: WordPattern[][];
  without: WordPattern[][];
  scope: 'sentence' | 'segment';
}

/** A keyword or phrase: its words, each accepting its inflections (keywords), exact forms (phrases) or a prefix. */
interface Sequence {
  code: string;
  rule: string;
  words: WordPattern[];
  context?: Context;
}

interface Proximity {
  code: string;
  rule: string;
  a: WordPattern[];
  b: WordPattern[];
  within: number;
}

interface Exclusions {
  phrases: WordPattern[][];
  regexes: RegExp[];
}

/** Case-insensitive; Unicode mode (slower in V8) only when the pattern uses its syntax. */
export function compileRegex(source: string): RegExp {
  return new RegExp(source, /\\[pPu]\{|\\u[0-9a-fA-F]{4}/.test(source) ? 'giu' : 'gi');
}

// Words of a phrase may be separated by spaces, line breaks and hyphens, not by punctuation that
// ends a clause: "passed over" must not match "passed. Over".
const JOINER = /^[\s\-\u2010\u2011\u2013]*$/;

// A sentence ends at . ! ? (before a capital, digit or opening quote) and at blank lines and bullets.
const SENTENCE_GAP = /[.!?]["'”’)\]]*\s+$|\n\s*\n|\n\s*[•▪◦·‣∙*–—-]\s*$/;

/** Phrases match their words exactly (any case); `word*` is a prefix in either. */
const exactPattern = (w: string): WordPattern => (w.endsWith('*') && w.length > 1 ? { form: w, prefix: w.slice(0, -1) } : { form: w, forms: new Set([w]) });

const termWords = (term: string, pattern: (w: string) => WordPattern) =>
  (term.toLowerCase().match(/[\p{L}\p{N}]+\*?/gu) ?? []).map(pattern);

/** Prefix patterns are indexed by their first letters, so a word looks up only the prefixes it could have. */
const PREFIX_KEY = 3;

/** An index from a word's form (or its first letters, for prefixes) to what it can start. */
class WordIndex<T> {
  private readonly byForm = new Map<string, T[]>();
  private readonly byPrefixKey = new Map<string, { prefix: string; item: T }[]>();
  private readonly shortPrefixes: { prefix: string; item: T }[] = [];

  add(p: WordPattern, item: T): void {
    if (p.prefix === undefined) {
      for (const f of p.forms!) this.byForm.set(f, [...(this.byForm.get(f) ?? []), item]);
    } else if (p.prefix.length >= PREFIX_KEY) {
      const key = p.prefix.slice(0, PREFIX_KEY);
      this.byPrefixKey.set(key, [...(this.byPrefixKey.get(key) ?? []), { prefix: p.prefix, item }]);
    } else this.shortPrefixes.push({ prefix: p.prefix, item });
  }

  /** Everything the word can start, each item once. */
  lookup(word: string, out: (item: T) => void): void {
    for (const item of this.byForm.get(word) ?? []) out(item);
    for (const { prefix, item } of this.byPrefixKey.get(word.slice(0, PREFIX_KEY)) ?? []) if (word.startsWith(prefix)) out(item);
    for (const { prefix, item } of this.shortPrefixes) if (word.startsWith(prefix)) out(item);
  }
}

/** The text being matched: its tokens, and sentence numbers computed only when a sense asks. */
class Scan {
  readonly tokens: Token[];
  private sentences?: Int32Array;

  constructor(readonly text: string) {
    this.tokens = tokenize(text);
  }

  sentenceOf(i: number): number {
    if (!this.sentences) {
      this.sentences = new Int32Array(this.tokens.length);
      let s = 0;
      for (let k = 1; k < this.tokens.length; k++) {
        if (SENTENCE_GAP.test(this.text.slice(this.tokens[k - 1]!.end, this.tokens[k]!.start))) s++;
        this.sentences[k] = s;
      }
    }
    return this.sentences[i] ?? 0;
  }

  /** The token index at or after a character offset. */
  tokenAt(offset: number): number {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens[mid]!.end <= offset) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(lo, this.tokens.length - 1);
  }

  /** Whether the words follow each other from token i, joined only by spaces, line breaks or hyphens. */
  sequenceAt(words: WordPattern[], i: number): boolean {
    if (i + words.length > this.tokens.length) return false;
    for (let k = 0; k < words.length; k++) {
      const t = this.tokens[i + k]!;
      if (!accepts(words[k]!, t.lower)) return false;
      if (k > 0 && !JOINER.test(this.text.slice(this.tokens[i + k - 1]!.end, t.start))) return false;
    }
    return true;
  }

  /** The first of the terms found in the tokens [from, to), outside [skipFrom, skipTo]: its text. */
  findTerm(terms: WordPattern[][], from: number, to: number, skipFrom: number, skipTo: number): string | undefined {
    for (let i = from; i < to; i++) {
      if (i >= skipFrom && i <= skipTo) continue;
      for (const words of terms) {
        if (i + words.length <= to && this.sequenceAt(words, i)) return this.text.slice(this.tokens[i]!.start, this.tokens[i + words.length - 1]!.end);
      }
    }
    return undefined;
  }
}

/**
 * A framework's rules compiled for fast matching: an index from every form a rule word accepts to
 * the rules it can start, so each text is tokenised once, no word is stemmed, and only the rules a
 * text's words touch are checked.
 */
export class Matcher {
  private readonly starts = new WordIndex<Sequence>();
  private readonly near = new WordIndex<Proximity>();
  private readonly regexes: { code: string; rule: string; re: RegExp; context?: Context }[] = [];
  private readonly exclusions = new Map<string, Exclusions>();
  /** Every rule with its code and its place under the code's `rules` in the framework file, for lint and statistics. */
  readonly rules: { code: string; rule: string; path: (string | number)[] }[] = [];

  constructor(codes: Code[]) {
    for (const c of codes) this.add(c);
  }

  /** The codes whose rules match the text, each with its evidence (one hit per span), exclusions applied. */
  match(text: string): Map<string, Hit[]> {
    const scan = new Scan(text);
    const { tokens } = scan;
    const hits = new Map<string, Hit[]>();
    const push = (code: string, hit: Hit) => {
      const list = hits.get(code);
      if (!list) hits.set(code, [hit]);
      else if (!list.some((h) => h.start === hit.start && h.end === hit.end)) list.push(hit);
    };
    let nearSeen: Map<Proximity, { a: number[]; b: number[] }> | undefined;
    for (let i = 0; i < tokens.length; i++) {
      const word = tokens[i]!.lower;
      this.starts.lookup(word, (seq) => {
        if (!scan.sequenceAt(seq.words, i)) return;
        const last = i + seq.words.length - 1;
        const context = seq.context ? licence(scan, seq.context, i, last) : '';
        if (context === undefined) return;
        push(seq.code, { rule: seq.rule, text: text.slice(tokens[i]!.start, tokens[last]!.end), start: tokens[i]!.start, end: tokens[last]!.end, ...(context ? { context } : {}) });
      });
      this.near.lookup(word, (p) => {
        nearSeen ??= new Map();
        const seen = nearSeen.get(p) ?? { a: [], b: [] };
        if (p.a.some((w) => accepts(w, word)) && seen.a.at(-1) !== i) seen.a.push(i);
        if (p.b.some((w) => accepts(w, word)) && seen.b.at(-1) !== i) seen.b.push(i);
        nearSeen.set(p, seen);
      });
    }
    for (const [p, { a, b }] of nearSeen ?? []) {
      const pair = closestPair(a, b, p.within);
      if (!pair) continue;
      const [from, to] = [Math.min(...pair), Math.max(...pair)];
      push(p.code, { rule: p.rule, text: text.slice(tokens[from]!.start, tokens[to]!.end), start: tokens[from]!.start, end: tokens[to]!.end });
    }
    for (const r of this.regexes) {
      r.re.lastIndex = 0;
      for (const m of text.matchAll(r.re)) {
        if (!m[0]) continue;
        const end = m.index + m[0].length;
        let context = '';
        if (r.context && tokens.length) {
          const found = licence(scan, r.context, scan.tokenAt(m.index), scan.tokenAt(end - 1));
          if (found === undefined) continue;
          context = found;
        }
        push(r.code, { rule: r.rule, text: m[0], start: m.index, end, ...(context ? { context } : {}) });
      }
    }
    for (const [code, list] of hits) {
      const ex = this.exclusions.get(code);
      if (!ex) continue;
      const vetoes = excludedRanges(ex, scan);
      const kept = list.filter((h) => !vetoes.some(([s, e]) => h.start < e && s < h.end));
      if (kept.length) hits.set(code, kept);
      else hits.delete(code);
    }
    return hits;
  }

  private add(c: Code): void {
    const { keywords, phrases, regex, proximity, senses = [], exclude } = c.rules;
    this.addTerms(c.id, keywords, phrases, regex, []);
    senses.forEach((s, i) => this.addTerms(c.id, s.keywords, s.phrases, s.regex, ['senses', i], s, s.name ?? `sense${i + 1}`));
    proximity.forEach((p, j) => {
      const side = (t: string | string[]) => [t].flat().map(wordPattern);
      const entry: Proximity = { code: c.id, rule: `near:${[p.near[0]].flat().join('|')}~${[p.near[1]].flat().join('|')}/${p.within}`, a: side(p.near[0]), b: side(p.near[1]), within: p.within };
      for (const w of [...entry.a, ...entry.b]) this.near.add(w, entry);
      this.rules.push({ code: c.id, rule: entry.rule, path: ['proximity', j] });
    });
    if (exclude.length) {
      this.exclusions.set(c.id, {
        phrases: exclude.filter((x): x is string => typeof x === 'string').map((x) => termWords(x, wordPattern)).filter((ws) => ws.length),
        regexes: exclude.filter((x): x is { regex: string } => typeof x !== 'string').map((x) => compileRegex(x.regex)),
      });
    }
  }

  private addTerms(code: string, keywords: string[], phrases: string[], regex: string[], at: (string | number)[], sense?: Sense, senseName?: string): void {
    const context: Context | undefined = sense && { with: sense.with.map((t) => termWords(t, wordPattern)), also: sense.also.map((t) => termWords(t, wordPattern)), without: sense.without.map((t) => termWords(t, wordPattern)), scope: sense.scope };
    const tag = senseName ? `@${senseName}` : '';
    const addSeq = (words: WordPattern[], rule: string, path: (string | number)[]) => {
      if (words.length) this.starts.add(words[0]!, { code, rule, words, context });
      this.rules.push({ code, rule, path });
    };
    keywords.forEach((k, j) => addSeq(termWords(k, wordPattern), `keyword:${k}${tag}`, [...at, 'keywords', j]));
    phrases.forEach((p, j) => addSeq(termWords(p, exactPattern), `phrase:"${p}"${tag}`, [...at, 'phrases', j]));
    regex.forEach((r, j) => {
      this.regexes.push({ code, rule: `regex:/${r}/${tag}`, re: compileRegex(r), context });
      this.rules.push({ code, rule: `regex:/${r}/${tag}`, path: [...at, 'regex', j] });
    });
  }
}

/**
 * Whether a sense's context allows the match on tokens [first, last]: the `with` and `also` terms
 * that license it ('' when the sense asks for none), or undefined when one of them is missing or a
 * `without` term is present in the sentence (or segment).
 */
function licence(scan: Scan, ctx: Context, first: number, last: number): string | undefined {
  let from = 0;
  let to = scan.tokens.length;
  if (ctx.scope === 'sentence') {
    const [s, e] = [scan.sentenceOf(first), scan.sentenceOf(last)];
    from = first;
    while (from > 0 && scan.sentenceOf(from - 1) === s) from--;
    to = last + 1;
    while (to < scan.tokens.length && scan.sentenceOf(to) === e) to++;
  }
  if (ctx.without.length && scan.findTerm(ctx.without, from, to, first, last) !== undefined) return undefined;
  const found: string[] = [];
  for (const terms of [ctx.with, ctx.also]) {
    if (!terms.length) continue;
    const term = scan.findTerm(terms, from, to, first, last);
    if (term === undefined) return undefined;
    found.push(term);
  }
  return found.join(', ');
}

/** The first pair of positions, one from each list, at most `within` words apart. */
function closestPair(a: number[], b: number[], within: number): [number, number] | undefined {
  for (const i of a) for (const j of b) if (i !== j && Math.abs(i - j) <= within) return [i, j];
  return undefined;
}

/** Character ranges of the text covered by the code's exclusions. */
function excludedRanges(ex: Exclusions, scan: Scan): [number, number][] {
  const ranges: [number, number][] = [];
  const { tokens, text } = scan;
  for (const words of ex.phrases) {
    for (let i = 0; i + words.length <= tokens.length; i++) {
      if (scan.sequenceAt(words, i)) ranges.push([tokens[i]!.start, tokens[i + words.length - 1]!.end]);
    }
  }
  for (const re of ex.regexes) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) ranges.push([m.index, m.index + m[0].length]);
  }
  return ranges;
}
