/**
 * `watchline optimize` without the CLI (docs/model.md §9): computes every candidate tower's
 * contribution once, searches a placement (src/optimize/), evaluates the placed and the evenly spaced
 * layouts of the same count with the full analytic coverage, confirms them by Monte Carlo with common
 * random numbers on the worker pool, and writes towers.yaml, optimize.json and one map per layout
 * into a staged folder (complete or nothing).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { stringify } from 'yaml';
import type { Scenario } from '../config/scenario.ts';
import { DEFAULT_CONFIG_LABEL, DEFAULT_SCENE_LABEL } from '../config/defaults.ts';
import { ATTEMPT_COLUMNS } from '../core/attemptRow.ts';
import { round, wilson } from '../core/metrics.ts';
import type { ConfigSpec, TowerLayoutSpec } from '../core/spec.ts';
import type { CoverageReport } from '../coverage/coverage.ts';
import { coverageReports } from './coverageJobs.ts';
import { defaultBreachCellM } from '../coverage/breach.ts';
import { coveragePlotSpec } from '../coverage/plotSpec.ts';
import { coverageWatch } from '../coverage/watch.ts';
import { weakestDensity } from '../coverage/weakest.ts';
import { WATCHLINE_VERSION } from '../io/version.ts';
import { CANDIDATE_STEP_M, SEARCH_MIN_PINF, candidateGrid, layoutOf, type Contributions } from '../optimize/candidates.ts';
import { candidateJob, computeContributionsPooled } from './contributionsPool.ts';
import type { SearchObjective, Score } from '../optimize/objective.ts';
import { ParallelObjective, sharedContributions } from './parallelObjective.ts';
import { pairedDifference } from '../optimize/paired.ts';
import { breachChain, refinePlacement, weakCrossingsKm, type FullBreach, type RefineResult } from '../optimize/refine.ts';
import { chainSample, sampleContributions, straightSample, type PathSample } from '../optimize/pinned.ts';
import { createRateContext, type RateContext } from '../coverage/rate.ts';
import { referenceTarget } from '../coverage/reference.ts';
import { searchPlacement, type SearchResult } from '../optimize/search.ts';
import { worldJobFor } from '../world/build.ts';
import { worldFromJob, type WorldJob } from '../world/job.ts';
import { FIELDS } from './codec.ts';
import { stageOutDir } from './outputFolder.ts';
import { renderSvg } from './plot.ts';
import { chunkRanges, runPool } from './pool.ts';

export interface OptimizeOptions {
  scenario: Scenario;
  job: WorldJob;
  /** Place this many towers … */
  towers?: number;
  /** … or the fewest that reach this worst-case breach P. */
  target?: number;
  /** Heights a tower may take, m (default: the layout's height). */
  heightsM?: number[];
  /** Candidate spacing along the line, m (default 100). */
  stepM?: number;
  /** Breach grid cell, m (default: the coverage's). */
  cellM?: number;
  seed: number;
  iterations?: number;
  /** Rounds of refinement by the full coverage's breach path (default 3; 0: none). */
  refineRounds?: number;
  /** Monte Carlo attempts per layout (0: no Monte Carlo). */
  attempts: number;
  stepS: number;
  workers: number;
  outDir: string;
  force: boolean;
  onProgress?: (phase: string, done: number, total: number, objective: Score | null) => void;
  signal?: AbortSignal;
}

/** One layout's figures, as optimize.json reports them. */
export interface LayoutFigures {
  towers: number;
  at: number[];
  heightsM: number[];
  breachP: number;
  minP: number;
  meanP: number;
  coveredFraction: number;
  breachPath: { pDetect: number; found: string; method: string; points: { km: number; offsetM: number; x: number; y: number }[] } | null;
  monteCarlo: MonteCarloFigures | null;
  /** The same attempts crossing at the layout's weakest points (the scene's `weakest` crossing distribution, from this layout's own profile). */
  monteCarloWeakest: MonteCarloFigures | null;
}

export interface MonteCarloFigures {
  attempts: number;
  detected: number;
  detectionRate: number;
  detectionRateCI95: [number, number];
}

/** Placed − uniform detection rate, attempt by attempt on the same attempts, with its 95 % interval. */
export interface PairedFigures {
  attempts: number;
  placedOnly: number;
  uniformOnly: number;
  difference: number;
  differenceCI95: [number, number];
}

export interface OptimizeDocument extends LayoutFigures {
  watchline: string;
  scene: string;
  config: string;
  seed: number;
  frontierKm: number;
  goal: { towers: number } | { targetP: number; reached: boolean };
  uniform: LayoutFigures & { spacingM: number };
  /** How much the placement improves on uniform spacing: differences placed − uniform. */
  gain: {
    breachP: number;
    minP: number;
    meanP: number;
    detectionRate: number | null;
    /** The same difference of detection rates attempt by attempt (common random numbers), with its 95 % interval. */
    detectionRatePaired: PairedFigures | null;
    /** The same two against crossings at each layout's weakest points. */
    detectionRateWeakest: number | null;
    detectionRateWeakestPaired: PairedFigures | null;
  };
  search: Record<string, unknown>;
  method: Record<string, string>;
  wallS: number;
}

const r6 = (x: number) => round(x, 6);

/** The column of attempts.csv that says whether an attempt was detected. */
const DETECTED = ATTEMPT_COLUMNS.findIndex((c) => c.name === 'detected');

/** The column of attempts.csv with the attempt's id. */
const ID = ATTEMPT_COLUMNS.findIndex((c) => c.name === 'id');

/** Monte Carlo of several jobs on the same attempts (same seed and ids: common random numbers); per job, 1 where attempt i was detected. */
async function confirm(jobs: WorldJob[], o: OptimizeOptions): Promise<Uint8Array[]> {
  const detected = jobs.map(() => new Uint8Array(Math.max(0, o.attempts)));
  if (o.attempts <= 0) return detected;
  const ranges = chunkRanges(0, o.attempts, 250);
  const tasks = jobs.flatMap((_, j) => ranges.map(([from, to]) => ({ jobId: j, seed: o.seed, stepS: o.stepS, from, to })));
  let done = 0;
  await runPool({
    jobs: new Map(jobs.map((job, j) => [j, job])),
    tasks,
    workers: o.workers,
    signal: o.signal,
    onResult: (task, data) => {
      const { jobId, from, to } = tasks[task];
      for (let i = 0; i < data.length / FIELDS; i++) {
        const id = data[i * FIELDS + ID];
        if (!(id >= from && id < to)) throw new Error(`monte carlo: attempt id ${id} outside its task's range [${from}, ${to})`);
        if (data[i * FIELDS + DETECTED] === 1) detected[jobId][id] = 1;
      }
      done += to - from;
      o.onProgress?.('monte carlo', done, o.attempts * jobs.length, null);
    },
  });
  return detected;
}

const count = (flags: Uint8Array) => flags.reduce((s, f) => s + f, 0);

function mcFigures(flags: Uint8Array | null): MonteCarloFigures | null {
  if (!flags || flags.length === 0) return null;
  const n = flags.length;
  const d = count(flags);
  return { attempts: n, detected: d, detectionRate: r6(d / n), detectionRateCI95: wilson(d, n).map(r6) as [number, number] };
}

function pairedFigures(a: Uint8Array | null, b: Uint8Array | null): PairedFigures | null {
  if (!a || !b || a.length === 0) return null;
  const p = pairedDifference(a, b);
  return { attempts: p.attempts, placedOnly: p.placedOnly, uniformOnly: p.uniformOnly, difference: r6(p.difference), differenceCI95: p.differenceCI95.map(r6) as [number, number] };
}

/** The job with attempts crossing at the weakest points of the layout's own coverage profile (as `watchline run` builds it). */
function weakestJob(job: WorldJob, report: CoverageReport): WorldJob {
  const d = weakestDensity(report.profile);
  return { ...job, scene: { ...job.scene, crossing: { distribution: 'weakest' } }, weakest: { edgesM: d.edgesM, cdf: d.cdf } };
}

function figures(report: CoverageReport, towerKm: number[], towerHeights: number[], mc: Uint8Array | null, mcWeakest: Uint8Array | null): LayoutFigures {
  const b = report.breachPath;
  return {
    towers: towerKm.length,
    at: towerKm.map((km) => round(km, 4)),
    heightsM: towerHeights,
    breachP: r6(b ? b.pDetect : report.weakestPDetect),
    minP: r6(report.weakestPDetect),
    meanP: r6(report.meanPDetect),
    coveredFraction: r6(report.coveredFraction),
    breachPath: b
      ? { pDetect: r6(b.pDetect), found: b.found, method: b.method, points: b.points.map((p) => ({ km: round(p.km, 4), offsetM: round(p.offsetM, 1), x: round(p.x, 1), y: round(p.y, 1) })) }
      : null,
    monteCarlo: mcFigures(mc),
    monteCarloWeakest: mcFigures(mcWeakest),
  };
}

/** The towers.yaml text: a `towers:` block a sim-config can paste or include. */
export function towersYaml(layout: TowerLayoutSpec & { at: { km: number; heightM?: number }[] }, note: string): string {
  const at = layout.at.map((t) => (t.heightM !== undefined && t.heightM !== layout.heightM ? { km: round(t.km, 4), heightM: t.heightM } : { km: round(t.km, 4) }));
  const doc = { towers: { setbackM: layout.setbackM, heightM: layout.heightM, at } };
  const body = stringify(doc, { flowCollectionPadding: true, collectionStyle: 'any' })
    // One tower per line, as a flow mapping: { km: 1.2 }.
    .replace(/^( {4}- )km: (.+)\n {6}heightM: (.+)$/gm, '$1{ km: $2, heightM: $3 }')
    .replace(/^( {4}- )km: (.+)$/gm, '$1{ km: $2 }');
  return `${note.split('\n').map((l) => `# ${l}`).join('\n')}\n${body}`;
}

/** The search options of a tower count (the edge's progress and pause). */
function searchOptions(n: number, o: OptimizeOptions, phase: string, iterations = o.iterations) {
  return {
    towers: n,
    seed: o.seed,
    iterations,
    onProgress: (d: number, t: number, best: Score) => o.onProgress?.(phase, d, t, best),
    pause: async () => {
      await yieldToLoop();
      o.signal?.throwIfAborted();
    },
  };
}

/**
 * One search at a tower count: a fresh objective at that count's attention share, its windows
 * computed on o.workers threads (parallelObjective.ts); it joins `open`, for the caller to close.
 */
async function searchAt(k: Contributions, config: ConfigSpec, n: number, o: OptimizeOptions, phase: string, open: ParallelObjective[]): Promise<{ obj: ParallelObjective; result: SearchResult; searchS: number }> {
  const attention = coverageWatch(config, n * config.cameras.length).attention;
  const obj = await ParallelObjective.create(k, { attention }, o.workers);
  open.push(obj);
  const t0 = performance.now();
  const result = await searchPlacement(obj, searchOptions(n, o, phase));
  return { obj, result, searchS: (performance.now() - t0) / 1000 };
}

/** Rounds of refinement by default, and the gap between search and full coverage that starts one. */
const REFINE_ROUNDS = 2;
const REFINE_TOLERANCE = 0.001;

/** Paths pinned per refinement round at most (each costs about a second on 600 km). */
const MAX_PINS_PER_ROUND = 8;

/** A layout's full coverage, as the refinement sees it. */
type FullCoverage = { pDetect: number; points: { km: number; offsetM: number }[]; report: CoverageReport; job: WorldJob };

export async function runOptimize(o: OptimizeOptions): Promise<OptimizeDocument> {
  // Every objective's worker threads stop with the run, whether it succeeds or fails.
  const open: ParallelObjective[] = [];
  try {
    return await optimizeWith(o, open);
  } finally {
    await Promise.all(open.map((obj) => obj.close()));
  }
}

async function optimizeWith(o: OptimizeOptions, open: ParallelObjective[]): Promise<OptimizeDocument> {
  const t0 = performance.now();
  const { scene, config } = o.job;
  const files = { borderXY: o.job.borderXY, ground: o.job.ground, frontier: o.job.frontier };
  const base = worldFromJob(o.job);
  const L = base.border.lengthM;
  const heights = o.heightsM?.length ? [...new Set(o.heightsM)].sort((a, b) => a - b) : [config.towers.heightM];
  const setbackM = config.towers.setbackM;
  const cand = candidateGrid(L, heights, o.stepM ?? CANDIDATE_STEP_M);
  const cellM = o.cellM ?? defaultBreachCellM(L, base.approachM + base.depthM);

  // Every candidate's contribution, once, on the worker threads; then in shared memory, so that the
  // search's threads read them without a copy each.
  const tPre = performance.now();
  const contributions = await computeContributionsPooled({
    job: o.job,
    cand,
    cellM,
    workers: o.workers,
    onProgress: (d, t) => o.onProgress?.('precompute', d, t, null),
    signal: o.signal,
  }).then((k) => (o.workers > 1 ? sharedContributions(k) : k));
  const precomputeS = (performance.now() - tPre) / 1000;

  // Fixed count, or the fewest towers whose placement reaches the target (bisection on the count).
  let n: number;
  let found: { obj: ParallelObjective; result: SearchResult; searchS: number };
  const probes: { towers: number; worst: number; mean: number }[] = [];
  if (o.towers !== undefined) {
    n = o.towers;
    found = await searchAt(contributions, config, n, o, 'search', open);
  } else {
    const target = o.target!;
    let lo = 0;
    let hi = Math.max(1, Math.round(L / 2000));
    let best: typeof found | null = null;
    // Grow until the target is reached (or every slot holds a tower).
    for (;;) {
      const r = await searchAt(contributions, config, hi, o, `search ${hi} towers`, open);
      probes.push({ towers: hi, worst: r6(r.result.score.worst), mean: r6(r.result.score.mean) });
      if (r.result.score.worst >= target || hi >= cand.slots) {
        best = r;
        break;
      }
      await r.obj.close();
      lo = hi;
      hi = Math.min(cand.slots, hi * 2);
    }
    while (hi - lo > 1 && best.result.score.worst >= target) {
      const mid = Math.floor((lo + hi) / 2);
      const r = await searchAt(contributions, config, mid, o, `search ${mid} towers`, open);
      probes.push({ towers: mid, worst: r6(r.result.score.worst), mean: r6(r.result.score.mean) });
      if (r.result.score.worst >= target) {
        hi = mid;
        await best.obj.close();
        best = r;
      } else {
        await r.obj.close();
        lo = mid;
      }
    }
    n = best.result.towers.length;
    found = best;
  }
  const spacingM = L / n;
  const uniformLayout: TowerLayoutSpec = { spacingM, offsetM: spacingM / 2, setbackM, heightM: config.towers.heightM };
  const uniformJob = worldJobFor(scene, { ...config, towers: uniformLayout }, files);
  const placedLayoutOf = (towers: readonly number[]) => {
    const l = layoutOf(cand, towers, setbackM) as TowerLayoutSpec & { at: { km: number; heightM: number }[] };
    l.heightM = config.towers.heightM;
    return l;
  };

  // The full coverage of the placed layout (the first time side by side with the evenly spaced one);
  // where its breach path is weaker than the search believed, the path is pinned and the search goes on.
  o.onProgress?.('coverage', 0, 2, found.result.score);
  const reports: { uniform?: CoverageReport } = {};
  let coverageRuns = 0;
  const fullBreach = async (towers: readonly number[]): Promise<FullCoverage> => {
    const job = worldJobFor(scene, { ...config, towers: placedLayoutOf(towers) }, files);
    const phase = coverageRuns++ === 0 ? 'coverage' : `coverage (refinement ${coverageRuns - 1})`;
    let report: CoverageReport;
    if (!reports.uniform) [report, reports.uniform] = await coverageReports([job, uniformJob], o.workers, o.signal, (d) => o.onProgress?.(phase, d, 2, found.result.score));
    else [report] = await coverageReports([job], o.workers, o.signal);
    const b = report.breachPath;
    return { pDetect: b ? b.pDetect : report.weakestPDetect, points: b ? b.points : [], report, job };
  };
  const tRefine = performance.now();
  // Paths are pinned as the full coverage samples them, with every candidate's contribution computed
  // on them in the candidates' world (built here once, only if a round needs it).
  let candCtx: RateContext | null = null;
  const pin = (obj: SearchObjective, full: FullBreach, floor: number): number => {
    const ctx = (candCtx ??= createRateContext(worldFromJob(candidateJob(o.job, cand)), referenceTarget(base)));
    const f = full as FullCoverage;
    const b = f.report.breachPath;
    const samples: PathSample[] = [];
    if (b && b.method === 'grid') samples.push(chainSample(ctx, obj.k.grid, breachChain(obj.k.grid, f.points)));
    // The profile's weak crossings: the lowest bin of each run of bins below the floor, weakest first
    // (the breach path itself, when straight, is the weakest of them).
    for (const km of weakCrossingsKm(f.report.profile, floor, MAX_PINS_PER_ROUND - samples.length)) samples.push(straightSample(ctx, obj.k.grid, km * 1000));
    for (const s of samples) obj.pinSample(s, sampleContributions(ctx, s));
    return samples.length;
  };
  const refined: RefineResult<FullCoverage> = await refinePlacement<FullCoverage>(found.obj, found.result, {
    rounds: o.refineRounds ?? REFINE_ROUNDS,
    tolerance: REFINE_TOLERANCE,
    pin,
    search: searchOptions(n, o, 'refine', Math.max(200, Math.round((o.iterations ?? Math.max(400, 40 * n)) / 4))),
    fullBreach,
  });
  const refineS = (performance.now() - tRefine) / 1000;
  const placedLayout = placedLayoutOf(refined.towers);
  const placedJob = refined.full.job;
  const placedReport = refined.full.report;
  const uniformReport = reports.uniform!;
  const placedWorld = worldFromJob(placedJob);
  const uniformWorld = worldFromJob(uniformJob);
  // The scene's crossings, and (unless the scene already uses them) crossings at each layout's weakest points.
  const adversary = scene.crossing.distribution !== 'weakest';
  const mcJobs = [placedJob, uniformJob, ...(adversary ? [weakestJob(placedJob, placedReport), weakestJob(uniformJob, uniformReport)] : [])];
  const flags = o.attempts > 0 ? await confirm(mcJobs, o) : [];
  const [placedFlags, uniformFlags, placedWeakest, uniformWeakest] = [0, 1, 2, 3].map((i) => flags[i] ?? null);

  const placedKm = Array.from(placedWorld.towers.sM, (s) => s / 1000);
  const uniformKm = Array.from(uniformWorld.towers.sM, (s) => s / 1000);
  const placed = figures(placedReport, placedKm, Array.from(placedWorld.towers.heightM), placedFlags, placedWeakest);
  const uniform = { ...figures(uniformReport, uniformKm, Array.from(uniformWorld.towers.heightM), uniformFlags, uniformWeakest), spacingM: round(spacingM, 3) };
  const labels = { scene: o.scenario.sceneFile ?? DEFAULT_SCENE_LABEL, config: o.scenario.configFile ?? DEFAULT_CONFIG_LABEL };
  const windowEvaluations = found.result.evaluations;
  const doc: OptimizeDocument = {
    watchline: WATCHLINE_VERSION,
    ...labels,
    seed: o.seed,
    frontierKm: r6(L / 1000),
    goal: o.towers !== undefined ? { towers: n } : { targetP: o.target!, reached: placed.breachP >= o.target! },
    ...placed,
    uniform,
    gain: {
      breachP: r6(placed.breachP - uniform.breachP),
      minP: r6(placed.minP - uniform.minP),
      meanP: r6(placed.meanP - uniform.meanP),
      detectionRate: placed.monteCarlo && uniform.monteCarlo ? r6(placed.monteCarlo.detectionRate - uniform.monteCarlo.detectionRate) : null,
      detectionRatePaired: pairedFigures(placedFlags, uniformFlags),
      detectionRateWeakest: placed.monteCarloWeakest && uniform.monteCarloWeakest ? r6(placed.monteCarloWeakest.detectionRate - uniform.monteCarloWeakest.detectionRate) : null,
      detectionRateWeakestPaired: pairedFigures(placedWeakest, uniformWeakest),
    },
    search: {
      candidates: cand.count,
      candidateStepM: round(cand.slotM, 3),
      heightsM: heights,
      setbackM,
      cellM: round(contributions.grid.ds, 3),
      windowM: round(found.obj.local.windowCols * contributions.grid.ds, 1),
      marginM: round(found.obj.local.marginCols * contributions.grid.ds, 1),
      minPInf: SEARCH_MIN_PINF,
      start: found.result.start,
      iterations: found.result.iterations,
      accepted: found.result.accepted,
      windowEvaluations,
      // One evaluation = one changed layout scored (its affected windows recomputed).
      evaluationsPerS: round(found.result.iterations / Math.max(found.searchS, 1e-9), 1),
      windowEvaluationsPerS: round(windowEvaluations / Math.max(found.searchS, 1e-9), 1),
      objective: {
        placed: { worst: r6(refined.score.worst), mean: r6(refined.score.mean) },
        greedy: { worst: r6(found.result.greedy.worst), mean: r6(found.result.greedy.mean) },
        uniformSnapped: { worst: r6(found.result.uniform.worst), mean: r6(found.result.uniform.mean) },
      },
      meanPhase: {
        iterations: found.result.meanPhase.iterations,
        accepted: found.result.meanPhase.accepted,
        from: { worst: r6(found.result.meanPhase.from.worst), mean: r6(found.result.meanPhase.from.mean) },
      },
      refinement: {
        rounds: refined.rounds.map((r) => ({ searchWorst: r6(r.searchWorst), searchMean: r6(r.searchMean), fullBreachP: r6(r.fullBreachP), pinnedPaths: r.pinnedPaths })),
        chosen: refined.chosen,
        pinnedPaths: found.obj.pinnedCount,
        // How far the search's worst case of the placed layout is above the full coverage's (> 0: the search was optimistic).
        disagreement: r6(refined.rounds[refined.chosen].searchWorst - refined.rounds[refined.chosen].fullBreachP),
        iterationsPerRound: Math.max(200, Math.round((o.iterations ?? Math.max(400, 40 * n)) / 4)),
      },
      ...(probes.length && { probes }),
      precomputeS: round(precomputeS, 2),
      searchS: round(found.searchS, 2),
      refineS: round(refineS, 2),
    },
    method: {
      objective: 'maximise the worst-case breach P(detect) (ties: mean P of straight crossings), searched on windows of the breach grid with towers\' contributions computed once; the figures reported are the full analytic coverage of each layout',
      uniform: 'the same number of towers evenly spaced: spacing = frontier / towers, the first at half a spacing',
      monteCarlo: 'both layouts simulated on the same attempts (same seed and attempt ids: common random numbers), Wilson 95 % intervals; the paired difference is the mean of 1[placed detects] − 1[uniform detects] over the attempts, with its normal 95 % interval; monteCarloWeakest: the same attempts crossing at the weakest points of each layout\'s own coverage profile (the `weakest` crossing distribution), an adversary who knows the layout',
      refinement: 'the full coverage of the placed layout; when its breach path is weaker than the search\'s worst case, the path is pinned into the search\'s objective and the search goes on (at most a few rounds); of the layouts the full coverage evaluated, the one with the highest full worst case is placed',
    },
    wallS: 0,
  };

  const staged = stageOutDir(o.outDir, o.force);
  try {
    const note = `Placed by watchline optimize (${labels.config} on ${labels.scene}, seed ${o.seed}): ${n} towers,\nworst-case breach P ${placed.breachP.toFixed(4)} (evenly spaced: ${uniform.breachP.toFixed(4)}). Paste this block into a sim-config.`;
    writeFileSync(path.join(staged.dir, 'towers.yaml'), towersYaml(placedLayout, note));
    const [placedSvg, uniformSvg] = [
      await renderSvg(coveragePlotSpec(placedReport, placedKm, `Placed — ${n} towers (watchline optimize)`)),
      await renderSvg(coveragePlotSpec(uniformReport, uniformKm, `Evenly spaced — ${n} towers every ${(spacingM / 1000).toFixed(3)} km`)),
    ];
    writeFileSync(path.join(staged.dir, 'placed.svg'), placedSvg);
    writeFileSync(path.join(staged.dir, 'uniform.svg'), uniformSvg);
    doc.wallS = round((performance.now() - t0) / 1000, 2);
    writeFileSync(path.join(staged.dir, 'optimize.json'), JSON.stringify(doc, null, 2) + '\n');
    o.signal?.throwIfAborted();
    staged.commit();
  } catch (e) {
    staged.abort();
    throw e;
  }
  return doc;
}
