import { listDocuments, type DocumentInfo } from '../documents/read.js';
import { citeDocument, citeRow, type CitationColumns } from '../documents/citation.js';
import { failedFiles } from '../ingest/log.js';
import { codeSummary, findDefinitions, matrix } from '../query/index.js';
import type { Db } from '../store/db.js';
import { resolveCodes } from '../query/codes.js';
import { includedStudies } from '../review/extraction.js';
import { prismaCounts, type PrismaCounts } from '../review/prisma.js';
import { getSetting } from '../store/settings.js';
import { apaReferences } from './citations.js';
import { codeMemos, type CodeMemo } from './code-memos.js';
import { disambiguate } from './disambiguate.js';
import { readTor, type Tor } from '../tor/index.js';
import { evidenceGaps, evidenceTypes, GAP_RULE, type Gap } from './gaps.js';
import { inTextCiter, locatorOf, type Citer, type PlacedRow } from './in-text.js';
import { intersectionalityTables, type Intersectionality } from './intersectionality.js';
import { planFromTor, type Plan } from './plan.js';

/** A quotable excerpt with its citation. */
export interface Quote {
  segmentId: number;
  text: string;
  /** APA author–date: `(Smith & Doe, 2020, p. 4)`, `(UN Today, 2024, para. 3)`. */
  citation: string;
  /** The document named by title: `Title (2020), p. 4`. */
  source: string;
  documentId: number;
  page: number;
  coders: string[];
}

export interface ReportCode {
  id: string;
  label: string;
  definition: string | null;
  depth: number;
  parent: string | null;
  excerpts: number;
  documents: number;
  sources: string[];
  quotes: Quote[];
  children: ReportCode[];
}

/** Everything a report template can use; `litkit report --data` prints it as JSON. */
export interface ReportModel {
  title: string;
  generated: string;
  /** coders: the people who coded (auto and suggest left out). */
  project: { documents: number; pages: number; segments: number; codings: number; coders: string[]; byType: { type: string; documents: number }[]; failed: { path: string; cause: string }[]; noText: string[] };
  framework: { id: string; title: string; version: string } | null;
  codes: ReportCode[];
  /** Every code by id, for direct lookup: `{{#with (code "employment.promotion")}}`. */
  byId: Record<string, ReportCode>;
  /** citation: author–date with page or paragraph; source: the document by title. */
  definitions: { term: string; definition: string; citation: string; source: string; form: string }[];
  /** citation: `(Smith & Doe, 2020)`; source: `Title (2020)`; reference: the APA reference. */
  documents: ReportDocument[];
  /** The same documents by id, for looking up a quote's source: `(lookup documentsById documentId)`. */
  documentsById: Record<number, ReportDocument>;
  bibliography: string[];
  matrix: { columns: string[]; rows: { code: string; label: string; cells: number[]; total: number }[] } | null;
  /** The PRISMA 2020 boxes, when records have been imported; otherwise null. */
  prisma: PrismaCounts | null;
  /** Included studies with their extracted data (empty without an extraction form). */
  studies: { citation: string; values: Record<string, string | null> }[];
  studyFields: { id: string; label: string }[];
  /** The terms of reference read from `--tor DOC`; null without. */
  tor: Tor | null;
  /** Lines of inquiry, evaluation matrix and work plan drawn from the ToR; null without one. */
  plan: Plan | null;
  /** Race and racism × each intersectionality dimension, with a quote per non-empty cell; null when the framework has no such codes. */
  intersectionality: Intersectionality | null;
  /** Every code's evidence gap by `gapRule`. */
  gaps: Record<string, Gap>;
  gapRule: string;
  /** Memos on each code, oldest first. */
  memos: Record<string, CodeMemo[]>;
  /** The title page: who the report is for, the assignment, the date written out. */
  cover: { client: string | null; assignment: string | null; date: string };
}

export type ReportDocument = DocumentInfo & { type: string; citation: string; source: string; reference: string };

export interface ModelOptions {
  title?: string;
  framework?: string;
  /** Quotes per code. */
  quotes?: number;
  /** Terms whose definitions are mapped across the corpus. */
  terms?: string[];
  /** The document holding the terms of reference. */
  tor?: number;
  /** Who the report is for, on the title page (default: the ToR's organisation). */
  client?: string;
}

interface QuoteRow extends CitationColumns {
  segment_id: number;
  document_id: number;
  text: string;
  manual: number;
  matches: number;
  coders: string;
}

/**
 * The strongest excerpts of a code (and its sub-codes): those a person coded or accepted first,
 * then those with the most rule matches, of quotable length, one per document before any second;
 * `cite` gives each its author–date citation.
 */
export function strongestQuotes(db: Db, codes: string[], n: number, cite: Citer): Quote[] {
  const rows = db.sql
    .prepare(
      `SELECT k.segment_id, s.document_id, s.page, s.seq, s.text, d.title, d.year, d.format, d.page_count,
         max(k.coder NOT IN ('auto', 'suggest') OR k.status = 'accepted') AS manual, max(coalesce(json_extract(k.evidence, '$.matches'), 1)) AS matches,
         group_concat(DISTINCT k.coder) AS coders
       FROM live_codings k JOIN segments s ON s.id = k.segment_id JOIN documents d ON d.id = s.document_id
       WHERE k.code_id IN (SELECT value FROM json_each(?)) AND length(s.text) BETWEEN 60 AND 900
         AND instr(s.text, ' | ') = 0 -- table rows read badly as quotes
       GROUP BY k.segment_id`,
    )
    .all(JSON.stringify(codes)) as QuoteRow[];
  rows.sort((a, b) => b.manual - a.manual || b.matches - a.matches || a.segment_id - b.segment_id);
  const picked: QuoteRow[] = [];
  const seen = new Set<number>();
  for (const r of rows) if (picked.length < n && !seen.has(r.document_id) && (seen.add(r.document_id), true)) picked.push(r);
  for (const r of rows) if (picked.length < n && !picked.includes(r)) picked.push(r);
  return picked.map((r) => ({
    segmentId: r.segment_id,
    text: r.text.replace(/\s+/g, ' ').trim(),
    citation: cite(r.document_id, locatorOf(r)),
    source: citeRow(r),
    documentId: r.document_id,
    page: r.page,
    coders: r.coders.split(','),
  }));
}

/** Terms whose definitions a report maps across sources, by framework. */
const DEFAULT_TERMS: Record<string, string[]> = {
  'race-equality': ['race', 'ethnicity', 'racial discrimination', 'structural racism', 'intersectionality', 'racism', 'microaggression'],
  'data-standards': ['vulnerability', 'vulnerable migrants', 'data standards', 'interoperability', 'disaggregation', 'data protection', 'personal data', 'data quality'],
};

/** Definitions of the terms across the sources, each cited author–date at its page or paragraph. */
function definitionsOf(db: Db, terms: string[], cite: Citer): ReportModel['definitions'] {
  const place = db.sql.prepare('SELECT d.format, d.page_count, s.page, s.seq FROM segments s JOIN documents d ON d.id = s.document_id WHERE s.id = ?');
  return findDefinitions(db, terms).map((d) => ({
    term: d.term,
    definition: d.definition,
    citation: cite(d.documentId, locatorOf(place.get(d.segmentId) as PlacedRow)),
    source: d.citation,
    form: d.pattern,
  }));
}

/** Builds the report data model from the project. */
export async function buildReportModel(db: Db, options: ModelOptions = {}): Promise<ReportModel> {
  const tor = options.tor === undefined ? null : readTor(db, options.tor);
  const frameworks = db.sql.prepare('SELECT id, title, version FROM frameworks ORDER BY id').all() as { id: string; title: string; version: string }[];
  const framework = frameworks.find((f) => f.id === options.framework) ?? (options.framework ? undefined : frameworks[0]) ?? null;
  const docs = listDocuments(db);
  const own = new Set(framework ? (db.sql.prepare('SELECT id FROM codes WHERE framework_id = ?').pluck().all(framework.id) as string[]) : []);
  const summaries = framework ? codeSummary(db).filter((c) => own.has(c.code)) : [];
  const parentOf = (id: string) => (id.includes('.') ? id.slice(0, id.lastIndexOf('.')) : null);
  const byDocId = new Map(docs.map((d) => [d.id, d]));
  const forms = disambiguate(docs);
  const cite: Citer = inTextCiter(docs, forms);
  const all = new Map<string, ReportCode>();
  for (const s of summaries) {
    const family = resolveCodes(db, s.code);
    const sourceIds = db.sql.prepare('SELECT DISTINCT document_id FROM live_codings WHERE code_id IN (SELECT value FROM json_each(?)) ORDER BY document_id').pluck().all(JSON.stringify(family)) as number[];
    const familyStats = db.sql
      .prepare('SELECT count(DISTINCT segment_id) AS e, count(DISTINCT document_id) AS d FROM live_codings WHERE code_id IN (SELECT value FROM json_each(?))')
      .get(JSON.stringify(family)) as { e: number; d: number };
    all.set(s.code, {
      id: s.code, label: s.label, definition: s.definition, depth: s.code.split('.').length - 1, parent: parentOf(s.code),
      excerpts: familyStats.e, documents: familyStats.d,
      sources: sourceIds.map((id) => citeDocument(byDocId.get(id)!)),
      quotes: strongestQuotes(db, family, options.quotes ?? 3, cite),
      children: [],
    });
  }
  for (const c of all.values()) if (c.parent && all.has(c.parent)) all.get(c.parent)!.children.push(c);
  const bibliography = await apaReferences(docs, forms);
  const refs = new Map(bibliography.map((b) => [b.id, b.reference]));
  const types = new Map<string, number>();
  for (const d of docs) types.set(d.attributes.type ?? 'unspecified', (types.get(d.attributes.type ?? 'unspecified') ?? 0) + 1);
  const counts = db.sql.prepare('SELECT (SELECT count(*) FROM pages) AS pages, (SELECT count(*) FROM segments) AS segments, (SELECT count(*) FROM live_codings) AS codings').get() as { pages: number; segments: number; codings: number };
  const hasRecords = (db.sql.prepare('SELECT count(*) FROM records').pluck().get() as number) > 0;
  const extraction = getSetting(db, 'extraction_form') ? includedStudies(db) : undefined;
  const documents = docs.map((d) => ({ ...d, type: d.attributes.type ?? '', citation: cite(d.id), source: citeDocument(d), reference: refs.get(d.id) ?? d.title }));
  const hasType = docs.some((d) => d.attributes.type);
  const m = framework && hasType ? matrix(db, { columns: 'attr:type', codes: undefined }) : null;
  return {
    title: options.title ?? 'Desk review',
    generated: new Date().toISOString().slice(0, 10),
    project: {
      documents: docs.length,
      ...counts,
      coders: db.sql.prepare("SELECT DISTINCT coder FROM live_codings WHERE coder NOT IN ('auto', 'suggest') ORDER BY coder").pluck().all() as string[],
      byType: [...types].sort((a, b) => b[1] - a[1]).map(([type, documents]) => ({ type, documents })),
      failed: failedFiles(db).map((f) => ({ path: f.path, cause: f.message })),
      noText: docs.filter((d) => d.status === 'no-text').map((d) => d.title),
    },
    framework,
    codes: [...all.values()].filter((c) => !c.parent || !all.has(c.parent)),
    byId: Object.fromEntries(all),
    definitions: definitionsOf(db, options.terms ?? DEFAULT_TERMS[framework?.id ?? ''] ?? DEFAULT_TERMS['race-equality']!, cite),
    documents: documents,
    documentsById: Object.fromEntries(documents.map((d) => [d.id, d])),
    bibliography: bibliography.map((b) => b.reference),
    matrix: m
      ? { columns: m.columns, rows: m.rows.map((code, i) => ({ code, label: all.get(code)?.label ?? code, cells: m.cells[i]!, total: m.cells[i]!.reduce((a, b) => a + b, 0) })).filter((r) => all.has(r.code)) }
      : null,
    prisma: hasRecords ? prismaCounts(db) : null,
    studies: extraction?.studies ?? [],
    studyFields: extraction?.form.fields.map((f) => ({ id: f.id, label: f.label })) ?? [],
    tor,
    plan: tor ? planFromTor(tor, [...all.values()], (code) => evidenceTypes(db, code)) : null,
    intersectionality: intersectionalityTables(db, Object.fromEntries(all), cite),
    gaps: evidenceGaps(db, Object.fromEntries(all)),
    gapRule: GAP_RULE,
    memos: codeMemos(db, own),
    cover: { client: options.client ?? tor?.organisation ?? null, assignment: tor?.assignment ?? null, date: longDate(new Date()) },
  };
}

const longDate = (d: Date) => d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
