/**
 * Bench section `optimize` (issue 14): the placement search on a 600 km straight frontier with
 * procedural relief and wadis, two panning mid-range thermal cameras per tower (bench/scenarios.ts),
 * 300 towers (the uniform 2 km count).
 *
 * 1. Contributions: every candidate tower's blocks on the breach grid, computed once on 2 worker threads.
 * 2. Incremental against full: the same random tower moves evaluated (a) incrementally — only the
 *    windows the move reaches are recomputed — and (b) by recomputing every window of the layout; the
 *    ratio of their times per evaluation (goal ≥ 50×). Both give identical values (test/optimize/
 *    objective.test.ts); here only the time counts. Also the time of one full analytic coverage run
 *    of the layout (what each evaluation would cost without the precomputation), and the same run cut
 *    into parts on 2 threads (batch/coverageJobs.ts), which must give the same report.
 * 3. Evaluations per second of the search itself (moves evaluated per second, windows per second), in
 *    one thread and with its windows shared between 2 threads (batch/parallelObjective.ts): the
 *    speed-up, and whether both searches took the same course (they must).
 * 4. Wall time of the product path (`watchline optimize --towers 300`: contributions, search,
 *    coverage of both layouts, Monte Carlo), with fewer iterations and attempts under --quick.
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { nodeWorldSource } from '../src/batch/geoFiles.ts';
import { computeContributionsPooled } from '../src/batch/contributionsPool.ts';
import { runOptimize } from '../src/batch/optimizeRun.ts';
import { StreamCursor } from '../src/core/rng.ts';
import { analyzeCoverage } from '../src/coverage/coverage.ts';
import { coverageReports } from '../src/batch/coverageJobs.ts';
import { defaultBreachCellM } from '../src/coverage/breach.ts';
import { coverageWatch } from '../src/coverage/watch.ts';
import { candidateGrid, candidateOf, layoutOf, slotOf } from '../src/optimize/candidates.ts';
import { PlacementObjective } from '../src/optimize/objective.ts';
import { ParallelObjective, sharedContributions } from '../src/batch/parallelObjective.ts';
import { searchPlacement, uniformCandidates } from '../src/optimize/search.ts';
import { resolveWorldJob } from '../src/world/build.ts';
import { worldFromJob } from '../src/world/job.ts';
import { frontierScenario } from './scenarios.ts';
import type { BenchOptions, BenchSection } from './types.ts';

const FRONTIER_KM = 600;
const TOWERS = 300;
const WORKERS = 2;

async function run(opts: BenchOptions): Promise<Record<string, unknown>> {
  const scenario = frontierScenario({ lengthKm: FRONTIER_KM, attempts: 1000 });
  const job = await resolveWorldJob(scenario, nodeWorldSource);
  const base = worldFromJob(job);
  const L = base.border.lengthM;
  const cand = candidateGrid(L, [job.config.towers.heightM]);
  const cellM = defaultBreachCellM(L, base.approachM + base.depthM);

  opts.log(`optimize: contributions of ${cand.count} candidates on ${WORKERS} workers…`);
  let t0 = performance.now();
  // In shared memory, as the command keeps them, so that the search's threads read them without a copy.
  const k = sharedContributions(await computeContributionsPooled({ job, cand, cellM, workers: WORKERS }));
  const precomputeS = (performance.now() - t0) / 1000;
  let bytes = 0;
  for (let c = 0; c < cand.count; c++) bytes += k.pInf[c].byteLength + k.rate[c].byteLength;

  const obj = new PlacementObjective(k, { attention: coverageWatch(job.config, TOWERS * job.config.cameras.length).attention });
  const layout = uniformCandidates(k, TOWERS);
  obj.setLayout(layout);
  // Random shifts of one tower by up to ±10 slots, drawn once; both methods evaluate the same ones.
  const rng = new StreamCursor(1, 0x62656e63);
  const moves = opts.quick ? 100 : 400;
  const plan: [number, number][] = [];
  const used = new Set(layout.map((c) => slotOf(cand, c)));
  while (plan.length < moves) {
    const c = layout[Math.floor(rng.next() * layout.length)];
    const slot = slotOf(cand, c) + Math.round((rng.next() - 0.5) * 20);
    if (slot < 0 || slot >= cand.slots || used.has(slot)) continue;
    plan.push([c, candidateOf(cand, slot, 0)]);
  }
  opts.log(`optimize: ${moves} moves, incremental…`);
  const w0 = obj.windowEvaluations;
  const n0 = obj.nodesPopped;
  t0 = performance.now();
  for (const [remove, add] of plan) {
    obj.move(remove, add);
    obj.score();
    obj.undo();
  }
  const incrementalMs = (performance.now() - t0) / moves;
  const windowsPerMove = (obj.windowEvaluations - w0) / moves;
  const popsPerMove = (obj.nodesPopped - n0) / moves;
  const fullMoves = opts.quick ? 5 : 20;
  opts.log(`optimize: ${fullMoves} moves, full recomputation…`);
  const n1 = obj.nodesPopped;
  t0 = performance.now();
  for (const [remove, add] of plan.slice(0, fullMoves)) {
    obj.setLayout(layout.filter((c) => c !== remove).concat(add));
    obj.score();
  }
  const fullMs = (performance.now() - t0) / fullMoves;
  const popsPerFull = (obj.nodesPopped - n1) / fullMoves;
  obj.setLayout(layout);

  opts.log('optimize: one analytic coverage run of the layout (the cost of an evaluation without precomputation)…');
  t0 = performance.now();
  const layoutJob = { ...job, config: { ...job.config, towers: layoutOf(cand, layout, job.config.towers.setbackM) } };
  const oneThread = analyzeCoverage(worldFromJob(layoutJob));
  const coverageRunS = (performance.now() - t0) / 1000;
  opts.log(`optimize: the same coverage run in parts on ${WORKERS} threads…`);
  t0 = performance.now();
  const [parts] = await coverageReports([layoutJob], WORKERS);
  const coverageRunThreadsS = (performance.now() - t0) / 1000;
  const coverageSame = JSON.stringify(parts) === JSON.stringify(oneThread);

  const iterations = opts.quick ? 300 : 1500;
  opts.log(`optimize: ${iterations} search iterations in one thread…`);
  const searchOpts = { towers: TOWERS, seed: 1, iterations, meanIterations: 0 };
  t0 = performance.now();
  const r = await searchPlacement(new PlacementObjective(k, { attention: obj.attention }), searchOpts);
  const searchS = (performance.now() - t0) / 1000;
  opts.log(`optimize: the same search on ${WORKERS} threads…`);
  const par = await ParallelObjective.create(k, { attention: obj.attention }, WORKERS);
  let parallelS: number;
  let sameCourse: boolean;
  try {
    t0 = performance.now();
    const r2 = await searchPlacement(par, searchOpts);
    parallelS = (performance.now() - t0) / 1000;
    sameCourse = JSON.stringify(r2) === JSON.stringify(r);
  } finally {
    await par.close();
  }

  opts.log('optimize: the product path (watchline optimize --towers 300)…');
  const out = mkdtempSync(path.join(os.tmpdir(), 'watchline-bench-opt-'));
  let wall: Record<string, unknown>;
  try {
    const doc = await runOptimize({
      scenario,
      job,
      towers: TOWERS,
      seed: 1,
      iterations: opts.quick ? 1000 : undefined,
      attempts: opts.quick ? 200 : 2000,
      stepS: 2,
      workers: WORKERS,
      outDir: path.join(out, 'o'),
      force: false,
    });
    wall = {
      wallS: doc.wallS,
      iterations: (doc.search as { iterations: number }).iterations,
      precomputeS: (doc.search as { precomputeS: number }).precomputeS,
      searchS: (doc.search as { searchS: number }).searchS,
      refineS: (doc.search as { refineS: number }).refineS,
      placed: { breachP: doc.breachP, minP: doc.minP, meanP: doc.meanP, detectionRate: doc.monteCarlo?.detectionRate ?? null, detectionRateWeakest: doc.monteCarloWeakest?.detectionRate ?? null },
      uniform: { breachP: doc.uniform.breachP, minP: doc.uniform.minP, meanP: doc.uniform.meanP, detectionRate: doc.uniform.monteCarlo?.detectionRate ?? null, detectionRateWeakest: doc.uniform.monteCarloWeakest?.detectionRate ?? null },
      paired: doc.gain.detectionRatePaired,
      pairedWeakest: doc.gain.detectionRateWeakestPaired,
      disagreement: (doc.search as { refinement: { disagreement: number } }).refinement.disagreement,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return {
    frontierKm: FRONTIER_KM,
    towers: TOWERS,
    candidates: cand.count,
    cellM: k.grid.ds,
    workers: WORKERS,
    precomputeS,
    contributionsMB: bytes / 1e6,
    windows: obj.windows,
    windowsPerMove,
    incrementalMs,
    fullMs,
    incrementalVsFull: fullMs / incrementalMs,
    // The same ratio in work, independent of the machine's load: nodes the window searches popped.
    popsPerMove,
    popsPerFull,
    popsFullVsIncremental: popsPerFull / popsPerMove,
    coverageRunS,
    coverageRunThreadsS,
    coverageSame,
    incrementalVsCoverageRun: (1000 * coverageRunS) / incrementalMs,
    search: {
      iterations,
      searchS,
      evaluationsPerS: iterations / searchS,
      windowEvaluationsPerS: r.evaluations / searchS,
      threads: WORKERS,
      parallelS,
      parallelEvaluationsPerS: iterations / parallelS,
      parallelSpeedup: searchS / parallelS,
      sameCourse,
    },
    product: wall,
  };
}

function format(r: Record<string, unknown>): string {
  const s = r.search as { evaluationsPerS: number; windowEvaluationsPerS: number; threads?: number; parallelEvaluationsPerS?: number; parallelSpeedup?: number; sameCourse?: boolean };
  type Paired = { difference: number; differenceCI95: [number, number] } | null;
  const p = r.product as { wallS: number; precomputeS: number; searchS: number; refineS: number; iterations: number; placed: Record<string, number>; uniform: Record<string, number>; paired: Paired; pairedWeakest: Paired; disagreement: number };
  const pts = (x: Paired) => (x ? `${(100 * x.difference).toFixed(1)} points [${(100 * x.differenceCI95[0]).toFixed(1)}, ${(100 * x.differenceCI95[1]).toFixed(1)}]` : '—');
  const n = (x: unknown, d = 1) => (x as number).toFixed(d);
  return [
    `${r.frontierKm} km, ${r.towers} towers, ${r.candidates} candidates, ${n(r.cellM)} m cells, ${r.workers} workers`,
    `  contributions       ${n(r.precomputeS)} s, ${n(r.contributionsMB, 0)} MB`,
    `  one evaluation      incremental ${n(r.incrementalMs, 2)} ms (${n(r.windowsPerMove)} of ${r.windows} windows) · full ${n(r.fullMs)} ms · ${n(r.incrementalVsFull)}× (goal ≥ 50×)`,
    ...(r.popsPerMove === undefined ? [] : [`                      nodes searched ${n(r.popsPerMove, 0)} incremental · ${n(r.popsPerFull, 0)} full · ${n(r.popsFullVsIncremental)}×`]),
    `                      a new coverage run ${n(r.coverageRunS)} s · ${n(r.incrementalVsCoverageRun, 0)}×`,
    ...(r.coverageRunThreadsS === undefined ? [] : [`  coverage run        ${n(r.coverageRunS)} s in one thread · ${n(r.coverageRunThreadsS)} s in parts on ${r.workers} threads · ×${n((r.coverageRunS as number) / (r.coverageRunThreadsS as number), 2)} · ${r.coverageSame ? 'the same report' : 'A DIFFERENT REPORT'}`]),
    `  search              ${n(s.evaluationsPerS)} evaluations/s (${n(s.windowEvaluationsPerS, 0)} windows/s) in one thread`,
    ...(s.parallelSpeedup === undefined ? [] : [`                      ${n(s.parallelEvaluationsPerS)} evaluations/s on ${s.threads} threads · ×${n(s.parallelSpeedup, 2)} · ${s.sameCourse ? 'the same course' : 'A DIFFERENT COURSE'}`]),
    `  product path        ${n(p.wallS)} s (contributions ${n(p.precomputeS)} s, search ${n(p.searchS)} s, ${p.iterations} iterations, refinement ${p.refineS === undefined ? '—' : n(p.refineS)} s)`,
    `  placed / uniform    breach P ${n(p.placed.breachP, 4)} / ${n(p.uniform.breachP, 4)} · min P ${n(p.placed.minP, 4)} / ${n(p.uniform.minP, 4)}${p.disagreement === undefined ? '' : ` · search − full worst case ${n(p.disagreement, 4)}`}`,
    ...(p.paired === undefined ? [] : [`  Monte Carlo         placed − uniform ${pts(p.paired)} (uniform crossings), ${pts(p.pairedWeakest)} (weakest points)`]),
  ].join('\n');
}

export const optimizeSection: BenchSection = {
  name: 'optimize',
  description: 'placement search on 600 km: contributions, incremental vs full objective (goal ≥ 50×), evaluations/s, wall time of watchline optimize',
  run,
  format,
};
