/**
 * Sweeps (`watchline sweep`), the pure part: the grid of a config's `sweep:` block
 * expanded into points (NetLogo BehaviorSpace style: every combination of the axes' values, the first
 * axis varying slowest), the seeds of the repetitions, per-point pooled statistics, the flat rows of
 * sweep.csv and the recommendation. No I/O; sweepRun.ts runs the points.
 *
 * Common random numbers (docs/model.md §5): every point runs the same attempt ids with the same seed, so
 * attempt i has the same threat, crossing, start time and detection threshold at every point and the
 * differences between points come from the deployment. Repetition r uses another seed, the same at
 * every point: r = 0 the config's run.seed (so a point is reproduced by `watchline run --set ...`),
 * r ≥ 1 a hash of (run.seed, r).
 */
import type { UnitFigures } from '../core/figures/registry.ts';
import { poolUnits, type PooledFigures } from '../core/figures/tally.ts';
import { sweepColumns } from '../core/figures/views.ts';
import { Stream, streamKey } from '../core/rng.ts';
import type { SweepAxisSpec, SweepMetric, ThreatKind } from '../core/spec.ts';
import { sweepAxisValues } from '../config/schema.ts';
import type { Shard } from './runJob.ts';

export interface SweepAxis {
  /** Dotted field path, as in --set (`towers.spacingM`, `scene.environment.visibility`). */
  key: string;
  values: unknown[];
}

export interface SweepPoint {
  /** 0-based index in the grid. */
  id: number;
  /** The value of each axis at this point, in axis order. */
  params: Record<string, unknown>;
}

/** The axes of a `sweep:` block, in the order written. */
export function sweepAxes(sweep: Readonly<Record<string, SweepAxisSpec>> | undefined): SweepAxis[] {
  return Object.entries(sweep ?? {}).map(([key, axis]) => ({ key, values: sweepAxisValues(axis as unknown[] | { first: number; step: number; last: number }) }));
}

/** Every combination of the axes' values; the first axis varies slowest. No axes → one point. */
export function expandGrid(axes: readonly SweepAxis[]): SweepPoint[] {
  let combos: Record<string, unknown>[] = [{}];
  for (const axis of axes) {
    const next: Record<string, unknown>[] = [];
    for (const c of combos) for (const v of axis.values) next.push({ ...c, [axis.key]: v });
    combos = next;
  }
  return combos.map((params, id) => ({ id, params }));
}

/** The seed of repetition r: run.seed for r = 0, a hash of (seed, r) after that; the same at every point. */
export function repetitionSeed(seed: number, r: number): number {
  return r === 0 ? seed : streamKey(seed, Stream.sweep, r);
}

/** The contiguous slice of point ids shard K of N runs: [⌊(K−1)·P/N⌋, ⌊K·P/N⌋). */
export function shardPoints(points: number, shard?: Shard): [number, number] {
  if (!shard) return [0, points];
  return [Math.floor(((shard.k - 1) * points) / shard.n), Math.floor((shard.k * points) / shard.n)];
}

/**
 * One repetition of one point: what points/pNNNN-rR.json holds and sweep.csv flattens — the
 * repetition's figures (src/core/figures/registry.ts) between its identity and its digest.
 */
export type UnitResult = { point: number; repetition: number; seed: number } & UnitFigures & {
  /** FNV-1a of every attempt's (id, threat, crossing, start time, group size): equal at every point of a repetition (common random numbers). */
  attemptsDigest: string;
};

/** A point with its deployment facts and its repetitions pooled. */
export interface PointResult {
  id: number;
  params: Record<string, unknown>;
  /** towers.spacingM at this point, or null for a listed layout (towers.at). */
  spacingM: number | null;
  towers: number;
  cameras: number;
  pooled: PooledFigures;
  repetitions: UnitResult[];
}

/** Pools a point's repetitions: counts add up (independent samples), rates and intervals from the sums. */
export function poolPoint(p: Omit<PointResult, 'pooled'>): PointResult {
  return { ...p, pooled: poolUnits(p.repetitions) };
}

export interface Recommendation {
  targetRate: number;
  /** Whether some point's pooled interval lower bound reaches the target. */
  met: boolean;
  /** The recommended point (met), or the point with the highest lower bound (not met). */
  point: number | null;
  params: Record<string, unknown> | null;
  spacingM: number | null;
  towers: number | null;
  cameras: number | null;
  detectionRate: number | null;
  detectionRateCI95: [number, number] | null;
  interruptionRate: number | null;
  /** The rate aimed for when not detection (sweepOptions.metric): assessed or interdiction, pooled. */
  metric?: SweepMetric;
  metricRate?: number | null;
  metricRateCI95?: [number, number] | null;
  text: string;
  /**
   * With a spacing axis and other axes: the same recommendation within each combination of the other
   * axes (e.g. one per visibility), so a planner sees what each condition needs.
   */
  bySeries?: (Omit<Recommendation, 'bySeries'> & { series: Record<string, unknown> })[];
}

const SPACING_KEY = 'towers.spacingM';

/** recommend(), plus one recommendation per combination of the axes other than spacing. */
export function recommendAll(points: readonly PointResult[], targetRate: number, axes: readonly SweepAxis[], metric: SweepMetric = 'detection'): Recommendation {
  const overall = recommend(points, targetRate, metric);
  const others = axes.filter((a) => a.key !== SPACING_KEY);
  if (others.length === 0 || others.length === axes.length) return overall;
  const groups = new Map<string, PointResult[]>();
  for (const p of points) {
    const key = JSON.stringify(others.map((a) => p.params[a.key]));
    const g = groups.get(key);
    if (g) g.push(p);
    else groups.set(key, [p]);
  }
  if (groups.size < 2) return overall;
  overall.bySeries = [...groups.values()].map((g) => ({ series: Object.fromEntries(others.map((a) => [a.key, g[0].params[a.key]])), ...recommend(g, targetRate, metric) }));
  return overall;
}

/**
 * The widest spacing whose pooled Wilson lower bound reaches the target (then the fewest towers, the
 * fewest cameras, the highest lower bound, the lowest id). Without a spacing (listed towers), the
 * fewest towers. When no point qualifies, the point that comes closest.
 */
export function recommend(points: readonly PointResult[], targetRate: number, metric: SweepMetric = 'detection'): Recommendation {
  const lo = (p: PointResult) => metricCI(p, metric)?.[0] ?? 0;
  const ok = points.filter((p) => lo(p) >= targetRate);
  // Then the fewest response teams and operators, where a sweep varies them (the cheapest combination).
  const people = (p: PointResult, key: string) => (typeof p.params[key] === 'number' ? (p.params[key] as number) : 0);
  const order = (a: PointResult, b: PointResult) =>
    (b.spacingM ?? -Infinity) - (a.spacingM ?? -Infinity) || a.towers - b.towers || a.cameras - b.cameras ||
    people(a, 'response.teams') - people(b, 'response.teams') || people(a, 'watch.operators') - people(b, 'watch.operators') || lo(b) - lo(a) || a.id - b.id;
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const describe = (p: PointResult) => Object.entries(p.params).map(([k, v]) => `${k}=${String(v)}`).join(', ') || 'the config as written';
  if (ok.length === 0) {
    const best = [...points].sort((a, b) => lo(b) - lo(a) || a.towers - b.towers || a.id - b.id)[0];
    return {
      targetRate,
      met: false,
      point: best?.id ?? null,
      params: best?.params ?? null,
      spacingM: best?.spacingM ?? null,
      towers: best?.towers ?? null,
      cameras: best?.cameras ?? null,
      detectionRate: best?.pooled.detectionRate ?? null,
      detectionRateCI95: best?.pooled.detectionRateCI95 ?? null,
      interruptionRate: best?.pooled.interruptionRate ?? null,
      ...(metric !== 'detection' && { metric, metricRate: best ? metricRate(best, metric) : null, metricRateCI95: best ? metricCI(best, metric) : null }),
      text: best
        ? `no point reaches ${pct(targetRate)}${metricLabel(metric)} with its 95 % lower bound; the closest is point ${best.id} (${describe(best)}): ${pct(metricRate(best, metric))}, lower bound ${pct(lo(best))}, ${best.towers} towers`
        : 'no points',
    };
  }
  const best = [...ok].sort(order)[0];
  return {
    targetRate,
    met: true,
    point: best.id,
    params: best.params,
    spacingM: best.spacingM,
    towers: best.towers,
    cameras: best.cameras,
    detectionRate: best.pooled.detectionRate,
    detectionRateCI95: best.pooled.detectionRateCI95,
    interruptionRate: best.pooled.interruptionRate,
    ...(metric !== 'detection' && { metric, metricRate: metricRate(best, metric), metricRateCI95: metricCI(best, metric) }),
    text: `${best.spacingM !== null ? `widest spacing ${best.spacingM} m` : 'fewest towers'} meeting ${pct(targetRate)}${metricLabel(metric)} at the 95 % lower bound: point ${best.id} (${describe(best)}), ${best.towers} towers, ${best.cameras} cameras, ${metric === 'detection' ? `detection ${pct(best.pooled.detectionRate)} (lower bound ${pct(lo(best))}), interruption ${pct(best.pooled.interruptionRate)}` : `${metric} ${pct(metricRate(best, metric))} (lower bound ${pct(lo(best))}), detection ${pct(best.pooled.detectionRate)}`}`,
  };
}

/** The pooled 95 % interval of a point's rate for the recommendation's metric (null when not decided). */
function metricCI(p: PointResult, metric: SweepMetric): [number, number] | null {
  const pooled = p.pooled as PooledFigures & { assessedRateCI95?: [number, number]; interdictionRateCI95?: [number, number] };
  return metric === 'interdiction' ? (pooled.interdictionRateCI95 ?? null) : metric === 'assessed' ? (pooled.assessedRateCI95 ?? null) : pooled.detectionRateCI95;
}

function metricRate(p: PointResult, metric: SweepMetric): number {
  const pooled = p.pooled as PooledFigures & { assessedRate?: number; interdictionRate?: number };
  return (metric === 'interdiction' ? pooled.interdictionRate : metric === 'assessed' ? pooled.assessedRate : pooled.detectionRate) ?? 0;
}

/** How the recommendation names its metric: detection, as it always did, says nothing more. */
const metricLabel = (metric: SweepMetric) => (metric === 'detection' ? '' : ` ${metric}`);

/** A CSV cell: numbers as JS prints them, strings quoted when they need it, null empty. */
function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rank of the point's deployment facts (towers, cameras) among the figures' sweep.csv columns. */
const FACTS_RANK = 40;

/** sweep.csv: one flat row per point and repetition; the figures' columns come from the registry. */
export function sweepCsv(axes: readonly SweepAxis[], kinds: readonly ThreatKind[], points: readonly PointResult[]): string {
  type Col = { rank: number; name: string; cell(u: UnitResult, p: PointResult): unknown };
  const facts: Col[] = [
    { rank: FACTS_RANK, name: 'towers', cell: (_u, p) => p.towers },
    { rank: FACTS_RANK, name: 'cameras', cell: (_u, p) => p.cameras },
  ];
  // A stable sort: columns of one rank keep their order.
  // A campaign's columns only when some repetition has them: other sweeps keep the file they always had.
  const units = points.flatMap((p) => p.repetitions);
  const used = sweepColumns(kinds).filter((c) => !c.optional || units.some((u) => c.cell(u) !== null && c.cell(u) !== undefined));
  const cols: Col[] = [...used, ...facts].sort((a, b) => a.rank - b.rank);
  const header = ['point', ...axes.map((a) => a.key), 'repetition', 'seed', ...cols.map((c) => c.name), 'attemptsDigest'];
  const lines = [header.join(',')];
  for (const p of points) {
    for (const u of p.repetitions) {
      lines.push([p.id, ...axes.map((a) => p.params[a.key]), u.repetition, u.seed, ...cols.map((c) => c.cell(u, p)), u.attemptsDigest].map(cell).join(','));
    }
  }
  return lines.join('\n') + '\n';
}

/** 32-bit FNV-1a over a string, continuing from `h`. */
export function fnv1a(text: string, h = 0x811c9dc5): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
