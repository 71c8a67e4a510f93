/**
 * What a figure of the registry (registry.ts) declares — how it is tallied from one attempt's rounded
 * row, how two partial tallies add, and how it is presented in summary.json, a sweep's rows and the
 * viewer's HUD — and what every tally reads besides the rows (the figure context).
 */
import type { AttemptRow, Column } from '../attemptRow.ts';
import type { ChainFacts } from '../chainFacts.ts';
import type { ResponseInfo } from '../interdiction.ts';
import type { CampaignFrame } from '../campaign/frame.ts';
import type { CampaignResult } from '../campaign/pass.ts';
import { round } from '../metrics.ts';
import type { ThreatKind } from '../spec.ts';

/** Default width of the per-segment statistics, km. */
export const SEGMENT_KM = 10;

/** A border's length as summaries state it, km to 6 decimals; segments tile this length. */
export function frontierKmOf(lengthM: number): number {
  return round(lengthM / 1000, 6);
}

/** What tallies need besides the rows. */
export interface FigureContext {
  /** Threat kinds in the order of the rows' threatIndex. */
  kinds: readonly ThreatKind[];
  /** Border length, metres: segments of segmentKm tile it, the last one shorter. */
  lengthM: number;
  segmentKm: number;
  /** The response interdiction assumed (null: rows carry no interruption, e.g. old shards). */
  response: ResponseInfo | null;
  /** The detection chain's settings and their sources (chainFacts.ts); null: not stated (sweep pooling). */
  chain: ChainFacts | null;
  /** A campaign's frame and pass; null: a run of independent attempts (the summary says so); absent: not stated. */
  campaign?: CampaignContext | null;
}

/** What a campaign's figures read: its frame and the event pass's result (core/campaign/). */
export interface CampaignContext {
  frame: CampaignFrame;
  /** Null in a shard: the pass runs when `merge` has every shard's rows. */
  result: CampaignResult | null;
}

/** A repetition's fields as read back from a file. */
export type UnitRecord = Record<string, unknown>;

/** How the HUD writes numbers (the viewer supplies them: src/viewer/hud/format.ts). */
export interface HudFormat {
  percent(x: number): string;
  interval(ci: readonly [number, number]): string;
  minSec(s: number | null): string;
}

/** One line of the HUD's figure list. */
export interface HudLine<S> {
  /** data-testid `hud-<id>` of the value (scripts and browser tests read it). */
  id: string;
  label: string;
  /** A long text, set smaller. */
  small?: boolean;
  /** Consecutive lines of one group are set together, compactly, under this heading (e.g. the lost links). */
  group?: string;
  /** A note: set in small muted type across the panel, after its label (e.g. the assumed defaults). */
  note?: boolean;
  /** The exact number behind the text (data-value); null when there is none yet. */
  value(s: S, attempts: number): number | null;
  text(s: S, attempts: number, f: HudFormat): string;
}

/** A sweep's view of a figure: per repetition (sweep.json, points/*.json) and as sweep.csv cells. */
export interface SweepView<T, U> {
  unit(t: T): U;
  /**
   * The tally back from a repetition's fields, for figures that are counts: pooling the repetitions
   * of a point is adding these tallies. Figures without it are not pooled.
   */
  fromUnit?(u: UnitRecord, ctx: FigureContext): T;
  /** sweep.csv columns of this figure: names and cells of a repetition. */
  columns(kinds: readonly ThreatKind[]): { name: string; cell(u: U): unknown }[];
  /**
   * Where the figure's fields sit in sweep.csv and in a point's `pooled` block (ascending; point
   * facts — towers, cameras — sit at 40 in sweep.csv). Kept as the files have always had them.
   */
  csvRank: number;
  pooledRank?: number;
  /** Columns that appear in sweep.csv only when some repetition has them (a campaign's figures). */
  optional?: boolean;
}

export interface Reporter<T, S extends object, U extends object = object> {
  /** The figure's name. */
  key: string;
  /**
   * Columns this figure decides per attempt, appended to attempts.csv (and to detection events)
   * after the attempt's own columns (attemptRow.ts).
   */
  columns?: readonly Column[];
  create(ctx: FigureContext): T;
  /** Tallies one attempt. */
  add(t: T, row: AttemptRow): void;
  /** Adds the tally `from` into `into` (shards of one run, repetitions of one point). */
  merge(into: T, from: T): void;
  /** Fields of summary.json (and of the viewer's statistics), in file order. */
  summary(t: T, ctx: FigureContext): S;
  sweep?: SweepView<T, U>;
  hud?: HudLine<S>[];
}
