import path from 'node:path';
import { parseFramework } from '../coding/framework/index.js';
import { fieldOf, FRAMEWORK_NOTE_PREFIX } from './fields.js';
import { hexColour } from './framework-yaml.js';
import { codeGuid, frameworkGuid } from './guid.js';
import type { Incoming, IncomingCode, IncomingCoding, IncomingDocument, IncomingMemo } from './incoming.js';
import { cleanSourceText, pageOf, pageStarts, PAGE_BREAK } from './positions.js';
import type { QdaCode, QdaCoding, QdaNote, QdaProject, QdaSource, QdaValue } from './qda-model.js';
import type { QdpxPackage } from './qdpx-read.js';

const FORMATS = new Set(['pdf', 'docx', 'html', 'txt', 'md']);
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Litkit's frameworks carried as project notes: their codes' GUIDs give back the litkit ids. */
function litkitFrameworks(project: QdaProject, texts: Map<string, string>, problems: string[]) {
  const frameworks: { id: string; yaml: string }[] = [];
  const ids = new Map<string, { id: string; frameworkId: string }>();
  const wrappers = new Set<string>();
  const notes = new Set<string>();
  for (const n of project.notes.values()) {
    if (!n.name?.startsWith(FRAMEWORK_NOTE_PREFIX)) continue;
    const yaml = texts.get(n.guid) ?? '';
    try {
      const fw = parseFramework(yaml, n.name);
      frameworks.push({ id: fw.id, yaml });
      for (const c of fw.codes) ids.set(codeGuid(fw.id, c.id), { id: c.id, frameworkId: fw.id });
      wrappers.add(frameworkGuid(fw.id));
      notes.add(n.guid);
    } catch (err) {
      problems.push(`note "${n.name}" looks like a litkit framework but is not one (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); kept as a memo`);
    }
  }
  return { frameworks, ids, wrappers, notes };
}

/**
 * Maps a REFI-QDA project to what litkit can hold: each TextSource (and PDFSource with a text
 * representation) becomes a document whose pages are its text split at form feeds; positions,
 * counted in code points, become UTF-16 offsets on a page; users become coders by name; notes
 * become memos where they are referenced; variables, cases and sets become attributes. Whatever
 * has no place in litkit is counted in `unmapped`.
 */
export async function mapQdpx(pkg: QdpxPackage, file: string): Promise<Incoming> {
  const p = pkg.project;
  const problems: string[] = [];
  const unmapped: string[] = [];
  const now = new Date().toISOString();
  const userName = (...guids: (string | undefined)[]) => {
    for (const g of guids) if (g) return p.users.get(g) ?? `user-${g.slice(0, 8).toLowerCase()}`;
    return 'imported';
  };

  const noteTexts = new Map<string, string>();
  let noteSelections = 0;
  for (const n of p.notes.values()) {
    noteSelections += n.selections;
    const t = n.text.inline !== undefined ? { text: n.text.inline } : n.text.path ? await pkg.readText(n.text) : { missing: 'empty' };
    if ('text' in t) noteTexts.set(n.guid, cleanSourceText(t.text).text.trim());
    else if (!n.name?.startsWith(FRAMEWORK_NOTE_PREFIX)) problems.push(`note "${n.name ?? n.guid}" has no text (${t.missing})`);
  }
  const fws = litkitFrameworks(p, noteTexts, problems);
  const usedNotes = new Set<string>(fws.notes);
  const memo = (guids: string[]): IncomingMemo[] =>
    guids.flatMap((g) => {
      const n: QdaNote | undefined = p.notes.get(g);
      const text = noteTexts.get(g);
      if (!n || !text || fws.notes.has(g)) return [];
      usedNotes.add(g);
      return [{ author: userName(n.user), text, createdAt: n.created && ISO.test(n.created) ? n.created : now }];
    });

  // Codes, parents first.
  const codes: IncomingCode[] = [];
  let notCodable = 0;
  const walk = (list: QdaCode[], parentKey: string | undefined) => {
    for (const c of list) {
      if (fws.wrappers.has(c.guid)) {
        walk(c.children, undefined);
        continue;
      }
      if (!c.codable) notCodable++;
      const known = fws.ids.get(c.guid);
      const key = c.guid || `code-${codes.length + 1}`;
      codes.push({ key, id: known?.id, frameworkId: known?.frameworkId, label: c.name.trim() || '(unnamed code)', definition: c.description?.trim() || undefined, colour: hexColour(c.colour), parentKey, memos: memo(c.notes) });
      walk(c.children, key);
    }
  };
  walk(p.codes, undefined);
  if (notCodable) problems.push(`${plural(notCodable, 'code')} marked not codable in the source tool (category codes), kept as codes`);
  const codeKeys = new Set(codes.map((c) => c.key));

  // Attributes from variables, cases and sets.
  const variableOf = (v: QdaValue) => p.variables.get(v.variable);
  const caseValues = new Map<string, QdaValue[]>();
  const caseNames = new Map<string, string[]>();
  let caseSelections = 0;
  let caseCodes = 0;
  // litkit's own people (survey respondents, transcript speakers: variables named case.KEY) are
  // not documents' cases; they are left out, and said so, rather than folded into document attributes.
  let people = 0;
  for (const c of p.cases) {
    if (c.values.length && c.values.every((v) => variableOf(v)?.name.startsWith('case.'))) {
      people++;
      continue;
    }
    caseSelections += c.selections;
    caseCodes += c.codes;
    for (const s of c.sources) {
      caseValues.set(s, [...(caseValues.get(s) ?? []), ...c.values]);
      if (c.name) caseNames.set(s, [...(caseNames.get(s) ?? []), c.name]);
    }
  }
  const setNames = new Map<string, string[]>();
  let codeSets = 0;
  let noteSetMembers = 0;
  for (const s of p.sets) {
    if (s.codes) codeSets++;
    noteSetMembers += s.notes;
    for (const src of s.sources) setNames.set(src, [...(setNames.get(src) ?? []), s.name]);
  }

  const documents: IncomingDocument[] = [];
  const other = { picture: [] as string[], audio: [] as string[], video: [] as string[] };
  let otherSelections = 0;
  let pdfs = 0;
  let badPositions = 0;
  let uncoded = 0;
  let wholeSource = 0;
  let split = 0;
  let unknownCodes = 0;
  let crlf = 0;
  let controls = 0;
  for (const s of p.sources) {
    otherSelections += s.otherSelections;
    if (s.kind === 'picture' || s.kind === 'audio' || s.kind === 'video') {
      other[s.kind].push(s.name);
      continue;
    }
    const read = await pkg.readText(s.text);
    if ('missing' in read) {
      problems.push(`source "${s.name}" (${s.kind === 'pdf' ? 'PDF' : 'text'}) has no text litkit can read: ${read.missing}; not imported`);
      continue;
    }
    if (s.kind === 'pdf') pdfs++;
    const clean = cleanSourceText(read.text);
    if (clean.crlf) crlf++;
    controls += clean.controls;
    const pages = clean.text.split(PAGE_BREAK);
    const starts = pageStarts(pages);
    const doc = toDocument(s, pages, file, [...s.values, ...(caseValues.get(s.guid) ?? []).filter((cv) => !s.values.some((v) => v.variable === cv.variable))], variableOf);
    const cases = (caseNames.get(s.guid) ?? []).filter((n) => n !== s.name);
    if (cases.length && !doc.attributes.case) doc.attributes.case = cases.join('; ');
    for (const name of setNames.get(s.guid) ?? []) {
      const m = /^([^=]+?) = (.+)$/.exec(name);
      // litkit's own sets ("type = policy") repeat an attribute; others become the attribute `set`.
      if (m) doc.attributes[m[1]!] ??= m[2]!;
      else doc.attributes.set = doc.attributes.set ? `${doc.attributes.set}; ${name}` : name;
    }
    if (s.description?.trim()) doc.memos.push({ author: userName(s.user, p.creatingUser), text: s.description.trim(), createdAt: s.created && ISO.test(s.created) ? s.created : now });
    doc.memos.push(...memo(s.notes));

    const codingOf = (k: QdaCoding, page: number, start: number, end: number, fallbackUser: string | undefined, created: string | undefined): IncomingCoding | undefined => {
      if (!k.codeGuid || !codeKeys.has(k.codeGuid)) {
        unknownCodes++;
        return undefined;
      }
      return { code: k.codeGuid, coder: userName(k.user, fallbackUser, p.creatingUser), page, start, end, createdAt: (k.created ?? created) && ISO.test(k.created ?? created ?? '') ? (k.created ?? created)! : now, memos: memo(k.notes) };
    };
    for (const sel of s.selections) {
      if (!Number.isInteger(sel.start) || !Number.isInteger(sel.end) || sel.start < 0 || sel.end <= sel.start || sel.end > clean.codePoints) {
        badPositions++;
        continue;
      }
      const s16 = clean.toUtf16(sel.start);
      const e16 = clean.toUtf16(sel.end);
      const first = pageOf(starts, s16).page;
      const last = pageOf(starts, Math.max(s16, e16 - 1)).page;
      if (last > first) split++;
      const selectionMemos = memo(sel.notes);
      if (sel.description?.trim()) selectionMemos.unshift({ author: userName(sel.user, p.creatingUser), text: sel.description.trim(), createdAt: now });
      const made: IncomingCoding[] = [];
      for (let page = first; page <= last; page++) {
        const from = Math.max(s16, starts[page - 1]!) - starts[page - 1]!;
        const to = Math.min(e16, starts[page - 1]! + pages[page - 1]!.length) - starts[page - 1]!;
        if (to <= from) continue;
        for (const k of sel.codings) {
          const c = codingOf(k, page, from, to, sel.user, sel.created);
          if (c) made.push(c);
        }
      }
      if (!sel.codings.length) uncoded++;
      if (made.length) {
        made[0]!.memos.unshift(...selectionMemos);
        doc.codings.push(...made);
      } else if (selectionMemos.length) {
        const excerpt = clean.text.slice(s16, e16).replace(/\s+/g, ' ').trim();
        const quote = excerpt.length > 80 ? `${excerpt.slice(0, 79)}…` : excerpt;
        doc.memos.push(...selectionMemos.map((m) => ({ ...m, text: `On "${quote}": ${m.text}` })));
      }
    }
    for (const k of s.codings) {
      wholeSource++;
      pages.forEach((text, i) => {
        const c = text.length ? codingOf(k, i + 1, 0, text.length, s.user, s.created) : undefined;
        if (c) doc.codings.push(c);
      });
    }
    documents.push(doc);
  }

  const projectMemos = memo(p.projectNotes);
  if (p.description?.trim()) projectMemos.unshift({ author: userName(p.creatingUser), text: p.description.trim(), createdAt: now });
  const orphans = [...p.notes.keys()].filter((g) => !usedNotes.has(g));
  projectMemos.push(...memo(orphans));

  for (const [kind, names] of Object.entries(other)) {
    if (names.length) unmapped.push(`${plural(names.length, `${kind} source`)} (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}): litkit holds text only`);
  }
  if (otherSelections) unmapped.push(`${plural(otherSelections, 'area, time or transcript selection')} with their codings: litkit codes text spans only`);
  if (noteSelections) unmapped.push(`${plural(noteSelections, 'coded selection')} inside notes: litkit memos are not coded`);
  if (codeSets) unmapped.push(`${plural(codeSets, 'set')} of codes: litkit has no code sets`);
  if (noteSetMembers) unmapped.push(`${plural(noteSetMembers, 'note')} in sets: litkit has no note sets`);
  if (people) unmapped.push(`${plural(people, 'case')} of survey respondents or transcript speakers (variables case.*): re-ingest the transcripts or surveys to have them as litkit cases`);
  if (caseCodes || caseSelections) unmapped.push(`${plural(caseCodes, 'code reference')} and ${plural(caseSelections, 'selection reference')} of cases: litkit's cases are document attributes`);
  if (p.links) unmapped.push(`${plural(p.links, 'link')} between objects: litkit has no links`);
  if (p.graphs) unmapped.push(`${plural(p.graphs, 'graph')} (network views): litkit has no graphs`);
  if (uncoded) unmapped.push(`${plural(uncoded, 'selection')} without codes (quotations): litkit keeps coded excerpts only; their notes became document memos`);
  if (unknownCodes) problems.push(`${plural(unknownCodes, 'coding')} pointing at no code of the codebook, skipped`);
  if (badPositions) problems.push(`${plural(badPositions, 'selection')} with positions outside their source's text, skipped`);
  if (split) problems.push(`${plural(split, 'selection')} spanning a page break, split into one coding per page`);
  if (wholeSource) problems.push(`${plural(wholeSource, 'coding')} of whole sources, stored as codings of every page`);
  if (pdfs) problems.push(`${plural(pdfs, 'PDF source')} imported from their text representation (the PDF itself is not in litkit)`);
  const quirks = [...pkg.quirks].map(([q, n]) => (n > 1 ? `${q} (${n})` : q));
  if (crlf) quirks.push(`CRLF line ends in ${plural(crlf, 'source text')}, stored as LF (positions count CR and LF as in the file)`);
  if (controls) quirks.push(`${plural(controls, 'control character')} in source texts, dropped`);
  return { file, origin: p.origin, projectName: p.name || path.basename(file, path.extname(file)), frameworks: fws.frameworks, codes, documents, projectMemos, unmapped, quirks, problems };
}

function toDocument(s: QdaSource, pages: string[], file: string, values: QdaValue[], variableOf: (v: QdaValue) => { name: string; description?: string } | undefined): IncomingDocument {
  const doc: IncomingDocument = { name: s.name, title: s.name.trim() || 'Untitled source', sourcePath: `${path.basename(file)}#${s.name}`, pages, attributes: {}, codings: [], memos: [] };
  for (const v of values) {
    const variable = variableOf(v);
    const value = v.value.trim();
    if (!variable || !value) continue;
    const field = fieldOf(variable.name, variable.description);
    if (!field) {
      doc.attributes[variable.name.trim()] = value;
      continue;
    }
    if (field === 'authors') doc.authors = value;
    else if (field === 'year' && /^\d{4}$/.test(value)) doc.year = Number(value);
    else if (field === 'format' && FORMATS.has(value)) doc.format = value as IncomingDocument['format'];
    else if (field === 'sha256' && /^[0-9a-f]{64}$/.test(value)) doc.sha256 = value;
    else if (field === 'source') doc.sourcePath = value;
  }
  return doc;
}
