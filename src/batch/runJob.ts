/**
 * `watchline run` without the CLI: simulates attempts on the worker pool, streams attempts.csv (and
 * events.jsonl) into a staged folder, computes summary.json from the rows and publishes the folder.
 */
import { createWriteStream, writeFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { SimCounters } from '../core/attempt.ts';
import { newOutcome } from '../core/attempt.ts';
import { StatsAccumulator, type RunStats } from '../core/metrics.ts';
import { resolveBorder } from '../core/world.ts';
import { towerChainages } from '../core/towers.ts';
import type { ThreatKind } from '../core/spec.ts';
import type { Scenario } from '../config/load.ts';
import { DEFAULT_CONFIG_LABEL, DEFAULT_SCENE_LABEL } from '../config/defaults.ts';
import { WATCHLINE_VERSION } from '../cli/version.ts';
import { decodeOutcome } from './codec.ts';
import type { WorldJob } from './job.ts';
import type { FrontierInfo } from '../geo/resolve.ts';
import { worldInputsOf } from './job.ts';
import { chunkRanges, runPool } from './pool.ts';
import { CSV_HEADER, csvLine, eventLine, rowFromOutcome, statsInput, type AttemptRow } from './rows.ts';
import { stageOutDir } from './outputFolder.ts';
import { round } from './rows.ts';
import { interdictionStats, isInterrupted, responseModel, type InterdictionStats } from './interdiction.ts';
import { chainFacts, countLost, newLostCounts, type ChainFacts, type LostCounts } from './chainFacts.ts';

export interface Shard {
  /** 1-based index of this shard. */
  k: number;
  n: number;
}

export interface RunOptions {
  scenario: Scenario;
  job: WorldJob;
  attempts: number;
  seed: number;
  stepS: number;
  workers: number;
  shard?: Shard;
  outDir: string;
  force: boolean;
  events: boolean;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** summary.json: run metadata, the statistics and the interdiction figures (interdiction.ts). */
export interface RunSummary extends RunStats, Partial<InterdictionStats>, Partial<ChainFacts> {
  /** Which link lost the attempts that were not interrupted (chainFacts.ts). */
  lost?: LostCounts;
  watchline: string;
  scene: string;
  config: string;
  seed: number;
  stepS: number;
  frontierKm: number;
  towers: number;
  cameras: number;
  shard?: string;
  attemptIds?: [number, number];
  [k: string]: unknown;
}

export interface RunResult {
  summary: RunSummary;
  outDir: string;
  wallS: number;
  counters: SimCounters;
}

/** The contiguous, deterministic slice of attempt ids of shard k of n. */
export function shardRange(attempts: number, shard?: Shard): [number, number] {
  if (!shard) return [0, attempts];
  return [Math.floor(((shard.k - 1) * attempts) / shard.n), Math.floor((shard.k * attempts) / shard.n)];
}

/** Deployment facts for the summary, computed without building the world (no terrain needed). */
export function deploymentFacts(job: WorldJob): { frontierKm: number; towers: number; cameras: number; kinds: ThreatKind[] } {
  const border = resolveBorder(job.scene, worldInputsOf(job));
  const towers = towerChainages(job.config.towers, border.lengthM).length;
  return { frontierKm: round(border.lengthM / 1000, 6), towers, cameras: towers * job.config.cameras.length, kinds: job.scene.threats.map((t) => t.kind) };
}

/** The summary document: run metadata, then the statistics (CONTRACT.md field names). */
/** The summary's `frontier` block: the source of a file-based line, rounded like every other figure. */
export function frontierFacts(f: FrontierInfo): Record<string, unknown> {
  return { source: f.source, ...(f.between && { between: f.between }), geodesicKm: round(f.geodesicKm, 6), vertices: f.vertices, projection: f.projection };
}

export function buildSummary(
  opts: { scenario: Scenario; job: WorldJob; attempts: number; seed: number; stepS: number; shard?: Shard; ids?: [number, number] },
  stats: RunStats,
  interdiction?: InterdictionStats,
  lost?: LostCounts,
): RunSummary {
  const facts = deploymentFacts(opts.job);
  const head = {
    watchline: WATCHLINE_VERSION,
    scene: opts.scenario.sceneFile ?? DEFAULT_SCENE_LABEL,
    config: opts.scenario.configFile ?? DEFAULT_CONFIG_LABEL,
    seed: opts.seed,
    attempts: stats.attempts,
    stepS: opts.stepS,
    ...(opts.shard ? { shard: `${opts.shard.k}/${opts.shard.n}`, attemptIds: opts.ids } : {}),
    frontierKm: facts.frontierKm,
    // A line read from a file: where it came from, its length on the ellipsoid and the local frame.
    ...(opts.job.frontier && { frontier: frontierFacts(opts.job.frontier) }),
    towers: facts.towers,
    cameras: facts.cameras,
  };
  // Object.assign keeps the metadata's key order in the file and adds the statistics after it.
  const chain = lost ? { lost, ...chainFacts(opts.job.config, facts.cameras) } : {};
  return Object.assign(head, stats, interdiction, chain) as RunSummary;
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function close(stream: WriteStream): Promise<void> {
  await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

/** Rows per chunk sent to a worker: large enough to amortise messages, small enough for smooth progress. */
const CHUNK = 500;

export async function runJob(o: RunOptions): Promise<RunResult> {
  const t0 = performance.now();
  const facts = deploymentFacts(o.job);
  const [from, to] = shardRange(o.attempts, o.shard);
  const staged = stageOutDir(o.outDir, o.force);
  const streams: WriteStream[] = [];
  try {
    const csv = createWriteStream(path.join(staged.dir, 'attempts.csv'));
    streams.push(csv);
    const events = o.events ? createWriteStream(path.join(staged.dir, 'events.jsonl')) : null;
    if (events) streams.push(events);
    await write(csv, CSV_HEADER);
    const acc = new StatsAccumulator(facts.kinds, facts.frontierKm * 1000);
    const outcome = newOutcome();
    const response = responseModel(o.job);
    const interrupted = (row: AttemptRow) => isInterrupted(response, row);
    let interruptedCount = 0;
    const lost = newLostCounts();
    let done = 0;
    const counters = await runPool({
      job: o.job,
      seed: o.seed,
      stepS: o.stepS,
      ranges: chunkRanges(from, to, CHUNK),
      workers: o.workers,
      signal: o.signal,
      onResult: async (r) => {
        let csvText = '';
        let eventText = '';
        const n = r.to - r.from;
        for (let i = 0; i < n; i++) {
          const row: AttemptRow = rowFromOutcome(decodeOutcome(r.data, i, outcome), facts.kinds, interrupted);
          acc.add(statsInput(row));
          if (row.interrupted) interruptedCount++;
          countLost(lost, row.lostAt);
          csvText += csvLine(row);
          if (events && row.detected) eventText += eventLine(row);
        }
        await write(csv, csvText);
        if (events && eventText) await write(events, eventText);
        done += n;
        o.onProgress?.(done, to - from);
      },
    });
    for (const s of streams) await close(s);
    const stats = acc.result();
    const summary = buildSummary({ ...o, ids: [from, to] }, stats, interdictionStats(response, interruptedCount, stats.attempts), lost);
    writeFileSync(path.join(staged.dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
    o.signal?.throwIfAborted();
    staged.commit();
    return { summary, outDir: o.outDir, wallS: (performance.now() - t0) / 1000, counters };
  } catch (e) {
    for (const s of streams) s.destroy();
    staged.abort();
    throw e;
  }
}
