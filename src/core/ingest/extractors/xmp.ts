import { parseDocument } from 'htmlparser2';
import { yearFrom } from '../metadata.js';
import type { DocMeta } from '../types.js';
import { findElement, findElements, textOf } from './html-text.js';

const START = Buffer.from('<x:xmpmeta');
const END = Buffer.from('</x:xmpmeta>');

/**
 * Title, creators and date from a PDF's XMP packet. XMP is written uncompressed so that tools
 * can find it without a PDF parser, which is what this does.
 */
export function xmpMeta(data: Uint8Array): DocMeta {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const start = buf.indexOf(START);
  if (start === -1) return {};
  const end = buf.indexOf(END, start);
  if (end === -1) return {};
  const doc = parseDocument(buf.subarray(start, end + END.length).toString('utf8'), { xmlMode: true });
  const items = (name: string) => {
    const el = findElement(doc, name);
    if (!el) return [];
    const lis = findElements(el, 'rdf:li').map(textOf).filter(Boolean);
    return lis.length ? lis : [textOf(el)].filter(Boolean);
  };
  const date = items('prism:publicationDate')[0] ?? items('dc:date')[0] ?? items('xmp:CreateDate')[0];
  return {
    title: items('dc:title')[0],
    authors: items('dc:creator').join('; ') || undefined,
    year: yearFrom(date),
  };
}
