/**
 * The record of one attempt, as attempts.csv holds it, and its detection event, as events.jsonl and
 * the viewer show it. Numbers are rounded once, here; every figure (figures.ts) is tallied from these
 * rounded rows — in a worker thread, in a merge reading shard files back, and in the viewer — so the
 * CLI, a merge of shards and the browser agree to the last digit.
 *
 * Each column is declared once, in attempts.csv order: its name, its cell type and how it is taken
 * from the outcome. The CSV writer and parser (src/batch/rows.ts) and the worker codec
 * (src/batch/codec.ts) iterate the same list.
 */
import type { AttemptOutcome } from './attempt.ts';
import type { ResponseModel } from './interdiction.ts';
import { isInterrupted, responseModel } from './interdiction.ts';
import type { ThreatKind } from './spec.ts';
import type { World } from './world.ts';

export interface AttemptRow {
  id: number;
  threat: ThreatKind;
  /** Index of the threat in the scene's list (what the statistics group by); not a column. */
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
}

/** Rounds to a fixed number of decimals; the result prints identically after a parse round trip. */
export function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** What a row needs beyond the outcome: the scene's threat kinds and the response (null: not decided). */
export interface RowContext {
  kinds: readonly ThreatKind[];
  response: ResponseModel | null;
}

/** The row context of a world: its threat kinds and its response from its own towers. */
export function rowContext(world: World): RowContext {
  return { kinds: world.threats.map((t) => t.kind), response: responseModel(world) };
}

/** How a cell is written and read: whole or decimal numbers, flags, the threat's name; `?` may be empty. */
export type CellType = 'number' | 'number?' | 'flag' | 'flag?' | 'threat';

type ColumnName = Exclude<keyof AttemptRow, 'threatIndex'>;

export interface Column<K extends ColumnName = ColumnName> {
  name: K;
  type: CellType;
  /** The (rounded) value from the outcome; `row` holds the columns before this one. */
  of(o: AttemptOutcome, ctx: RowContext, row: AttemptRow): AttemptRow[K];
}

const column = <K extends ColumnName>(name: K, type: CellType, of: Column<K>['of']): Column<K> => ({ name, type, of });
/** A first-detection field: rounded when detected, empty otherwise. */
const ifDetected = (o: AttemptOutcome, v: number) => (o.detected ? v : null);

/** The columns of attempts.csv, in file order. */
export const ATTEMPT_COLUMNS: readonly Column[] = [
  column('id', 'number', (o) => o.id),
  column('threat', 'threat', (o, c) => c.kinds[o.threat]),
  column('crossingKm', 'number', (o) => round(o.crossingM / 1000, 6)),
  column('startTimeS', 'number', (o) => round(o.startTimeS, 3)),
  column('detected', 'flag', (o) => o.detected),
  column('firstDetectTimeS', 'number?', (o) => ifDetected(o, round(o.detectTimeS, 3))),
  column('firstDetectCamera', 'number?', (o) => ifDetected(o, o.camera)),
  column('detectedBeforeBarrier', 'flag', (o) => o.beforeBarrier),
  column('firstDetectTower', 'number?', (o) => ifDetected(o, o.tower)),
  column('firstDetectRangeM', 'number?', (o) => ifDetected(o, round(o.rangeM, 2))),
  column('firstDetectP', 'number?', (o) => ifDetected(o, round(o.p, 6))),
  column('firstDetectX', 'number?', (o) => ifDetected(o, round(o.x, 2))),
  column('firstDetectY', 'number?', (o) => ifDetected(o, round(o.y, 2))),
  column('groupSize', 'number', (o) => o.size),
  column('barrierTimeS', 'number', (o) => round(o.tBarrierS, 3)),
  column('throughTimeS', 'number', (o) => round(o.tThroughS, 3)),
  // From the rounded fields above, so that reading the row back decides it the same way.
  column('interrupted', 'flag?', (_o, c, row) => (c.response ? isInterrupted(c.response, row) : null)),
];

/** An empty row to fill (rowOf reuses it when given). */
export function newRow(): AttemptRow {
  const row = { threatIndex: 0 } as AttemptRow;
  for (const c of ATTEMPT_COLUMNS) (row as unknown as Record<string, unknown>)[c.name] = null;
  return row;
}

/** The row of an outcome, written into `row` (a new one by default). */
export function rowOf(o: AttemptOutcome, ctx: RowContext, row: AttemptRow = newRow()): AttemptRow {
  const r = row as unknown as Record<string, unknown>;
  for (const c of ATTEMPT_COLUMNS) r[c.name] = c.of(o, ctx, row);
  row.threatIndex = o.threat;
  return row;
}

/** A detection as events.jsonl and the viewer see it: the outcome's detection fields, rounded. */
export interface DetectionEvent extends Pick<AttemptOutcome, 'camera' | 'tower' | 'rangeM' | 'p' | 'x' | 'y'> {
  /** Absolute simulated time, seconds after midnight of the first day. */
  t: number;
  attempt: number;
  chainageKm: number;
  threat: string;
  /** Seconds from the attempt's start. */
  tAttemptS: number;
  beforeBarrier: boolean;
  interrupted: boolean | null;
}

/**
 * The detection event of a detected row: the one serialiser of events (events.jsonl, the viewer).
 * A detected row has every first-detection field.
 */
export function eventOf(r: AttemptRow): DetectionEvent {
  const tAttemptS = r.firstDetectTimeS as number;
  return {
    t: round(r.startTimeS + tAttemptS, 3),
    attempt: r.id,
    camera: r.firstDetectCamera as number,
    tower: r.firstDetectTower as number,
    rangeM: r.firstDetectRangeM as number,
    p: r.firstDetectP as number,
    x: r.firstDetectX as number,
    y: r.firstDetectY as number,
    chainageKm: r.crossingKm,
    threat: r.threat,
    tAttemptS,
    beforeBarrier: r.detectedBeforeBarrier,
    interrupted: r.interrupted,
  };
}
