import type { Code } from './framework/schema.js';
import { stem, tokenize, words, type Token } from './text.js';

/** Why a code applies to a text: the rule that fired and the words it matched. */
export interface Hit {
  rule: string;
  text: string;
  /** Offsets into the matched text. */
  start: number;
  end: number;
}

interface Sequence {
  code: string;
  rule: string;
  /** Words after the first, compared as stems (keywords) or lower-case forms (phrases). */
  rest: string[];
  stemmed: boolean;
}

/** Words a proximity side accepts: exact lower-case forms, and prefixes written `word*`. */
interface TermSet {
  exact: Set<string>;
  prefixes: string[];
}

interface Proximity {
  code: string;
  rule: string;
  a: TermSet;
  b: TermSet;
  within: number;
}

interface Exclusions {
  phrases: string[][]; // stems
  regexes: RegExp[];
}

function termSet(t: string | string[]): TermSet {
  const terms = (Array.isArray(t) ? t : [t]).map((x) => x.trim().toLowerCase());
  return {
    exact: new Set(terms.filter((x) => !x.endsWith('*'))),
    prefixes: terms.filter((x) => x.endsWith('*')).map((x) => x.slice(0, -1)),
  };
}

const accepts = (set: TermSet, word: string) => set.exact.has(word) || set.prefixes.some((p) => word.startsWith(p));

const HEAD = 3;

/** Case-insensitive; Unicode mode (slower in V8) only when the pattern uses its syntax. */
export function compileRegex(source: string): RegExp {
  return new RegExp(source, /\\[pPu]\{|\\u[0-9a-fA-F]{4}/.test(source) ? 'giu' : 'gi');
}

// Words of a phrase may be separated by spaces, line breaks and hyphens, not by punctuation that
// ends a clause: "passed over" must not match "passed. Over".
const JOINER = /^[\s\-\u2010\u2011\u2013]*$/;

/**
 * A framework's rules compiled for fast matching: an index from a word's stem or form to the rules
 * it can start, so each text is tokenised once and only the rules its words touch are checked.
 */
export class Matcher {
  private readonly byStem = new Map<string, Sequence[]>();
  /** The first letters of every keyword stem: a word starting otherwise needs no stemming. */
  private readonly stemHeads = new Set<string>();
  /** Stems shorter than the head ("ag" from age), matched as prefixes instead. */
  private readonly shortStems: string[] = [];
  private readonly byWord = new Map<string, Sequence[]>();
  private readonly nearByWord = new Map<string, Proximity[]>();
  private readonly nearByPrefix: { prefix: string; rule: Proximity }[] = [];
  private readonly regexes: { code: string; rule: string; re: RegExp }[] = [];
  private readonly exclusions = new Map<string, Exclusions>();

  constructor(codes: Code[]) {
    for (const c of codes) this.add(c);
  }

  /** The codes whose rules match the text, each with its evidence, exclusions applied. */
  match(text: string): Map<string, Hit[]> {
    const tokens = tokenize(text);
    // Stems are computed only where a keyword or an exclusion could use them: most words of a
    // text start with letters no keyword starts with.
    const stems: (string | undefined)[] = new Array(tokens.length);
    const stemAt = (i: number) => (stems[i] ??= stem(tokens[i]!.lower));
    const hits = new Map<string, Hit[]>();
    const push = (code: string, rule: string, start: number, end: number) => {
      const list = hits.get(code) ?? [];
      list.push({ rule, text: text.slice(start, end), start, end });
      hits.set(code, list);
    };
    let nearSeen: Map<Proximity, { a: number[]; b: number[] }> | undefined;
    const sawNear = (p: Proximity, word: string, i: number) => {
      nearSeen ??= new Map();
      const seen = nearSeen.get(p) ?? { a: [], b: [] };
      if (accepts(p.a, word) && seen.a.at(-1) !== i) seen.a.push(i);
      if (accepts(p.b, word) && seen.b.at(-1) !== i) seen.b.push(i);
      nearSeen.set(p, seen);
    };
    for (let i = 0; i < tokens.length; i++) {
      const word = tokens[i]!.lower;
      if (this.stemHeads.has(word.slice(0, HEAD)) || this.shortStems.some((x) => word.startsWith(x))) {
        for (const seq of this.byStem.get(stemAt(i)) ?? []) {
          if (followedBy(seq, tokens, stemAt, i, text)) push(seq.code, seq.rule, tokens[i]!.start, tokens[i + seq.rest.length]!.end);
        }
      }
      for (const seq of this.byWord.get(word) ?? []) {
        if (followedBy(seq, tokens, stemAt, i, text)) push(seq.code, seq.rule, tokens[i]!.start, tokens[i + seq.rest.length]!.end);
      }
      for (const p of this.nearByWord.get(word) ?? []) sawNear(p, word, i);
      for (const { prefix, rule } of this.nearByPrefix) if (word.startsWith(prefix)) sawNear(rule, word, i);
    }
    for (const [p, { a, b }] of nearSeen ?? []) {
      const pair = closestPair(a, b, p.within);
      if (pair) push(p.code, p.rule, tokens[Math.min(...pair)]!.start, tokens[Math.max(...pair)]!.end);
    }
    for (const r of this.regexes) {
      r.re.lastIndex = 0;
      for (const m of text.matchAll(r.re)) if (m[0]) push(r.code, r.rule, m.index, m.index + m[0].length);
    }
    for (const [code, list] of hits) {
      const ex = this.exclusions.get(code);
      if (!ex) continue;
      const vetoes = excludedRanges(ex, text, tokens, stemAt);
      const kept = list.filter((h) => !vetoes.some(([s, e]) => h.start < e && s < h.end));
      if (kept.length) hits.set(code, kept);
      else hits.delete(code);
    }
    return hits;
  }

  private add(c: Code): void {
    const { keywords, phrases, regex, proximity, exclude } = c.rules;
    for (const k of keywords) {
      const stems = words(k).map(stem);
      if (!stems.length) continue;
      this.index(this.byStem, stems[0]!, { code: c.id, rule: `keyword:${k}`, rest: stems.slice(1), stemmed: true });
      // A stem begins as the words it comes from do (Porter only rewrites endings).
      if (stems[0]!.length >= HEAD) this.stemHeads.add(stems[0]!.slice(0, HEAD));
      else this.shortStems.push(stems[0]!);
    }
    for (const p of phrases) {
      const ws = words(p);
      if (ws.length) this.index(this.byWord, ws[0]!, { code: c.id, rule: `phrase:"${p}"`, rest: ws.slice(1), stemmed: false });
    }
    for (const r of regex) this.regexes.push({ code: c.id, rule: `regex:/${r}/`, re: compileRegex(r) });
    for (const p of proximity) {
      const entry: Proximity = { code: c.id, rule: `near:${[p.near[0]].flat().join('|')}~${[p.near[1]].flat().join('|')}/${p.within}`, a: termSet(p.near[0]), b: termSet(p.near[1]), within: p.within };
      for (const w of new Set([...entry.a.exact, ...entry.b.exact])) this.nearByWord.set(w, [...(this.nearByWord.get(w) ?? []), entry]);
      for (const prefix of new Set([...entry.a.prefixes, ...entry.b.prefixes])) this.nearByPrefix.push({ prefix, rule: entry });
    }
    if (exclude.length) {
      this.exclusions.set(c.id, {
        phrases: exclude.filter((x): x is string => typeof x === 'string').map((x) => words(x).map(stem)),
        regexes: exclude.filter((x): x is { regex: string } => typeof x !== 'string').map((x) => compileRegex(x.regex)),
      });
    }
  }

  private index(map: Map<string, Sequence[]>, key: string, seq: Sequence): void {
    map.set(key, [...(map.get(key) ?? []), seq]);
  }
}

function followedBy(seq: Sequence, tokens: Token[], stemAt: (i: number) => string, i: number, text: string): boolean {
  if (i + seq.rest.length >= tokens.length) return false;
  return seq.rest.every((w, k) => {
    const next = tokens[i + 1 + k]!;
    if ((seq.stemmed ? stemAt(i + 1 + k) : next.lower) !== w) return false;
    return JOINER.test(text.slice(tokens[i + k]!.end, next.start));
  });
}

/** The first pair of positions, one from each list, at most `within` words apart. */
function closestPair(a: number[], b: number[], within: number): [number, number] | undefined {
  for (const i of a) for (const j of b) if (i !== j && Math.abs(i - j) <= within) return [i, j];
  return undefined;
}

/** Character ranges of the text covered by the code's exclusions. */
function excludedRanges(ex: Exclusions, text: string, tokens: Token[], stemAt: (i: number) => string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const phrase of ex.phrases) {
    for (let i = 0; i + phrase.length <= tokens.length; i++) {
      if (phrase.every((s, k) => stemAt(i + k) === s)) ranges.push([tokens[i]!.start, tokens[i + phrase.length - 1]!.end]);
    }
  }
  for (const re of ex.regexes) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) ranges.push([m.index, m.index + m[0].length]);
  }
  return ranges;
}
