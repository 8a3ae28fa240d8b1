import type { Document } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { doiIn, urlIn } from '../../text/identifiers.js';
import { pageRange, yearFrom } from '../metadata.js';
import type { DocMeta } from '../types.js';
import { findElement, findElements, textOf } from './html-text.js';

const START = Buffer.from('<x:xmpmeta');
const END = Buffer.from('</x:xmpmeta>');

/** One XMP packet: what it says about the document, and which tool wrote it (to tell whose it is). */
export interface XmpPacket {
  meta: DocMeta;
  producer?: string;
  creatorTool?: string;
}

/**
 * A property written as an element (`<dc:title>…`, with `rdf:li` items) or as an attribute of an
 * `rdf:Description` (`pdf:Producer='…'`), both of which XMP allows. Names are matched lower-case.
 */
function items(doc: Document, name: string): string[] {
  const el = findElement(doc, name);
  if (el) {
    const lis = findElements(el, 'rdf:li').map(textOf).filter(Boolean);
    return lis.length ? lis : [textOf(el)].filter(Boolean);
  }
  for (const d of findElements(doc, 'rdf:description')) {
    const key = Object.keys(d.attribs).find((k) => k.toLowerCase() === name);
    if (key && d.attribs[key]!.trim()) return [d.attribs[key]!.trim()];
  }
  return [];
}

function packet(xml: string): XmpPacket {
  const doc = parseDocument(xml, { xmlMode: true });
  const one = (...names: string[]) => names.map((n) => items(doc, n)[0]).find(Boolean);
  const identifier = one('prism:doi', 'pdfx:doi', 'crossmark:doi', 'dc:identifier', 'prism:url');
  const source = {
    doi: doiIn(one('prism:doi', 'pdfx:doi', 'crossmark:doi') ?? identifier),
    url: urlIn(one('prism:url') ?? identifier),
    journal: one('prism:publicationname'),
    volume: one('prism:volume'),
    issue: one('prism:number'),
    pages: pageRange(one('prism:startingpage'), one('prism:endingpage')) ?? one('prism:pagerange'),
    publisher: one('dc:publisher'),
  };
  const defined = Object.fromEntries(Object.entries(source).filter(([, v]) => v));
  return {
    meta: {
      title: one('dc:title'),
      authors: items(doc, 'dc:creator').join('; ') || undefined,
      year: yearFrom(one('prism:publicationdate', 'prism:coverdate', 'dc:date', 'xmp:createdate', 'xap:createdate')),
      ...(Object.keys(defined).length ? { source: defined } : {}),
    },
    producer: one('pdf:producer'),
    creatorTool: one('xmp:creatortool', 'xap:creatortool'),
  };
}

/**
 * Every XMP packet in a PDF. XMP is written uncompressed so that tools can find it without a PDF
 * parser, which is what this does; a PDF carries one for the document and often one per embedded
 * figure, which `documentPacket` tells apart.
 */
export function xmpPackets(data: Uint8Array): XmpPacket[] {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const out: XmpPacket[] = [];
  for (let start = buf.indexOf(START); start !== -1; start = buf.indexOf(START, start + START.length)) {
    const end = buf.indexOf(END, start);
    if (end === -1) break;
    out.push(packet(buf.subarray(start, end + END.length).toString('utf8')));
  }
  return out;
}

/** A title that names a file: what figures exported from plotting and drawing tools carry. */
const FILE_TITLE = /\.(eps|pdf|png|jpe?g|svg|tiff?|ai|dvi|tex|ps)$/i;

/**
 * The document's own packet among a PDF's: the last one written by the tool the document-info
 * dictionary names (later packets are incremental updates). When none matches, a packet is only
 * trusted if the info dictionary is silent, and never one whose title is a figure's file name:
 * a figure's packet once made a plot's author the author of a paper.
 */
export function documentPacket(packets: XmpPacket[], info: { producer?: string; creator?: string; title?: string; author?: string }): XmpPacket | undefined {
  const same = (a?: string, b?: string) => !!a && !!b && a.trim() === b.trim();
  const matching = packets.filter((p) => same(p.producer, info.producer) || same(p.creatorTool, info.creator));
  if (matching.length) return matching.at(-1);
  if (info.title || info.author) return undefined;
  return packets.filter((p) => !FILE_TITLE.test(p.meta.title ?? '')).at(-1);
}
