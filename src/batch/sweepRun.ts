/**
 * `watchline sweep` without the CLI: runs every point (and repetition) of a config's grid on the
 * worker pool with common random numbers, and writes sweep.csv, sweep.json and the plots.
 *
 * Resumable. Work happens in a hidden folder next to the output, `.NAME.sweep-partial/`, holding a
 * manifest (a fingerprint of everything that decides the results) and one small JSON per finished
 * point and repetition under points/, each written atomically (temporary file, then rename). An
 * interrupted sweep leaves that folder; the same command with the same --out finds it, checks the
 * fingerprint and runs only what is missing. The final files are written into the folder, which is
 * then renamed to NAME: the output appears complete or not at all.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FigureTally } from '../core/figures/tally.ts';
import { responseInfo } from '../core/interdiction.ts';
import { groundReach, resolveBorder } from '../core/world.ts';
import type { Scenario } from '../config/load.ts';
import { withOverrides } from '../config/scenario.ts';
import { makeOverride } from '../config/overrides.ts';
import { InputError } from '../config/errors.ts';
import { DEFAULT_CONFIG_LABEL, DEFAULT_SCENE_LABEL } from '../config/defaults.ts';
import { WATCHLINE_VERSION } from '../io/version.ts';
import { writeFileAtomicSync } from '../io/atomicFile.ts';
import { INPUT_CAPS, decodeUtf8, readInputFileSync } from '../io/inputFile.ts';
import { FIELDS, decodeRow, tallyRows } from './codec.ts';
import { newRow, type AttemptRow } from '../core/attemptRow.ts';
import { campaignFrame } from '../core/campaign/frame.ts';
import { worldInputsOf } from '../world/job.ts';
import { decideCampaign } from './campaign.ts';
import type { WorldJob } from '../world/job.ts';
import { checkOutDir, processAlive, publishFolder } from './outputFolder.ts';
import { chunkRanges, runPool, type PoolTask } from './pool.ts';
import { deploymentFacts, figureContext, type Shard } from './runJob.ts';
import { expandGrid, fnv1a, poolPoint, repetitionSeed, shardPoints, sweepAxes, type PointResult, type SweepAxis, type SweepPoint, type UnitResult } from './sweep.ts';
import { writeSweepOutputs, type SweepDocument, type SweepHeader } from './sweepOutputs.ts';
import type { SceneFiles, WorldSource } from '../world/build.ts';
import { inputFingerprint, recordingSource } from './inputs.ts';
import { resolveSceneFiles, worldJobFor } from '../world/build.ts';
import { nodeWorldSource } from './geoFiles.ts';

/** The recommendation's target when the config names none (sweepOptions.targetRate). */
export const DEFAULT_TARGET_RATE = 0.95;
/** Attempts per task sent to a worker. */
const CHUNK = 500;

export interface SweepOptions {
  scenario: Scenario;
  outDir: string;
  force: boolean;
  workers: number;
  shard?: Shard;
  onProgress?: (doneAttempts: number, totalAttempts: number) => void;
  /** Called after each point-repetition is recorded (tests use it to interrupt a sweep). */
  onUnit?: (u: UnitResult) => void;
  signal?: AbortSignal;
  /** The `--set`s as typed (with --attempts as run.attempts=N), for a shard's fingerprint. */
  sets?: readonly string[];
}

export interface SweepRunResult {
  doc: SweepDocument;
  outDir: string;
  /** Point-repetitions run now, and found finished from an earlier call. */
  computed: number;
  resumed: number;
  wallS: number;
}

interface PreparedPoint {
  point: SweepPoint;
  scenario: Scenario;
  job: WorldJob;
  facts: ReturnType<typeof deploymentFacts>;
  spacingM: number | null;
}

/** The hidden folder a sweep into `outDir` works in (stable, so a rerun finds it). */
export function partialDirOf(outDir: string): string {
  const abs = path.resolve(outDir);
  return path.join(path.dirname(abs), `.${path.basename(abs)}.sweep-partial`);
}

const unitFile = (point: number, rep: number) => `p${String(point).padStart(5, '0')}-r${rep}.json`;

function noSweep(s: Scenario): InputError {
  return InputError.of({
    file: s.configFile ?? DEFAULT_CONFIG_LABEL,
    path: 'sweep',
    message: 'the config has no sweep: block, so there is nothing to sweep',
    allowed: 'a sweep: block, e.g. sweep: { towers.spacingM: [1000, 2000, 4000] }',
  });
}

/** Builds the world job of every point, sharing the ground between points whose ground is the same. */
async function preparePoints(scenario: Scenario, axes: readonly SweepAxis[], points: readonly SweepPoint[], source: WorldSource = nodeWorldSource): Promise<PreparedPoint[]> {
  const grounds = new Map<string, SceneFiles>();
  const out: PreparedPoint[] = [];
  for (const point of points) {
    const s = axes.length ? withOverrides(scenario, axes.map((a) => makeOverride(a.key, point.params[a.key]))) : scenario;
    // The ground depends on the line, the terrain and how far the strip reaches, not on the cameras.
    const key = JSON.stringify([s.sceneFile, s.scene.border, s.scene.terrain, groundReach(s.scene, s.config)]);
    let base = grounds.get(key);
    if (!base) {
      base = await resolveSceneFiles(s, source);
      grounds.set(key, base);
    }
    const job = worldJobFor(s.scene, s.config, base);
    const towers = s.config.towers;
    out.push({ point, scenario: s, job, facts: deploymentFacts(job), spacingM: 'spacingM' in towers ? towers.spacingM : null });
  }
  return out;
}

/** Everything that decides a sweep's results: a resumed sweep must match it exactly. */
function fingerprint(scenario: Scenario, axes: readonly SweepAxis[], repetitions: number, shard: Shard | undefined, dataFiles: Record<string, string>): string {
  const text = JSON.stringify({
    // The contents of every data file the points read: an edited line or DEM is another sweep.
    dataFiles,
    watchline: WATCHLINE_VERSION,
    scene: scenario.sceneFile,
    config: scenario.configFile,
    sceneInput: scenario.sceneInput,
    configInput: scenario.configInput,
    axes,
    repetitions,
    shard: shard ? `${shard.k}/${shard.n}` : null,
  });
  return createHash('sha256').update(text).digest('hex');
}

/** A resume record's text through the one reader (a regular file, capped); throws when it is not one. */
function readRecord(file: string): string {
  return decodeUtf8(readInputFileSync(file, INPUT_CAPS.record, { file, path: '', kind: 'resume record' }), { file, path: '' });
}

/** Opens (or resumes) the partial folder; returns its path. Throws InputError for a foreign or busy one. */
function openPartial(outDir: string, print: string, force: boolean): string {
  const dir = partialDirOf(outDir);
  const manifest = path.join(dir, 'manifest.json');
  if (existsSync(dir)) {
    let same = false;
    try {
      same = (JSON.parse(readRecord(manifest)) as { fingerprint?: string }).fingerprint === print;
    } catch {
      same = false;
    }
    const lock = path.join(dir, 'lock');
    if (existsSync(lock)) {
      const pid = Number(readRecord(lock));
      if (pid !== process.pid && Number.isInteger(pid) && processAlive(pid)) {
        throw InputError.of({ file: dir, path: '--out', message: `another sweep (process ${pid}) is writing into this output folder`, allowed: 'wait for it to finish, or another --out' });
      }
    }
    if (!same) {
      if (!force) {
        throw InputError.of({
          file: dir,
          path: '--out',
          message: 'an unfinished sweep with different inputs (config, scene, --set, grid, repetitions or shard) is kept here for resuming',
          allowed: 'the same command as before to continue it, another --out, or --force to discard it',
        });
      }
      rmSync(dir, { recursive: true, force: true });
    }
  }
  mkdirSync(path.join(dir, 'points'), { recursive: true });
  removeTempFiles(dir);
  if (!existsSync(manifest)) writeFileAtomicSync(manifest, JSON.stringify({ fingerprint: print, watchline: WATCHLINE_VERSION }, null, 2) + '\n');
  writeFileSync(path.join(dir, 'lock'), String(process.pid));
  return dir;
}

/**
 * Removes the temporary files of atomic writes that a killed sweep left (`.NAME.PID.HEX.tmp`, never
 * read as results), so a resumed sweep publishes exactly the files of an uninterrupted one.
 */
function removeTempFiles(dir: string): void {
  for (const sub of [dir, path.join(dir, 'points')]) {
    for (const f of readdirSync(sub)) if (f.startsWith('.') && f.endsWith('.tmp')) rmSync(path.join(sub, f), { force: true });
  }
}

/** Moves the finished partial folder to its final name (replacing an old output when forced). */
function publish(partial: string, outDir: string): void {
  rmSync(path.join(partial, 'lock'), { force: true });
  publishFolder(partial, outDir);
}

export async function runSweep(o: SweepOptions): Promise<SweepRunResult> {
  const t0 = performance.now();
  const s = o.scenario;
  const axes = sweepAxes(s.config.sweep);
  if (!s.config.sweep) throw noSweep(s);
  const grid = expandGrid(axes);
  const [pFrom, pTo] = shardPoints(grid.length, o.shard);
  const repetitions = s.config.sweepOptions?.repetitions ?? 1;
  checkOutDir(o.outDir, o.force);
  // The data files are hashed as they are read, for the resume record and a shard's fingerprint.
  const recording = recordingSource(nodeWorldSource);
  const prepared = await preparePoints(s, axes, grid.slice(pFrom, pTo), recording.source);
  // A shard without points reads the files of point 0 for its header: read them now, so that every
  // shard's fingerprint covers the same files.
  const first = prepared[0] ?? (await preparePoints(s, axes, grid.slice(0, 1), recording.source))[0];
  o.signal?.throwIfAborted();
  const dataFiles = recording.dataFiles();
  const partial = openPartial(o.outDir, fingerprint(s, axes, repetitions, o.shard, dataFiles), o.force);
  const pointsDir = path.join(partial, 'points');

  // What is already done, and what is left.
  const units = new Map<string, UnitResult>();
  const read = (file: string): UnitResult | null => {
    try {
      return JSON.parse(readRecord(path.join(pointsDir, file))) as UnitResult;
    } catch {
      return null; // a torn or foreign file is simply run again
    }
  };
  const present = new Set(readdirSync(pointsDir));
  const todo: { pp: PreparedPoint; rep: number }[] = [];
  for (const pp of prepared) {
    for (let r = 0; r < repetitions; r++) {
      const f = unitFile(pp.point.id, r);
      const u = present.has(f) ? read(f) : null;
      if (u) units.set(f, u);
      else todo.push({ pp, rep: r });
    }
  }
  const resumed = units.size;

  // Tasks: each unit cut into chunks; all units share the pool.
  const jobs = new Map<number, WorldJob>();
  const tasks: PoolTask[] = [];
  const taskUnit: number[] = [];
  const state = todo.map(({ pp, rep }, ui) => {
    jobs.set(pp.point.id, pp.job);
    const seed = repetitionSeed(pp.scenario.config.run.seed, rep);
    // A campaign point: its own attempt count, its rows held for the event pass (batch/campaign.ts).
    const frame = campaignFrame(pp.job.scene, pp.job.config, resolveBorder(pp.job.scene, worldInputsOf(pp.job)), seed);
    const ranges = chunkRanges(0, frame ? frame.attempts : pp.scenario.config.run.attempts, CHUNK);
    ranges.forEach(([from, to]) => {
      tasks.push({ jobId: pp.point.id, seed, stepS: pp.scenario.config.run.stepS, from, to });
      taskUnit.push(ui);
    });
    return {
      pp,
      rep,
      seed,
      frame,
      rows: [] as AttemptRow[],
      tally: new FigureTally(figureContext(pp.job, pp.facts)),
      digests: new Array<number>(ranges.length),
      firstTask: tasks.length - ranges.length,
      left: ranges.length,
    };
  });
  const totalAttempts = tasks.reduce((a, t) => a + (t.to - t.from), 0);
  let doneAttempts = 0;
  await runPool({
    jobs,
    tasks,
    workers: o.workers,
    signal: o.signal,
    onResult: (task, data) => {
      const st = state[taskUnit[task]];
      const t = tasks[task];
      let h = 0x811c9dc5;
      const digestRow = (row: AttemptRow) => {
        h = fnv1a(`${row.id},${row.threat},${row.crossingKm},${row.startTimeS},${row.groupSize}\n`, h);
      };
      if (st.frame) {
        for (let i = 0; i < data.length / FIELDS; i++) {
          const row = decodeRow(data, i, st.pp.facts.kinds, newRow());
          st.rows.push(row);
          digestRow(row);
        }
      } else tallyRows(data, st.pp.facts.kinds, st.tally, digestRow);
      st.digests[task - st.firstTask] = h;
      doneAttempts += t.to - t.from;
      o.onProgress?.(doneAttempts, totalAttempts);
      if (--st.left > 0) return;
      if (st.frame) {
        st.rows.sort((a, b) => a.id - b.id);
        const result = decideCampaign(st.rows, st.frame);
        st.tally = new FigureTally({ ...figureContext(st.pp.job, st.pp.facts), campaign: { frame: st.frame, result } });
        for (const row of st.rows) st.tally.add(row);
        st.rows = [];
      }
      let digest = 0x811c9dc5;
      for (const d of st.digests) digest = fnv1a(d.toString(16).padStart(8, '0'), digest);
      const unit: UnitResult = {
        point: st.pp.point.id,
        repetition: st.rep,
        seed: st.seed,
        ...st.tally.unit(),
        attemptsDigest: digest.toString(16).padStart(8, '0'),
      };
      const f = unitFile(unit.point, unit.repetition);
      const text = JSON.stringify(unit, null, 2) + '\n';
      writeFileAtomicSync(path.join(pointsDir, f), text);
      units.set(f, JSON.parse(text) as UnitResult);
      o.onUnit?.(unit);
    },
  });
  o.signal?.throwIfAborted();

  // Everything is recorded: pool the repetitions and write the outputs.
  const points: PointResult[] = prepared.map((pp) =>
    poolPoint({
      id: pp.point.id,
      params: pp.point.params,
      spacingM: pp.spacingM,
      towers: pp.facts.towers,
      cameras: pp.facts.cameras,
      repetitions: Array.from({ length: repetitions }, (_, r) => units.get(unitFile(pp.point.id, r))!),
    }),
  );
  // Header facts from the shard's first point, or from point 0 for a shard without points (N > P).
  const header: SweepHeader = {
    watchline: WATCHLINE_VERSION,
    scene: s.sceneFile ?? DEFAULT_SCENE_LABEL,
    config: s.configFile ?? DEFAULT_CONFIG_LABEL,
    seed: s.config.run.seed,
    repetitions,
    stepS: s.config.run.stepS,
    targetRate: s.config.sweepOptions?.targetRate ?? DEFAULT_TARGET_RATE,
    ...(s.config.sweepOptions?.metric && s.config.sweepOptions.metric !== 'detection' && { metric: s.config.sweepOptions.metric }),
    frontierKm: first.facts.frontierKm,
    response: responseInfo(first.job.config),
    axes,
    pointsTotal: grid.length,
  };
  const doc = await writeSweepOutputs(partial, header, points, o.shard ? { label: `${o.shard.k}/${o.shard.n}`, ids: [pFrom, pTo], inputs: inputFingerprint({ scenario: s, sets: o.sets ?? [], dataFiles, attempts: s.config.run.attempts, seed: s.config.run.seed, stepS: s.config.run.stepS, events: false }) } : undefined);
  publish(partial, o.outDir);
  return { doc, outDir: o.outDir, computed: todo.length, resumed, wallS: (performance.now() - t0) / 1000 };
}

/** Whether a folder holds a sweep's output (sweep.json) rather than a run's. */
export function isSweepFolder(dir: string): boolean {
  try {
    return statSync(path.join(dir, 'sweep.json')).isFile();
  } catch {
    return false;
  }
}
