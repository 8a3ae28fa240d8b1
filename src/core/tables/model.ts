/**
 * One table model for every listing and table litkit prints or writes: columns that say what
 * kind of value they hold (so a writer knows what it may shorten and how to align it), rows of
 * plain cells, and what a reader must know about them (a title, notes, and how many rows the
 * listing held before it was capped).
 */

/**
 * What a column holds. A terminal shortens `excerpt` first and `text` next, wraps a `citation`
 * onto more lines but never cuts it (a citation without its page is useless), and keeps `id`,
 * `key` (a code id, a keyword: short text a row is known by) and `number` whole; numbers align right.
 */
export type ColumnKind = 'id' | 'key' | 'number' | 'text' | 'excerpt' | 'citation';

export interface Column {
  label: string;
  kind?: ColumnKind;
  /** Right-aligned; when a terminal shortens the cell, it keeps its end (the left side of a concordance). */
  alignRight?: boolean;
  /** Only in data files (CSV, JSON, JSON Lines, XLSX), not in the terminal or Markdown: detail a reader of the table does not need. */
  detail?: boolean;
}

export type Cell = string | number | null | undefined;

export interface Table {
  /** A caption (Markdown), sheet name (XLSX) or heading (DOCX). */
  title?: string;
  columns: Column[];
  rows: Cell[][];
  /** Lines printed under the table, after "showing N of M" (terminal, Markdown, DOCX). */
  notes?: string[];
  /** Rows the listing held before it was capped; undefined when it was not capped or the total is unknown. */
  total?: number;
  /** True when the listing was capped and more rows exist, though how many is unknown. */
  more?: boolean;
}

/** Builds a column list from labels, each optionally `label:kind` (e.g. `citation:citation`). */
export function columns(...specs: (string | Column)[]): Column[] {
  return specs.map((s) => {
    if (typeof s !== 'string') return s;
    const i = s.lastIndexOf(':');
    return i > 0 ? { label: s.slice(0, i), kind: s.slice(i + 1) as ColumnKind } : { label: s, kind: 'text' };
  });
}

/** "showing N of M" when the listing was capped, else undefined. */
export function showing(t: Table): string | undefined {
  const n = t.rows.length;
  if (t.total !== undefined && t.total > n) return `showing ${n} of ${t.total}`;
  if (t.more) return `showing the first ${n}; more exist`;
  return undefined;
}

/** The columns (and their indexes) a writer shows: all of them in data files, the non-detail ones elsewhere. */
export function visible(t: Table, withDetail: boolean): { column: Column; index: number }[] {
  return t.columns.map((column, index) => ({ column, index })).filter((c) => withDetail || !c.column.detail);
}

/** A cell as one line of text (null and undefined empty). */
export function cellText(c: Cell): string {
  return c === null || c === undefined ? '' : String(c);
}
