/**
 * Numbers at their edges (issue 7; README "Reliability" has the table): zero, negative, huge, NaN,
 * infinity, empty lists, duplicate towers, gaps outside the border, towers beyond its ends. Each is
 * either refused with a message naming the field and what is allowed, or handled — and then a short
 * run gives finite rows.
 */
import { describe, expect, it } from 'vitest';
import { decodeRow } from '../../src/batch/codec.ts';
import { csvLine } from '../../src/batch/rows.ts';
import { simulateRange } from '../../src/batch/simulateRange.ts';
import { InputError } from '../../src/config/errors.ts';
import { MAX_BORDER_KM, MAX_CAMERAS, MAX_STEPS_PER_ATTEMPT, towerCount } from '../../src/config/limits.ts';
import { parseScenario, type Scenario } from '../../src/config/scenario.ts';
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
  let detected = 0;
  for (let i = 0; i < attempts; i++) {
    const row = decodeRow(data, i, kinds);
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

  it('the step limit sits where the README says: 7,590 s / 10^7 steps is accepted, a hair less refused', () => {
    // The default scene's longest attempt is a crawler: (2,000 m approach + 1,000 m depth) / 0.4 m/s +
    // 90 s on the wall = 7,590 s, so the smallest stepS allowed is 7,590 s / 10^7 = 0.000759 s.
    expect(MAX_STEPS_PER_ATTEMPT).toBe(1e7);
    expect(load(['run.stepS=0.000759']).config.run.stepS).toBe(0.000759);
    // 7,590 / 0.000758 = 1.0013·10^7 steps: one step over the limit by 0.13 %.
    expect(refusal(['run.stepS=0.000758'])).toMatch(/field run\.stepS: a crawler attempt .* lasts up to 7590 s .* which is 1\.001e\+7 steps of 0\.000758 s.* Allowed: at most 10000000 steps per attempt: here a stepS of at least 0\.000759 s/);
    // Fewer steps at a longer step, more at a slower crawler: the limit follows the duration.
    expect(refusal(['run.stepS=0.001', 'scene.threats.2.speedMps=0.2'])).toMatch(/a crawler attempt .* lasts up to 15090 s/);
  });
});
