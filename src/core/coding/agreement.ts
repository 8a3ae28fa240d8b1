import { UsageError } from '../../errors.js';
import type { Db } from '../store/db.js';

/** A 2×2 table of two coders' decisions on whether units carry a code. */
export interface Table2x2 {
  both: number;
  firstOnly: number;
  secondOnly: number;
  neither: number;
}

export interface AgreementStats extends Table2x2 {
  units: number;
  percentAgreement: number;
  kappa: number | null;
  alpha: number | null;
}

/**
 * Cohen's kappa: (po - pe) / (1 - pe). Null when chance agreement is total (both coders used one
 * category throughout), where kappa is undefined.
 */
export function cohensKappa(t: Table2x2): number | null {
  const n = t.both + t.firstOnly + t.secondOnly + t.neither;
  if (n === 0) return null;
  const po = (t.both + t.neither) / n;
  const firstYes = (t.both + t.firstOnly) / n;
  const secondYes = (t.both + t.secondOnly) / n;
  const pe = firstYes * secondYes + (1 - firstYes) * (1 - secondYes);
  return pe === 1 ? null : (po - pe) / (1 - pe);
}

/**
 * Krippendorff's alpha for nominal data, two coders, no missing values: 1 - (n - 1) · D / (n0 · n1)
 * from the coincidence matrix, where n = 2 · units and D = units the coders disagree on.
 * Null when every value is the same (no variation to be reliable about).
 */
export function krippendorffAlpha(t: Table2x2): number | null {
  const units = t.both + t.firstOnly + t.secondOnly + t.neither;
  const n = 2 * units;
  const disagreements = t.firstOnly + t.secondOnly;
  const n1 = 2 * t.both + disagreements;
  const n0 = 2 * t.neither + disagreements;
  if (n0 === 0 || n1 === 0) return null;
  return 1 - ((n - 1) * disagreements) / (n0 * n1);
}

export function agreementStats(t: Table2x2): AgreementStats {
  const units = t.both + t.firstOnly + t.secondOnly + t.neither;
  return { ...t, units, percentAgreement: units ? (t.both + t.neither) / units : 0, kappa: cohensKappa(t), alpha: krippendorffAlpha(t) };
}

export interface AgreementOptions {
  coders: [string, string];
  codes?: string[];
  unit?: 'segment' | 'character';
}

export interface AgreementReport {
  coders: [string, string];
  unit: 'segment' | 'character';
  documents: number;
  byCode: (AgreementStats & { code: string })[];
  overall: AgreementStats;
}

interface Span {
  code: string;
  coder: string;
  document_id: number;
  page: number;
  start: number;
  end: number;
}

const add = (a: Table2x2, b: Table2x2): Table2x2 => ({ both: a.both + b.both, firstOnly: a.firstOnly + b.firstOnly, secondOnly: a.secondOnly + b.secondOnly, neither: a.neither + b.neither });
const EMPTY: Table2x2 = { both: 0, firstOnly: 0, secondOnly: 0, neither: 0 };

/** Total length of the union of intervals. */
function covered(intervals: [number, number][]): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [cs, ce] = [-1, -1];
  for (const [s, e] of sorted) {
    if (s > ce) {
      total += ce - cs;
      [cs, ce] = [s, e];
    } else ce = Math.max(ce, e);
  }
  return total + (ce - cs);
}

/**
 * Agreement between two coders over the documents both coded. Per code, each unit (a segment, or
 * a character of the page text) is coded or not by each coder; the report gives the 2×2 counts,
 * percent agreement, Cohen's kappa and Krippendorff's alpha, per code and pooled over codes.
 * A rejected auto or suggested coding is not a coding here: a reviewer has said it is wrong.
 */
export function agreement(db: Db, options: AgreementOptions): AgreementReport {
  const [a, b] = options.coders;
  if (a === b) throw new UsageError('E_USAGE', 'agreement needs two different coders');
  const unit = options.unit ?? 'segment';
  const docs = db.sql
    .prepare('SELECT document_id FROM live_codings WHERE coder = ? INTERSECT SELECT document_id FROM live_codings WHERE coder = ?')
    .pluck()
    .all(a, b) as number[];
  if (!docs.length) throw new UsageError('E_NO_OVERLAP', `coders "${a}" and "${b}" have not coded any document in common`);
  const spans = db.sql
    .prepare(`SELECT code_id AS code, coder, document_id, page, start, end FROM live_codings WHERE coder IN (?, ?) AND document_id IN (SELECT value FROM json_each(?))`)
    .all(a, b, JSON.stringify(docs)) as Span[];
  const codes = options.codes?.length ? options.codes : [...new Set(spans.map((s) => s.code))].sort();
  const pages = db.sql
    .prepare('SELECT document_id, number, length16(text) AS length FROM pages WHERE document_id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(docs)) as { document_id: number; number: number; length: number }[];
  const segments = db.sql
    .prepare('SELECT document_id, page, start, end FROM segments WHERE document_id IN (SELECT value FROM json_each(?)) ORDER BY document_id, page, start')
    .all(JSON.stringify(docs)) as { document_id: number; page: number; start: number; end: number }[];

  const byCode = codes.map((code) => {
    const mine = spans.filter((s) => s.code === code);
    const t = unit === 'segment' ? segmentTable(segments, mine, a) : characterTable(pages, mine, a);
    return { code, ...agreementStats(t) };
  });
  return { coders: [a, b], unit, documents: docs.length, byCode, overall: agreementStats(byCode.reduce<Table2x2>((acc, c) => add(acc, c), EMPTY)) };
}

function segmentTable(segments: { document_id: number; page: number; start: number; end: number }[], spans: Span[], first: string): Table2x2 {
  const t = { ...EMPTY };
  const onPage = new Map<string, Span[]>();
  for (const s of spans) onPage.set(`${s.document_id}:${s.page}`, [...(onPage.get(`${s.document_id}:${s.page}`) ?? []), s]);
  for (const seg of segments) {
    const here = (onPage.get(`${seg.document_id}:${seg.page}`) ?? []).filter((s) => s.start < seg.end && seg.start < s.end);
    const x = here.some((s) => s.coder === first);
    const y = here.some((s) => s.coder !== first);
    if (x && y) t.both++;
    else if (x) t.firstOnly++;
    else if (y) t.secondOnly++;
    else t.neither++;
  }
  return t;
}

function characterTable(pages: { document_id: number; number: number; length: number }[], spans: Span[], first: string): Table2x2 {
  const t = { ...EMPTY };
  for (const p of pages) {
    const here = spans.filter((s) => s.document_id === p.document_id && s.page === p.number);
    const xs = here.filter((s) => s.coder === first).map((s): [number, number] => [s.start, s.end]);
    const ys = here.filter((s) => s.coder !== first).map((s): [number, number] => [s.start, s.end]);
    const x = covered(xs);
    const y = covered(ys);
    const union = covered([...xs, ...ys]);
    const both = x + y - union;
    t.both += both;
    t.firstOnly += x - both;
    t.secondOnly += y - both;
    t.neither += p.length - union;
  }
  return t;
}
