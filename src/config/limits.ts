/**
 * Limits that keep a valid-looking scenario from hanging a run or exhausting memory: the largest
 * border, the most cameras, the most simulation steps one attempt may take. Each limit is far beyond
 * any real deployment (README "Reliability" lists them); past it the scenario is refused with a
 * message naming the field to change, instead of running for days or dying in the allocator.
 *
 * Pure (no node:*): the CLI and the browser check the same rules.
 */
import { DEFAULT_DELAY_S } from '../core/barrier.ts';
import type { ConfigSpec, SceneSpec, TowerLayoutSpec } from '../core/spec.ts';
import { THREAT_DEFAULTS } from '../core/threats.ts';
import type { Problem } from './errors.ts';

/** Longest border, km: half the Earth's circumference (the longest real land border is 8,891 km). */
export const MAX_BORDER_KM = 20_000;
/** Most cameras (towers × cameras per tower): about 170 bytes each in a run, so at most ~170 MB. */
export const MAX_CAMERAS = 1_000_000;
/** Most steps of stepS one attempt may need from start to through (the default scene's longest attempt lasts 7,590 s). */
export const MAX_STEPS_PER_ATTEMPT = 10_000_000;
/** Most attempts of one run (ids key 32-bit random streams; the CLI's --attempts has the same cap). */
export const MAX_ATTEMPTS = 100_000_000;

/**
 * Number of towers a layout puts on a line of `lengthM`, computed without listing them (a 1 mm
 * spacing on a long border would otherwise allocate billions of chainages before any check).
 * Agrees with core/towers.ts towerChainages for every layout that passes the limits.
 */
export function towerCount(layout: TowerLayoutSpec, lengthM: number): number {
  if ('at' in layout) return layout.at.length;
  if (layout.offsetM > lengthM + 1e-6) return 0;
  return Math.floor((lengthM + 1e-6 - layout.offsetM) / layout.spacingM) + 1;
}

/** The longest attempt of the scene: its kind, duration from start to through, s, and steps of stepS. */
export function longestAttempt(scene: SceneSpec, stepS: number): { kind: string; durationS: number; steps: number } {
  let worst = { kind: '', durationS: 0, steps: 0 };
  for (const t of scene.threats) {
    const speed = t.speedMps ?? THREAT_DEFAULTS[t.kind].speedMps;
    const delay = scene.border.barrier.delayS?.[t.kind] ?? DEFAULT_DELAY_S[t.kind];
    const durationS = (scene.strip.approachM + scene.strip.depthM) / speed + delay;
    const steps = durationS / stepS;
    if (!(steps <= worst.steps)) worst = { kind: t.kind, durationS, steps };
  }
  return worst;
}

/** Where a problem of the config points: its file and line, as the caller knows them. */
export type Blame = (path: (string | number)[]) => { file: string; line?: number };

/**
 * Problems with the scenario's size: too many cameras for the line, attempts needing too many steps,
 * duplicate tower positions. `lengthKm` is the line's length (known for straight lines at validation,
 * for file-based lines once they are read).
 */
export function limitProblems(scene: SceneSpec, config: ConfigSpec, lengthKm: number, blame: Blame, sceneName: string): Problem[] {
  const problems: Problem[] = [];
  const towers = config.towers;
  const n = towerCount(towers, lengthKm * 1000);
  const cameras = n * config.cameras.length;
  if (cameras > MAX_CAMERAS) {
    const field = 'at' in towers ? ['towers', 'at'] : ['towers', 'spacingM'];
    problems.push({
      ...blame(field),
      path: field.join('.'),
      message: `the layout puts ${n.toExponential(3)} towers with ${config.cameras.length} camera(s) each on the ${lengthKm} km border of ${sceneName}: ${cameras.toExponential(3)} cameras`,
      got: 'at' in towers ? `${n} towers` : String(towers.spacingM),
      allowed: `at most ${MAX_CAMERAS} cameras in all${'at' in towers ? '' : ` (here a spacingM of at least ${Math.ceil(((lengthKm * 1000) / (MAX_CAMERAS / config.cameras.length)) * 1000) / 1000} m)`}`,
    });
  }
  if ('at' in towers) {
    const seen = new Map<number, number>();
    towers.at.forEach((t, i) => {
      const first = seen.get(t.km);
      if (first === undefined) {
        seen.set(t.km, i);
        return;
      }
      problems.push({
        ...blame(['towers', 'at', i, 'km']),
        path: `towers.at.${i}.km`,
        message: `two towers stand at the same chainage (also towers.at.${first})`,
        got: String(t.km),
        allowed: 'one tower per position; to put more cameras on a tower, list them under cameras',
      });
    });
  }
  const stepS = config.run.stepS;
  const worst = longestAttempt(scene, stepS);
  if (worst.steps > MAX_STEPS_PER_ATTEMPT) {
    problems.push({
      ...blame(['run', 'stepS']),
      path: 'run.stepS',
      message: `a ${worst.kind} attempt of ${sceneName} lasts up to ${+worst.durationS.toPrecision(6)} s from start to through (strip, speed and barrier delay), which is ${worst.steps.toExponential(3)} steps of ${stepS} s`,
      got: String(stepS),
      allowed: `at most ${MAX_STEPS_PER_ATTEMPT} steps per attempt: here a stepS of at least ${+(worst.durationS / MAX_STEPS_PER_ATTEMPT).toPrecision(3)} s, or a shorter strip, faster threats or shorter delays`,
    });
  }
  const shortest = shortestAttempt(scene);
  if (stepS > shortest.durationS) {
    problems.push({
      ...blame(['run', 'stepS']),
      path: 'run.stepS',
      message: `a step of ${stepS} s is longer than a whole ${shortest.kind} attempt of ${sceneName} (${+shortest.durationS.toPrecision(4)} s from start to through), which would then be simulated in a single step`,
      got: String(stepS),
      allowed: `a stepS shorter than the shortest attempt (${+shortest.durationS.toPrecision(4)} s here); 1–2 s is usual`,
    });
  }
  return problems;
}

/** The shortest attempt of the scene: its kind and duration from start to through, s. */
export function shortestAttempt(scene: SceneSpec): { kind: string; durationS: number } {
  let best = { kind: '', durationS: Infinity };
  for (const t of scene.threats) {
    const speed = t.speedMps ?? THREAT_DEFAULTS[t.kind].speedMps;
    const delay = scene.border.barrier.delayS?.[t.kind] ?? DEFAULT_DELAY_S[t.kind];
    const durationS = (scene.strip.approachM + scene.strip.depthM) / speed + delay;
    if (durationS < best.durationS) best = { kind: t.kind, durationS };
  }
  return best;
}
