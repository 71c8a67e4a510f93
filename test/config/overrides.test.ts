/** `--set key=value` overrides, `withOverrides` (sweep points) and scene resolution. */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/config/load.ts';
import { applyOverride, makeOverride, parseSet } from '../../src/config/overrides.ts';
import { withOverrides } from '../../src/config/scenario.ts';
import { expectProblem, problemsOf, tempDir, writeFixture } from './helpers.ts';

const DEFAULT = 'sim-configs/default.yaml';

describe('parseSet', () => {
  it('reads values as YAML scalars and splits targets', () => {
    expect(parseSet('towers.spacingM=1500')).toMatchObject({ target: 'config', path: 'towers.spacingM', value: 1500 });
    expect(parseSet('cameras.0.preset=long-range-640')).toMatchObject({ path: 'cameras.0.preset', value: 'long-range-640' });
    expect(parseSet('scene.environment.visibility=haze')).toMatchObject({ target: 'scene', path: 'environment.visibility', value: 'haze' });
    expect(parseSet('scene=../scenes/flat-10km.yaml')).toMatchObject({ target: 'config', path: 'scene' });
    expect(parseSet('sweep.towers.heightM=[10, 20]').value).toEqual([10, 20]);
    expect(parseSet('run.seed=.nan').value).toBeNaN();
    expect(parseSet('scene.name=a=b').value).toBe('a=b');
  });

  it('rejects malformed arguments', () => {
    expectProblem(() => parseSet('towers.spacingM'), { file: '--set towers.spacingM', path: 'towers.spacingM', allowed: /key=value|towers.spacingM=1500/, message: /key=value/ });
    expectProblem(() => parseSet('towers..spacingM=1'), { file: /--set/, path: 'towers..spacingM', allowed: /dotted field path/ });
    expectProblem(() => parseSet('run.seed=[1,'), { file: /--set/, path: 'run.seed', allowed: /YAML scalar/ });
  });
});

describe('applyOverride', () => {
  it('creates missing mappings, indexes lists, matches dotted keys whole', () => {
    const root: Record<string, unknown> = { cameras: [{ sensor: 'ideal' }], sweep: { 'towers.spacingM': [1] } };
    applyOverride(root, parseSet('run.seed=7'), 'f');
    applyOverride(root, parseSet('cameras.0.rangeM=800'), 'f');
    applyOverride(root, parseSet('cameras.1={sensor: ideal, rangeM: 5}'), 'f');
    applyOverride(root, parseSet('sweep.towers.spacingM=[1, 2]'), 'f');
    applyOverride(root, parseSet('sweep.towers.heightM=[10]'), 'f');
    expect(root).toEqual({
      cameras: [{ sensor: 'ideal', rangeM: 800 }, { sensor: 'ideal', rangeM: 5 }],
      run: { seed: 7 },
      sweep: { 'towers.spacingM': [1, 2], 'towers.heightM': [10] },
    });
  });
});

describe('--set on a scenario', () => {
  it('overrides config and scene fields before validation', () => {
    const s = loadScenario({
      configPath: DEFAULT,
      sets: ['towers.spacingM=1500', 'run.seed=7', 'cameras.0.preset=long-range-640', 'scene.environment.visibility=haze'],
    });
    expect(s.config.towers).toEqual({ spacingM: 1500, offsetM: 750, setbackM: 50, heightM: 15 });
    expect(s.config.run.seed).toBe(7);
    expect(s.config.cameras[0]).toMatchObject({ sensor: 'thermal', preset: 'long-range-640' });
    expect(s.scene.environment.visibility).toBe('haze');
  });

  it('works on the built-in defaults too', () => {
    const s = loadScenario({ sets: ['towers.spacingM=4000', 'scene.strip.depthM=500'] });
    expect(s.config.towers).toMatchObject({ spacingM: 4000, offsetM: 2000 });
    expect(s.scene.strip.depthM).toBe(500);
  });

  it('the bare key scene picks another scene file', () => {
    const s = loadScenario({ configPath: DEFAULT, sets: ['scene=../scenes/flat-10km.yaml'] });
    expect(s.sceneFile).toBe('scenes/flat-10km.yaml');
    expect(s.scene.border.line).toEqual({ type: 'straight', lengthKm: 10 });
  });

  it('--scene overrides the config\'s scene:', () => {
    const s = loadScenario({ configPath: DEFAULT, scenePath: 'scenes/flat-10km.yaml' });
    expect(s.sceneFile).toBe('scenes/flat-10km.yaml');
    expect(s.config.scene).toBe('../scenes/desert-50km.yaml');
  });

  it('a bad value is reported against the override, with field path and what is allowed', () => {
    expectProblem(() => loadScenario({ configPath: DEFAULT, sets: ['towers.spacingM=-5'] }), {
      file: `${DEFAULT} (with --set towers.spacingM=-5)`,
      path: 'towers.spacingM',
      allowed: /> 0/,
      got: /-5/,
    });
    expectProblem(() => loadScenario({ sets: ['scene.environment.visibility=murky'] }), {
      file: '(built-in default scene) (with --set scene.environment.visibility=murky)',
      path: 'environment.visibility',
      allowed: /one of: clear, haze, dust, fog/,
    });
  });

  it('an unknown path is an unknown key with the known keys listed', () => {
    const p = expectProblem(() => loadScenario({ configPath: DEFAULT, sets: ['towers.spacing=1500'] }), {
      file: /--set towers.spacing=1500/,
      path: 'towers.spacing',
      allowed: /spacingM, offsetM, setbackM, heightM, at/,
    });
    expect(p.message).toContain('did you mean "spacingM"');
    expectProblem(() => loadScenario({ sets: ['radar.rangeM=5'] }), { file: /--set radar.rangeM=5/, path: 'radar', allowed: /towers, cameras, run/ });
  });

  it('a path through a scalar or past the end of a list is refused', () => {
    expectProblem(() => loadScenario({ sets: ['run.seed.x=1'] }), { file: /--set run.seed.x=1/, path: 'run.seed.x', allowed: /exists/ });
    expectProblem(() => loadScenario({ sets: ['cameras.5.preset=x'] }), { file: /--set cameras.5.preset=x/, path: 'cameras.5.preset', allowed: /index from 0 to 2/ }); // two cameras in the default: 0, 1, or 2 to append
  });

  it('all bad overrides are reported together', () => {
    const problems = problemsOf(() => loadScenario({ sets: ['towers.spacingM=0', 'run.attempts=many', 'nokey'] }));
    expect(problems.map((p) => p.path).sort()).toEqual(['nokey', 'run.attempts', 'towers.spacingM']);
  });

  it('overrides of a file-less scene with a line report no line', () => {
    const dir = tempDir();
    const f = writeFixture(dir, 'c.yaml', 'towers: { spacingM: 1000 }\ncameras: [ { sensor: ideal, rangeM: 500 } ]\n');
    const p = expectProblem(() => loadScenario({ configPath: f, sets: ['towers.spacingM=-1'] }), { file: f, path: 'towers.spacingM', allowed: /> 0/ });
    expect(p.line).toBeUndefined();
  });
});

describe('withOverrides (sweep points)', () => {
  it('applies to the raw inputs, so derived defaults follow', () => {
    const base = loadScenario({ configPath: DEFAULT });
    const p = withOverrides(base, [makeOverride('towers.spacingM', 3000), makeOverride('scene.environment.visibility', 'fog')]);
    expect(p.config.towers).toMatchObject({ spacingM: 3000, offsetM: 1500 });
    expect(p.scene.environment.visibility).toBe('fog');
    expect(p.configFile).toBe(base.configFile);
    expect(base.config.towers).toMatchObject({ spacingM: 4000, offsetM: 2000 });
    expect(Object.isFrozen(p.config)).toBe(true);
  });

  it('validates each point', () => {
    const base = loadScenario();
    expectProblem(() => withOverrides(base, ['towers.heightM=-1']), { file: /with --set towers.heightM=-1/, path: 'towers.heightM', allowed: /≥ 0/ });
  });
});
