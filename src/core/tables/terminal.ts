import { stripControls } from '../render/escape.js';
import { cellText, showing, visible, type Cell, type Column, type Table } from './model.js';

const GAP = 2;
/**
 * The order in which columns give way, each step down to a floor: excerpts first, but not below
 * a readable 40 characters until text has been cut and citations wrapped to 36; then further.
 * Citations wrap onto more lines and are never cut; ids, keys and numbers never narrow.
 */
const SHRINK = [
  ['excerpt', 40],
  ['text', 12],
  ['citation', 36],
  ['excerpt', 24],
  ['citation', 20],
  ['excerpt', 12],
  ['text', 6],
] as const;

const oneLine = (c: Cell) => stripControls(cellText(c)).replace(/\s+/g, ' ');

/** Cut to `width` characters with an ellipsis, at the end, or at the start for right-aligned columns. */
function fit(s: string, width: number, column: Column): string {
  if (s.length <= width) return s;
  if (width <= 1) return '…'.slice(0, width);
  return column.alignRight ? `…${s.slice(s.length - width + 1)}` : `${s.slice(0, width - 1)}…`;
}

/** Word-wrapped to `width`, a word longer than that broken, "p. 12" kept on one line; nothing is lost. */
function wrap(s: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (let word of s.replace(/\b(pp?|para|paras)\. (?=\S)/g, '$1.\u00a0').split(' ')) {
    while (word.length > width) {
      if (line) lines.push(line);
      line = '';
      lines.push(word.slice(0, width));
      word = word.slice(width);
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines.map((l) => l.replace(/\u00a0/g, ' '));
}

/**
 * Column widths that fit `width`: excerpts are narrowed first, then text, then citations (which
 * wrap), the widest first; ids, keys and numbers keep their width, so a table of many of them
 * may still run past `width`.
 */
function widths(cols: Column[], natural: number[], width: number): number[] {
  const w = [...natural];
  const budget = width - GAP * (cols.length - 1);
  const kind = (i: number) => cols[i]!.kind ?? 'text';
  for (const [shrinking, min] of SHRINK) {
    let excess = w.reduce((a, b) => a + b, 0) - budget;
    while (excess > 0) {
      let widest = -1;
      for (let i = 0; i < cols.length; i++) if (kind(i) === shrinking && w[i]! > min && (widest < 0 || w[i]! > w[widest]!)) widest = i;
      if (widest < 0) break;
      // Down to the next widest column of the kind (or the minimum) in one step, not a character at a time.
      const others = w.filter((x, i) => i !== widest && kind(i) === shrinking && x < w[widest]!);
      const cut = Math.max(1, w[widest]! - Math.max(min, ...others, w[widest]! - excess));
      w[widest] = w[widest]! - cut;
      excess -= cut;
    }
  }
  return w;
}

/**
 * A table as aligned plain-text columns for a terminal `width` characters wide: the header
 * underlined, numbers right-aligned, no control characters; excerpts and text cut to one line
 * (excerpts first), citations wrapped but never cut, so the page number always shows; then
 * "showing N of M" and the notes.
 */
export function toTerminal(t: Table, width = 100): string {
  const shown = visible(t, false);
  const cols = shown.map((s) => s.column);
  const heads = cols.map((c) => oneLine(c.label));
  const cells = t.rows.map((r) => shown.map((s) => oneLine(r[s.index])));
  const natural = cols.map((_, i) => Math.max(heads[i]!.length, ...cells.map((r) => r[i]!.length)));
  const w = widths(cols, natural, width);
  const right = cols.map((c) => c.kind === 'number' || c.alignRight === true);
  const pad = (s: string, i: number, last: boolean) => (right[i] ? s.padStart(w[i]!) : last ? s : s.padEnd(w[i]!));
  const row = (r: string[]): string[] => {
    const parts = r.map((c, i) => (cols[i]!.kind === 'citation' ? wrap(c, w[i]!) : [fit(c, w[i]!, cols[i]!)]));
    const height = Math.max(...parts.map((p) => p.length));
    return Array.from({ length: height }, (_, k) =>
      parts
        .map((p, i) => pad(p[k] ?? '', i, i === parts.length - 1))
        .join(' '.repeat(GAP))
        .trimEnd(),
    );
  };
  const out = [...row(heads), row(w.map((n) => '-'.repeat(n)))[0]!, ...cells.flatMap(row)];
  const footer = [showing(t), ...(t.notes ?? []).map(oneLine)].filter((s): s is string => !!s);
  if (footer.length) out.push('', ...footer);
  return out.join('\n');
}
