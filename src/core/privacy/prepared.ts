import type { DocMeta } from '../ingest/types.js';
import type { DetectOptions } from './detect.js';
import { addCounts, redactPages, redactText, type RedactionCounts } from './mask.js';

/**
 * A prepared document's pages and metadata with personal data masked, for ingest: it runs before
 * segmenting, so segments, the full-text index and titles only ever see the masked text.
 */
export function redactPrepared(pages: string[], meta: DocMeta, options: DetectOptions): { pages: string[]; meta: DocMeta; counts: RedactionCounts } {
  const r = redactPages(pages, options);
  const counts = r.counts;
  const field = (v: string | undefined) => {
    if (v === undefined) return undefined;
    const m = redactText(v, { ...options, speakers: r.speakers });
    addCounts(counts, m.counts);
    return m.text;
  };
  const source = meta.source && Object.fromEntries(Object.entries(meta.source).map(([k, v]) => [k, field(v)]));
  return { pages: r.pages.map((p) => p.text), meta: { ...meta, title: field(meta.title), authors: field(meta.authors), ...(source ? { source } : {}) }, counts };
}
