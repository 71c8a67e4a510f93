/**
 * Bench section `stepsize` (issue 6): detection rate and time to detection at dt = 0.5, 1, 2 and 5 s
 * with common random numbers (the same attempts, plans and random streams at every step size), and
 * the cost of each. dt = 0.5 s is the reference. A step size "holds" when its rate and its mean time
 * to detection each stay within noise of the reference: the difference is either not detectable
 * (within two paired standard errors) or smaller than half the standard error that a default run of
 * 10 000 attempts has anyway. The recommended default is the largest step that holds in both
 * scenarios (every smaller one holding too):
 * - `clear`: the Monte Carlo benchmark's workload (bench/scenarios.ts) on 100 km, rates near 100 %,
 *   so the time to detection is the sensitive figure;
 * - `fog`: the same deployment in fog (σ = 5 /km), rates well inside (0, 1);
 * - `mixed`: the built-in default scene (foot, group, crawler, vehicle, tunnel; day and night) with
 *   towers every 6 km, where every kind's rate is well inside (0, 1) — here each threat kind's rate
 *   must hold too, so that fast vehicles, which move furthest in a step, decide as much as walkers.
 * Runs in this thread (one core), CPU time measured.
 */
import { newCounters, newOutcome, newScratch, simulateAttempt } from '../src/core/attempt.ts';
import { wilson } from '../src/core/metrics.ts';
import { nodeWorldSource } from '../src/batch/geoFiles.ts';
import { buildWorld } from '../src/world/build.ts';
import { withRun } from '../src/core/world.ts';
import type { World } from '../src/core/world.ts';
import { frontierScenario } from './scenarios.ts';
import { loadScenario } from '../src/config/load.ts';
import type { Scenario } from '../src/config/scenario.ts';
import type { BenchOptions, BenchSection } from './types.ts';

const STEPS_S = [0.5, 1, 2, 5];
const FRONTIER_KM = 100;

interface StepPoint {
  stepS: number;
  attempts: number;
  rate: number;
  rateCI95: [number, number];
  beforeBarrierRate: number;
  meanTimeS: number;
  p50TimeS: number;
  p90TimeS: number;
  cpuS: number;
  attemptsPerCpuS: number;
  stepsPerAttempt: number;
  evaluationsPerAttempt: number;
  losCallsPerAttempt: number;
  /** Against the reference (dt = 0.5 s), over the same attempts. */
  rateDiff: number;
  rateDiffSE: number;
  meanTimeDiffS: number;
  meanTimeDiffSE: number;
  /** Standard errors of the reference's rate and mean time in a default run of RUN_ATTEMPTS attempts. */
  runRateSE: number;
  runMeanTimeSE: number;
  /** Per threat kind (the `mixed` scenario): its rate against the reference's, with the same rule. */
  byThreat: { kind: string; attempts: number; rate: number; rateDiff: number; rateDiffSE: number; runRateSE: number; holds: boolean }[];
  holds: boolean;
}

/** The default run's size (sim-configs/default.yaml), for "within noise". */
const RUN_ATTEMPTS = 10_000;

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const x = q * (sorted.length - 1);
  const i = Math.floor(x);
  return i + 1 < sorted.length ? sorted[i] + (x - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
}

interface StepRun {
  dt: number;
  det: Uint8Array;
  times: Float64Array;
  threat: Uint8Array;
  before: number;
  cpuS: number;
  c: ReturnType<typeof newCounters>;
}

function runAt(world: World, n: number, stepS: number): Omit<StepRun, 'dt'> {
  world = withRun(world, { seed: 1, stepS });
  const s = newScratch(world);
  const o = newOutcome();
  const c = newCounters();
  const det = new Uint8Array(n);
  const times = new Float64Array(n).fill(NaN);
  const threat = new Uint8Array(n);
  let before = 0;
  const u0 = process.cpuUsage();
  for (let id = 0; id < n; id++) {
    simulateAttempt(world, id, s, o, c);
    threat[id] = o.threat;
    if (o.detected) {
      det[id] = 1;
      times[id] = o.detectTimeS;
      if (o.beforeBarrier) before++;
    }
  }
  const u = process.cpuUsage(u0);
  return { det, times, threat, before, cpuS: (u.user + u.system) / 1e6, c };
}

/** Rate difference of `r` against `ref` over the attempts `inSet` admits, with its paired (McNemar) SE. */
function rateAgainst(ref: StepRun, r: StepRun, inSet: (i: number) => boolean): { n: number; k: number; kRef: number; diff: number; se: number } {
  let n = 0;
  let k = 0;
  let kRef = 0;
  let disc = 0;
  for (let i = 0; i < r.det.length; i++) {
    if (!inSet(i)) continue;
    n++;
    k += r.det[i];
    kRef += ref.det[i];
    if (r.det[i] !== ref.det[i]) disc++;
  }
  const diff = n > 0 ? (k - kRef) / n : 0;
  // Zero for the reference itself.
  const se = n > 0 ? Math.sqrt(Math.max(0, disc / n - diff * diff) / n) : 0;
  return { n, k, kRef, diff, se };
}

/** Within noise: not detectable (two paired SE) or below half the SE a default run has anyway. */
const within = (d: number, pairedSE: number, runSE: number) => Math.abs(d) <= Math.max(2 * pairedSE, 0.5 * runSE);

function compare(world: World, ref: StepRun, r: StepRun, perThreat: boolean): StepPoint {
  const n = r.det.length;
  const all = rateAgainst(ref, r, () => true);
  const { k, kRef } = all;
  const rateDiff = all.diff;
  const rateDiffSE = all.se;
  // Mean time difference over attempts detected at both step sizes, and its SE.
  let pairs = 0;
  let sumD = 0;
  let sumD2 = 0;
  for (let i = 0; i < n; i++) {
    if (!r.det[i] || !ref.det[i]) continue;
    const d = r.times[i] - ref.times[i];
    pairs++;
    sumD += d;
    sumD2 += d * d;
  }
  const meanD = pairs > 0 ? sumD / pairs : 0;
  const meanTimeDiffSE = pairs > 1 ? Math.sqrt(Math.max(0, sumD2 / pairs - meanD * meanD) / pairs) : 0;
  const sorted = Float64Array.from(r.times.filter((t) => t === t)).sort();
  let sum = 0;
  for (const t of sorted) sum += t;
  // The noise a default run has anyway, from the reference's rate and spread of times.
  const pRef = kRef / n;
  const runRateSE = Math.sqrt((pRef * (1 - pRef)) / RUN_ATTEMPTS);
  let refSum = 0;
  let refSum2 = 0;
  for (let i = 0; i < n; i++) {
    if (!ref.det[i]) continue;
    refSum += ref.times[i];
    refSum2 += ref.times[i] ** 2;
  }
  const refMean = refSum / kRef;
  const runMeanTimeSE = Math.sqrt(Math.max(0, refSum2 / kRef - refMean * refMean) / (pRef * RUN_ATTEMPTS));
  const byThreat: StepPoint['byThreat'] = [];
  if (perThreat) {
    world.threats.forEach((t, kind) => {
      const c = rateAgainst(ref, r, (i) => r.threat[i] === kind);
      if (c.n === 0) return;
      const p = c.kRef / c.n;
      // A default run has share × RUN_ATTEMPTS attempts of this kind.
      const runSE = Math.sqrt((p * (1 - p)) / Math.max(1, t.share * RUN_ATTEMPTS));
      byThreat.push({ kind: t.kind, attempts: c.n, rate: c.k / c.n, rateDiff: c.diff, rateDiffSE: c.se, runRateSE: runSE, holds: within(c.diff, c.se, runSE) });
    });
  }
  const holds = within(rateDiff, rateDiffSE, runRateSE) && within(meanD, meanTimeDiffSE, runMeanTimeSE) && byThreat.every((b) => b.holds);
  return {
    stepS: r.dt,
    attempts: n,
    rate: k / n,
    rateCI95: wilson(k, n),
    beforeBarrierRate: r.before / n,
    meanTimeS: sum / sorted.length,
    p50TimeS: quantile(sorted, 0.5),
    p90TimeS: quantile(sorted, 0.9),
    cpuS: r.cpuS,
    attemptsPerCpuS: n / r.cpuS,
    stepsPerAttempt: r.c.steps / n,
    evaluationsPerAttempt: r.c.evaluations / n,
    losCallsPerAttempt: r.c.losCalls / n,
    rateDiff,
    rateDiffSE,
    meanTimeDiffS: meanD,
    meanTimeDiffSE,
    runRateSE,
    runMeanTimeSE,
    byThreat,
    holds,
  };
}

interface StepScenario {
  name: string;
  label: string;
  scenario: (n: number) => Scenario;
  attempts: { quick: number; full: number };
  perThreat: boolean;
}

const SCENARIOS: StepScenario[] = [
  {
    name: 'clear',
    label: `${FRONTIER_KM} km straight, foot, clear`,
    scenario: (n) => frontierScenario({ lengthKm: FRONTIER_KM, attempts: n, visibility: 'clear' }),
    attempts: { quick: 3_000, full: 20_000 },
    perThreat: false,
  },
  {
    name: 'fog',
    label: `${FRONTIER_KM} km straight, foot, fog`,
    scenario: (n) => frontierScenario({ lengthKm: FRONTIER_KM, attempts: n, visibility: 'fog' }),
    attempts: { quick: 2_000, full: 8_000 },
    perThreat: false,
  },
  {
    name: 'mixed',
    label: 'built-in default scene, towers every 6 km, every threat kind',
    scenario: (n) => loadScenario({ sets: ['towers.spacingM=6000', `run.attempts=${n}`] }),
    attempts: { quick: 2_000, full: 12_000 },
    perThreat: true,
  },
];

async function scenarioPoints(sc: StepScenario, opts: BenchOptions): Promise<StepPoint[]> {
  const n = opts.quick ? sc.attempts.quick : sc.attempts.full;
  const { world } = await buildWorld(sc.scenario(n), nodeWorldSource);
  runAt(world, Math.min(n, 300), 1); // warm-up (JIT)
  const runs: StepRun[] = STEPS_S.map((dt) => {
    opts.log(`stepsize/${sc.name}: ${n} attempts at dt = ${dt} s…`);
    return { dt, ...runAt(world, n, dt) };
  });
  return runs.map((r) => compare(world, runs[0], r, sc.perThreat));
}

async function run(opts: BenchOptions): Promise<Record<string, unknown>> {
  const results: Record<string, StepPoint[]> = {};
  for (const sc of SCENARIOS) results[sc.name] = await scenarioPoints(sc, opts);
  let recommended = STEPS_S[0];
  for (let i = 0; i < STEPS_S.length; i++) {
    if (!SCENARIOS.every((sc) => results[sc.name][i].holds)) break;
    recommended = STEPS_S[i];
  }
  return {
    frontierKm: FRONTIER_KM,
    referenceStepS: STEPS_S[0],
    recommendedStepS: recommended,
    scenarios: SCENARIOS.map((sc) => ({ name: sc.name, label: sc.label })),
    ...results,
    notes:
      'Same attempts at every dt (common random numbers). rateDiff and meanTimeDiffS are against dt = 0.5 s with paired standard ' +
      'errors; a dt holds when each difference is within two paired SE or below half the SE of a 10 000-attempt run (runRateSE, ' +
      'runMeanTimeSE), and in `mixed` every threat kind\'s rate too. recommendedStepS: the largest dt that holds in every scenario, ' +
      'every smaller dt holding too. CPU time of this thread.',
  };
}

function format(result: Record<string, unknown>): string {
  const lines: string[] = [];
  const scenarios = (result.scenarios as { name: string; label: string }[] | undefined) ?? [{ name: 'clear', label: 'clear' }, { name: 'fog', label: 'fog' }];
  for (const sc of scenarios) {
    const pts = result[sc.name] as StepPoint[];
    lines.push(`${sc.name} (${sc.label}; ${pts[0].attempts} attempts, the same at every dt):`);
    for (const p of pts) {
      lines.push(
        `  dt ${String(p.stepS).padStart(3)} s: rate ${(100 * p.rate).toFixed(2)} % (Δ ${(100 * p.rateDiff).toFixed(2)} ± ${(100 * p.rateDiffSE).toFixed(2)}) · ` +
          `mean time ${p.meanTimeS.toFixed(1)} s (Δ ${p.meanTimeDiffS.toFixed(2)} ± ${p.meanTimeDiffSE.toFixed(2)}) · p90 ${p.p90TimeS.toFixed(0)} s · ` +
          `${p.attemptsPerCpuS.toFixed(0)} attempts/CPU s · ${p.evaluationsPerAttempt.toFixed(0)} evaluations/attempt · ${p.holds ? 'holds' : 'OFF'}`,
      );
      for (const b of p.byThreat ?? []) {
        if (p.stepS === result.referenceStepS) continue;
        lines.push(`      ${b.kind.padEnd(8)} ${(100 * b.rate).toFixed(2)} % (Δ ${(100 * b.rateDiff).toFixed(2)} ± ${(100 * b.rateDiffSE).toFixed(2)}, noise ± ${(100 * b.runRateSE).toFixed(2)})${b.holds ? '' : ' OFF'}`);
      }
    }
  }
  const noise = scenarios.map((sc) => {
    const r = (result[sc.name] as StepPoint[])[0];
    return `${sc.name} ± ${(100 * r.runRateSE).toFixed(2)} % rate, ± ${r.runMeanTimeSE.toFixed(1)} s mean time`;
  });
  lines.push(
    `noise of a 10 000-attempt run: ${noise.join('; ')}`,
    `recommended default stepS: ${String(result.recommendedStepS)} s (largest dt whose differences from dt = 0.5 s are within 2 paired SE or half a default run's SE, in every scenario)`,
  );
  return lines.join('\n');
}

export const stepsizeSection: BenchSection = {
  name: 'stepsize',
  description: 'rate and time to detection at dt = 0.5, 1, 2, 5 s with common random numbers; recommended default',
  run,
  format,
};
