/**
 * Numbers at their edges (issue 7; README "Reliability" has the table): zero, negative, huge, NaN,
 * infinity, empty lists, duplicate towers, gaps outside the border, towers beyond its ends. Each is
 * either refused with a message naming the field and what is allowed, or handled — and then a short
 * run gives finite rows.
 */
import { describe, expect, it } from 'vitest';
import { decodeOutcome } from '../../src/batch/codec.ts';
import { resolveSceneFiles } from '../../src/batch/geoFiles.ts';
import { csvLine, rowFromOutcome } from '../../src/batch/rows.ts';
import { simulateRange } from '../../src/batch/simulateRange.ts';
import { InputError } from '../../src/config/errors.ts';
import { MAX_BORDER_KM, MAX_CAMERAS, MAX_STEPS_PER_ATTEMPT, towerCount } from '../../src/config/limits.ts';
import { parseScenario, type Scenario } from '../../src/config/scenario.ts';
import { newOutcome } from '../../src/core/attempt.ts';
import { towerChainages } from '../../src/core/towers.ts';
import { createWorld } from '../../src/core/world.ts';

const FLAT = ['scene.terrain={type: flat}'];
const load = (sets: string[]) => parseScenario({ sets });

function refusal(sets: string[]): string {
  try {
    load(sets);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error(`expected ${sets.join(' ')} to be refused`);
}

/** A few attempts of the scenario: the rows hold only finite numbers. Returns the detections. */
function shortRun(s: Scenario, attempts = 20): number {
  const world = createWorld(s.scene, s.config);
  const kinds = s.scene.threats.map((t) => t.kind);
  const data = simulateRange(world, 1, 0, attempts, s.config.run.stepS);
  const o = newOutcome();
  let detected = 0;
  for (let i = 0; i < attempts; i++) {
    const row = rowFromOutcome(decodeOutcome(data, i, o), kinds);
    expect(csvLine(row)).not.toMatch(/NaN|Infinity/);
    if (row.detected) detected++;
  }
  return detected;
}

describe('refused with a message naming the field and what is allowed', () => {
  const cases: [string, string[], RegExp][] = [
    ['zero border length', ['scene.border.line.lengthKm=0'], /field border\.line\.lengthKm: out of range\. Got 0\. Allowed: a number > 0 km and ≤ 20000 km/],
    ['zero spacing', ['towers.spacingM=0'], /field towers\.spacingM: .*Got 0\. Allowed: a finite number > 0/],
    ['zero attempts', ['run.attempts=0'], /field run\.attempts: .*Allowed: a whole number from 1 to 100000000/],
    ['zero step', ['run.stepS=0'], /field run\.stepS: .*Allowed: a finite number > 0/],
    ['zero range', ['cameras.0={sensor: ideal, rangeM: 0}'], /field cameras\.0\.rangeM: .*Allowed: a finite number > 0/],
    ['zero approach', ['scene.strip.approachM=0'], /field strip\.approachM: .*Allowed: a finite number > 0/],
    ['negative spacing', ['towers.spacingM=-2000'], /field towers\.spacingM: .*Got -2000/],
    ['negative border', ['scene.border.line.lengthKm=-5'], /field border\.line\.lengthKm: .*Got -5/],
    ['negative seed', ['run.seed=-1'], /field run\.seed: .*Allowed: a whole number from 0 to 4294967295/],
    ['negative gap start', ['scene.border.barrier.gaps=[{fromKm: -1, toKm: 2}]'], /field border\.barrier\.gaps\.0\.fromKm: .*Got -1/],
    ['NaN spacing', ['towers.spacingM=.nan'], /field towers\.spacingM: .*Got NaN \(\.nan\)\. Allowed: a finite number > 0/],
    ['infinite border', ['scene.border.line.lengthKm=.inf'], /field border\.line\.lengthKm: .*Got infinity \(\.inf\)/],
    ['minus infinity range', ['cameras.0={sensor: ideal, rangeM: -.inf}'], /field cameras\.0\.rangeM: .*minus infinity/],
    ['NaN share', ['scene.threats=[{kind: foot, share: .nan}]'], /field threats\.0\.share: .*NaN/],
    ['a border of 20,001 km', [`scene.border.line.lengthKm=${MAX_BORDER_KM + 1}`], /≤ 20000 km/],
    ['10^9 attempts', ['run.attempts=1000000000'], /field run\.attempts: .*Allowed: a whole number from 1 to 100000000/],
    ['a seed of 2^32', ['run.seed=4294967296'], /field run\.seed/],
    ['1 m spacing on a 10,000 km border', [...FLAT, 'scene.border.line.lengthKm=10000', 'towers.spacingM=1'], /field towers\.spacingM: the layout puts 1\.000e\+7 towers with 2 camera\(s\) each .*Allowed: at most 1000000 cameras in all \(here a spacingM of at least 20 m\)/],
    ['a spacing too small to advance (1e-300 m)', ['towers.spacingM=1e-300'], /field towers\.spacingM: the layout puts .* cameras/],
    ['a step of a microsecond', ['run.stepS=1e-6'], /field run\.stepS: a crawler attempt .* lasts up to 7590 s .* Allowed: at most 10000000 steps per attempt: here a stepS of at least 0\.000759 s/],
    ['a barrier delay of 10^12 s', ['scene.border.barrier.delayS={foot: 1e12}'], /field run\.stepS: a foot attempt .* lasts up to 1000000000000 s .*or shorter delays/],
    ['a speed of 1 µm/s', ['scene.threats.0.speedMps=1e-6'], /field run\.stepS: a foot attempt/],
    ['no threats', ['scene.threats=[]'], /field threats: .*Allowed: a list of at least one threat/],
    ['no cameras', ['cameras=[]'], /field cameras: .*Allowed: a list of at least one camera/],
    ['an empty sweep axis', ['sweep={towers.spacingM: []}'], /field sweep\.towers\.spacingM: too few items\. Got a list \[\]/],
    ['two towers at one chainage', ['towers={at: [{km: 1}, {km: 3}, {km: 1}]}'], /field towers\.at\.2\.km: two towers stand at the same chainage \(also towers\.at\.0\)/],
    ['a gap beyond the end', ['scene.border.barrier.gaps=[{fromKm: 49, toKm: 51}]'], /field border\.barrier\.gaps\.0\.toKm: the gap ends beyond the end of the border \(lengthKm 50\)/],
    ['a gap wholly outside', ['scene.border.barrier.gaps=[{fromKm: 60, toKm: 61}]'], /field border\.barrier\.gaps\.0\.toKm: the gap ends beyond the end of the border/],
    ['a gap that ends before it starts', ['scene.border.barrier.gaps=[{fromKm: 5, toKm: 4}]'], /field border\.barrier\.gaps\.0\.toKm: a gap must end after it starts/],
    ['overlapping gaps', ['scene.border.barrier.gaps=[{fromKm: 1, toKm: 3}, {fromKm: 2, toKm: 4}]'], /overlaps gap 0/],
    ['a tower beyond the end', ['towers={at: [{km: 50.5}]}'], /field towers\.at\.0\.km: the tower stands beyond the end of the border/],
    ['the first tower beyond the end', ['towers.offsetM=60000'], /field towers\.offsetM: the first tower .* lies beyond the end of the border/],
  ];
  for (const [name, sets, want] of cases) {
    it(name, () => {
      const m = refusal(sets);
      expect(m).toMatch(want);
      expect(m).not.toMatch(/^\s+at /m);
    });
  }

  it('procedural ground too large for memory (a 10,000 km border at 10 m cells) is bad input, not a crash', async () => {
    const s = load(['scene.border.line.lengthKm=10000']);
    await expect(resolveSceneFiles(s)).rejects.toThrow(InputError);
    await expect(resolveSceneFiles(s)).rejects.toThrow(/field terrain\.cellM: procedural terrain along the 10000 km line at 10 m cells needs 3\.61e\+8 height samples\. Got 10\. Allowed: at most 2\.0e\+8 samples \(0\.8 GB\): a cellM of at least 14 m/);
  });
});

describe('handled: loads and runs with finite results', () => {
  it('a 10,000 km flat border (5,000 towers)', () => {
    const s = load([...FLAT, 'scene.border.line.lengthKm=10000', 'scene.border.barrier.gaps=[]', 'scene.threats=[{kind: foot, share: 1}]', 'towers.spacingM=2000']);
    expect(towerCount(s.config.towers, 10_000_000)).toBe(5000);
    expect(shortRun(s)).toBeGreaterThan(0);
  });

  it('1 m spacing on the 50 km border (50,000 towers, 100,000 cameras)', () => {
    const s = load([...FLAT, 'towers.spacingM=1', 'cameras=[{sensor: ideal, rangeM: 50}]', 'scene.threats=[{kind: foot, share: 0.95}, {kind: vehicle, share: 0.05}]']);
    expect(towerCount(s.config.towers, 50_000)).toBe(towerChainages(s.config.towers, 50_000).length);
    expect(towerCount(s.config.towers, 50_000) * s.config.cameras.length).toBeLessThanOrEqual(MAX_CAMERAS);
    expect(shortRun(s, 10)).toBe(10);
  });

  it('10^7 attempts load (memory is bounded: README "Reliability", bench/memory.ts)', () => {
    expect(load(['run.attempts=10000000']).config.run.attempts).toBe(1e7);
  });

  it('no towers at all (towers.at: []): nothing is detected', () => {
    const s = load([...FLAT, 'towers={at: []}']);
    expect(shortRun(s)).toBe(0);
  });

  it('no gaps, zero-height towers and wall, an empty sweep block', () => {
    const s = load([...FLAT, 'scene.border.barrier={heightM: 0, gaps: []}', 'scene.threats=[{kind: foot, share: 1}]', 'towers.heightM=0', 'sweep={}']);
    expect(shortRun(s)).toBeGreaterThanOrEqual(0);
  });

  it('huge but finite physics (range 10^12 m, ΔT 10^300 K) stays finite', () => {
    shortRun(load([...FLAT, 'cameras=[{sensor: ideal, rangeM: 1e12}]']));
    shortRun(load([...FLAT, 'scene.threats=[{kind: foot, share: 1, deltaTK: 1e300}]', 'scene.border.barrier.gaps=[]']));
  });

  it('the step limit sits where the README says', () => {
    // The default scene's longest attempt (a crawler: 3,000 m at 0.4 m/s + 90 s) needs 7,590 steps of 1 s.
    expect(load([`run.stepS=${7590 / MAX_STEPS_PER_ATTEMPT}`]).config.run.stepS).toBeCloseTo(0.000759, 9);
  });
});
