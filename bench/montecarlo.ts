/**
 * Bench section `montecarlo` (issue 6): Monte Carlo throughput on a 600 km straight frontier with
 * procedural relief, towers every 2 km with two panning mid-range thermal cameras, 100 000 foot
 * attempts (2 km approach, 1 km depth).
 *
 * 1. The product path, as `watchline run --workers W` runs it (bench/runs.ts), in a fresh child
 *    process: ground built once at the edge, the worker pool, attempts.csv and summary.json written
 *    to a temporary folder; with 1 and 2 workers. Wall time includes building the ground and every
 *    worker's world.
 * 2. Against the naive reference (bench/naive.ts: every camera every step, three-mesh-bvh line of
 *    sight, the same model) on a subset of attempts crossing near the frontier's middle, in this
 *    thread, in rounds that take turns every 10 attempts (the best round of each counts, so load from
 *    other processes does not decide the ratio; rates are per CPU second of the thread). Watchline
 *    runs the same attempts twice: as shipped (thinning) and with every camera tested at every step
 *    (EXACT_FROM_P = 0), which must reproduce the naive outcomes attempt by attempt.
 */
import { newCounters, newOutcome, newScratch, simulateAttempt } from '../src/core/attempt.ts';
import type { SimCounters } from '../src/core/attempt.ts';
import { newPlan, planAttempt } from '../src/core/plan.ts';
import { withRun } from '../src/core/world.ts';
import type { World } from '../src/core/world.ts';
import { nodeWorldSource } from '../src/batch/geoFiles.ts';
import { buildWorld } from '../src/world/build.ts';
import { wilson } from '../src/core/metrics.ts';
import { buildNaiveLos, simulateNaive } from './naive.ts';
import type { NaiveCounters, NaiveLos } from './naive.ts';
import { frontierScenario } from './scenarios.ts';
import { runMeasuredInChild } from './runs.ts';
import type { MeasuredRun } from './runs.ts';
import type { BenchOptions, BenchSection } from './types.ts';

const FRONTIER_KM = 600;
const SEED = 1;
/** The default step (sim-configs/default.yaml; chosen by the stepsize section). */
const STEP_S = 2;

interface SubsetResult {
  attempts: number;
  crossingKm: [number, number];
  meshTriangles: number;
  meshBuildMs: number;
  /** Attempts per CPU second of each round, and each round's ratio of wall times (naive / Watchline). */
  rounds: { naiveAps: number[]; watchlineAps: number[]; watchlineExactAps: number[]; wallRatio: number[] };
  naiveAttemptsPerS: number;
  watchlineAttemptsPerS: number;
  /** Median over rounds of (Watchline / naive attempts per CPU second) within the round. */
  medianRoundRatio: number;
  watchlineExactAttemptsPerS: number;
  naive: { evaluationsPerAttempt: number; losCallsPerAttempt: number; rate: number; rateCI95: [number, number] };
  watchline: { evaluationsPerAttempt: number; losCallsPerAttempt: number; stepsPerAttempt: number; rate: number; rateCI95: [number, number] };
  watchlineExact: { evaluationsPerAttempt: number; losCallsPerAttempt: number; rate: number };
  /** Attempts where Watchline with every camera exact and the naive reference agree (detected, camera, time within 1e-6 s). */
  exactAgreement: number;
  disagreements: { id: number; naive: string; watchline: string }[];
}

function median(xs: number[]): number {
  const a = [...xs].sort((x, y) => x - y);
  return a.length % 2 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
}

/** The first `count` attempt ids whose crossing lies in [fromM, toM]. */
function idsCrossingIn(world: World, count: number, fromM: number, toM: number): number[] {
  const plan = newPlan();
  const ids: number[] = [];
  for (let id = 0; ids.length < count; id++) {
    planAttempt(withRun(world, { seed: SEED }), id, plan);
    if (plan.crossingM >= fromM && plan.crossingM <= toM) ids.push(id);
  }
  return ids;
}

interface Timed<T> {
  ms: number;
  /** CPU time of the process meanwhile (this thread does the work), ms. */
  cpuMs: number;
  out: T[];
}

function cpuMsNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function runNaive(world: World, los: NaiveLos, ids: number[], c: NaiveCounters): Timed<{ detected: boolean; detectTimeS: number; camera: number }> {
  const c0 = cpuMsNow();
  const t0 = performance.now();
  const out = ids.map((id) => simulateNaive(withRun(world, { seed: SEED, stepS: STEP_S }), los, id, c));
  return { ms: performance.now() - t0, cpuMs: cpuMsNow() - c0, out };
}

function runWatchline(world: World, ids: number[], exactFromP: number | undefined, c: SimCounters): Timed<{ detected: boolean; detectTimeS: number; camera: number }> {
  world = withRun(world, { seed: SEED, stepS: STEP_S });
  const s = newScratch(world, exactFromP);
  const o = newOutcome();
  const c0 = cpuMsNow();
  const t0 = performance.now();
  const out = ids.map((id) => {
    simulateAttempt(world, id, s, o, c);
    return { detected: o.detected, detectTimeS: o.detectTimeS, camera: o.camera };
  });
  return { ms: performance.now() - t0, cpuMs: cpuMsNow() - c0, out };
}

async function runSubset(world: World, opts: BenchOptions): Promise<SubsetResult> {
  const count = opts.quick ? 40 : 150;
  const rounds = opts.quick ? 2 : 5;
  // A 20 km window of crossings (terrain varies: a narrower window can be all open ground, where
  // attempts are seen early and both sides look cheap); the naive mesh spans it plus the pruning range.
  const midM = (FRONTIER_KM * 1000) / 2;
  const fromM = midM - 10_000;
  const toM = midM + 10_000;
  const ids = idsCrossingIn(world, count, fromM, toM);
  // Every camera the model can ask about stands within the pruning range of a path; the mesh covers them.
  const reachM = world.maxCameraRangeM + 2000;
  opts.log(`montecarlo/naive: three-mesh-bvh mesh of the relief from km ${((fromM - reachM) / 1000).toFixed(1)} to ${((toM + reachM) / 1000).toFixed(1)}…`);
  const los = buildNaiveLos(world, fromM - reachM, toM + reachM);
  // Warm-up (JIT) on a few attempts, then interleaved timed rounds.
  runNaive(world, los, ids.slice(0, 3), { steps: 0, evaluations: 0, losCalls: 0 });
  runWatchline(world, ids.slice(0, 20), undefined, newCounters());
  runWatchline(world, ids.slice(0, 20), 0, newCounters());
  const r = { naiveAps: [] as number[], watchlineAps: [] as number[], watchlineExactAps: [] as number[], wallRatio: [] as number[] };
  let naive!: Timed<{ detected: boolean; detectTimeS: number; camera: number }>;
  let wl!: typeof naive;
  let wlExact!: typeof naive;
  const nc: NaiveCounters = { steps: 0, evaluations: 0, losCalls: 0 };
  const wc = newCounters();
  const xc = newCounters();
  // Each round runs the three in turns of CHUNK attempts, so a burst of load from other processes
  // falls on all of them alike; rates are per CPU second of this thread.
  const CHUNK = 10;
  const join = <T>(parts: Timed<T>[]): Timed<T> => ({
    ms: parts.reduce((a, p) => a + p.ms, 0),
    cpuMs: parts.reduce((a, p) => a + p.cpuMs, 0),
    out: parts.flatMap((p) => p.out),
  });
  for (let k = 0; k < rounds; k++) {
    opts.log(`montecarlo/naive: round ${k + 1}/${rounds} (${ids.length} attempts each)…`);
    const first = k === 0;
    const cn = first ? nc : { steps: 0, evaluations: 0, losCalls: 0 };
    const cw = first ? wc : newCounters();
    const cx = first ? xc : newCounters();
    const parts: { naive: (typeof naive)[]; wl: (typeof naive)[]; exact: (typeof naive)[] } = { naive: [], wl: [], exact: [] };
    for (let a = 0; a < ids.length; a += CHUNK) {
      const chunk = ids.slice(a, a + CHUNK);
      parts.naive.push(runNaive(world, los, chunk, cn));
      parts.wl.push(runWatchline(world, chunk, undefined, cw));
      parts.exact.push(runWatchline(world, chunk, 0, cx));
    }
    naive = join(parts.naive);
    wl = join(parts.wl);
    wlExact = join(parts.exact);
    r.naiveAps.push(ids.length / (naive.cpuMs / 1000));
    r.watchlineAps.push(ids.length / (wl.cpuMs / 1000));
    r.watchlineExactAps.push(ids.length / (wlExact.cpuMs / 1000));
    r.wallRatio.push(naive.ms / wl.ms);
  }
  los.mesh.geometry.dispose();
  const n = ids.length;
  const detected = (xs: { detected: boolean }[]) => xs.filter((x) => x.detected).length;
  let agree = 0;
  const disagreements: SubsetResult['disagreements'] = [];
  const fmt = (o: { detected: boolean; detectTimeS: number; camera: number }) => (o.detected ? `camera ${o.camera} at ${o.detectTimeS.toFixed(6)} s` : 'undetected');
  for (let i = 0; i < n; i++) {
    const a = naive.out[i];
    const b = wlExact.out[i];
    const same = a.detected === b.detected && (!a.detected || (a.camera === b.camera && Math.abs(a.detectTimeS - b.detectTimeS) < 1e-6));
    if (same) agree++;
    else disagreements.push({ id: ids[i], naive: fmt(a), watchline: fmt(b) });
  }
  const kn = detected(naive.out);
  const kw = detected(wl.out);
  return {
    attempts: n,
    crossingKm: [fromM / 1000, toM / 1000],
    meshTriangles: los.triangles,
    meshBuildMs: los.buildMs,
    rounds: r,
    naiveAttemptsPerS: Math.max(...r.naiveAps),
    watchlineAttemptsPerS: Math.max(...r.watchlineAps),
    medianRoundRatio: median(r.watchlineAps.map((w, i) => w / r.naiveAps[i])),
    watchlineExactAttemptsPerS: Math.max(...r.watchlineExactAps),
    naive: { evaluationsPerAttempt: nc.evaluations / n, losCallsPerAttempt: nc.losCalls / n, rate: kn / n, rateCI95: wilson(kn, n) },
    watchline: { evaluationsPerAttempt: wc.evaluations / n, losCallsPerAttempt: wc.losCalls / n, stepsPerAttempt: wc.steps / n, rate: kw / n, rateCI95: wilson(kw, n) },
    watchlineExact: { evaluationsPerAttempt: xc.evaluations / n, losCallsPerAttempt: xc.losCalls / n, rate: detected(wlExact.out) / n },
    exactAgreement: agree / n,
    disagreements: disagreements.slice(0, 10),
  };
}

async function run(opts: BenchOptions): Promise<Record<string, unknown>> {
  const attempts = opts.quick ? 10_000 : 100_000;
  const scenario = frontierScenario({ lengthKm: FRONTIER_KM, attempts, seed: SEED, stepS: STEP_S });
  const runs: MeasuredRun[] = [];
  for (const workers of [1, 2]) {
    opts.log(`montecarlo: ${attempts} attempts on ${FRONTIER_KM} km with ${workers} worker${workers > 1 ? 's' : ''}…`);
    runs.push(await runMeasuredInChild({ lengthKm: FRONTIER_KM }, { attempts, workers, seed: SEED, stepS: STEP_S, log: opts.log }));
  }
  // The same workload on the Iraq–Syria boundary (bent line, tiled ground).
  const iraqSyria: MeasuredRun[] = [];
  for (const workers of [1, 2]) {
    opts.log(`montecarlo: ${attempts} attempts on the Iraq–Syria frontier with ${workers} worker${workers > 1 ? 's' : ''}…`);
    iraqSyria.push(await runMeasuredInChild({ lengthKm: FRONTIER_KM, line: 'iraq-syria' }, { attempts, workers, seed: SEED, stepS: STEP_S, log: opts.log }));
  }
  opts.log('montecarlo: building the world in this thread for the naive comparison…');
  const { world } = await buildWorld(scenario, nodeWorldSource);
  const subset = await runSubset(world, opts);
  const two = runs[1];
  const one = runs[0];
  return {
    frontierKm: FRONTIER_KM,
    attempts,
    workers: two.workers,
    wallS: two.wallS,
    attemptsPerS: two.attemptsPerS,
    naiveRatio: subset.watchlineAttemptsPerS / subset.naiveAttemptsPerS,
    goals: {
      naiveRatio: 20,
      wallS100k: 30,
      naiveRatioMet: subset.watchlineAttemptsPerS / subset.naiveAttemptsPerS >= 20,
      /** Wall time scaled to 100 000 attempts (the quick run simulates fewer). */
      wallSFor100k: two.prepareS + (two.simulateS * 100_000) / attempts,
    },
    workerSpeedup: one.simulateS / two.simulateS,
    towers: two.towers,
    cameras: two.cameras,
    detectionRate: two.detectionRate,
    runs,
    iraqSyria: {
      runs: iraqSyria,
      detectionRate: iraqSyria[1].detectionRate,
      workerSpeedup: iraqSyria[0].simulateS / iraqSyria[1].simulateS,
      wallSFor100k: iraqSyria[1].prepareS + (iraqSyria[1].simulateS * 100_000) / attempts,
    },
    subset,
    notes:
      'runs: the product path (ground built once, worker pool, attempts.csv + summary.json written); wallS = prepareS (ground) + the run, ' +
      'which includes building each worker\'s world. Rates per second are over simulateS. evaluations = camera–target evaluations performed ' +
      '(range, field of view, P∞); losCalls = line-of-sight tests; cpuS = CPU time of all threads. naiveRatio = Watchline / naive attempts ' +
      'per CPU second on the same subset in this thread (best of interleaved rounds; rounds.wallRatio gives the wall-time ratios). ' +
      'The naive mesh covers only the window the subset needs.',
  };
}

const f1 = (v: number) => v.toFixed(1);
const fk = (v: number) => (v >= 1e6 ? `${(v / 1e6).toFixed(2)} M` : v >= 1e3 ? `${(v / 1e3).toFixed(1)} k` : v.toFixed(1));

function format(result: Record<string, unknown>): string {
  const runs = result.runs as MeasuredRun[];
  const s = result.subset as SubsetResult;
  const g = result.goals as { wallSFor100k: number };
  const lines = [`${String(result.frontierKm)} km straight, ${String(result.towers)} towers, ${String(result.cameras)} cameras, ${String(result.attempts)} foot attempts, detection rate ${((result.detectionRate as number) * 100).toFixed(2)} %`];
  const runLine = (r: MeasuredRun) =>
    `  ${r.workers} worker${r.workers > 1 ? 's' : ' '}: wall ${f1(r.wallS)} s (ground ${f1(r.prepareS)} s + run ${f1(r.simulateS)} s) · ${fk(r.attemptsPerS)} attempts/s · ` +
    `${fk(r.evaluationsPerS)} evaluations/s · ${fk(r.losCallsPerS)} LOS calls/s · CPU ${f1(r.cpuS)} s · peak RSS ${r.peakRssMB.toFixed(0)} MB`;
  for (const r of runs) lines.push(runLine(r));
  lines.push(`  2 workers vs 1: ×${(result.workerSpeedup as number).toFixed(2)} on the run; 100 000 attempts would take ${f1(g.wallSFor100k)} s with 2 workers (goal ≈ 30 s)`);
  const iq = result.iraqSyria as { runs: MeasuredRun[]; detectionRate: number; workerSpeedup: number; wallSFor100k: number } | undefined;
  if (iq) {
    lines.push(`Iraq–Syria (599.3 km, tiled ground), ${iq.runs[1].towers} towers, ${iq.runs[1].cameras} cameras, the same workload, detection rate ${(100 * iq.detectionRate).toFixed(2)} %`);
    for (const r of iq.runs) lines.push(runLine(r));
    lines.push(`  2 workers vs 1: ×${iq.workerSpeedup.toFixed(2)} on the run; 100 000 attempts would take ${f1(iq.wallSFor100k)} s with 2 workers`);
  }
  lines.push(
    `naive reference (every camera every step, three-mesh-bvh), ${s.attempts} attempts crossing km ${s.crossingKm[0]}–${s.crossingKm[1]}, this thread, per CPU second:`,
    `  naive            ${fk(s.naiveAttemptsPerS).padStart(8)} attempts/s   (${fk(s.naive.evaluationsPerAttempt)} evaluations, ${f1(s.naive.losCallsPerAttempt)} LOS calls per attempt; mesh ${fk(s.meshTriangles)} triangles)`,
    `  Watchline exact  ${fk(s.watchlineExactAttemptsPerS).padStart(8)} attempts/s   (${fk(s.watchlineExact.evaluationsPerAttempt)} evaluations, ${f1(s.watchlineExact.losCallsPerAttempt)} LOS calls per attempt)`,
    `  Watchline        ${fk(s.watchlineAttemptsPerS).padStart(8)} attempts/s   (${fk(s.watchline.evaluationsPerAttempt)} evaluations, ${f1(s.watchline.losCallsPerAttempt)} LOS calls per attempt)`,
    `  ratio ×${(result.naiveRatio as number).toFixed(1)} (best rounds; median of per-round ratios ×${s.medianRoundRatio.toFixed(1)}; goal ×20); exact mode agrees with the naive reference on ${(100 * s.exactAgreement).toFixed(1)} % of attempts; ` +
      `rates: naive ${(100 * s.naive.rate).toFixed(1)} %, Watchline ${(100 * s.watchline.rate).toFixed(1)} % [${(100 * s.watchline.rateCI95[0]).toFixed(1)}, ${(100 * s.watchline.rateCI95[1]).toFixed(1)}]`,
  );
  return lines.join('\n');
}

export const montecarloSection: BenchSection = {
  name: 'montecarlo',
  description: 'Monte Carlo throughput: 600 km, 100 000 foot attempts, 1 and 2 workers; ratio to a naive three-mesh-bvh reference',
  run,
  format,
};
