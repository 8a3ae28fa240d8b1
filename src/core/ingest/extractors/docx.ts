import JSZip from 'jszip';
import mammoth from 'mammoth';
import { parseDocument } from 'htmlparser2';
import type { Element, Text } from 'domhandler';
import { InputError } from '../../../errors.js';
import { doiIn, urlIn } from '../../text/identifiers.js';
import { mergeSource, yearFrom } from '../metadata.js';
import type { DocMeta, ExtractLimits, Extractor, RawDocument } from '../types.js';
import { checkZipLimits } from './zip-limits.js';
import { findElement, findElements, htmlToPages, parseHtml, textOf } from './html-text.js';

const ZIP_MAGIC = [0x50, 0x4b];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (data: Uint8Array, magic: number[]) => magic.every((b, i) => data[i] === b);

/** Whether an OLE compound file holds an encrypted OOXML package (Word's "Encrypt with password"). */
function isEncryptedPackage(data: Uint8Array): boolean {
  const utf16 = (s: string) => Buffer.from(s, 'utf16le');
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return buf.includes(utf16('EncryptionInfo')) || buf.includes(utf16('EncryptedPackage'));
}

/** The characters of a `w:t` run as written: its spaces are part of the text. */
const rawText = (t: Element) => t.children.map((c) => (c.type === 'text' ? (c as Text).data : '')).join('');

/** Text of each paragraph of an OOXML part (a header), in order. */
function partParagraphs(xml: string): string[] {
  // Tabs separate header columns; without them "Left!" and "Middle" would run together.
  const doc = parseDocument(xml.replace(/<w:p?tab\b[^>]*\/>/g, '<w:t> </w:t>'), { xmlMode: true });
  return findElements(doc, 'w:p')
    .map((p) => findElements(p, 'w:t').map(rawText).join(''))
    .map((t) => t.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** Title, creator, creation year and identifier (a DOI or an address) from docProps/core.xml. */
function coreMeta(xml: string | undefined): DocMeta {
  if (!xml) return {};
  const doc = parseDocument(xml, { xmlMode: true });
  const get = (name: string) => {
    const el = findElement(doc, name);
    return el ? textOf(el) || undefined : undefined;
  };
  const identifier = get('dc:identifier');
  const source = mergeSource({ doi: doiIn(identifier), url: urlIn(identifier) });
  return { title: get('dc:title'), authors: get('dc:creator'), year: yearFrom(get('dcterms:created')), ...(source ? { source } : {}) };
}

async function openZip(data: Uint8Array, file: string): Promise<JSZip> {
  try {
    return await JSZip.loadAsync(data);
  } catch (err) {
    const cause = err instanceof Error ? err.message : String(err);
    throw new InputError('E_CORRUPT', `not a readable DOCX (damaged zip: ${cause})`, file);
  }
}

/**
 * DOCX through mammoth: body paragraphs, lists, tables (a row per paragraph, cells separated by
 * " | "), footnotes and endnotes (after the body); page headers from the header parts, once.
 * Pages are split at explicit page breaks, the only pagination a DOCX stores reliably.
 */
export const docxExtractor: Extractor = {
  async extract(data: Uint8Array, file: string, limits: ExtractLimits): Promise<RawDocument> {
    if (startsWith(data, OLE_MAGIC)) {
      if (isEncryptedPackage(data)) throw new InputError('E_ENCRYPTED', 'the DOCX is password-protected; save an unprotected copy', file);
      throw new InputError('E_UNSUPPORTED', 'this is a legacy Word (.doc) file with a .docx name; save it as .docx', file);
    }
    if (!startsWith(data, ZIP_MAGIC)) throw new InputError('E_CORRUPT', 'not a DOCX (no zip signature)', file);
    checkZipLimits(data, file, limits);
    const zip = await openZip(data, file);
    if (!zip.file('word/document.xml')) throw new InputError('E_CORRUPT', 'not a DOCX (no word/document.xml inside)', file);

    let html: string;
    try {
      const result = await mammoth.convertToHtml(
        { buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength) },
        { styleMap: ["br[type='page'] => hr"], ignoreEmptyParagraphs: true },
      );
      // mammoth adds a back-link arrow to each note; it is navigation, not text.
      html = result.value.replace(/<a href="#(?:foot|end)note-ref-[^"]*">↑<\/a>/g, '');
    } catch (err) {
      const cause = err instanceof Error ? err.message.split('\n')[0] : String(err);
      throw new InputError('E_CORRUPT', `DOCX content cannot be read: ${cause}`, file);
    }

    const headerFiles = zip.file(/^word\/header\d*\.xml$/).sort((a, b) => a.name.localeCompare(b.name));
    const headers = [...new Set((await Promise.all(headerFiles.map((f) => f.async('string')))).flatMap(partParagraphs))];
    const { pages, blockKinds } = htmlToPages(parseHtml(html, limits.maxHtmlDepth), { pageBreaks: true });
    if (headers.length) {
      pages[0] = [...headers, pages[0]].filter(Boolean).join('\n\n');
      // Page headers repeat on every page of the printed document: page chrome, not text.
      blockKinds[0] = [...headers.map(() => 'boilerplate' as const), ...(blockKinds[0] ?? [])];
    }

    const meta = coreMeta(await zip.file('docProps/core.xml')?.async('string'));
    return { pages, meta, engine: 'mammoth', blockKinds };
  },
};
