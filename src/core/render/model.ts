import { listDocuments, type DocumentInfo } from '../documents/read.js';
import { CITED_PARA, citeDocument } from '../documents/citation.js';
import { failedFiles } from '../documents/log.js';
import { codeSummary, compareDefinitions, findDefinitions } from '../query/index.js';
import type { Db } from '../store/db.js';
import { resolveCodes } from '../query/codes.js';
import { includedStudies } from '../review/extraction.js';
import { prismaCounts, type PrismaCounts } from '../review/prisma.js';
import { getSetting } from '../store/settings.js';
import { apaReferences } from './citations.js';
import { COUNTING_RULE, evidenceByAttribute, evidenceCount, evidenceQuotes, evidenceScope, type EvidenceOptions, type EvidenceQuote } from './evidence-scope.js';
import { codeMemos, type CodeMemo } from './code-memos.js';
import { disambiguate } from './disambiguate.js';
import { readTor, type Tor } from '../tor/index.js';
import { evidenceGaps, evidenceTypes, GAP_RULE, type Gap } from './gaps.js';
import { inTextCiter, locatorOf, type Citer, type PlacedRow } from './in-text.js';
import { intersectionalityTables, type Intersectionality } from './intersectionality.js';
import { planFromTor, type Plan } from './plan.js';

/** A quotable excerpt: the sentence that carries the evidence, cited author–date (`citation`) and by title (`source`). */
export type Quote = EvidenceQuote;

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
  /**
   * The mapped terms set against the sources: each term's working definition from the framework
   * (the review's own, never a source's) with the sources' definitions, cited as `definitions`
   * are, and the terms no source defines.
   */
  definitionComparison: {
    terms: { term: string; codes: string[]; workingDefinition: string | null; sources: { definition: string; citation: string; source: string; form: string }[] }[];
    missing: { term: string; codes: string[]; workingDefinition: string | null }[];
  };
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
  /** How every excerpt and document count of the report is made. */
  countingRule: string;
  /** The evidence the report draws on: the `--where` query, and the documents left out (the review's own ToR). */
  scope: { where: string | null; excludedDocuments: string[] };
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

export interface ModelOptions extends EvidenceOptions {
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

/** Terms whose definitions a report maps across sources, by framework. */
const DEFAULT_TERMS: Record<string, string[]> = {
  'race-equality': ['race', 'ethnicity', 'racial discrimination', 'structural racism', 'intersectionality', 'racism', 'microaggression'],
  'data-standards': ['vulnerability', 'vulnerable migrants', 'data standards', 'interoperability', 'disaggregation', 'data protection', 'personal data', 'data quality'],
};

/** Definitions of the terms across the sources, each cited author–date at its page or paragraph. */
function definitionsOf(db: Db, terms: string[], cite: Citer): ReportModel['definitions'] {
  const place = db.sql.prepare(`SELECT d.format, d.page_count, s.page, ${CITED_PARA} FROM segments s JOIN documents d ON d.id = s.document_id WHERE s.id = ?`);
  return findDefinitions(db, terms).map((d) => ({
    term: d.term,
    definition: d.definition,
    citation: cite(d.documentId, locatorOf(place.get(d.segmentId) as PlacedRow)),
    source: d.citation,
    form: d.pattern,
  }));
}

/** The mapped terms set against the sources, each source's definition cited as `definitionsOf` cites it. */
function definitionComparisonOf(db: Db, framework: string | undefined, terms: string[], cite: Citer): ReportModel['definitionComparison'] {
  const place = db.sql.prepare(`SELECT d.format, d.page_count, s.page, ${CITED_PARA} FROM segments s JOIN documents d ON d.id = s.document_id WHERE s.id = ?`);
  const mapped = compareDefinitions(db, { framework, terms, labels: false }).terms.map((t) => ({
    term: t.term,
    codes: t.codes.map((c) => c.id),
    workingDefinition: t.workingDefinition,
    sources: t.sources.map((d) => ({ definition: d.definition, citation: cite(d.documentId, locatorOf(place.get(d.segmentId) as PlacedRow)), source: d.citation, form: d.pattern })),
  }));
  return {
    terms: mapped.filter((t) => t.sources.length),
    missing: mapped.filter((t) => !t.sources.length).map(({ term, codes, workingDefinition }) => ({ term, codes, workingDefinition })),
  };
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
  const scope = evidenceScope(db, options);
  const families = new Map<string, string[]>();
  const sourcesOf = db.sql.prepare(
    `SELECT DISTINCT k.document_id FROM live_codings k JOIN segments s ON s.id = k.segment_id JOIN documents d ON d.id = k.document_id
     WHERE k.code_id IN (SELECT value FROM json_each(?)) AND ${scope.sql} ORDER BY k.document_id`,
  );
  for (const s of summaries) {
    const family = resolveCodes(db, s.code);
    families.set(s.code, family);
    const sourceIds = sourcesOf.pluck().all(JSON.stringify(family), ...scope.params) as number[];
    const counted = evidenceCount(db, family, scope);
    all.set(s.code, {
      id: s.code, label: s.label, definition: s.definition, depth: s.code.split('.').length - 1, parent: parentOf(s.code),
      excerpts: counted.excerpts, documents: counted.documents,
      sources: sourceIds.map((id) => citeDocument(byDocId.get(id)!)),
      quotes: evidenceQuotes(db, family, options.quotes ?? 3, scope, cite),
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
  const excluded = options.includeTor ? [] : docs.filter((d) => d.attributes.role === 'tor' || d.id === options.tor);
  const typeColumns = [...new Set(docs.filter((d) => !excluded.includes(d)).map((d) => d.attributes.type ?? '(none)'))].sort();
  const byType = new Map([...families].map(([code, family]) => [code, evidenceByAttribute(db, family, 'type', scope)]));
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
    definitionComparison: definitionComparisonOf(db, framework?.id, options.terms ?? DEFAULT_TERMS[framework?.id ?? ''] ?? DEFAULT_TERMS['race-equality']!, cite),
    documents: documents,
    documentsById: Object.fromEntries(documents.map((d) => [d.id, d])),
    bibliography: bibliography.map((b) => b.reference),
    matrix:
      framework && hasType
        ? {
            columns: typeColumns,
            rows: [...all.values()].map((c) => {
              const cells = typeColumns.map((t) => byType.get(c.id)?.get(t) ?? 0);
              // A segment belongs to one document, so the total is the code's excerpts: the same number as everywhere else.
              return { code: c.id, label: c.label, cells, total: c.excerpts };
            }),
          }
        : null,
    countingRule: COUNTING_RULE,
    scope: { where: options.where ?? null, excludedDocuments: excluded.map((d) => citeDocument(d)) },
    prisma: hasRecords ? prismaCounts(db) : null,
    studies: extraction?.studies ?? [],
    studyFields: extraction?.form.fields.map((f) => ({ id: f.id, label: f.label })) ?? [],
    tor,
    plan: tor ? planFromTor(tor, [...all.values()], (code) => evidenceTypes(db, code, scope)) : null,
    intersectionality: intersectionalityTables(db, Object.fromEntries(all), cite, scope),
    gaps: evidenceGaps(db, Object.fromEntries(all), scope),
    gapRule: GAP_RULE,
    memos: codeMemos(db, own),
    cover: { client: options.client ?? tor?.organisation ?? null, assignment: tor?.assignment ?? null, date: longDate(new Date()) },
  };
}

const longDate = (d: Date) => d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
