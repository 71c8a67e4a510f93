/**
 * The shipped scenes and sim-configs: they validate, the defaults equal the shipped default files, and
 * the committed JSON Schemas are fresh and accept every shipped file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, DEFAULT_CONFIG_INPUT, DEFAULT_SCENE } from '../../src/config/defaults.ts';
import { publishedSchemas, schemaText } from '../../src/config/jsonSchema.ts';
import { loadConfigFile, loadScenario, loadSceneFile } from '../../src/config/load.ts';
import { ConfigSchema, SceneSchema } from '../../src/config/schema.ts';

const root = path.resolve(import.meta.dirname, '../..');
const rel = (...p: string[]) => path.relative(process.cwd(), path.join(root, ...p));
const list = (dir: string) =>
  readdirSync(path.join(root, dir))
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => rel(dir, f));
const scenes = list('scenes');
const configs = list('sim-configs');

describe('shipped files', () => {
  it('exist', () => {
    expect(scenes).toEqual(expect.arrayContaining([rel('scenes/desert-50km.yaml'), rel('scenes/flat-10km.yaml')]));
    for (const f of ['default', 'ideal-check', 'spacing-1km', 'spacing-4km']) expect(configs).toContain(rel('sim-configs', `${f}.yaml`));
  });

  it.each(scenes)('scene %s validates', (f) => {
    expect(() => loadSceneFile(f)).not.toThrow();
  });

  it.each(configs)('sim-config %s validates with its scene', (f) => {
    const s = loadScenario({ configPath: f });
    expect(s.sceneFile).not.toBeNull();
    expect(s.configFile).toBe(f);
  });

  it.each([...scenes, ...configs])('%s points editors at the committed JSON Schema', (f) => {
    const first = readFileSync(f, 'utf8').split('\n')[0];
    const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect(m, first).not.toBeNull();
    const schemaFile = path.join(path.dirname(f), m![1]);
    const kind = scenes.includes(f) ? 'scene' : 'sim-config';
    expect(path.basename(schemaFile)).toBe(`${kind}.schema.json`);
    expect(() => readFileSync(schemaFile)).not.toThrow();
  });
});

describe('embedded defaults', () => {
  it('scenes/desert-50km.yaml parses to exactly DEFAULT_SCENE', () => {
    expect(loadSceneFile(rel('scenes/desert-50km.yaml'))).toStrictEqual(DEFAULT_SCENE);
  });

  it('sim-configs/default.yaml parses to exactly DEFAULT_CONFIG (plus its scene line)', () => {
    const { scene, ...rest } = loadConfigFile(rel('sim-configs/default.yaml'));
    expect(scene).toBe('../scenes/desert-50km.yaml');
    expect(rest).toStrictEqual(DEFAULT_CONFIG);
    // The file is written as the input form: offsetM left to its default.
    const raw = parseYaml(readFileSync(path.join(root, 'sim-configs/default.yaml'), 'utf8')) as Record<string, unknown>;
    delete raw.scene;
    expect(raw).toStrictEqual(DEFAULT_CONFIG_INPUT);
  });

  it('the input form parses to the resolved form', () => {
    expect(ConfigSchema.parse(DEFAULT_CONFIG_INPUT)).toStrictEqual(DEFAULT_CONFIG);
    expect(SceneSchema.parse(DEFAULT_SCENE)).toStrictEqual(DEFAULT_SCENE);
  });

  it('with no files, loadScenario gives the defaults, deep-frozen', () => {
    const s = loadScenario();
    expect(s.scene).toStrictEqual(DEFAULT_SCENE);
    expect(s.config).toStrictEqual(DEFAULT_CONFIG);
    expect(s.sceneFile).toBeNull();
    expect(s.configFile).toBeNull();
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.scene.border.barrier.gaps[0])).toBe(true);
    expect(Object.isFrozen(s.config.cameras)).toBe(true);
    expect(() => {
      (s.config.towers as { heightM: number }).heightM = 3;
    }).toThrow(TypeError);
  });

  it('the same loaded via the default config file', () => {
    const s = loadScenario({ configPath: rel('sim-configs/default.yaml') });
    expect(s.scene).toStrictEqual(DEFAULT_SCENE);
    expect(s.sceneFile).toBe(rel('scenes/desert-50km.yaml'));
    expect({ ...s.config, scene: undefined }).toStrictEqual({ ...DEFAULT_CONFIG, scene: undefined });
  });
});

describe('JSON Schema', () => {
  it('committed files are fresh (run `npm run schema` after changing src/config/schema.ts)', () => {
    for (const s of publishedSchemas()) {
      const committed = readFileSync(path.join(root, s.file), 'utf8');
      expect(committed, `${s.file} is stale: run npm run schema`).toBe(schemaText(s));
    }
  });

  it('accepts every shipped file and rejects an unknown key', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const [sceneJson, configJson] = publishedSchemas().map((s) => JSON.parse(readFileSync(path.join(root, s.file), 'utf8')));
    const checkScene = ajv.compile(sceneJson);
    const checkConfig = ajv.compile(configJson);
    for (const f of scenes) expect(checkScene(parseYaml(readFileSync(f, 'utf8'))), `${f}: ${JSON.stringify(checkScene.errors)}`).toBe(true);
    for (const f of configs) expect(checkConfig(parseYaml(readFileSync(f, 'utf8'))), `${f}: ${JSON.stringify(checkConfig.errors)}`).toBe(true);
    expect(checkConfig({ ...DEFAULT_CONFIG_INPUT, towerz: 1 })).toBe(false);
    expect(checkScene({ ...DEFAULT_SCENE, environment: { visibility: 'murky' } })).toBe(false);
  });
});
