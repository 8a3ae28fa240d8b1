import { stripControls } from '../render/escape.js';
import { cellText, showing, visible, type Cell, type Column, type Table } from './model.js';

const GAP = 2;
/** Narrowest an excerpt or a text column is shortened to before the next kind gives way. */
const MIN = { excerpt: 16, text: 8 } as const;

const oneLine = (c: Cell) => stripControls(cellText(c)).replace(/\s+/g, ' ').trim();

/** Cut to `width` characters with an ellipsis, at the end, or at the start for right-aligned columns. */
function fit(s: string, width: number, column: Column): string {
  if (s.length <= width) return s;
  if (width <= 1) return '…'.slice(0, width);
  return column.alignRight ? `…${s.slice(s.length - width + 1)}` : `${s.slice(0, width - 1)}…`;
}

/**
 * Column widths that fit `width`: excerpts are shortened first (down to 16 characters), then
 * text columns (down to 8), the widest first; ids, numbers and citations are never shortened, so
 * a line may still run past `width` rather than lose a page number.
 */
function widths(cols: Column[], natural: number[], width: number): number[] {
  const w = [...natural];
  const budget = width - GAP * (cols.length - 1);
  for (const kind of ['excerpt', 'text'] as const) {
    let excess = w.reduce((a, b) => a + b, 0) - budget;
    while (excess > 0) {
      let widest = -1;
      for (let i = 0; i < cols.length; i++) {
        if ((cols[i]!.kind ?? 'text') === kind && w[i]! > MIN[kind] && (widest < 0 || w[i]! > w[widest]!)) widest = i;
      }
      if (widest < 0) break;
      // Down to the next widest shrinkable column (or the minimum) in one step, not one character at a time.
      const others = w.filter((x, i) => i !== widest && (cols[i]!.kind ?? 'text') === kind && x < w[widest]!);
      const floor = Math.max(MIN[kind], ...others, w[widest]! - excess);
      const cut = Math.max(1, w[widest]! - floor);
      w[widest] = w[widest]! - cut;
      excess -= cut;
    }
  }
  return w;
}

/**
 * A table as aligned plain-text columns for a terminal `width` characters wide: the header
 * underlined, numbers right-aligned, cells on one line without control characters, excerpts
 * shortened before anything else and citations never; then the notes and "showing N of M".
 */
export function toTerminal(t: Table, width = 100): string {
  const shown = visible(t, false);
  const cols = shown.map((s) => s.column);
  const heads = cols.map((c) => oneLine(c.label));
  const cells = t.rows.map((r) => shown.map((s) => oneLine(r[s.index])));
  const natural = cols.map((_, i) => Math.max(heads[i]!.length, ...cells.map((r) => r[i]!.length)));
  const w = widths(cols, natural, width);
  const right = cols.map((c) => c.kind === 'number' || c.alignRight === true);
  const line = (r: string[]) =>
    r
      .map((c, i) => {
        const s = fit(c, w[i]!, cols[i]!);
        if (right[i]) return s.padStart(w[i]!);
        return i === r.length - 1 ? s : s.padEnd(w[i]!);
      })
      .join(' '.repeat(GAP))
      .trimEnd();
  const out = [line(heads), line(w.map((n) => '-'.repeat(n))), ...cells.map(line)];
  const footer = [showing(t), ...(t.notes ?? []).map(oneLine)].filter((s): s is string => !!s);
  if (footer.length) out.push('', ...footer);
  return out.join('\n');
}
