/**
 * Flat records of a run: one attempts.csv row per attempt and one events.jsonl line per detection
 * (CONTRACT.md). Numbers are rounded once, here, and the statistics are computed from the rounded
 * rows — so a summary recomputed from merged shard files is byte-identical to the unsharded one.
 */
import type { AttemptOutcome } from '../core/attempt.ts';
import { LOST_NAMES } from '../core/attempt.ts';
import type { ThreatKind } from '../core/spec.ts';

export interface AttemptRow {
  id: number;
  threat: ThreatKind;
  /** Index of the threat in the scene's list (what the statistics group by). */
  threatIndex: number;
  groupSize: number;
  crossingKm: number;
  startTimeS: number;
  detected: boolean;
  firstDetectTimeS: number | null;
  firstDetectCamera: number | null;
  firstDetectTower: number | null;
  firstDetectRangeM: number | null;
  firstDetectP: number | null;
  firstDetectX: number | null;
  firstDetectY: number | null;
  detectedBeforeBarrier: boolean;
  barrierTimeS: number;
  throughTimeS: number;
  /** Detected in time for the response to arrive (interdiction.ts); null when not computed. */
  interrupted: boolean | null;
  /** The attempt's day (its outage map). */
  day: number;
  /**
   * Which link lost it: unsensed, outage, unnoticed (missed), late (detected, not interrupted); ''
   * when interrupted (or detected, when interdiction is not computed).
   */
  lostAt: string;
  /** Analytics mode: the first alarm's local time, s; null otherwise. */
  alarmTimeS: number | null;
}

/** Rounds to a fixed number of decimals; the result prints identically after a parse round trip. */
export function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** The row of an outcome; `interrupted(row)` decides interdiction from the rounded fields when given. */
export function rowFromOutcome(o: AttemptOutcome, kinds: readonly ThreatKind[], interrupted?: (r: AttemptRow) => boolean): AttemptRow {
  const d = o.detected;
  const row: AttemptRow = {
    id: o.id,
    threat: kinds[o.threat],
    threatIndex: o.threat,
    groupSize: o.size,
    crossingKm: round(o.crossingM / 1000, 6),
    startTimeS: round(o.startTimeS, 3),
    detected: d,
    firstDetectTimeS: d ? round(o.detectTimeS, 3) : null,
    firstDetectCamera: d ? o.camera : null,
    firstDetectTower: d ? o.tower : null,
    firstDetectRangeM: d ? round(o.rangeM, 2) : null,
    firstDetectP: d ? round(o.p, 6) : null,
    firstDetectX: d ? round(o.x, 2) : null,
    firstDetectY: d ? round(o.y, 2) : null,
    detectedBeforeBarrier: o.beforeBarrier,
    barrierTimeS: round(o.tBarrierS, 3),
    throughTimeS: round(o.tThroughS, 3),
    interrupted: null,
    day: o.day,
    lostAt: d ? '' : LOST_NAMES[o.lost],
    alarmTimeS: Number.isNaN(o.alarmTimeS) ? null : round(o.alarmTimeS, 3),
  };
  if (interrupted) {
    row.interrupted = interrupted(row);
    if (d && !row.interrupted) row.lostAt = 'late';
  }
  return row;
}

export const CSV_COLUMNS = [
  'id',
  'threat',
  'crossingKm',
  'startTimeS',
  'detected',
  'firstDetectTimeS',
  'firstDetectCamera',
  'detectedBeforeBarrier',
  'firstDetectTower',
  'firstDetectRangeM',
  'firstDetectP',
  'firstDetectX',
  'firstDetectY',
  'groupSize',
  'barrierTimeS',
  'throughTimeS',
  'interrupted',
  'day',
  'lostAt',
  'alarmTimeS',
] as const;

export const CSV_HEADER = CSV_COLUMNS.join(',') + '\n';

const cell = (v: number | boolean | string | null) => (v === null ? '' : typeof v === 'boolean' ? (v ? '1' : '0') : String(v));

export function csvLine(r: AttemptRow): string {
  return CSV_COLUMNS.map((c) => cell(r[c])).join(',') + '\n';
}

/** Parses a line written by csvLine back into a row (threatIndex from the scene's kinds). */
export function parseCsvLine(line: string, kinds: readonly ThreatKind[]): AttemptRow {
  const f = line.split(',');
  if (f.length !== CSV_COLUMNS.length) throw new Error(`expected ${CSV_COLUMNS.length} columns, got ${f.length}`);
  const num = (i: number) => Number(f[i]);
  const opt = (i: number) => (f[i] === '' ? null : Number(f[i]));
  const threat = f[1] as ThreatKind;
  const threatIndex = kinds.indexOf(threat);
  if (threatIndex < 0) throw new Error(`unknown threat "${f[1]}"`);
  return {
    id: num(0),
    threat,
    threatIndex,
    crossingKm: num(2),
    startTimeS: num(3),
    detected: f[4] === '1',
    firstDetectTimeS: opt(5),
    firstDetectCamera: opt(6),
    detectedBeforeBarrier: f[7] === '1',
    firstDetectTower: opt(8),
    firstDetectRangeM: opt(9),
    firstDetectP: opt(10),
    firstDetectX: opt(11),
    firstDetectY: opt(12),
    groupSize: num(13),
    barrierTimeS: num(14),
    throughTimeS: num(15),
    interrupted: f[16] === '' ? null : f[16] === '1',
    day: num(17),
    lostAt: f[18],
    alarmTimeS: opt(19),
  };
}

/** The statistics' view of a row. */
export function statsInput(r: AttemptRow) {
  return {
    threat: r.threatIndex,
    crossingM: r.crossingKm * 1000,
    detected: r.detected,
    detectTimeS: r.firstDetectTimeS ?? NaN,
    beforeBarrier: r.detectedBeforeBarrier,
  };
}

/** One events.jsonl line for a detected row (CONTRACT.md fields, plus threat and the attempt's own clock). */
export function eventLine(r: AttemptRow): string {
  return (
    JSON.stringify({
      t: round(r.startTimeS + (r.firstDetectTimeS ?? 0), 3),
      attempt: r.id,
      camera: r.firstDetectCamera,
      tower: r.firstDetectTower,
      rangeM: r.firstDetectRangeM,
      p: r.firstDetectP,
      x: r.firstDetectX,
      y: r.firstDetectY,
      chainageKm: r.crossingKm,
      threat: r.threat,
      tAttemptS: r.firstDetectTimeS,
      beforeBarrier: r.detectedBeforeBarrier,
      interrupted: r.interrupted,
    }) + '\n'
  );
}
