import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listMemos, type Memo } from '../coding/memos.js';
import { allCodes, listFrameworks, resolveFramework } from '../coding/framework/index.js';
import { audit } from '../store/audit.js';
import type { DocumentRow } from '../documents/rows.js';
import type { Db } from '../store/db.js';
import { codeTree, writeCodes } from './codebook.js';
import { FIELD_DESCRIPTION, FIELD_PREFIX, FIELD_VARIABLES, FRAMEWORK_NOTE_PREFIX } from './fields.js';
import { listCases, type CaseInfo } from '../cases/store.js';
import { caseGuid, codeGuid, quickGuid, setGuid, sourceGuid, stableGuid, userGuid, variableGuid } from './guid.js';
import { litkitOrigin } from './origin.js';
import { PAGE_BREAK, pageStarts, toCodePoints } from './positions.js';
import type { CodingTableRow } from './rows.js';
import { documentsInScope } from './scope.js';
import { ChunkedWriter } from './chunked-writer.js';
import { attrs, xmlText } from './xml.js';
import { ZipWriter } from './zip-writer.js';
import { claimOutput, recordOutput } from '../render/outputs.js';

export interface QdpxExportOptions {
  /** Only documents with a segment this query expression selects. */
  where?: string;
  /** The project's name in the file (default: the project folder's name). */
  name?: string;
  actor?: string;
  /** Replace `out` even when litkit did not write it or it was changed since. */
  force?: boolean;
}

export interface QdpxExportReport {
  file: string;
  bytes: number;
  documents: number;
  codes: number;
  selections: number;
  codings: number;
  users: number;
  memos: number;
  variables: number;
  cases: number;
  sets: number;
  /** What litkit holds that REFI-QDA has no place for, and what became of it. */
  notCarried: string[];
  seconds: number;
}

type DocRow = Pick<DocumentRow, 'id' | 'sha256' | 'source_path' | 'title' | 'authors' | 'year' | 'format' | 'status' | 'added_at'>;
type CodingRow = Pick<CodingTableRow, 'id' | 'code_id' | 'coder' | 'page' | 'start' | 'end' | 'created_at' | 'rule' | 'status'>;

// SQLite's own timestamps and litkit's are ISO 8601; anything else (hand-made rows) is left out, as the schema types it xsd:dateTime.
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const when = (s: string | null | undefined) => (s && ISO.test(s) ? s : undefined);

/** Sets are made for attribute values that group documents: shared by two or more, of a key with few values. */
const MAX_SET_VALUES = 20;

function memoTargets(memos: Memo[]) {
  const on = (kind: string) => {
    const map = new Map<string, Memo[]>();
    for (const m of memos) {
      if (!m.target.startsWith(`${kind} `)) continue;
      const id = m.target.slice(kind.length + 1);
      map.set(id, [...(map.get(id) ?? []), m]);
    }
    return map;
  };
  return { code: on('code'), document: on('document'), coding: on('coding'), project: memos.filter((m) => m.target === 'project') };
}

const noteGuid = (m: Memo) => stableGuid(`memo:${m.author}:${m.createdAt}:${m.text}`);

/**
 * Exports the project (or the documents `where` selects) as a REFI-QDA project file: users are the
 * coders, the codebook keeps hierarchy, colours and definitions, each document is a TextSource
 * whose plain text is its stored pages joined by form feeds, codings are PlainTextSelections with
 * code-point positions, memos are Notes, attributes are Variables (on sources and on one Case per
 * document) and Sets. The XML and the texts are streamed to temporary files and zipped; the
 * output appears whole or not at all.
 */
export async function exportQdpx(db: Db, out: string, options: QdpxExportOptions = {}): Promise<QdpxExportReport> {
  const started = performance.now();
  claimOutput(db, out, ['.qdpx'], { force: options.force });
  const target = path.resolve(out);
  const ids = documentsInScope(db, options.where);
  const inScope = new Set(ids);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'litkit-qdpx-'));
  try {
    const partial = `${target}.partial-${process.pid}`;
    const zip = new ZipWriter(partial);
    let report: Omit<QdpxExportReport, 'file' | 'bytes' | 'seconds'>;
    try {
      // Source texts go into the zip as the documents are read; the XML, written alongside to a
      // temporary file, follows them.
      report = writeProject(db, tmp, zip, ids, inScope, options);
      await zip.addFile('project.qde', path.join(tmp, 'project.qde'));
      zip.close();
      fs.renameSync(partial, target);
    } catch (err) {
      zip.abort();
      throw err;
    } finally {
      fs.rmSync(partial, { force: true });
    }
    recordOutput(db, target);
    const result = { file: out, bytes: fs.statSync(target).size, ...report, seconds: (performance.now() - started) / 1000 };
    audit(db, options.actor ?? 'litkit', 'qdpx.export', out, { ...result, where: options.where ?? null });
    return result;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function writeProject(db: Db, dir: string, zip: ZipWriter, ids: number[], inScope: Set<number>, options: QdpxExportOptions): Omit<QdpxExportReport, 'file' | 'bytes' | 'seconds'> {
  const memos = listMemos(db);
  const memosOn = memoTargets(memos);
  const docs = (db.sql.prepare('SELECT id, sha256, source_path, title, authors, year, format, status, added_at FROM documents ORDER BY id').all() as DocRow[]).filter((d) => inScope.has(d.id));
  const attributes = new Map<number, [string, string][]>();
  for (const r of db.sql.prepare('SELECT document_id, key, value FROM document_attributes ORDER BY document_id, key').all() as { document_id: number; key: string; value: string }[]) {
    if (inScope.has(r.document_id)) attributes.set(r.document_id, [...(attributes.get(r.document_id) ?? []), [r.key, r.value]]);
  }
  const codingMemos = new Map<number, Memo[]>([...memosOn.coding].map(([id, ms]) => [Number(id), ms]));
  const exportedMemos = memos.filter((m) => {
    if (m.target.startsWith('document ')) return inScope.has(Number(m.target.slice(9)));
    if (m.target.startsWith('coding ')) return false; // added below when their coding is in scope
    return true;
  });

  // Users: every coder of the exported codings and every memo author.
  const coders = new Set<string>();
  const coderRows = db.sql.prepare('SELECT DISTINCT coder FROM codings WHERE document_id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(ids)) as string[];
  for (const c of coderRows) coders.add(c);
  const codingDocs = db.sql.prepare('SELECT document_id FROM codings WHERE id = ?').pluck();
  for (const [id, ms] of codingMemos) {
    if (inScope.has(codingDocs.get(id) as number)) exportedMemos.push(...ms);
  }
  for (const m of exportedMemos) coders.add(m.author);

  const codeFramework = new Map((db.sql.prepare('SELECT id, framework_id FROM codes').all() as { id: string; framework_id: string }[]).map((r) => [r.id, r.framework_id]));
  const codeNotes = new Map([...memosOn.code].map(([id, ms]) => [id, ms.map(noteGuid)]));
  const tree = codeTree(db, { notes: codeNotes });
  const codeCount = codeFramework.size;

  // Variables: the attribute keys in use, and litkit's own document fields.
  const keys = [...new Set([...attributes.values()].flatMap((kv) => kv.map(([k]) => k)))].sort();
  const variables: { name: string; guid: string; description?: string; type: VariableType }[] = [
    ...keys.map((k) => ({ name: k, guid: variableGuid(k), type: 'Text' as const })),
    ...FIELD_VARIABLES.map((f) => ({ name: `${FIELD_PREFIX}${f}`, guid: variableGuid(`${FIELD_PREFIX}${f}`), description: FIELD_DESCRIPTION, type: f === 'year' ? ('Integer' as const) : ('Text' as const) })),
  ];
  // Survey respondents and transcript speakers: cases of their own, their attributes as variables
  // named case.KEY (as queries name them), typed as the values are.
  const people = ids.length ? listCases(db, { documentIds: ids }) : [];
  const caseKeys = new Map<string, VariableType>();
  for (const c of people) for (const [k, v] of Object.entries(c.attributes)) caseKeys.set(k, widen(caseKeys.get(k), v));
  for (const [k, type] of [...caseKeys].sort(([a], [b]) => a.localeCompare(b))) variables.push({ name: `${CASE_PREFIX}${k}`, guid: variableGuid(`${CASE_PREFIX}${k}`), description: CASE_DESCRIPTION, type });

  const w = new ChunkedWriter(path.join(dir, 'project.qde'));
  const projectName = options.name ?? path.basename(path.dirname(path.resolve(db.file)));
  w.write(`<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:QDA-XML:project:1.0 http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd"${attrs({ name: projectName, origin: litkitOrigin(), creationDateTime: new Date().toISOString() })}>\n`);
  if (coders.size) {
    w.write(' <Users>\n');
    for (const c of [...coders].sort()) w.write(`  <User${attrs({ guid: userGuid(c), name: c })}/>\n`);
    w.write(' </Users>\n');
  }
  if (tree.length) {
    w.write(' <CodeBook>\n  <Codes>\n');
    writeCodes((s) => w.write(s), tree);
    w.write('  </Codes>\n </CodeBook>\n');
  }
  w.write(' <Variables>\n');
  for (const v of variables) {
    w.write(`  <Variable${attrs({ guid: v.guid, name: v.name, typeOfVariable: v.type })}${v.description ? `>\n   <Description>${xmlText(v.description)}</Description>\n  </Variable>\n` : '/>\n'}`);
  }
  w.write(' </Variables>\n');

  const values = (d: DocRow): string => {
    const out: string[] = [];
    for (const [k, v] of attributes.get(d.id) ?? []) out.push(`<VariableValue><VariableRef targetGUID="${variableGuid(k)}"/><TextValue>${xmlText(v)}</TextValue></VariableValue>`);
    const fields: Record<string, string | number | null> = { authors: d.authors, year: d.year, format: d.format, sha256: d.sha256, source: d.source_path };
    for (const f of FIELD_VARIABLES) {
      const v = fields[f];
      if (v === null || v === undefined || v === '') continue;
      const ref = `<VariableRef targetGUID="${variableGuid(`${FIELD_PREFIX}${f}`)}"/>`;
      out.push(`<VariableValue>${ref}${f === 'year' ? `<IntegerValue>${v}</IntegerValue>` : `<TextValue>${xmlText(String(v))}</TextValue>`}</VariableValue>`);
    }
    return out.join('');
  };
  if (docs.length) {
    w.write(' <Cases>\n');
    for (const d of docs) w.write(`  <Case${attrs({ guid: caseGuid(d.sha256), name: d.title })}>${values(d)}<SourceRef targetGUID="${sourceGuid(d.sha256)}"/></Case>\n`);
    const sha = new Map(docs.map((d) => [d.id, d.sha256]));
    // The coded passages a person said or wrote, as the selections the Sources below hold.
    const saidBy = db.sql.prepare(
      "SELECT DISTINCT k.page, k.start, k.end FROM codings k JOIN segments g ON g.id = k.segment_id WHERE g.case_id = ? AND k.status IS NOT 'rejected' ORDER BY k.page, k.start, k.end",
    );
    for (const c of people) {
      const doc = sha.get(c.documentId)!;
      const selections = (saidBy.all(c.id) as { page: number; start: number; end: number }[]).map((k) => `<SelectionRef targetGUID="${quickGuid(`selection:${doc}:${k.page}:${k.start}:${k.end}`)}"/>`);
      w.write(`  <Case${attrs({ guid: stableGuid(`person:${doc}:${c.kind}:${c.label}`), name: c.label })}><Description>${xmlText(`${c.kind} in ${c.documentTitle}`)}</Description>${caseValues(c, caseKeys)}<SourceRef targetGUID="${sourceGuid(doc)}"/>${selections.join('')}</Case>\n`);
    }
    w.write(' </Cases>\n');
  }

  // Coders and codes repeat on every coding: their GUIDs are hashed once each.
  const userGuids = new Map<string, string>();
  const codeGuids = new Map<string, string>();
  const userOf = (coder: string) => userGuids.get(coder) ?? userGuids.set(coder, userGuid(coder)).get(coder)!;
  const codeOf = (code: string) => codeGuids.get(code) ?? codeGuids.set(code, codeGuid(codeFramework.get(code) ?? '', code)).get(code)!;
  const pagesOf = db.sql.prepare('SELECT text FROM pages WHERE document_id = ? ORDER BY number').pluck();
  // Codings a reviewer rejected are not evidence; other tools would show them as codings.
  const codingsOf = db.sql.prepare("SELECT id, code_id, coder, page, start, end, created_at, rule, status FROM codings WHERE document_id = ? AND status IS NOT 'rejected' ORDER BY page, start, end, coder, code_id");
  const rejected = db.sql.prepare("SELECT count(*) FROM codings WHERE status = 'rejected' AND document_id IN (SELECT value FROM json_each(?))").pluck().get(JSON.stringify(ids)) as number;
  let selections = 0;
  let codings = 0;
  let withRules = 0;
  let reviewed = 0;
  let noText = 0;
  if (docs.length) w.write(' <Sources>\n');
  for (const d of docs) {
    const pages = pagesOf.all(d.id) as string[];
    const text = pages.join(PAGE_BREAK);
    if (d.status !== 'ok') noText++;
    const guid = sourceGuid(d.sha256);
    zip.addBuffer(`sources/${guid}.txt`, Buffer.from(text, 'utf8'));
    w.write(`  <TextSource${attrs({ guid, name: d.title, plainTextPath: `internal://${guid}.txt`, creationDateTime: when(d.added_at) })}>\n`);
    const cp = toCodePoints(text);
    const starts = pageStarts(pages);
    let open: { page: number; start: number; end: number } | undefined;
    for (const k of codingsOf.iterate(d.id) as IterableIterator<CodingRow>) {
      if (!open || open.page !== k.page || open.start !== k.start || open.end !== k.end) {
        if (open) w.write('   </PlainTextSelection>\n');
        open = { page: k.page, start: k.start, end: k.end };
        const base = starts[k.page - 1] ?? 0;
        w.write(`   <PlainTextSelection${attrs({ guid: quickGuid(`selection:${d.sha256}:${k.page}:${k.start}:${k.end}`), startPosition: cp(base + k.start), endPosition: cp(base + k.end), creatingUser: userOf(k.coder), creationDateTime: when(k.created_at) })}>\n`);
        selections++;
      }
      const notes = codingMemos.get(k.id) ?? [];
      const coding = `<Coding${attrs({ guid: quickGuid(`coding:${d.sha256}:${k.page}:${k.start}:${k.end}:${k.code_id}:${k.coder}`), creatingUser: userOf(k.coder), creationDateTime: when(k.created_at) })}><CodeRef targetGUID="${codeOf(k.code_id)}"/>`;
      w.write(`    ${coding}${notes.map((m) => `<NoteRef targetGUID="${noteGuid(m)}"/>`).join('')}</Coding>\n`);
      codings++;
      if (k.rule) withRules++;
      if (k.status) reviewed++;
    }
    if (open) w.write('   </PlainTextSelection>\n');
    for (const m of memosOn.document.get(String(d.id)) ?? []) w.write(`   <NoteRef targetGUID="${noteGuid(m)}"/>\n`);
    const v = values(d);
    if (v) w.write(`   ${v}\n`);
    w.write('  </TextSource>\n');
  }
  if (docs.length) w.write(' </Sources>\n');

  const frameworks = listFrameworks(db).map((f) => resolveFramework(db, f.id));
  if (exportedMemos.length || frameworks.length) {
    w.write(' <Notes>\n');
    for (const m of exportedMemos) {
      w.write(`  <Note${attrs({ guid: noteGuid(m), name: m.text.split('\n')[0]!.slice(0, 60), creatingUser: userGuid(m.author), creationDateTime: when(m.createdAt) })}><PlainTextContent>${xmlText(m.text)}</PlainTextContent></Note>\n`);
    }
    for (const f of frameworks) {
      w.write(`  <Note${attrs({ guid: stableGuid(`framework-note:${f.id}`), name: `${FRAMEWORK_NOTE_PREFIX}${f.id}` })}><PlainTextContent>${xmlText(f.source)}</PlainTextContent></Note>\n`);
    }
    w.write(' </Notes>\n');
  }

  // Sets: one per attribute value that groups documents (type = policy), for tools that filter by set.
  const groups = new Map<string, Map<string, number[]>>();
  for (const d of docs) {
    for (const [k, v] of attributes.get(d.id) ?? []) {
      const byValue = groups.get(k) ?? new Map<string, number[]>();
      byValue.set(v, [...(byValue.get(v) ?? []), d.id]);
      groups.set(k, byValue);
    }
  }
  const sha = new Map(docs.map((d) => [d.id, d.sha256]));
  const sets = [...groups].filter(([, byValue]) => byValue.size <= MAX_SET_VALUES).flatMap(([k, byValue]) => [...byValue].filter(([, members]) => members.length >= 2).map(([v, members]) => ({ name: `${k} = ${v}`, members })));
  if (sets.length) {
    w.write(' <Sets>\n');
    for (const s of sets) {
      w.write(`  <Set${attrs({ guid: setGuid(s.name), name: s.name })}>${s.members.map((id) => `<MemberSource targetGUID="${sourceGuid(sha.get(id)!)}"/>`).join('')}</Set>\n`);
    }
    w.write(' </Sets>\n');
  }
  for (const m of memosOn.project) w.write(` <NoteRef targetGUID="${noteGuid(m)}"/>\n`);
  for (const f of frameworks) w.write(` <NoteRef targetGUID="${stableGuid(`framework-note:${f.id}`)}"/>\n`);
  w.write('</Project>\n');
  w.close();

  const notCarried: string[] = [];
  if (withRules) notCarried.push(`${withRules} auto codings' rules and matched words (REFI-QDA has no place for them; they are exported as codings by coder "auto")`);
  const hasRules = [...allCodes(db).values()].some((c) => Object.values(c.rules).some((v) => Array.isArray(v) && v.length > 0));
  if (hasRules) notCarried.push(`framework rules: not part of REFI-QDA; kept in the project notes "${FRAMEWORK_NOTE_PREFIX}ID", which litkit reads back`);
  if (reviewed) notCarried.push(`the review status of ${reviewed} accepted auto or suggested codings (exported as codings)`);
  if (rejected) notCarried.push(`${rejected} codings a reviewer rejected, left out`);
  if (noText) notCarried.push(`${noText} documents without text, exported with empty text`);
  return { documents: docs.length, codes: codeCount, selections, codings, users: coders.size, memos: exportedMemos.length, variables: variables.length, cases: docs.length + people.length, sets: sets.length, notCarried };
}

type VariableType = 'Text' | 'Integer' | 'Float';

/** Variables of people's attributes are named as queries name them. */
const CASE_PREFIX = 'case.';
const CASE_DESCRIPTION = 'An attribute of a survey respondent or a transcript speaker (litkit case)';

/** The narrowest REFI-QDA type that holds every value seen so far. */
function widen(type: VariableType | undefined, value: string | number): VariableType {
  const own: VariableType = typeof value === 'number' ? (Number.isInteger(value) ? 'Integer' : 'Float') : 'Text';
  if (!type || type === own) return own;
  return type === 'Text' || own === 'Text' ? 'Text' : 'Float';
}

/** A person's attribute values, each as its variable's declared type (a number under a Text variable as text). */
function caseValues(c: CaseInfo, types: Map<string, VariableType>): string {
  return Object.entries(c.attributes)
    .map(([k, v]) => {
      const ref = `<VariableRef targetGUID="${variableGuid(`${CASE_PREFIX}${k}`)}"/>`;
      const type = types.get(k);
      const value = type === 'Integer' ? `<IntegerValue>${v}</IntegerValue>` : type === 'Float' ? `<FloatValue>${v}</FloatValue>` : `<TextValue>${xmlText(String(v))}</TextValue>`;
      return `<VariableValue>${ref}${value}</VariableValue>`;
    })
    .join('');
}
