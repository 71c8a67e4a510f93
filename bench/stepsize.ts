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
 * - `fog`: the same deployment in fog (σ = 5 /km), rates well inside (0, 1).
 * Runs in this thread (one core), CPU time measured.
 */
import { newCounters, newOutcome, newScratch, simulateAttempt } from '../src/core/attempt.ts';
import { wilson } from '../src/core/metrics.ts';
import { resolveWorldJob } from '../src/batch/worldJob.ts';
import { worldInputsOf } from '../src/batch/job.ts';
import { createWorld } from '../src/core/world.ts';
import type { World } from '../src/core/world.ts';
import { frontierScenario } from './scenarios.ts';
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

function runAt(world: World, n: number, stepS: number): { det: Uint8Array; times: Float64Array; before: number; cpuS: number; c: ReturnType<typeof newCounters> } {
  const s = newScratch(world);
  const o = newOutcome();
  const c = newCounters();
  const det = new Uint8Array(n);
  const times = new Float64Array(n).fill(NaN);
  let before = 0;
  const u0 = process.cpuUsage();
  for (let id = 0; id < n; id++) {
    simulateAttempt(world, 1, id, stepS, s, o, c);
    if (o.detected) {
      det[id] = 1;
      times[id] = o.detectTimeS;
      if (o.beforeBarrier) before++;
    }
  }
  const u = process.cpuUsage(u0);
  return { det, times, before, cpuS: (u.user + u.system) / 1e6, c };
}

async function scenarioPoints(visibility: 'clear' | 'fog', n: number, opts: BenchOptions): Promise<StepPoint[]> {
  const scenario = frontierScenario({ lengthKm: FRONTIER_KM, attempts: n, visibility });
  const job = await resolveWorldJob(scenario);
  const world = createWorld(job.scene, job.config, worldInputsOf(job));
  runAt(world, Math.min(n, 300), 1); // warm-up (JIT)
  const runs = STEPS_S.map((dt) => {
    opts.log(`stepsize/${visibility}: ${n} attempts at dt = ${dt} s…`);
    return { dt, ...runAt(world, n, dt) };
  });
  const ref = runs[0];
  return runs.map((r) => {
    let k = 0;
    let disc = 0;
    let pairs = 0;
    let sumD = 0;
    let sumD2 = 0;
    for (let i = 0; i < n; i++) {
      k += r.det[i];
      if (r.det[i] !== ref.det[i]) disc++;
      if (r.det[i] && ref.det[i]) {
        const d = r.times[i] - ref.times[i];
        pairs++;
        sumD += d;
        sumD2 += d * d;
      }
    }
    let kRef = 0;
    for (let i = 0; i < n; i++) kRef += ref.det[i];
    const rateDiff = (k - kRef) / n;
    // Paired (McNemar) standard error of the rate difference, and of the mean time difference over
    // attempts detected at both step sizes. Zero for the reference itself.
    const rateDiffSE = Math.sqrt(Math.max(0, disc / n - rateDiff * rateDiff) / n);
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
    const within = (d: number, pairedSE: number, runSE: number) => Math.abs(d) <= Math.max(2 * pairedSE, 0.5 * runSE);
    const holds = within(rateDiff, rateDiffSE, runRateSE) && within(meanD, meanTimeDiffSE, runMeanTimeSE);
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
      holds,
    };
  });
}

async function run(opts: BenchOptions): Promise<Record<string, unknown>> {
  const clear = await scenarioPoints('clear', opts.quick ? 3_000 : 20_000, opts);
  const fog = await scenarioPoints('fog', opts.quick ? 2_000 : 8_000, opts);
  let recommended = STEPS_S[0];
  for (let i = 0; i < STEPS_S.length; i++) {
    if (!clear[i].holds || !fog[i].holds) break;
    recommended = STEPS_S[i];
  }
  return {
    frontierKm: FRONTIER_KM,
    referenceStepS: STEPS_S[0],
    recommendedStepS: recommended,
    clear,
    fog,
    notes:
      'Same attempts at every dt (common random numbers). rateDiff and meanTimeDiffS are against dt = 0.5 s with paired standard ' +
      'errors; a dt holds when each difference is within two paired SE or below half the SE of a 10 000-attempt run (runRateSE, ' +
      'runMeanTimeSE). recommendedStepS: the largest dt that holds in both scenarios, every smaller dt holding too. CPU time of this thread.',
  };
}

function format(result: Record<string, unknown>): string {
  const lines: string[] = [];
  for (const name of ['clear', 'fog'] as const) {
    const pts = result[name] as StepPoint[];
    lines.push(`${name} (${String(result.frontierKm)} km, ${pts[0].attempts} attempts, same attempts at every dt):`);
    for (const p of pts) {
      lines.push(
        `  dt ${String(p.stepS).padStart(3)} s: rate ${(100 * p.rate).toFixed(2)} % (Δ ${(100 * p.rateDiff).toFixed(2)} ± ${(100 * p.rateDiffSE).toFixed(2)}) · ` +
          `mean time ${p.meanTimeS.toFixed(1)} s (Δ ${p.meanTimeDiffS.toFixed(2)} ± ${p.meanTimeDiffSE.toFixed(2)}) · p90 ${p.p90TimeS.toFixed(0)} s · ` +
          `${p.attemptsPerCpuS.toFixed(0)} attempts/CPU s · ${p.evaluationsPerAttempt.toFixed(0)} evaluations/attempt · ${p.holds ? 'holds' : 'OFF'}`,
      );
    }
  }
  const c = (result.clear as StepPoint[])[0];
  const f = (result.fog as StepPoint[])[0];
  lines.push(
    `noise of a 10 000-attempt run: clear ± ${(100 * c.runRateSE).toFixed(2)} % rate, ± ${c.runMeanTimeSE.toFixed(1)} s mean time; fog ± ${(100 * f.runRateSE).toFixed(2)} %, ± ${f.runMeanTimeSE.toFixed(1)} s`,
    `recommended default stepS: ${String(result.recommendedStepS)} s (largest dt whose differences from dt = 0.5 s are within 2 paired SE or half a default run's SE, in both scenarios)`,
  );
  return lines.join('\n');
}

export const stepsizeSection: BenchSection = {
  name: 'stepsize',
  description: 'rate and time to detection at dt = 0.5, 1, 2, 5 s with common random numbers; recommended default',
  run,
  format,
};
