/**
 * The record of one attempt, as attempts.csv holds it, and its detection event, as events.jsonl and
 * the viewer show it. Numbers are rounded once, here; every figure (figures/registry.ts) is tallied from these
 * rounded rows — in a worker thread, in a merge reading shard files back, and in the viewer — so the
 * CLI, a merge of shards and the browser agree to the last digit.
 *
 * Each column is declared once, in attempts.csv order: its name, its cell type and how it is taken
 * from the outcome. The attempt's own facts come first (BASE_COLUMNS); then the columns a figure
 * decides per attempt (e.g. `interrupted`), declared with that figure in figures/. The CSV writer
 * and parser (src/batch/rows.ts), the worker codec (src/batch/codec.ts) and the event serialiser
 * iterate ATTEMPT_COLUMNS.
 */
import type { AttemptOutcome } from './attempt.ts';
import { REPORTERS } from './figures/registry.ts';
import type { ResponseModel } from './interdiction.ts';
import { responseModel } from './interdiction.ts';
import { round } from './metrics.ts';
import type { ThreatKind } from './spec.ts';
import type { World } from './world.ts';

/** What a cell holds. */
export type CellValue = number | string | boolean | null;

/** The attempt's own facts. */
export interface BaseRow {
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
}

/** A row: the attempt's facts and the columns figures add (`interrupted`: null when not decided). */
export interface AttemptRow extends BaseRow {
  [column: string]: CellValue;
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

/**
 * How a cell is written and read: numbers, flags, the threat's name, one of a column's `codes` (a
 * word in the file, its index on the wire); `?` may be empty.
 */
export type CellType = 'number' | 'number?' | 'flag' | 'flag?' | 'threat' | 'code';

export interface Column {
  name: string;
  type: CellType;
  /** The words a `code` cell may hold ('' included when it may be empty), in the order of their indices. */
  codes?: readonly string[];
  /** The (rounded) value from the outcome; `row` holds the columns before this one. */
  of(o: AttemptOutcome, ctx: RowContext, row: AttemptRow): CellValue;
}

type BaseName = Exclude<keyof BaseRow, 'threatIndex'>;
const column = <K extends BaseName>(name: K, type: CellType, of: (o: AttemptOutcome, ctx: RowContext) => BaseRow[K]): Column => ({ name, type, of });
/** A first-detection field: rounded when detected, empty otherwise. */
const ifDetected = (o: AttemptOutcome, v: number) => (o.detected ? v : null);

/** The attempt's own columns, in file order. */
const BASE_COLUMNS: readonly Column[] = [
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
];

/** The columns figures decide per attempt, in registry order (after the attempt's own). */
const FIGURE_COLUMNS: readonly Column[] = REPORTERS.flatMap((r) => r.columns ?? []);

/** The columns of attempts.csv, in file order. */
export const ATTEMPT_COLUMNS: readonly Column[] = [...BASE_COLUMNS, ...FIGURE_COLUMNS];

/** An empty row to fill (rowOf reuses it when given). */
export function newRow(): AttemptRow {
  const row = { threatIndex: 0 } as AttemptRow;
  for (const c of ATTEMPT_COLUMNS) row[c.name] = null;
  return row;
}

/** The row of an outcome, written into `row` (a new one by default). */
export function rowOf(o: AttemptOutcome, ctx: RowContext, row: AttemptRow = newRow()): AttemptRow {
  for (const c of ATTEMPT_COLUMNS) row[c.name] = c.of(o, ctx, row);
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
  /** The columns figures decide per attempt (`interrupted`). */
  [column: string]: CellValue;
}

/**
 * The detection event of a detected row: the one serialiser of events (events.jsonl, the viewer).
 * A detected row has every first-detection field.
 */
export function eventOf(r: AttemptRow): DetectionEvent {
  const tAttemptS = r.firstDetectTimeS as number;
  const e: DetectionEvent = {
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
  };
  for (const c of FIGURE_COLUMNS) e[c.name] = r[c.name];
  return e;
}
