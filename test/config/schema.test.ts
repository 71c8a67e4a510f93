/** Defaults, shapes and parsing details of the scene and sim-config schemas. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, DEFAULT_SCENE } from '../../src/config/defaults.ts';
import { parseConfigText, parseSceneText, parseScenario } from '../../src/config/scenario.ts';
import { ConfigSchema, SceneSchema, sweepAxisValues, sweepRangeCount } from '../../src/config/schema.ts';
import { detectKind } from '../../src/config/scenario.ts';
import { parseSource } from '../../src/config/source.ts';

describe('defaults', () => {
  it('a minimal scene gets every default', () => {
    const s = SceneSchema.parse({ border: { line: { type: 'straight', lengthKm: 10 } }, threats: [{ kind: 'foot', share: 1 }] });
    expect(s).toStrictEqual({
      border: { line: { type: 'straight', lengthKm: 10 }, barrier: { heightM: 3, widthM: 3, gaps: [] } },
      terrain: { type: 'flat' },
      environment: { visibility: 'clear', timeOfDay: 'night' },
      threats: [{ kind: 'foot', share: 1 }],
      crossing: { distribution: 'uniform' },
      strip: { approachM: 2000, depthM: 1000 },
    });
  });

  it('procedural terrain defaults to the desert relief', () => {
    const s = SceneSchema.parse({ ...DEFAULT_SCENE, terrain: { type: 'procedural' } });
    expect(s.terrain).toStrictEqual(DEFAULT_SCENE.terrain);
  });

  it('a minimal config gets every default; offsetM is half the spacing', () => {
    const c = ConfigSchema.parse({ towers: { spacingM: 3000 }, cameras: [{ sensor: 'thermal', preset: 'mid-range-640' }] });
    expect(c).toStrictEqual({
      towers: { spacingM: 3000, offsetM: 1500, setbackM: 50, heightM: 15 },
      cameras: [{ sensor: 'thermal', preset: 'mid-range-640', headingDeg: 0 }],
      run: { attempts: 10000, seed: 1, stepS: 2 },
    });
  });

  it('explicit tower list and ideal camera defaults', () => {
    const c = ConfigSchema.parse({ towers: { at: [{ km: 1 }, { km: 2.5, heightM: 30 }] }, cameras: [{ sensor: 'ideal', rangeM: 1000 }] });
    expect(c.towers).toStrictEqual({ at: [{ km: 1 }, { km: 2.5, heightM: 30 }], setbackM: 50, heightM: 15 });
    expect(c.cameras[0]).toStrictEqual({ sensor: 'ideal', rangeM: 1000, headingDeg: 0, fovDeg: 360 });
  });

  it('parsing is idempotent: a parsed spec is a valid input that parses to itself', () => {
    expect(SceneSchema.parse(DEFAULT_SCENE)).toStrictEqual(DEFAULT_SCENE);
    expect(ConfigSchema.parse(DEFAULT_CONFIG)).toStrictEqual(DEFAULT_CONFIG);
  });

  it('full thermal optics without a preset are accepted', () => {
    const c = ConfigSchema.parse({
      towers: { spacingM: 1000 },
      cameras: [{ sensor: 'thermal', optics: { cols: 640, rows: 480, pitchUm: 17, focalMm: 75, netdK: 0.05 }, johnson: { detect: 1 }, scan: { periodS: 20 } }],
    });
    expect(c.cameras[0]).toMatchObject({ optics: { focalMm: 75 }, johnson: { detect: 1 }, scan: { sectorDeg: 360, periodS: 20 } });
  });

  it('other border lines and terrains', () => {
    const base = { threats: [{ kind: 'foot', share: 1 }] };
    expect(SceneSchema.parse({ ...base, border: { line: { type: 'geojson', file: 'b.geojson' } } }).border.line).toEqual({ type: 'geojson', file: 'b.geojson' });
    expect(SceneSchema.parse({ ...base, border: { line: { type: 'countries', between: ['Iraq', 'Syria'] } } }).border.line.type).toBe('countries');
    // Gaps beyond an unknown length are left to the resolver.
    const far = SceneSchema.safeParse({ ...base, border: { line: { type: 'geojson', file: 'b.geojson' }, barrier: { gaps: [{ fromKm: 500, toKm: 501 }] } } });
    expect(far.success).toBe(true);
  });

  it('shares summing to 1 within 1e-6 pass', () => {
    const s = SceneSchema.safeParse({ ...DEFAULT_SCENE, threats: [{ kind: 'foot', share: 0.1 + 0.2 }, { kind: 'group', share: 0.7 }] });
    expect(s.success).toBe(true);
  });
});

describe('sweep axes', () => {
  it('expand ranges including their end', () => {
    expect(sweepAxisValues({ first: 1000, step: 500, last: 3000 })).toEqual([1000, 1500, 2000, 2500, 3000]);
    expect(sweepAxisValues({ first: 0.1, step: 0.1, last: 0.5 })).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(sweepAxisValues({ first: 5, step: -2, last: 1 })).toEqual([5, 3, 1]);
    expect(sweepRangeCount({ first: 1, step: 0, last: 2 })).toBeNull();
    expect(sweepAxisValues(['a', 'b'])).toEqual(['a', 'b']);
  });

  it('a config with a sweep parses', () => {
    const c = parseConfigText(
      'towers: { spacingM: 2000 }\ncameras: [ { sensor: ideal, rangeM: 1 } ]\nsweep: { towers.spacingM: [1000, 2000, 3000], towers.heightM: { first: 10, step: 10, last: 20 } }\nsweepOptions: { repetitions: 2 }\n',
      'sweep.yaml',
    );
    expect(c.sweep).toEqual({ 'towers.spacingM': [1000, 2000, 3000], 'towers.heightM': { first: 10, step: 10, last: 20 } });
    expect(c.sweepOptions).toEqual({ repetitions: 2, targetRate: 0.95 });
  });
});

describe('source parsing', () => {
  it('reads JSON and YAML alike, with lines', () => {
    const j = parseSource('{\n  "towers": {\n    "spacingM": 5\n  }\n}', 'c.json');
    expect(j.value).toEqual({ towers: { spacingM: 5 } });
    expect(j.lineOf(['towers', 'spacingM'])).toBe(3);
    const y = parseSource('a: 1\nlist:\n  - x: 1\n  - x: 2\n', 'c.yaml');
    expect(y.lineOf(['list', 1, 'x'])).toBe(4);
    expect(y.lineOf(['list', 1, 'missing'])).toBe(4);
  });

  it('uses the YAML 1.2 core schema: yes/no stay strings', () => {
    expect(parseSource('a: yes\nb: 0o17\n', 'x').value).toEqual({ a: 'yes', b: 15 });
  });

  it('small aliases are fine', () => {
    expect(parseSource('a: &x { v: 1 }\nb: *x\n', 'x').value).toEqual({ a: { v: 1 }, b: { v: 1 } });
  });

  it('tells scenes from configs', () => {
    expect(detectKind({ border: {}, threats: [] })).toBe('scene');
    expect(detectKind({ towers: {}, cameras: [] })).toBe('config');
    expect(detectKind({ scene: 'x', towers: {} })).toBe('config');
    expect(detectKind({ foo: 1 })).toBeNull();
  });
});

describe('browser entry points', () => {
  it('parseScenario with texts', () => {
    const s = parseScenario({
      sceneText: 'border: { line: { type: straight, lengthKm: 5 } }\nthreats: [ { kind: crawler, share: 1 } ]\n',
      sceneName: 's.yaml',
      configText: 'scene: s.yaml\ntowers: { spacingM: 1000 }\ncameras: [ { sensor: ideal, rangeM: 300 } ]\n',
      configName: 'c.yaml',
      sets: ['run.seed=3'],
    });
    expect(s.sceneFile).toBe('s.yaml');
    expect(s.config.run.seed).toBe(3);
    expect(s.scene.threats[0].kind).toBe('crawler');
    expect(parseSceneText('border: { line: { type: straight, lengthKm: 5 } }\nthreats: [ { kind: foot, share: 1 } ]\n', 's').strip.depthM).toBe(1000);
  });

  it('parseScenario with nothing is the default scenario', () => {
    const s = parseScenario({});
    expect(s.scene).toStrictEqual(DEFAULT_SCENE);
    expect(s.config).toStrictEqual(DEFAULT_CONFIG);
  });
});
