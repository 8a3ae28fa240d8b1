import { escapeMarkdown } from '../render/escape.js';
import { cellText, showing, visible, type Cell, type Table } from './model.js';

// Cells are one line: a line break inside a cell would end the table row.
const mdCell = (c: Cell) => escapeMarkdown(cellText(c)).replace(/\s+/g, ' ').trim();

/**
 * A table as GFM Markdown: the title in bold above, cells escaped so their text cannot become
 * markup (a `|` stays inside its cell), number columns right-aligned, then the notes and
 * "showing N of M" as paragraphs.
 */
export function toMarkdown(t: Table): string {
  const shown = visible(t, false);
  const lines = [
    `| ${shown.map((s) => mdCell(s.column.label)).join(' | ')} |`,
    `|${shown.map((s) => (s.column.kind === 'number' ? ' ---: ' : ' --- ')).join('|')}|`,
    ...t.rows.map((r) => `| ${shown.map((s) => mdCell(r[s.index])).join(' | ')} |`),
  ];
  const after = [showing(t), ...(t.notes ?? [])].filter((s): s is string => !!s).map((s) => escapeMarkdown(s));
  return [t.title ? `**${escapeMarkdown(t.title)}**` : '', lines.join('\n'), ...after].filter(Boolean).join('\n\n');
}
