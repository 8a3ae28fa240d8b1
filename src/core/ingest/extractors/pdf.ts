import { InputError } from '../../../errors.js';
import { doiIn } from '../../text/identifiers.js';
import { mergeSource, yearFrom } from '../metadata.js';
import type { DocMeta, ExtractLimits, Extractor, PdfEngineName, RawDocument } from '../types.js';
import { checkPdfStreams } from './pdf-limits.js';
import { pdfiumEngine } from './pdf-pdfium.js';
import { pdfParseEngine } from './pdf-parse.js';
import { documentPacket, xmpPackets, type XmpPacket } from './xmp.js';

/** The document-information dictionary entries litkit reads. */
export interface PdfInfo {
  title?: string;
  author?: string;
  subject?: string;
  creator?: string;
  producer?: string;
  created?: string;
  doi?: string;
}

/** What an engine reads from a PDF: text per page, the info dictionary, the first page's links. */
export interface PdfRead {
  pages: string[];
  info: PdfInfo;
  links: string[];
  engine: PdfEngineName;
}

/** A PDF text engine. */
export interface PdfEngine {
  readonly name: PdfEngineName;
  /** Refuses a PDF of more than `maxPages` pages (E_TOO_LARGE) before reading any. */
  extract(data: Uint8Array, file: string, maxPages: number): Promise<PdfRead>;
}

const ENGINES: Record<PdfEngineName, PdfEngine> = { pdfium: pdfiumEngine, 'pdf-parse': pdfParseEngine };

const PDF_MAGIC = '%PDF-';

/** First-page links that name the document itself: a DOI resolver, an arXiv abstract, a handle. */
function linkSource(links: string[]) {
  return {
    doi: links.map((l) => (/^https?:\/\/(dx\.)?doi\.org\//i.test(l) ? doiIn(l) : undefined)).find(Boolean),
    url: links.find((l) => /^https?:\/\/(arxiv\.org\/abs\/|hdl\.handle\.net\/)/i.test(l)),
  };
}

/**
 * The document's XMP (when the file carries it uncompressed) wins over the older document-info
 * dictionary; a DOI may also sit in the info dictionary's Subject (publishers write the citation
 * there) or in a link annotation of the first page.
 */
export function pdfMeta(info: PdfInfo, links: string[], packets: XmpPacket[]): DocMeta {
  const xmp = documentPacket(packets, info)?.meta ?? {};
  const source = mergeSource(xmp.source, { doi: doiIn(info.doi) ?? doiIn(info.subject) }, linkSource(links));
  return {
    title: xmp.title ?? info.title,
    authors: xmp.authors ?? info.author,
    year: xmp.year ?? yearFrom(info.created),
    ...(source ? { source } : {}),
  };
}

/**
 * PDF extraction through the chosen engine, falling back to the other engine when the chosen one
 * cannot read a file that is not simply encrypted (engines differ in what damage they tolerate).
 */
export function pdfExtractor(engine: PdfEngineName): Extractor {
  return {
    async extract(data: Uint8Array, file: string, limits: ExtractLimits): Promise<RawDocument> {
      const head = new TextDecoder('latin1').decode(data.subarray(0, 1024));
      if (!head.includes(PDF_MAGIC)) throw new InputError('E_CORRUPT', 'not a PDF (no %PDF- header)', file);
      checkPdfStreams(data, file, limits.maxUnzippedBytes);
      const primary = ENGINES[engine];
      let raw: PdfRead;
      try {
        raw = await primary.extract(data, file, limits.maxPdfPages);
      } catch (err) {
        if (err instanceof InputError && (err.code === 'E_ENCRYPTED' || err.code === 'E_TOO_LARGE')) throw err;
        const other = ENGINES[engine === 'pdfium' ? 'pdf-parse' : 'pdfium'];
        try {
          raw = await other.extract(data, file, limits.maxPdfPages);
        } catch {
          throw err;
        }
      }
      return { pages: raw.pages, meta: pdfMeta(raw.info, raw.links, xmpPackets(data)), engine: raw.engine };
    },
  };
}
