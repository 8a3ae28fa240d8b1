import type { DocumentInfo } from '../documents/read.js';

/** A CSL-JSON item: the input citation-js formats. */
interface CslItem {
  id: string;
  type: string;
  title: string;
  author?: ({ literal: string } | { family: string; given: string })[];
  issued?: { 'date-parts': number[][] };
  publisher?: string;
}

const ORGANISATION = /\b(division|agency|organi[sz]ation|office|unit|team|section|department|ministry|university|institute|committee|group|communications|nations|association|review)\b/i;

/** "Diego Ongaro" -> {family: Ongaro, given: Diego}; organisations stay whole. */
function person(name: string): { literal: string } | { family: string; given: string } {
  const words = name.trim().split(/\s+/);
  if (ORGANISATION.test(name) || words.length < 2 || words.length > 4) return { literal: name.trim() };
  return { family: words.at(-1)!, given: words.slice(0, -1).join(' ') };
}

const CSL_TYPES: Record<string, string> = { transcript: 'interview', literature: 'article', policy: 'report', report: 'report', survey: 'report' };

/** A document as a CSL item: authors split on ";" (and "," between people), its type from its `type` attribute. */
export function toCsl(doc: DocumentInfo): CslItem {
  const names = (doc.authors ?? '').split(';').flatMap((part) => (ORGANISATION.test(part) ? [part] : part.split(/,\s*(?:and\s+)?|\s+and\s+/))).map((s) => s.trim()).filter(Boolean);
  return {
    id: `doc${doc.id}`,
    type: CSL_TYPES[doc.attributes.type ?? ''] ?? 'report',
    title: doc.title,
    ...(names.length ? { author: names.map(person) } : {}),
    ...(doc.year ? { issued: { 'date-parts': [[doc.year]] } } : {}),
  };
}

/**
 * The reference list in APA 7 (citation-js with its bundled APA style), alphabetical, as plain
 * text with the title marked for italics (`*…*`, which Markdown, HTML and DOCX renderers honour).
 */
export async function apaBibliography(docs: DocumentInfo[]): Promise<{ id: number; reference: string }[]> {
  if (!docs.length) return [];
  const { Cite } = await import('@citation-js/core');
  await import('@citation-js/plugin-csl');
  const out: { id: number; reference: string }[] = [];
  for (const doc of docs) {
    const item = toCsl(doc);
    const html = new Cite([item]).format('bibliography', { template: 'apa', format: 'html', lang: 'en-US' }) as string;
    const reference = html
      .replace(/<i>(.*?)<\/i>/g, '*$1*')
      .replace(/<[^>]+>/g, '')
      .replace(/&amp;/g, '&')
      .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)))
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/\s+/g, ' ')
      .trim();
    out.push({ id: doc.id, reference });
  }
  return out.sort((a, b) => a.reference.replace(/\*/g, '').localeCompare(b.reference.replace(/\*/g, '')));
}
