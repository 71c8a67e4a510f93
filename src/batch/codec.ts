/**
 * Attempt rows packed into one Float64Array for the trip from a worker thread (transferable, no
 * copying, no per-attempt objects on the wire): one slot per attempts.csv column (attemptRow.ts),
 * the threat as its index, a code as its index in the column's codes, flags as 0/1, empty cells as NaN.
 */
import type { AttemptRow, CellValue, Column } from '../core/attemptRow.ts';
import { ATTEMPT_COLUMNS, newRow } from '../core/attemptRow.ts';
import type { FigureTally } from '../core/figures/tally.ts';
import type { ThreatKind } from '../core/spec.ts';

export const FIELDS = ATTEMPT_COLUMNS.length;

/** Index of a code cell's word among its column's codes; a word outside them is a programming error. */
function codeIndex(col: Column, v: CellValue): number {
  const i = col.codes!.indexOf(v as string);
  if (i < 0) throw new Error(`column ${col.name}: "${String(v)}" is not one of ${col.codes!.map((c) => JSON.stringify(c)).join(', ')}`);
  return i;
}

export function encodeRow(row: AttemptRow, buf: Float64Array, i: number): void {
  const b = i * FIELDS;
  for (let c = 0; c < FIELDS; c++) {
    const col = ATTEMPT_COLUMNS[c];
    const v = row[col.name];
    buf[b + c] = col.type === 'threat' ? row.threatIndex : col.type === 'code' ? codeIndex(col, v) : v === null ? NaN : typeof v === 'boolean' ? (v ? 1 : 0) : (v as number);
  }
}

export function decodeRow(buf: Float64Array, i: number, kinds: readonly ThreatKind[], row: AttemptRow = newRow()): AttemptRow {
  const b = i * FIELDS;
  for (let c = 0; c < FIELDS; c++) {
    const col = ATTEMPT_COLUMNS[c];
    const v = buf[b + c];
    if (col.type === 'threat') {
      row.threatIndex = v;
      row[col.name] = kinds[v];
    } else if (col.type === 'code') row[col.name] = col.codes![v];
    else if (col.type === 'flag' || col.type === 'flag?') row[col.name] = Number.isNaN(v) ? null : v === 1;
    else row[col.name] = Number.isNaN(v) ? null : v;
  }
  return row;
}

/**
 * The one loop from a chunk of packed rows to the figures: decodes each row, tallies it and hands it
 * to `each` (CSV and event lines, digests). The row object is reused: copy what you keep.
 */
export function tallyRows(data: Float64Array, kinds: readonly ThreatKind[], tally: FigureTally, each?: (row: AttemptRow) => void): void {
  const row = newRow();
  const n = data.length / FIELDS;
  for (let i = 0; i < n; i++) {
    decodeRow(data, i, kinds, row);
    tally.add(row);
    each?.(row);
  }
}
