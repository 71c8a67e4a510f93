/**
 * `watchline coverage`: analytic coverage of a deployment (README: Commands; docs/model.md §6) — P(detect) of
 * a straight crossing per chainage bin, k-coverage, gaps, the weakest point and the worst-case breach
 * path. No Monte Carlo. Writes coverage.json and coverage.svg into a staged folder.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { CoverageReport } from '../../coverage/coverage.ts';
import { WATCHLINE_VERSION } from '../../io/version.ts';
import { defaultWorkers } from '../../batch/workerCount.ts';
import { addScenarioOptions, numberOption, scenarioFromFlags, wholeNumberOption, type ScenarioFlags } from '../options.ts';
import { defaultOutDir } from './run.ts';

interface CoverageFlags extends ScenarioFlags {
  out?: string;
  force?: boolean;
  json?: boolean;
  binM?: number;
  stepM?: number;
  cellM?: number;
  workers?: number;
}

export function registerCoverage(program: Command): Command {
  const cmd = program
    .command('coverage')
    .description('analytic coverage: P(detect) per chainage, k-coverage, gaps, weakest point, worst-case breach path (no Monte Carlo)')
    .option('--out <dir>', 'output folder (default: out/coverage-<date>-<time>)')
    .option('--force', 'replace an existing output folder')
    .option('--json', 'print coverage.json on stdout instead of the readable summary')
    .option('--bin-m <m>', 'width of a profile bin along the border, m (default 50)', numberOption(1, 1e6))
    .option('--step-m <m>', 'integration step along a crossing, m of walking (default 5)', numberOption(0.1, 1000))
    .option('--cell-m <m>', 'breach-path grid cell, m (default: about 150,000 cells over the strip)', numberOption(1, 1e5))
    .option('--workers <w>', `worker threads for the profile and the breach search (default: all cores, here ${defaultWorkers()})`, wholeNumberOption(1, 256));
  addScenarioOptions(cmd);
  return cmd
    .addHelpText('after', '\nExamples:\n  watchline coverage\n  watchline coverage --config sim-configs/spacing-4km.yaml --out out/cov4 --json\n  watchline coverage --set scene.environment.visibility=dust')
    .action(async (flags: CoverageFlags) => {
      // Imported when the command runs, so `--help` starts without the simulation.
      const [{ nodeWorldSource }, { stageOutDir, checkOutDir }, { renderSvg }, { DEFAULT_CONFIG_LABEL, DEFAULT_SCENE_LABEL }, { coverageReports }, { coverageDocument }, { coverageFigure }, { buildWorld }, { interruptible }] = await Promise.all([
        import('../../batch/geoFiles.ts'),
        import('../../batch/outputFolder.ts'),
        import('../../batch/plot.ts'),
        import('../../config/defaults.ts'),
        import('../../batch/coverageJobs.ts'),
        import('../../coverage/coverageJson.ts'),
        import('../../coverage/plotSpec.ts'),
        import('../../world/build.ts'),
        import('../interrupt.ts'),
      ]);
      const scenario = await scenarioFromFlags(flags);
      const outDir = flags.out ?? defaultOutDir('coverage');
      // Before any work: a bad --out is exit 2 now, not after the analysis.
      checkOutDir(outDir, flags.force ?? false);
      const { job, world } = await buildWorld(scenario, nodeWorldSource);
      await checkCoverageWork(world.border.lengthM, world.approachM + world.depthM, flags);
      const t0 = performance.now();
      // The profile's slices and the breach search on worker threads: the same report as one thread.
      const opts = { binM: flags.binM, stepM: flags.stepM, breachCellM: flags.cellM };
      const [report] = await interruptible((signal) => coverageReports([job], flags.workers ?? defaultWorkers(), signal, undefined, opts));
      const labels = { version: WATCHLINE_VERSION, scene: scenario.sceneFile ?? DEFAULT_SCENE_LABEL, config: scenario.configFile ?? DEFAULT_CONFIG_LABEL };
      const doc = coverageDocument(report, labels);
      const svg = await renderSvg(coverageFigure(report, world, labels));
      const staged = stageOutDir(outDir, flags.force ?? false);
      try {
        const text = JSON.stringify(doc, null, 2) + '\n';
        writeFileSync(path.join(staged.dir, 'coverage.json'), text);
        writeFileSync(path.join(staged.dir, 'coverage.svg'), svg);
        staged.commit();
        if (flags.json) process.stdout.write(text);
        else process.stdout.write(formatCoverage(report, outDir));
      } catch (e) {
        staged.abort();
        throw e;
      }
      process.stderr.write(`coverage: ${report.profile.length} crossings and a ${report.breachPath?.columns ?? 0} × ${report.breachPath?.rows ?? 0} breach grid in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    });
}

/** Most breach-grid nodes a --cell-m may ask for (the default cell aims at 150,000). */
export const MAX_BREACH_GRID_NODES = 2_000_000;
/** Most integration steps the profile may take in all (bins × steps per crossing; default 10 km: 1.2 × 10^5). */
export const MAX_PROFILE_STEPS = 20_000_000;

/**
 * Refuses, before the analysis starts, flags whose cost grows without bound (exit 2 naming the flag):
 * a breach grid of more than MAX_BREACH_GRID_NODES cells, a profile of more than MAX_PROFILE_STEPS steps.
 */
export async function checkCoverageWork(lengthM: number, stripM: number, flags: Pick<CoverageFlags, 'binM' | 'stepM' | 'cellM'>): Promise<void> {
  const { InputError } = await import('../../config/errors.ts');
  const { MAX_PROFILE_BINS, PROFILE_BIN_M, PROFILE_STEP_M } = await import('../../coverage/profile.ts');
  if (flags.cellM !== undefined) {
    const nodes = (lengthM / flags.cellM + 1) * (stripM / flags.cellM + 1);
    if (nodes > MAX_BREACH_GRID_NODES) {
      const min = Math.ceil(Math.sqrt((lengthM * stripM) / MAX_BREACH_GRID_NODES)) + 1;
      throw InputError.of({ file: '--cell-m', path: '', got: String(flags.cellM), message: `a breach grid of ${flags.cellM} m cells over the ${(lengthM / 1000).toFixed(1)} km × ${stripM} m strip has ${nodes.toExponential(2)} cells`, allowed: `at most ${MAX_BREACH_GRID_NODES.toLocaleString('en-US')} cells: here --cell-m ${min} or more (or no --cell-m, for about 150,000)` });
    }
  }
  const bins = Math.max(1, Math.min(MAX_PROFILE_BINS, Math.ceil(lengthM / (flags.binM ?? PROFILE_BIN_M) - 1e-9)));
  const steps = bins * Math.ceil(stripM / (flags.stepM ?? PROFILE_STEP_M));
  if (steps > MAX_PROFILE_STEPS) {
    throw InputError.of({ file: flags.stepM !== undefined ? '--step-m' : '--bin-m', path: '', got: String(flags.stepM ?? flags.binM), message: `the profile would integrate ${bins} crossings of ${Math.ceil(stripM / (flags.stepM ?? PROFILE_STEP_M))} steps each (${steps.toExponential(2)} steps)`, allowed: `at most ${MAX_PROFILE_STEPS.toExponential(1)} steps: a larger --step-m or --bin-m` });
  }
}

function formatCoverage(r: CoverageReport, outDir: string): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const gaps = r.gaps.length ? r.gaps.slice(0, 8).map((g) => `${g.fromKm.toFixed(2)}–${g.toKm.toFixed(2)}`).join(', ') + (r.gaps.length > 8 ? `, … (${r.gaps.length} in all)` : '') : 'none';
  const lines = [
    `Coverage — frontier ${r.frontierKm.toFixed(1)} km · ${r.towers} towers · ${r.cameras} cameras`,
    `  reference          ${r.reference.kind} at ${r.reference.speedMps} m/s, ΔT ${r.reference.effectiveDeltaTK.toFixed(2)} K, σ ${r.reference.sigmaPerKm}/km`,
    `  covered (P ≥ 0.5)  ${pct(r.coveredFraction)} of the length · mean P ${r.meanPDetect.toFixed(4)}`,
    `  k-coverage         k ≥ 1 ${pct(r.kCoverage.atLeast1)} · k ≥ 2 ${pct(r.kCoverage.atLeast2)} · k ≥ 3 ${pct(r.kCoverage.atLeast3)}`,
    `  gaps (P < 0.5)     ${gaps}`,
    `  weakest            km ${r.weakestKm.toFixed(3)}: P = ${r.weakestPDetect.toFixed(4)}`,
  ];
  if (r.breachPath) lines.push(`  breach path        P = ${r.breachPath.pDetect.toFixed(4)} (${r.breachPath.method === 'grid' ? `grid ${r.breachPath.cellAlongM.toFixed(0)} m` : 'a straight crossing'}; best straight crossing on the grid ${r.breachPath.straightPDetect.toFixed(4)} at km ${r.breachPath.straightKm.toFixed(3)})`);
  lines.push(`  results            ${outDir}/coverage.json, coverage.svg`);
  return lines.join('\n') + '\n';
}
