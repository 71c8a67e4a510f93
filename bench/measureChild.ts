/**
 * Child process of a measured run (bench/runs.ts `runMeasuredInChild`): builds the benchmark
 * scenario from the JSON options in argv[2], runs it through the product path and prints the
 * MeasuredRun as one JSON line on stdout. Started with `node --import tsx --import bench/peakRss.mjs`,
 * so the parent also gets the process's peak resident set size, free of everything the parent holds.
 */
import { frontierScenario } from './scenarios.ts';
import type { FrontierOptions } from './scenarios.ts';
import { runMeasured } from './runs.ts';

const o = JSON.parse(process.argv[2] ?? '{}') as FrontierOptions & { attempts: number; workers: number; seed: number; stepS: number };
const scenario = frontierScenario(o);
const result = await runMeasured(scenario, { attempts: o.attempts, workers: o.workers, seed: o.seed, stepS: o.stepS, log: (m) => process.stderr.write(`${m}\n`) });
process.stdout.write(JSON.stringify(result) + '\n');
