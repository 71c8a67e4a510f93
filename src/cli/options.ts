/**
 * Flag helpers shared by the commands, so every command spells and checks the common flags alike.
 * A bad flag value throws commander's InvalidArgumentError, which becomes exit code 2.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { Scenario } from '../config/load.ts';

/** Accumulates a repeatable option: `.option('--set <key=value>', '…', collect, [])`. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A parser for a whole-number flag ≥ `min`: `.option('--attempts <n>', '…', wholeNumberOption(1))`. */
export function wholeNumberOption(min = 1, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^[+-]?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number ${max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`}.`);
    }
    return n;
  };
}

/** A parser for a finite number flag in [min, max]. */
export function numberOption(min = -Infinity, max = Infinity): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a finite number${Number.isFinite(min) ? ` ≥ ${min}` : ''}${Number.isFinite(max) ? ` and ≤ ${max}` : ''}.`);
    }
    return n;
  };
}

/** The flags that pick a scenario, as commander hands them over. */
export interface ScenarioFlags {
  scene?: string;
  config?: string;
  set?: string[];
}

/** Adds `--scene F`, `--config F` and the repeatable `--set key=value`. */
export function addScenarioOptions(cmd: Command): Command {
  return cmd
    .option('--scene <file>', 'scene file (YAML or JSON); overrides the config\'s scene:')
    .option('--config <file>', 'sim-config file (YAML or JSON); default: the built-in default deployment')
    .option('--set <key=value>', 'override a field by dotted path, e.g. towers.spacingM=1500 or scene.environment.visibility=haze (repeatable)', collect, []);
}

/**
 * Loads the scenario the flags name. `extraSets` come after the user's `--set`s, so dedicated flags
 * (`--attempts N` → `run.attempts=N`) win over them. The loader (and its schema and YAML libraries)
 * is imported only here, when a command runs: `--help` and `--version` start without it.
 */
export async function scenarioFromFlags(flags: ScenarioFlags, extraSets: readonly string[] = []): Promise<Scenario> {
  const { loadScenario } = await import('../config/load.ts');
  return loadScenario({ configPath: flags.config, scenePath: flags.scene, sets: [...(flags.set ?? []), ...extraSets] });
}
