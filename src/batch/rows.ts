/**
 * attempts.csv and events.jsonl: the file forms of attempt rows. The columns, their order and their
 * rounding are declared once in src/core/attemptRow.ts; this module only writes and reads cells.
 */
import type { AttemptRow } from '../core/attemptRow.ts';
import { ATTEMPT_COLUMNS, eventOf, newRow } from '../core/attemptRow.ts';
import type { ThreatKind } from '../core/spec.ts';

export const CSV_COLUMNS: readonly string[] = ATTEMPT_COLUMNS.map((c) => c.name);

export const CSV_HEADER = CSV_COLUMNS.join(',') + '\n';

const cell = (v: number | boolean | string | null) => (v === null ? '' : typeof v === 'boolean' ? (v ? '1' : '0') : String(v));

export function csvLine(row: AttemptRow): string {
  let line = '';
  for (let c = 0; c < ATTEMPT_COLUMNS.length; c++) line += (c > 0 ? ',' : '') + cell(row[ATTEMPT_COLUMNS[c].name]);
  return line + '\n';
}

/** Parses a line written by csvLine back into a row (threatIndex from the scene's kinds). */
export function parseCsvLine(line: string, kinds: readonly ThreatKind[], row: AttemptRow = newRow()): AttemptRow {
  const f = line.split(',');
  if (f.length !== ATTEMPT_COLUMNS.length) throw new Error(`expected ${ATTEMPT_COLUMNS.length} columns, got ${f.length}`);
  ATTEMPT_COLUMNS.forEach((col, i) => {
    const v = f[i];
    if (col.type === 'threat') {
      row.threatIndex = kinds.indexOf(v as ThreatKind);
      if (row.threatIndex < 0) throw new Error(`unknown threat "${v}"`);
      row[col.name] = v;
    } else if (col.type === 'code') {
      if (!col.codes!.includes(v)) throw new Error(`${col.name}: "${v}" is not one of ${col.codes!.map((c) => JSON.stringify(c)).join(', ')}`);
      row[col.name] = v;
    } else if (col.type === 'flag') row[col.name] = flagCell(v, col.name, false)!;
    else if (col.type === 'flag?') row[col.name] = flagCell(v, col.name, true);
    else if (col.type === 'number?') row[col.name] = v === '' ? null : numberCell(v, col.name);
    else row[col.name] = numberCell(v, col.name);
  });
  return row;
}

/** A number cell as csvLine writes it: a finite decimal, never empty, `NaN` or text. */
function numberCell(v: string, name: string): number {
  const n = Number(v);
  if (v === '' || v.trim() !== v || !Number.isFinite(n)) throw new Error(`column ${name} holds ${JSON.stringify(v)}, not a number`);
  return n;
}

/** A flag cell: 1 or 0 (or empty where the column allows none). */
function flagCell(v: string, name: string, nullable: boolean): boolean | null {
  if (v === '1') return true;
  if (v === '0') return false;
  if (nullable && v === '') return null;
  throw new Error(`column ${name} holds ${JSON.stringify(v)}, not ${nullable ? '1, 0 or empty' : '1 or 0'}`);
}

/** One events.jsonl line for a detected row. */
export function eventLine(r: AttemptRow): string {
  return JSON.stringify(eventOf(r)) + '\n';
}
