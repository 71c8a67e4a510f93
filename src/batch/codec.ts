/**
 * Attempt rows packed into one Float64Array for the trip from a worker thread (transferable, no
 * copying, no per-attempt objects on the wire): one slot per attempts.csv column (attemptRow.ts),
 * the threat as its index, flags as 0/1, empty cells as NaN.
 */
import type { AttemptRow } from '../core/attemptRow.ts';
import { ATTEMPT_COLUMNS, newRow } from '../core/attemptRow.ts';
import type { FigureTally } from '../core/figures.ts';
import type { ThreatKind } from '../core/spec.ts';

export const FIELDS = ATTEMPT_COLUMNS.length;

export function encodeRow(row: AttemptRow, buf: Float64Array, i: number): void {
  const b = i * FIELDS;
  for (let c = 0; c < FIELDS; c++) {
    const col = ATTEMPT_COLUMNS[c];
    const v = row[col.name];
    buf[b + c] = col.type === 'threat' ? row.threatIndex : v === null ? NaN : typeof v === 'boolean' ? (v ? 1 : 0) : (v as number);
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
    } else if (col.type === 'flag' || col.type === 'flag?') row[col.name] = Number.isNaN(v) ? null : v === 1;
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
