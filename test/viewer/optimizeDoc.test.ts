/**
 * An optimize.json as the viewer reads it (issue 14, "read the output"): the CLI's own file parses
 * into both layouts and both breach paths; a layout becomes a `towers:` block the config layer accepts
 * and places where the file says; a wrong file is refused naming the file, the field and what is allowed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_LABEL, DEFAULT_SCENE_LABEL } from '../../src/config/defaults.ts';
import { InputError } from '../../src/config/errors.ts';
import { isOptimizeDoc, parseOptimizeDoc, scenarioOfDoc, towersBlock } from '../../src/viewer/optimizeDoc.ts';
import { formatParams, parseParams } from '../../src/viewer/urlState.ts';
import { scenarioOfRequest } from '../../src/viewer/worker/buildWorld.ts';

const ROOT = path.resolve(__dirname, '../..');
/** Written by `watchline optimize --scene scenes/flat-10km.yaml --towers 4 --attempts 200` (seed 1). */
const FIXTURE = readFileSync(path.join(ROOT, 'test/e2e/fixtures/optimize-flat-10km.json'), 'utf8');

/** A small document built by hand: 3 towers on flat-10km's 10 km line. */
function doc(): Record<string, any> {
  const layout = (at: number[]) => ({
    towers: at.length,
    at,
    heightsM: at.map(() => 20),
    breachP: 0.5,
    minP: 0.6,
    meanP: 0.9,
    coveredFraction: 1,
    breachPath: { pDetect: 0.5, found: 'graph', method: 'm', points: [{ km: at[0], offsetM: -2000, x: at[0] * 1000, y: -2000 }, { km: at[0], offsetM: 1000, x: at[0] * 1000, y: 1000 }] },
    monteCarlo: { attempts: 100, detected: 80, detectionRate: 0.8, detectionRateCI95: [0.71, 0.87] },
  });
  return {
    watchline: '0.0.0',
    scene: 'scenes/flat-10km.yaml',
    config: DEFAULT_CONFIG_LABEL,
    seed: 7,
    frontierKm: 10,
    goal: { towers: 3 },
    ...layout([1, 5.5, 9.5]),
    uniform: { ...layout([2, 5, 8]), spacingM: 3000 },
    search: { setbackM: 40 },
    wallS: 1,
  };
}

const refusal = (text: string, name = 'opt.json'): string => {
  try {
    parseOptimizeDoc(text, name);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('optimize.json in the viewer', () => {
  it('reads the CLI\'s file: both layouts, their figures and breach paths', () => {
    const d = parseOptimizeDoc(FIXTURE, 'optimize.json');
    expect(d.scene).toBe('scenes/flat-10km.yaml');
    expect(d.placed.at).toEqual([0.9, 3.9, 6.1, 9.1]);
    // Evenly spaced: frontier / towers = 2.5 km, the first at half a spacing.
    expect(d.uniform.at).toEqual([1.25, 3.75, 6.25, 8.75]);
    expect(d.uniform.spacingM).toBe(2500);
    expect(d.setbackM).toBe(50);
    expect(d.placed.breachP).toBeGreaterThan(d.uniform.breachP);
    // The uniform path in the file: (1251.9, −2000) → (1251.9, 61.1) → (622.2, 687) → (622.2, 1000).
    expect(Array.from(d.uniform.breachPath!.x)).toEqual([1251.9, 1251.9, 622.2, 622.2]);
    expect(Array.from(d.uniform.breachPath!.y)).toEqual([-2000, 61.1, 687, 1000]);
    expect([d.uniform.breachPath!.kmFrom, d.uniform.breachPath!.kmTo]).toEqual([0.6222, 1.2519]);
    expect(d.placed.monteCarlo!.attempts).toBe(200);
  });

  it('hands each layout to the simulation as a towers block the config layer accepts', () => {
    const d = parseOptimizeDoc(JSON.stringify(doc()), 'opt.json');
    for (const which of ['placed', 'uniform'] as const) {
      const towers = towersBlock(d, which);
      const sc = scenarioOfRequest({ sceneText: readFileSync(path.join(ROOT, 'scenes/flat-10km.yaml'), 'utf8'), sceneName: 'scenes/flat-10km.yaml', sets: ['towers.spacingM=1500'], speed: 1, paused: true, towers });
      const t = sc.config.towers;
      expect('at' in t).toBe(true);
      if (!('at' in t)) continue;
      expect(t.at.map((a) => a.km)).toEqual(which === 'placed' ? [1, 5.5, 9.5] : [2, 5, 8]);
      expect(t.setbackM).toBe(40);
      expect(t.at.every((a) => a.heightM === 20)).toBe(true);
    }
  });

  it('leaves a layout that does not fit the scene to the config layer, which names the tower', () => {
    const d = parseOptimizeDoc(JSON.stringify({ ...doc(), frontierKm: 12, at: [1, 5.5, 11] }), 'opt.json');
    const run = () => scenarioOfRequest({ sceneText: readFileSync(path.join(ROOT, 'scenes/flat-10km.yaml'), 'utf8'), sceneName: 'scenes/flat-10km.yaml', sets: [], speed: 1, paused: true, towers: towersBlock(d, 'placed') });
    expect(run).toThrow(/field towers\.at\.2\.km: the tower stands beyond the end of the border/);
  });

  it('tells an optimize result from a scene or config by its keys', () => {
    expect(isOptimizeDoc(doc())).toBe(true);
    expect(isOptimizeDoc({ towers: { spacingM: 2000 } })).toBe(false);
    expect(isOptimizeDoc([1, 2])).toBe(false);
    expect(isOptimizeDoc(null)).toBe(false);
  });

  it('maps the built-in defaults\' labels to no file', () => {
    const d = parseOptimizeDoc(JSON.stringify({ ...doc(), scene: DEFAULT_SCENE_LABEL }), 'opt.json');
    expect(scenarioOfDoc(d)).toEqual({ scene: null, config: null });
    const e = parseOptimizeDoc(JSON.stringify({ ...doc(), config: 'sim-configs/default.yaml' }), 'opt.json');
    expect(scenarioOfDoc(e)).toEqual({ scene: 'scenes/flat-10km.yaml', config: 'sim-configs/default.yaml' });
  });

  it('refuses a wrong file, naming the file, the field and what is allowed', () => {
    const bad = (edit: (d: Record<string, any>) => void) => {
      const d = doc();
      edit(d);
      return refusal(JSON.stringify(d));
    };
    expect(refusal('{"towers": 3', 'broken.json')).toMatch(/^broken\.json/);
    expect(refusal('name: a scene\nborder: {}\n', 'scene.yaml')).toMatch(/scene\.yaml: not an optimize result.*Allowed: the optimize\.json written by watchline optimize/);
    expect(bad((d) => (d.at[1] = 'x'))).toMatch(/opt\.json, field at\.1: not a chainage on the line\. Got "x"\. Allowed: a number of km from 0 to the frontier's 10/);
    expect(bad((d) => (d.at[2] = 12.5))).toMatch(/field at\.2: not a chainage/);
    expect(bad((d) => (d.at = [5.5, 1, 9.5]))).toMatch(/field at\.1: the chainages are not in order/);
    expect(bad((d) => (d.towers = 4))).toMatch(/field towers: the count says 4 but at lists 3 towers/);
    expect(bad((d) => d.heightsM.pop())).toMatch(/field heightsM: 2 heights for 3 towers/);
    expect(bad((d) => (d.breachP = 1.5))).toMatch(/field breachP: out of range\. Got 1\.5\. Allowed: a number from 0 to 1/);
    expect(bad((d) => delete d.uniform)).toMatch(/not an optimize result/);
    expect(bad((d) => (d.uniform.at = [2, 6]))).toMatch(/field uniform\.towers: the count says 3 but at lists 2/);
    expect(bad((d) => ((d.uniform.at = [2, 6]), (d.uniform.towers = 2), (d.uniform.heightsM = [20, 20])))).toMatch(/field uniform\.at: 2 towers against the placed layout's 3/);
    expect(bad((d) => delete d.uniform.breachPath.points[1].y)).toMatch(/field uniform\.breachPath\.points\.1\.y: missing/);
    expect(bad((d) => (d.breachPath.points[0].km = 11))).toMatch(/field breachPath\.points\.0\.km: out of range/);
    expect(bad((d) => (d.monteCarlo.detectionRateCI95 = [0.9, 0.1]))).toMatch(/field monteCarlo\.detectionRateCI95: not an interval/);
    expect(bad((d) => delete d.search)).toMatch(/field search: missing/);
    expect(bad((d) => delete d.uniform.spacingM)).toMatch(/field uniform\.spacingM: missing/);
  });

  it('accepts a layout without a breach path or Monte Carlo (drawn without them)', () => {
    const d = doc();
    d.breachPath = null;
    d.uniform.monteCarlo = null;
    const v = parseOptimizeDoc(JSON.stringify(d), 'opt.json');
    expect(v.placed.breachPath).toBeNull();
    expect(v.uniform.monteCarlo).toBeNull();
  });

  it('keeps the optimize path and the layout in the page address', () => {
    const q = '?optimize=scenes/opt/optimize.json&layout=uniform';
    const p = parseParams(q);
    expect(p.optimize).toBe('scenes/opt/optimize.json');
    expect(p.layout).toBe('uniform');
    expect(formatParams(p)).toBe(q);
    expect(parseParams('?layout=sideways').layout).toBeUndefined();
    expect(formatParams({ ...p, optimize: null, layout: null })).toBe('');
  });
});
