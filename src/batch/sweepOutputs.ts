/**
 * The files of a sweep: sweep.csv, sweep.json and the plots (SVG), written from the points' results.
 * The unsharded sweep and `watchline merge` of its shards both end here with the same inputs, so they
 * write the same bytes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ThreatKind } from '../core/spec.ts';
import { THREAT_KINDS } from '../core/spec.ts';
import { renderSvg, type VegaLiteSpec } from './plot.ts';
import { recommendAll, sweepCsv, type PointResult, type Recommendation, type SweepAxis } from './sweep.ts';
import { rateVsSpacingSpec, towersVsRateSpec } from './sweepPlots.ts';
import type { ResponseInfo } from '../core/interdiction.ts';

/** What every shard of a sweep shares (checked by merge) and sweep.json starts with. */
export interface SweepHeader {
  watchline: string;
  scene: string;
  config: string;
  seed: number;
  repetitions: number;
  stepS: number;
  targetRate: number;
  frontierKm: number;
  response: ResponseInfo;
  axes: SweepAxis[];
  /** Points in the whole grid (a shard holds a slice of them). */
  pointsTotal: number;
}

export interface SweepDocument extends SweepHeader {
  shard?: string;
  pointIds?: [number, number];
  kinds: ThreatKind[];
  points: PointResult[];
  recommendation: Recommendation | null;
  plots: string[];
}

export const SWEEP_PLOTS = { rate: 'sweep-rate.svg', towers: 'sweep-towers.svg' } as const;

/** Threat kinds present in any point, in the canonical order. */
export function kindsOf(points: readonly PointResult[]): ThreatKind[] {
  const seen = new Set<string>();
  for (const p of points) for (const u of p.repetitions) for (const k of Object.keys(u.byThreat)) seen.add(k);
  return THREAT_KINDS.filter((k) => seen.has(k));
}

/**
 * Writes sweep.csv and sweep.json (and, for a whole sweep, the recommendation and the plots) into
 * `dir`. Returns the document written as sweep.json.
 */
export async function writeSweepOutputs(dir: string, header: SweepHeader, points: PointResult[], shard?: { label: string; ids: [number, number]; inputs?: unknown }): Promise<SweepDocument> {
  const kinds = kindsOf(points);
  const whole = !shard;
  const recommendation = whole ? recommendAll(points, header.targetRate, header.axes) : null;
  const doc: SweepDocument = {
    ...header,
    ...(shard ? { shard: shard.label, pointIds: shard.ids, ...(shard.inputs !== undefined && { inputs: shard.inputs }) } : {}),
    kinds,
    recommendation,
    plots: whole ? [SWEEP_PLOTS.rate, SWEEP_PLOTS.towers] : [],
    points,
  };
  writeFileSync(path.join(dir, 'sweep.csv'), sweepCsv(header.axes, kinds, points));
  writeFileSync(path.join(dir, 'sweep.json'), JSON.stringify(doc, null, 2) + '\n');
  if (whole) {
    const title = `${header.config} on ${header.scene}`;
    writeFileSync(path.join(dir, SWEEP_PLOTS.rate), await renderSvg(rateVsSpacingSpec(header, points, title) as unknown as VegaLiteSpec));
    writeFileSync(path.join(dir, SWEEP_PLOTS.towers), await renderSvg(towersVsRateSpec(header, points, title) as unknown as VegaLiteSpec));
  }
  return doc;
}

export function readSweepDocument(dir: string): SweepDocument {
  return JSON.parse(readFileSync(path.join(dir, 'sweep.json'), 'utf8')) as SweepDocument;
}
