import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import JSZip from 'jszip';
import { InputError } from '../../errors.js';
import { decodeText } from '../text/decode.js';
import type { QdaProject, QdaText } from './qda-model.js';
import { QdeReader } from './qde-read.js';

/** A source text read from the package, or why there is none. */
export type SourceText = { text: string; bom: boolean } | { missing: string };

export interface QdpxPackage {
  project: QdaProject;
  /** The name of the project XML inside the package. */
  qde: string;
  /** Departures from the standard that were tolerated, each once with a count. */
  quirks: Map<string, number>;
  readText(t: QdaText | undefined): Promise<SourceText>;
}

const note = (quirks: Map<string, number>, quirk: string) => quirks.set(quirk, (quirks.get(quirk) ?? 0) + 1);

async function parseStream(chunks: AsyncIterable<Buffer> | Buffer[], file: string, quirks: Map<string, number>): Promise<QdaProject> {
  const reader = new QdeReader();
  let decoder: TextDecoder | undefined;
  for await (const chunk of chunks) {
    let bytes: Uint8Array = chunk;
    if (!decoder) {
      // The standard says UTF-8; a BOM (UTF-8 or UTF-16) is tolerated and noted.
      if (bytes[0] === 0xff && bytes[1] === 0xfe) decoder = new TextDecoder('utf-16le');
      else if (bytes[0] === 0xfe && bytes[1] === 0xff) decoder = new TextDecoder('utf-16be');
      else decoder = new TextDecoder('utf-8');
      if (bytes[0] === 0xef || bytes[0] === 0xff || bytes[0] === 0xfe) {
        note(quirks, 'byte order mark at the start of the project XML');
        if (bytes[0] === 0xef) bytes = bytes.subarray(3);
        else bytes = bytes.subarray(2);
      }
    }
    reader.write(decoder.decode(bytes, { stream: true }));
  }
  if (decoder) reader.write(decoder.decode());
  const project = reader.end();
  if (reader.rootName !== 'Project') {
    throw new InputError('E_QDPX', `not a REFI-QDA project: the XML's root element is ${reader.rootName ? `<${reader.rootName}>` : 'missing'}, not <Project>`, file);
  }
  return project;
}

/** Finds the project XML: `project.qde` as the standard says, else the one .qde at the top (ATLAS.ti names it after the project). */
function findQde(zip: JSZip, file: string, quirks: Map<string, number>): JSZip.JSZipObject {
  const exact = zip.file('project.qde');
  if (exact) return exact;
  const candidates = zip.file(/\.qde$/i).filter((f) => !f.dir);
  const top = candidates.filter((f) => !f.name.includes('/'));
  const pick = top[0] ?? candidates[0];
  if (!pick) throw new InputError('E_QDPX', 'the package holds no project XML (project.qde)', file);
  note(quirks, `project XML named "${pick.name}" instead of project.qde`);
  return pick;
}

/** Where a plainTextPath points inside the package, or why it points outside. */
function internalName(p: string, quirks: Map<string, number>): string | { outside: string } {
  const m = /^internal:(\/*)(.*)$/i.exec(p.trim());
  if (!m) return { outside: p };
  if (m[1] !== '//') note(quirks, `internal:${m[1]} paths instead of internal://`);
  return `sources/${m[2]}`;
}

/**
 * Opens a QDPX package (a zip of `project.qde` and `sources/`), or a bare .qde file, and streams
 * the project XML through the reader. Source texts are read on demand.
 */
export async function readQdpx(file: string): Promise<QdpxPackage> {
  if (!fs.existsSync(file)) throw new InputError('E_NOT_FOUND', 'no such file', file);
  const data = fs.readFileSync(file);
  const quirks = new Map<string, number>();
  const head = data.subarray(0, 4).toString('latin1');
  if (!head.startsWith('PK')) {
    const start = data.subarray(0, 200).toString('utf8').replace(/^\uFEFF/, '').trimStart();
    if (!start.startsWith('<')) throw new InputError('E_QDPX', 'not a QDPX file: neither a zip archive nor project XML', file);
    const project = await parseStream([data], file, quirks);
    return { project, qde: path.basename(file), quirks, readText: async (t) => inlineText(t, quirks) ?? { missing: 'a bare .qde has no sources/ folder' } };
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch (err) {
    throw new InputError('E_QDPX', `not a readable QDPX (damaged zip: ${err instanceof Error ? err.message : String(err)})`, file);
  }
  const qde = findQde(zip, file, quirks);
  // jszip's stream is an old-style one; wrapping makes it async-iterable.
  const project = await parseStream(new Readable().wrap(qde.nodeStream('nodebuffer')) as AsyncIterable<Buffer>, file, quirks);
  const byLowerName = new Map(Object.values(zip.files).map((f) => [f.name.toLowerCase(), f]));
  const readText = async (t: QdaText | undefined): Promise<SourceText> => {
    if (!t?.path) return inlineText(t, quirks, true) ?? { missing: 'no plainTextPath and no PlainTextContent' };
    if (t.inline !== undefined) return inlineText(t, quirks)!;
    const where = internalName(t.path, quirks);
    if (typeof where !== 'string') return { missing: `its text is outside the package (${where.outside})` };
    let entry = zip.file(where) ?? undefined;
    if (!entry) {
      entry = byLowerName.get(where.toLowerCase()) ?? byLowerName.get(`sources/${path.posix.basename(where)}`.toLowerCase());
      if (entry) note(quirks, 'source paths that differ from the file names in case or folder');
    }
    if (!entry) return { missing: `${where} is not in the package` };
    const bytes = await entry.async('uint8array');
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    if (bom) note(quirks, 'byte order marks at the start of source texts');
    return { text: decodeText(bytes).text, bom };
  };
  return { project, qde: qde.name, quirks, readText };
}

function inlineText(t: QdaText | undefined, quirks: Map<string, number>, insteadOfPath = false): SourceText | undefined {
  if (t?.inline === undefined) return undefined;
  if (insteadOfPath) note(quirks, 'sources with inline PlainTextContent instead of a plainTextPath');
  return { text: t.inline, bom: false };
}
