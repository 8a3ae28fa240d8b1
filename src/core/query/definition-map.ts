/**
 * The framework's terms set against the sources: for each term, the framework's working
 * definition (from its code) and every definition a source gives, cited; and the terms no source
 * defines — the gaps a definitions mapping reports.
 */
import { frameworkCodes, resolveFramework } from '../coding/framework/index.js';
import type { Code } from '../coding/framework/index.js';
import type { Db } from '../store/db.js';
import { findDefinitions, type Definition } from './definitions.js';
import { termKey } from './term-match.js';

export interface TermComparison {
  term: string;
  /** The framework codes the term names (by label) or matches; empty for a term only the user named. */
  codes: { id: string; label: string }[];
  /** The first of those codes' definitions: the review's working definition, not a source's. */
  workingDefinition: string | null;
  /** Definitions in the sources, one per document and wording, in document order. */
  sources: Definition[];
}

export interface DefinitionComparison {
  framework: { id: string; title: string; version: string } | null;
  terms: TermComparison[];
  /** Terms no source defines. */
  missing: string[];
}

export interface CompareOptions {
  /** The framework whose codes give the terms and working definitions (default: the only one loaded). */
  framework?: string;
  /** Terms to map besides (or, with `labels: false`, instead of) the code labels. */
  terms?: string[];
  /** Take terms from every code label of the framework (default true). */
  labels?: boolean;
}

/** Words that start a label without naming its subject: "Definitions of vulnerability". */
const LABEL_LEAD = /^(?:definitions?|forms?|types?|kinds?|aspects?)\s+of\s+/i;
/** A word that reads as an adjective, so "Structural and institutional racism" shares its noun. */
const ADJECTIVE = /(?:al|ic|ive|ous|ary|ist|ed|ing)$/i;

/**
 * The terms a code label stands for: split at commas, "and", "or" and slashes, a shared noun
 * given back to the adjectives before it ("Structural and institutional racism" → structural
 * racism, institutional racism), a parenthesised abbreviation kept as a term of its own.
 */
export function labelTerms(label: string): string[] {
  const aliases: string[] = [];
  let text = label.replace(/\(([^()]{1,30})\)/g, (_, inner: string) => {
    if (!/\s/.test(inner.trim())) aliases.push(inner.trim());
    return ' ';
  });
  text = text.trim().replace(LABEL_LEAD, '');
  const parts = text.split(/\s*,\s*|\s+and\s+|\s+or\s+|\s*\/\s*|\s*;\s*/).map((p) => p.trim()).filter(Boolean);
  const last = parts.at(-1)?.split(/\s+/) ?? [];
  const sharedNoun = last.length > 1 ? last.at(-1)! : undefined;
  const terms = parts.map((p, i) => (i < parts.length - 1 && sharedNoun && !/\s/.test(p) && ADJECTIVE.test(p) ? `${p} ${sharedNoun}` : p));
  const lower = (t: string) => t.split(/\s+/).map((w) => (/\p{Lu}.*\p{Lu}/u.test(w) ? w : w.toLowerCase())).join(' ');
  return [...terms.map(lower), ...aliases];
}

/** The terms of a framework's codes, each with the codes it comes from, in code order. */
function termsOfCodes(codes: Code[]): Map<string, { term: string; codes: Code[] }> {
  const byKey = new Map<string, { term: string; codes: Code[] }>();
  for (const c of codes) {
    for (const term of labelTerms(c.label)) {
      const entry = byKey.get(termKey(term)) ?? { term, codes: [] };
      entry.codes.push(c);
      byKey.set(termKey(term), entry);
    }
  }
  return byKey;
}

/** Drops repeats of one wording in one document (running heads, repeated glossaries). */
function distinct(defs: Definition[]): Definition[] {
  const seen = new Set<string>();
  return defs.filter((d) => {
    const key = `${d.documentId}\u0000${d.definition.toLowerCase()}`;
    return !seen.has(key) && (seen.add(key), true);
  });
}

/**
 * A term × source comparison for the framework's terms (its code labels, plus the terms named),
 * each with the framework's working definition and the sources' definitions with citations, and
 * the terms no source defines.
 */
export function compareDefinitions(db: Db, options: CompareOptions = {}): DefinitionComparison {
  const hasFramework = options.framework !== undefined || (db.sql.prepare('SELECT count(*) FROM frameworks').pluck().get() as number) > 0;
  const fw = hasFramework ? resolveFramework(db, options.framework) : null;
  const codes = fw ? frameworkCodes(db, fw.id) : [];
  const fromCodes = termsOfCodes(codes);
  const wanted = new Map<string, { term: string; codes: Code[] }>();
  if (options.labels !== false) for (const [key, entry] of fromCodes) wanted.set(key, entry);
  for (const term of options.terms ?? []) {
    const key = termKey(term);
    if (!wanted.has(key)) wanted.set(key, { term: term.trim(), codes: fromCodes.get(key)?.codes ?? [] });
  }
  const entries = [...wanted.values()];
  const found = entries.length ? findDefinitions(db, entries.map((e) => e.term)) : [];
  const terms = entries.map((e) => ({
    term: e.term,
    codes: e.codes.map((c) => ({ id: c.id, label: c.label })),
    workingDefinition: e.codes.find((c) => c.definition)?.definition?.replace(/\s+/g, ' ').trim() ?? null,
    sources: distinct(found.filter((d) => d.term === e.term)).sort((a, b) => a.documentId - b.documentId || a.segmentId - b.segmentId),
  }));
  return {
    framework: fw ? { id: fw.id, title: fw.title, version: fw.version } : null,
    terms,
    missing: terms.filter((t) => t.sources.length === 0).map((t) => t.term),
  };
}
