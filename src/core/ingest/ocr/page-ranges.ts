import { UsageError } from '../../../errors.js';
import { cleanField } from '../../render/escape.js';

/** Inclusive 1-based page ranges; plain data, so that it crosses to worker threads. */
export type PageRanges = [number, number][];

/** Parses `--ocr-pages` ("1", "1-3,7", "5-"): which pages may be recognised. */
export function parsePageRanges(spec: string): PageRanges {
  const ranges: PageRanges = [];
  for (const part of spec.split(',')) {
    const m = /^\s*(\d+)\s*(?:(-)\s*(\d*)\s*)?$/.exec(part);
    const from = m ? Number(m[1]) : 0;
    const to = !m ? 0 : m[2] ? (m[3] ? Number(m[3]) : Number.MAX_SAFE_INTEGER) : from;
    if (!m || from < 1 || to < from) {
      throw new UsageError('E_USAGE', `--ocr-pages expects pages and ranges such as 1-3,7 or 5-, got "${cleanField(spec)}"`);
    }
    ranges.push([from, to]);
  }
  return ranges;
}

export const inRanges = (page: number, ranges: PageRanges | undefined) => !ranges || ranges.some(([from, to]) => page >= from && page <= to);
