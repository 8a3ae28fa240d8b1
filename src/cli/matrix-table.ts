import { Flags } from '@oclif/core';
import type { Matrix } from '../core/query/index.js';
import type { Cell, Table } from '../core/tables/index.js';

export const percentFlag = Flags.string({ description: 'Add percentages of the row, column or grand total to each cell.', options: ['row', 'col', 'total'] });

export interface MatrixJson extends Matrix {
  rowTotals: number[];
  columnTotals: number[];
  total: number;
}

/** Adds row and column totals (sums, so they add up to the grand total). */
export function withTotals(m: Matrix): MatrixJson {
  const rowTotals = m.cells.map((r) => r.reduce((a, b) => a + b, 0));
  const columnTotals = m.columns.map((_, j) => m.cells.reduce((a, r) => a + r[j]!, 0));
  return { ...m, rowTotals, columnTotals, total: rowTotals.reduce((a, b) => a + b, 0) };
}

/** The matrix as a table with a Total column and row; with percent, cells read "n (p%)". */
export function matrixTable(m: MatrixJson, title: string, percent?: string): Table {
  const cell = (n: number, i: number, j: number): Cell => {
    if (!percent) return n;
    const base = percent === 'row' ? m.rowTotals[i]! : percent === 'col' ? m.columnTotals[j]! : m.total;
    return `${n} (${base ? ((100 * n) / base).toFixed(1) : '0.0'}%)`;
  };
  return {
    title,
    columns: [{ label: 'code', kind: 'key' }, ...m.columns.map((label) => ({ label, kind: 'number' as const })), { label: 'Total', kind: 'number' }],
    rows: [
      ...m.rows.map((r, i) => [r, ...m.cells[i]!.map((n, j) => cell(n, i, j)), m.rowTotals[i]!]),
      ['Total', ...m.columnTotals, m.total],
    ],
  };
}
