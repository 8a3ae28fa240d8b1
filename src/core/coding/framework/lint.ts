import { LineCounter, parseDocument } from 'yaml';
import { inflections, wordPattern, accepts } from '../inflect.js';
import { Matcher } from '../matcher.js';
import { stem, tokenize } from '../text.js';
import { checkFramework, positionOf, type FrameworkProblem } from './parse.js';
import type { Db } from '../../store/db.js';
import type { Code, Framework } from './schema.js';

/** A rule that works but may not do what its author meant. */
export interface LintWarning extends FrameworkProblem {
  code: string;
}

/** How often one rule fires on a sample project's segments, with a few of its contexts. */
export interface RuleFiring {
  code: string;
  rule: string;
  line: number;
  column: number;
  segments: number;
  share: number;
  examples: string[];
}

export interface LintReport {
  framework?: Framework;
  /** Problems that keep the framework from loading. */
  problems: FrameworkProblem[];
  warnings: LintWarning[];
  /** With a sample: the segments read and every rule's firing. */
  sample?: { segments: number; rules: RuleFiring[] };
}

/** A share of the sample's segments above which a rule is more likely noise than evidence. */
const TOO_COMMON = 0.3;
const EXAMPLES = 3;

/**
 * Checks a framework beyond its syntax: exclusions that veto the code's own terms, prefixes that
 * catch words of other senses, and, given a sample of segments (a project's), rules that never fire,
 * fire on most segments, and keywords that miss words sharing their stem.
 */
export function lintFramework(text: string, sample?: string[]): LintReport {
  const { framework, problems } = checkFramework(text);
  if (!framework) return { problems, warnings: [] };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const paths = codePaths(doc.toJS() as { codes?: unknown[] });
  const at = (code: string, sub: (string | number)[]) => positionOf(doc, lines, [...(paths.get(code) ?? []), 'rules', ...sub]);
  const warnings: LintWarning[] = [];
  for (const c of framework.codes) {
    for (const w of selfVetoes(c)) warnings.push({ code: c.id, ...at(c.id, w.path), message: w.message });
    for (const w of shortPrefixes(c)) warnings.push({ code: c.id, ...at(c.id, w.path), message: w.message });
  }
  const report: LintReport = { framework, problems: [], warnings };
  if (sample) {
    const matcher = new Matcher(framework.codes);
    const firing = fire(matcher, sample);
    report.sample = { segments: sample.length, rules: [] };
    const vocabulary = wordCounts(sample);
    for (const r of matcher.rules) {
      const f = firing.get(`${r.code}\u0000${r.rule}`) ?? { segments: 0, examples: [] };
      const pos = at(r.code, r.path);
      const share = sample.length ? f.segments / sample.length : 0;
      report.sample.rules.push({ code: r.code, rule: r.rule, ...pos, segments: f.segments, share, examples: f.examples });
      if (sample.length && share > TOO_COMMON) warnings.push({ code: r.code, ...pos, message: `${r.rule} fires on ${Math.round(share * 100)}% of the sample's segments: too common to be evidence` });
    }
    // A vocabulary list has terms a given corpus never uses; a code none of whose rules fire is the finding.
    const fired = new Set(report.sample.rules.filter((r) => r.segments > 0).map((r) => r.code));
    for (const c of framework.codes) {
      const rules = matcher.rules.filter((r) => r.code === c.id);
      if (sample.length && rules.length && !fired.has(c.id)) warnings.push({ code: c.id, ...at(c.id, []), message: `none of the code's ${rules.length} rules fires in the sample's ${sample.length} segments` });
      for (const w of stemNeighbours(c, vocabulary)) warnings.push({ code: c.id, ...at(c.id, w.path), message: w.message });
    }
  }
  warnings.sort((a, b) => a.line - b.line || a.column - b.column);
  return report;
}

/** The YAML path of every code id: codes.N(.children.M)*. */
function codePaths(root: { codes?: unknown[] }): Map<string, (string | number)[]> {
  const out = new Map<string, (string | number)[]>();
  const walk = (list: unknown, path: (string | number)[]) => {
    if (!Array.isArray(list)) return;
    list.forEach((c: { id?: string; children?: unknown }, i) => {
      if (typeof c?.id === 'string') out.set(c.id, [...path, i]);
      walk(c?.children, [...path, i, 'children']);
    });
  };
  walk(root.codes, ['codes']);
  return out;
}

/** The code's plain terms (keywords and phrases, its senses' too) with their places. */
function terms(c: Code): { text: string; kind: 'keywords' | 'phrases'; path: (string | number)[] }[] {
  const out: { text: string; kind: 'keywords' | 'phrases'; path: (string | number)[] }[] = [];
  const add = (list: string[], kind: 'keywords' | 'phrases', at: (string | number)[]) => list.forEach((t, j) => out.push({ text: t, kind, path: [...at, kind, j] }));
  add(c.rules.keywords, 'keywords', []);
  add(c.rules.phrases, 'phrases', []);
  (c.rules.senses ?? []).forEach((s, k) => {
    add(s.keywords, 'keywords', ['senses', k]);
    add(s.phrases, 'phrases', ['senses', k]);
  });
  return out;
}

/** Exclusions that veto the code's own term written as the framework writes it ("racing" must not stop "race"). */
function selfVetoes(c: Code): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  c.rules.exclude.forEach((x, j) => {
    const only: Code = { ...c, rules: { keywords: [], phrases: [], regex: [], proximity: [], senses: [], exclude: [x] } };
    for (const t of terms(c)) {
      if (t.text.endsWith('*')) continue;
      const probe = new Matcher([{ ...only, rules: { ...only.rules, [t.kind]: [t.text] } }]);
      if (!probe.match(t.text).has(c.id)) {
        const what = typeof x === 'string' ? `"${x}"` : `/${x.regex}/`;
        out.push({ path: typeof x === 'string' ? ['exclude', j] : ['exclude', j, 'regex'], message: `exclusion ${what} vetoes the code's own ${t.kind === 'keywords' ? 'keyword' : 'phrase'} "${t.text}" wherever it occurs` });
      }
    }
  });
  return out;
}

/** A prefix of one or two letters matches a large part of any text. */
function shortPrefixes(c: Code): { path: (string | number)[]; message: string }[] {
  return terms(c)
    .filter((t) => t.kind === 'keywords' && /^[\p{L}\p{N}]{1,2}\*$/u.test(t.text.split(/\s+/)[0]!))
    .map((t) => ({ path: t.path, message: `"${t.text}" is a prefix of ${t.text.length - 1} letter(s): it matches a large share of all words; write at least three letters` }));
}

/**
 * Words of the sample that share a keyword's Porter stem but are not its inflections ("promote" for
 * "promotion"): the author decides whether they mean the code. And the distinct stems a prefix catches.
 */
function stemNeighbours(c: Code, vocabulary: Map<string, number>): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const all = terms(c).filter((t) => t.kind === 'keywords' && !t.text.includes(' '));
  const covered = (word: string) => all.some((t) => accepts(wordPattern(t.text), word));
  for (const t of all) {
    const list = (words: [string, number][]) => words.sort((a, b) => b[1] - a[1]).slice(0, 6).map(([w, n]) => `"${w}" (${n})`).join(', ');
    if (t.text.endsWith('*')) {
      const prefix = t.text.slice(0, -1).toLowerCase();
      const caught = [...vocabulary].filter(([w]) => w.startsWith(prefix));
      const stems = new Set(caught.map(([w]) => stem(w)));
      if (stems.size > 1) out.push({ path: t.path, message: `"${t.text}" catches words of ${stems.size} stems in the sample: ${list(caught)}; check each means the code` });
      continue;
    }
    const own = new Set(inflections(t.text.toLowerCase()));
    const s = stem(t.text.toLowerCase());
    const missed = [...vocabulary].filter(([w, n]) => n >= 2 && !own.has(w) && stem(w) === s && !covered(w));
    if (missed.length) out.push({ path: t.path, message: `keyword "${t.text}" does not match ${list(missed)} of the sample, which share its stem: add those that mean the code, or write a prefix` });
  }
  return out;
}

function wordCounts(texts: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of texts) for (const tok of tokenize(t)) counts.set(tok.lower, (counts.get(tok.lower) ?? 0) + 1);
  return counts;
}

/** Per code and rule: the segments it fired on and the first few contexts. */
function fire(matcher: Matcher, texts: string[]): Map<string, { segments: number; examples: string[] }> {
  const out = new Map<string, { segments: number; examples: string[] }>();
  for (const text of texts) {
    for (const [code, hits] of matcher.match(text)) {
      const seen = new Set<string>();
      for (const h of hits) {
        const key = `${code}\u0000${h.rule}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const f = out.get(key) ?? { segments: 0, examples: [] };
        f.segments++;
        if (f.examples.length < EXAMPLES) f.examples.push(context(text, h.start, h.end));
        out.set(key, f);
      }
    }
  }
  return out;
}

const context = (text: string, start: number, end: number) =>
  `${start > 40 ? '…' : ''}${text.slice(Math.max(0, start - 40), start)}[${text.slice(start, end)}]${text.slice(end, end + 40)}${end + 40 < text.length ? '…' : ''}`.replace(/\s+/g, ' ');

/** Most segments a lint sample reads: enough for every rule's share, quick on a large project. */
const SAMPLE_LIMIT = 50_000;

/** The texts of a project's segments to try rules on: all of them, or an even spread of SAMPLE_LIMIT. */
export function sampleSegments(db: Db): string[] {
  const total = db.sql.prepare('SELECT count(*) FROM segments').pluck().get() as number;
  const step = Math.max(1, Math.ceil(total / SAMPLE_LIMIT));
  return db.sql.prepare('SELECT text FROM segments WHERE id % ? = 0 ORDER BY id').pluck().all(step) as string[];
}
