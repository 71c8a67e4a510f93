/**
 * `watchline run` without the CLI: simulates attempts on the worker pool, streams attempts.csv (and
 * events.jsonl) into a staged folder, computes summary.json from the rows and publishes the folder.
 */
import { createWriteStream, writeFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { SimCounters } from '../core/attempt.ts';
import { round } from '../core/metrics.ts';
import { SEGMENT_KM, frontierKmOf, type FigureContext } from '../core/figures/reporter.ts';
import { FigureTally } from '../core/figures/tally.ts';
import { chainFacts } from '../core/chainFacts.ts';
import { responseInfo } from '../core/interdiction.ts';
import { resolveBorder } from '../core/world.ts';
import { towerChainages } from '../core/towers.ts';
import type { ThreatKind } from '../core/spec.ts';
import type { Scenario } from '../config/load.ts';
import { DEFAULT_CONFIG_LABEL, DEFAULT_SCENE_LABEL } from '../config/defaults.ts';
import { WATCHLINE_VERSION } from '../io/version.ts';
import { FIELDS, decodeRow, tallyRows } from './codec.ts';
import { newRow, type AttemptRow } from '../core/attemptRow.ts';
import { campaignFrame } from '../core/campaign/frame.ts';
import { CAMPAIGN_CSV_HEADER, campaignCsvLine, campaignEventLine, decideCampaign, writeCampaignFrame, writeCampaignOutputs } from './campaign.ts';
import type { WorldJob } from '../world/job.ts';
import type { FrontierInfo } from '../geo/resolve.ts';
import { worldInputsOf } from '../world/job.ts';
import { chunkRanges, runPool } from './pool.ts';
import { CSV_HEADER, csvLine, eventLine } from './rows.ts';
import { stageOutDir } from './outputFolder.ts';
import type { InputFingerprint } from './inputs.ts';
import { runSummary, type RunMeta, type RunSummary } from './summary.ts';

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
  /** The fingerprint of the inputs (inputs.ts), written into a shard's summary for merge to check. */
  inputs?: InputFingerprint;
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
  return { frontierKm: frontierKmOf(border.lengthM), towers, cameras: towers * job.config.cameras.length, kinds: job.scene.threats.map((t) => t.kind) };
}

/** The summary's `frontier` block: the source of a file-based line, rounded like every other figure. */
export function frontierFacts(f: FrontierInfo): Record<string, unknown> {
  return { source: f.source, ...(f.between && { between: f.between }), geodesicKm: round(f.geodesicKm, 6), vertices: f.vertices, projection: f.projection };
}

/** The figures' context of a job: its threat kinds, border length, response and detection chain. */
export function figureContext(job: WorldJob, facts = deploymentFacts(job)): FigureContext {
  return { kinds: facts.kinds, lengthM: facts.frontierKm * 1000, segmentKm: SEGMENT_KM, response: responseInfo(job.config), chain: chainFacts(job.config, facts.cameras) };
}

/** The summary's metadata of a run (or of shard `shard`, holding attempt ids `ids`). */
export function runMeta(o: { scenario: Scenario; job: WorldJob; seed: number; stepS: number; shard?: Shard; ids?: [number, number]; inputs?: InputFingerprint }): RunMeta {
  const facts = deploymentFacts(o.job);
  return {
    watchline: WATCHLINE_VERSION,
    scene: o.scenario.sceneFile ?? DEFAULT_SCENE_LABEL,
    config: o.scenario.configFile ?? DEFAULT_CONFIG_LABEL,
    seed: o.seed,
    stepS: o.stepS,
    ...(o.shard && { shard: `${o.shard.k}/${o.shard.n}`, attemptIds: o.ids, ...(o.inputs && { inputs: o.inputs }) }),
    frontierKm: facts.frontierKm,
    // A line read from a file: where it came from, its length on the ellipsoid and the local frame.
    ...(o.job.frontier && { frontier: frontierFacts(o.job.frontier) }),
    towers: facts.towers,
    cameras: facts.cameras,
  };
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
  // A campaign decides its own number of attempts (Poisson over its days); run.attempts is ignored.
  const frame = campaignFrame(o.job.scene, o.job.config, resolveBorder(o.job.scene, worldInputsOf(o.job)), o.seed);
  const [from, to] = shardRange(frame ? frame.attempts : o.attempts, o.shard);
  const staged = stageOutDir(o.outDir, o.force);
  const streams: WriteStream[] = [];
  try {
    const csv = createWriteStream(path.join(staged.dir, 'attempts.csv'));
    streams.push(csv);
    const events = o.events ? createWriteStream(path.join(staged.dir, 'events.jsonl')) : null;
    if (events) streams.push(events);
    // A decided campaign has its own columns, known when the pass is done.
    if (!frame || o.shard) await write(csv, CSV_HEADER);
    const ctx = { ...figureContext(o.job, facts), campaign: null };
    const tally = new FigureTally(ctx);
    // A campaign holds its rows until every sensor pass is in: the event pass decides them together.
    const held: AttemptRow[] | null = frame ? [] : null;
    let done = 0;
    const ranges = chunkRanges(from, to, CHUNK);
    const counters = await runPool({
      jobs: new Map([[0, o.job]]),
      tasks: ranges.map(([a, b]) => ({ jobId: 0, seed: o.seed, stepS: o.stepS, from: a, to: b })),
      workers: o.workers,
      signal: o.signal,
      onResult: async (task, data) => {
        if (held) {
          for (let i = 0; i < data.length / FIELDS; i++) held.push(decodeRow(data, i, facts.kinds, newRow()));
          done += ranges[task][1] - ranges[task][0];
          o.onProgress?.(done, to - from);
          return;
        }
        let csvText = '';
        let eventText = '';
        tallyRows(data, facts.kinds, tally, (row) => {
          csvText += csvLine(row);
          if (events && row.detected) eventText += eventLine(row);
        });
        await write(csv, csvText);
        if (events && eventText) await write(events, eventText);
        done += ranges[task][1] - ranges[task][0];
        o.onProgress?.(done, to - from);
      },
    });
    let figures = tally;
    if (frame && held) {
      held.sort((a, b) => a.id - b.id);
      const result = o.shard ? null : decideCampaign(held, frame, o.events);
      figures = new FigureTally({ ...ctx, campaign: { frame, result } });
      let csvText = result ? CAMPAIGN_CSV_HEADER : '';
      let eventText = '';
      for (const row of held) {
        figures.add(row);
        csvText += result ? campaignCsvLine(row) : csvLine(row);
        if (events && row.detected) eventText += result ? campaignEventLine(row) : eventLine(row);
      }
      await write(csv, csvText);
      if (events && eventText) await write(events, eventText);
      if (result) writeCampaignOutputs(staged.dir, frame, result);
      else writeCampaignFrame(staged.dir, frame);
    }
    for (const s of streams) await close(s);
    // A campaign's shards hold slices of the campaign's own attempts (merge checks the ids against these).
    const inputs = frame && o.inputs ? { ...o.inputs, attempts: frame.attempts } : o.inputs;
    const summary = runSummary(runMeta({ ...o, inputs, ids: [from, to] }), figures.summary());
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
