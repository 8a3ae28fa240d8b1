import type { Db } from './db.js';

/**
 * How much of a hostile or broken input litkit will take on, each settable per project with
 * `litkit config set limits.NAME N` and named in the error that enforces it. Defaults leave room
 * for real material (a 200-page scanned PDF, a DOCX full of images, a long Boolean search string)
 * and stop what would otherwise run out of memory, time or stack.
 */
export const LIMITS = {
  'limits.max-file-mb': { fallback: 256, about: 'the largest file ingest reads, in MiB' },
  'limits.max-text-mb': { fallback: 32, about: 'the largest TXT, Markdown or HTML file, in MiB (read whole as text)' },
  'limits.max-unzipped-mb': { fallback: 512, about: "the most a DOCX, or a PDF's compressed streams, may unpack to, in MiB" },
  'limits.max-zip-entries': { fallback: 10_000, about: 'the most files a DOCX may hold' },
  // The longest reports and compilations a desk review meets run to a few thousand pages.
  'limits.max-pdf-pages': { fallback: 5000, about: 'the most pages a PDF may have' },
  // Chromium's HTML parser stops nesting elements at 512 levels, so no real page goes deeper.
  'limits.max-html-depth': { fallback: 512, about: 'the deepest nesting of elements in an HTML, Markdown or DOCX body' },
  'limits.max-query-chars': { fallback: 2000, about: 'the longest query or search, in characters' },
  'limits.max-query-depth': { fallback: 64, about: 'the deepest nesting of parentheses and NOTs in a query or search' },
} as const;

export type LimitKey = keyof typeof LIMITS;

/** The limits in force, in the units the code checks (bytes, counts). */
export interface Limits {
  maxFileBytes: number;
  maxTextBytes: number;
  maxUnzippedBytes: number;
  maxZipEntries: number;
  maxPdfPages: number;
  maxHtmlDepth: number;
  maxQueryChars: number;
  maxQueryDepth: number;
}

const MIB = 2 ** 20;

/** The limits with nothing configured. */
export const DEFAULT_LIMITS: Limits = limitsFrom(() => undefined);

function limitsFrom(get: (key: LimitKey) => string | undefined): Limits {
  const n = (key: LimitKey) => {
    const v = Number(get(key));
    return Number.isInteger(v) && v > 0 ? v : LIMITS[key].fallback;
  };
  return {
    maxFileBytes: n('limits.max-file-mb') * MIB,
    maxTextBytes: n('limits.max-text-mb') * MIB,
    maxUnzippedBytes: n('limits.max-unzipped-mb') * MIB,
    maxZipEntries: n('limits.max-zip-entries'),
    maxPdfPages: n('limits.max-pdf-pages'),
    maxHtmlDepth: n('limits.max-html-depth'),
    maxQueryChars: n('limits.max-query-chars'),
    maxQueryDepth: n('limits.max-query-depth'),
  };
}

/** The project's limits: its settings where set, the defaults elsewhere. */
export function readLimits(db: Db): Limits {
  const rows = db.sql.prepare("SELECT key, value FROM settings WHERE key LIKE 'limits.%'").all() as { key: string; value: string }[];
  const set = new Map(rows.map((r) => [r.key, r.value]));
  return limitsFrom((key) => set.get(key));
}

/** Whether a setting is a limit; its value must then be a positive whole number. */
export function isLimitKey(key: string): key is LimitKey {
  return Object.hasOwn(LIMITS, key);
}
