/**
 * Bad inputs: each is reported as an InputError naming the file, the field path and what is allowed.
 */
import { chmodSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFile, loadScenario, loadSceneFile } from '../../src/config/load.ts';
import { parseScenario } from '../../src/config/scenario.ts';
import { PRESET_NAMES } from '../../src/core/sensors/presets.ts';
import { expectProblem, problemsOf, tempDir, writeFixture } from './helpers.ts';

const SCENE = `border:
  line: { type: straight, lengthKm: 10 }
  barrier: { gaps: [ { fromKm: 4.0, toKm: 4.2 } ] }
threats: [ { kind: foot, share: 1 } ]
`;
const CONFIG = `towers: { spacingM: 2000 }
cameras: [ { sensor: thermal, preset: mid-range-640, fovDeg: 360 } ]
`;

let dir: string;
const fixture = (name: string, text: string) => writeFixture(dir, name, text);

beforeAll(() => {
  dir = tempDir();
});

describe('bad files', () => {
  it('unknown key: names the key, suggests the likely one and lists the known keys', () => {
    const f = fixture('typo.yaml', CONFIG.replace('spacingM', 'spacingm'));
    const p = expectProblem(() => loadConfigFile(f), { file: f, path: 'towers.spacingm', allowed: /spacingM, offsetM, setbackM, heightM, at/ });
    expect(p.message).toMatch(/unknown key "spacingm".*did you mean "spacingM"/);
    expect(p.line).toBe(1);
  });

  it('a campaign\'s dust night after its last day, and a campaign without days', () => {
    const f = fixture('dust.yaml', CONFIG + 'campaign: { days: 7, attemptsPerDay: 10, dustNights: [3, 9] }\n');
    expectProblem(() => loadConfigFile(f), { file: f, path: 'campaign.dustNights.1', allowed: /a night from 1 to 7/, message: /night 9 is after the campaign's 7 days/ });
    const g = fixture('nodays.yaml', CONFIG + 'campaign: { attemptsPerDay: 10 }\n');
    expectProblem(() => loadConfigFile(g), { file: g, path: 'campaign.days', allowed: /./ });
  });

  it('unknown top-level key of a scene', () => {
    const f = fixture('top.yaml', SCENE + 'wether: rainy\n');
    expectProblem(() => loadSceneFile(f), { file: f, path: 'wether', allowed: /border, terrain, environment, threats, crossing, strip/, message: /unknown key/ });
  });

  it('wrong type', () => {
    const f = fixture('type.yaml', CONFIG.replace('spacingM: 2000', 'spacingM: two km'));
    expectProblem(() => loadConfigFile(f), { file: f, path: 'towers.spacingM', allowed: /a finite number > 0/, message: /wrong type/, got: /"two km"/ });
  });

  it('negative spacing', () => {
    const f = fixture('neg.yaml', CONFIG.replace('2000', '-500'));
    expectProblem(() => loadConfigFile(f), { file: f, path: 'towers.spacingM', allowed: /> 0/, got: /-500/ });
  });

  it('NaN and infinity (.nan, .inf in YAML) are rejected', () => {
    const f = fixture('nan.yaml', CONFIG.replace('2000', '.nan') + 'run: { stepS: .inf }\n');
    expectProblem(() => loadConfigFile(f), { file: f, path: 'towers.spacingM', allowed: /finite number > 0/, message: /not a finite number/, got: /NaN/ });
    expectProblem(() => loadConfigFile(f), { file: f, path: 'run.stepS', allowed: /finite number > 0/, got: /infinity/ });
  });

  it('missing file', () => {
    const f = path.join(dir, 'does-not-exist.yaml');
    expectProblem(() => loadScenario({ configPath: f }), { file: f, path: '', allowed: /existing, readable YAML or JSON file/, message: /does not exist/ });
  });

  it('missing scene named by a config: blames the config\'s scene field', () => {
    const f = fixture('dangling.yaml', `scene: ../nowhere/x.yaml\n${CONFIG}`);
    expectProblem(() => loadScenario({ configPath: f }), { file: f, path: 'scene', allowed: /existing/, message: /does not exist/ });
  });

  it('unreadable file', () => {
    if (process.getuid?.() === 0) return; // root reads everything
    const f = fixture('locked.yaml', CONFIG);
    chmodSync(f, 0);
    expectProblem(() => loadConfigFile(f), { file: f, path: '', allowed: /readable/, message: /permission denied/ });
  });

  it('unknown preset lists the presets', () => {
    const f = fixture('preset.yaml', CONFIG.replace('mid-range-640', 'mid-range-999'));
    const p = expectProblem(() => loadConfigFile(f), { file: f, path: 'cameras.0.preset', allowed: /one of: /, got: /mid-range-999/ });
    for (const name of PRESET_NAMES) expect(p.allowed).toContain(name);
  });

  it('thermal camera without preset needs full optics', () => {
    const f = fixture('optics.yaml', CONFIG.replace('preset: mid-range-640', 'optics: { cols: 640, rows: 512 }'));
    const p = expectProblem(() => loadConfigFile(f), { file: f, path: 'cameras.0.optics', allowed: /preset .* or full optics/ });
    expect(p.message).toContain('missing pitchUm, focalMm, netdK');
    const g = fixture('optics2.yaml', CONFIG.replace('preset: mid-range-640, ', ''));
    expectProblem(() => loadConfigFile(g), { file: g, path: 'cameras.0.preset', allowed: /full optics/ });
  });

  it('shares not summing to 1', () => {
    const f = fixture('shares.yaml', SCENE.replace('share: 1 }', 'share: 0.5 }, { kind: group, share: 0.4 }'));
    const p = expectProblem(() => loadSceneFile(f), { file: f, path: 'threats', allowed: /sum to 1/ });
    expect(p.message).toContain('sum to 0.9');
  });

  it('empty threats', () => {
    const f = fixture('nothreat.yaml', SCENE.replace('threats: [ { kind: foot, share: 1 } ]', 'threats: []'));
    expectProblem(() => loadSceneFile(f), { file: f, path: 'threats', allowed: /at least one threat/, message: /too few/ });
  });

  it('unknown enum value lists the allowed values', () => {
    const f = fixture('vis.yaml', SCENE + 'environment: { visibility: murky }\n');
    expectProblem(() => loadSceneFile(f), { file: f, path: 'environment.visibility', allowed: /one of: clear, haze, dust, fog/, got: /"murky"/ });
  });

  it('YAML syntax error carries the line', () => {
    const f = fixture('syntax.yaml', 'towers:\n  spacingM: 2000\n cameras: [\n');
    const p = expectProblem(() => loadConfigFile(f), { file: f, path: '', allowed: /well-formed YAML/, message: /YAML syntax error/ });
    expect(p.line).toBeGreaterThanOrEqual(3);
    expect(problemsOf(() => loadConfigFile(f)).length).toBeGreaterThan(0);
  });

  it('duplicate keys are a syntax error', () => {
    const f = fixture('dup.yaml', 'towers: { spacingM: 1 }\ntowers: { spacingM: 2 }\ncameras: []\n');
    const p = expectProblem(() => loadConfigFile(f), { file: f, path: '', allowed: /well-formed/, message: /unique/ });
    expect(p.line).toBe(2);
  });

  it('JSON syntax error', () => {
    const f = fixture('bad.json', '{ "towers": { "spacingM": 2000, } }');
    expectProblem(() => loadConfigFile(f), { file: f, path: '', allowed: /well-formed JSON/, message: /JSON syntax error/ });
  });

  it('alias bombs are refused', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [n, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd']]) bomb.push(`${n}: &${n} [${Array(9).fill('*' + prev).join(', ')}]`);
    const f = fixture('bomb.yaml', bomb.join('\n') + '\n');
    expectProblem(() => loadConfigFile(f), { file: f, path: '', allowed: /alias/, message: /cannot read the YAML/ });
  });

  it('a file that is not a mapping', () => {
    const f = fixture('list.yaml', '- 1\n- 2\n');
    expectProblem(() => loadConfigFile(f), { file: f, path: '', allowed: /mapping/, message: /a list, not a mapping/ });
    const g = fixture('empty.yaml', '# nothing\n');
    expectProblem(() => loadConfigFile(g), { file: g, path: '', allowed: /mapping/, message: /empty/ });
  });

  it('counts must be positive whole numbers', () => {
    const f = fixture('count.yaml', CONFIG + 'run: { attempts: 2.5, seed: -1 }\n');
    expectProblem(() => loadConfigFile(f), { file: f, path: 'run.attempts', allowed: /whole number from 1 to 100000000/, message: /not a whole number/ });
    expectProblem(() => loadConfigFile(f), { file: f, path: 'run.seed', allowed: /whole number from 0 to 4294967295/ });
  });

  it('fovDeg must lie in (0, 360]', () => {
    const f = fixture('fov.yaml', CONFIG.replace('fovDeg: 360', 'fovDeg: 400'));
    expectProblem(() => loadConfigFile(f), { file: f, path: 'cameras.0.fovDeg', allowed: /> 0° and ≤ 360°/ });
    const g = fixture('fov0.yaml', CONFIG.replace('fovDeg: 360', 'fovDeg: 0'));
    expectProblem(() => loadConfigFile(g), { file: g, path: 'cameras.0.fovDeg', allowed: /> 0°/ });
  });

  it('heights must be ≥ 0', () => {
    const f = fixture('height.yaml', CONFIG.replace('spacingM: 2000', 'spacingM: 2000, heightM: -1'));
    expectProblem(() => loadConfigFile(f), { file: f, path: 'towers.heightM', allowed: /≥ 0/ });
  });

  it('unknown sensor and missing sensor', () => {
    const f = fixture('sensor.yaml', 'towers: { spacingM: 1000 }\ncameras: [ { sensor: radar }, { rangeM: 5 } ]\n');
    expectProblem(() => loadConfigFile(f), { file: f, path: 'cameras.0.sensor', allowed: /one of: thermal, ideal/, got: /"radar"/ });
    expectProblem(() => loadConfigFile(f), { file: f, path: 'cameras.1.sensor', allowed: /one of: thermal, ideal/, message: /missing/ });
  });
});

describe('cross-field rules', () => {
  it('gaps: fromKm < toKm, inside the border, no overlap', () => {
    const f = fixture('gaps.yaml', SCENE.replace('gaps: [ { fromKm: 4.0, toKm: 4.2 } ]', 'gaps: [ { fromKm: 4.2, toKm: 4.0 }, { fromKm: 9.5, toKm: 10.5 } ]'));
    expectProblem(() => loadSceneFile(f), { file: f, path: 'border.barrier.gaps.0.toKm', allowed: /> fromKm \(4.2\)/ });
    expectProblem(() => loadSceneFile(f), { file: f, path: 'border.barrier.gaps.1.toKm', allowed: /from 0 to 10 km/ });
    const g = fixture('overlap.yaml', SCENE.replace('gaps: [ { fromKm: 4.0, toKm: 4.2 } ]', 'gaps: [ { fromKm: 4.0, toKm: 4.2 }, { fromKm: 4.1, toKm: 5 } ]'));
    expectProblem(() => loadSceneFile(g), { file: g, path: 'border.barrier.gaps.1.fromKm', allowed: /do not overlap/ });
  });

  it('vehicles need a gap', () => {
    const f = fixture('vehicle.yaml', SCENE.replace('barrier: { gaps: [ { fromKm: 4.0, toKm: 4.2 } ] }', 'barrier: {}').replace('share: 1 }', 'share: 0.5 }, { kind: vehicle, share: 0.5 }'));
    expectProblem(() => loadSceneFile(f), { file: f, path: 'threats.1.kind', allowed: /at least one gap/ });
  });

  it('a threat kind listed twice', () => {
    const f = fixture('twice.yaml', SCENE.replace('share: 1 }', 'share: 0.5 }, { kind: foot, share: 0.5 }'));
    expectProblem(() => loadSceneFile(f), { file: f, path: 'threats.1.kind', allowed: /each kind at most once/ });
  });

  it('towers: spacingM or at, not both, and not neither', () => {
    const f = fixture('both.yaml', CONFIG.replace('{ spacingM: 2000 }', '{ spacingM: 2000, at: [ { km: 1 } ] }'));
    expectProblem(() => loadConfigFile(f), { file: f, path: 'towers.at', allowed: /spacingM .* or at alone/ });
    const g = fixture('neither.yaml', CONFIG.replace('{ spacingM: 2000 }', '{ heightM: 10 }'));
    expectProblem(() => loadConfigFile(g), { file: g, path: 'towers.spacingM', allowed: /spacingM > 0, or at/ });
    const h = fixture('offsetat.yaml', CONFIG.replace('{ spacingM: 2000 }', '{ offsetM: 5, at: [] }'));
    expectProblem(() => loadConfigFile(h), { file: h, path: 'towers.offsetM', allowed: /no offsetM with at/ });
  });

  it('tower chainages must lie on the border (checked against the scene)', () => {
    const scene = fixture('s10.yaml', SCENE);
    const f = fixture('at.yaml', `scene: s10.yaml\ntowers: { at: [ { km: 3 }, { km: 12 } ] }\ncameras: [ { sensor: ideal, rangeM: 1000 } ]\n`);
    const p = expectProblem(() => loadScenario({ configPath: f }), { file: f, path: 'towers.at.1.km', allowed: /from 0 to 10 km/, got: /12/ });
    expect(p.message).toContain(scene);
    const g = fixture('offset.yaml', `scene: s10.yaml\ntowers: { spacingM: 1000, offsetM: 20000 }\ncameras: [ { sensor: ideal, rangeM: 1000 } ]\n`);
    expectProblem(() => loadScenario({ configPath: g }), { file: g, path: 'towers.offsetM', allowed: /from 0 to 10000 m/ });
  });

  it('sweep values are checked like --set values', () => {
    const f = fixture('sweep.yaml', `${CONFIG}sweep:\n  towers.heightM: [10, -3]\n  towers.heigthM: [1]\n  run.stepS: { first: 1, step: -1, last: 3 }\n`);
    expectProblem(() => loadScenario({ configPath: f }), { file: f, path: 'sweep.run.stepS.step', allowed: /sign of last − first/ });
    const g = fixture('sweep2.yaml', `${CONFIG}sweep:\n  towers.heightM: [10, -3]\n  towers.heigthM: [1]\n  scene.environment.visibility: [clear, smog]\n`);
    const a = expectProblem(() => loadScenario({ configPath: g }), { file: g, path: 'sweep.towers.heightM', allowed: /≥ 0/, got: /-3/ });
    expect(a.line).toBe(4);
    expectProblem(() => loadScenario({ configPath: g }), { file: g, path: 'sweep.towers.heigthM', allowed: /spacingM, offsetM/, message: /unknown key "heigthM"/ });
    expectProblem(() => loadScenario({ configPath: g }), { file: g, path: 'sweep.scene.environment.visibility', allowed: /one of: clear, haze, dust, fog/ });
  });

  it('every problem of a file is reported at once', () => {
    const f = fixture('many.yaml', 'towers: { spacingM: -1, heightM: -2 }\ncameras: [ { sensor: ideal, rangeM: 0 } ]\nrun: { attempts: 0 }\nextra: 1\n');
    const paths = problemsOf(() => loadConfigFile(f)).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['towers.spacingM', 'towers.heightM', 'cameras.0.rangeM', 'run.attempts', 'extra']));
  });
});

describe('the browser entry point reports like the CLI', () => {
  it('parseScenario names the given file name', () => {
    expectProblem(() => parseScenario({ configText: CONFIG.replace('2000', '-1'), configName: 'user.yaml' }), {
      file: 'user.yaml',
      path: 'towers.spacingM',
      allowed: /> 0/,
    });
  });

  it('a config naming a scene needs the scene text', () => {
    expectProblem(() => parseScenario({ configText: `scene: x.yaml\n${CONFIG}`, configName: 'c.yaml' }), { file: 'c.yaml', path: 'scene', allowed: /scene supplied/ });
  });
});
