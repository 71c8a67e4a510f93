/**
 * summary.json: the run's metadata, then its figures (src/core/figures/registry.ts) in registry order. Built
 * here for a run and for a merge of its shards alike, so both write the same keys in the same order.
 */
import type { RunFigures } from '../core/figures/registry.ts';

/** What a summary says about the run besides its figures. */
export interface RunMeta {
  watchline: string;
  scene: string;
  config: string;
  seed: number;
  stepS: number;
  /** `K/N` and the attempt ids of a shard. */
  shard?: string;
  attemptIds?: [number, number];
  /** A shard's fingerprint of its inputs (inputs.ts), which merge compares. */
  inputs?: unknown;
  frontierKm: number;
  /** Where a line read from a file came from (geoFiles.ts). */
  frontier?: unknown;
  towers: number;
  cameras: number;
}

export type RunSummary = RunMeta & RunFigures;

/** The summary document: metadata first (attempts after the seed), then every figure. */
export function runSummary(m: RunMeta, figures: RunFigures): RunSummary {
  const head = {
    watchline: m.watchline,
    scene: m.scene,
    config: m.config,
    seed: m.seed,
    attempts: figures.attempts,
    stepS: m.stepS,
    ...(m.shard !== undefined && { shard: m.shard, attemptIds: m.attemptIds, ...(m.inputs !== undefined && { inputs: m.inputs }) }),
    frontierKm: m.frontierKm,
    ...(m.frontier !== undefined && { frontier: m.frontier }),
    towers: m.towers,
    cameras: m.cameras,
  };
  // Object.assign keeps the metadata's key order in the file and adds the figures after it.
  return Object.assign(head, figures);
}
