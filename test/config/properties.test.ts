/**
 * Property-based tests of the config and scene loaders (issue 7), with fast-check: arbitrary text,
 * arbitrary YAML/JSON documents, `--set` strings, and random mutations of every shipped file either
 * load or fail with the project's own error — an InputError whose every problem names the file, says
 * what is wrong in words and, with a line, points inside the file — never another exception, a stack
 * trace, a hang or, once loaded, a run with NaN or infinity in its rows.
 *
 * Seeded (fast-check's seed is printed on failure; WATCHLINE_PROPERTY_SEED replays a run).
 * PROPERTY_CASES below adds up how many cases run in all.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { csvLine } from '../../src/batch/rows.ts';
import { simulateRange } from '../../src/batch/simulateRange.ts';
import { decodeRow } from '../../src/batch/codec.ts';
import { InputError } from '../../src/config/errors.ts';
import { towerCount, longestAttempt } from '../../src/config/limits.ts';
import { loadScenario } from '../../src/config/load.ts';
import { parseConfigText, parseScenario, parseSceneText, type Scenario } from '../../src/config/scenario.ts';
import { SEGMENT_KM } from '../../src/core/figures/reporter.ts';
import { FigureTally } from '../../src/core/figures/tally.ts';
import { worldJobFor } from '../../src/world/build.ts';
import { worldFromJob } from '../../src/world/job.ts';

const root = path.resolve(import.meta.dirname, '../..');
const seed = process.env.WATCHLINE_PROPERTY_SEED !== undefined ? Number(process.env.WATCHLINE_PROPERTY_SEED) : 20_261_128;

/** Cases per property; their sum is reported as PROPERTY_CASES. */
const RUNS = { text: 400, tokens: 600, documents: 400, sets: 400, mutations: 150, files: 60 };
const SHIPPED_SCENES = readdirSync(path.join(root, 'scenes')).filter((f) => /\.ya?ml$/.test(f));
const SHIPPED_CONFIGS = readdirSync(path.join(root, 'sim-configs')).filter((f) => /\.ya?ml$/.test(f));
/** Mutation cases run once per shipped file; file cases once per shipped config. */
export const PROPERTY_CASES =
  RUNS.text * 2 + RUNS.tokens * 2 + RUNS.documents * 2 + RUNS.sets + RUNS.mutations * (SHIPPED_SCENES.length + SHIPPED_CONFIGS.length) + RUNS.files;

const STACK = /^\s+at .+[:(]\d+/m;

/**
 * Runs `load`: it must return, or throw an InputError whose problems all name `file` (or a --set),
 * say what is wrong, carry lines inside the text, and print without a stack trace or "undefined".
 */
function loadsOrExplains<T>(load: () => T, file: string | RegExp, text?: string): T | null {
  try {
    return load();
  } catch (e) {
    if (!(e instanceof InputError)) throw new Error(`not the project's error: ${(e as Error)?.stack ?? String(e)}`);
    const lines = text === undefined ? Infinity : text.split('\n').length;
    expect(e.problems.length).toBeGreaterThan(0);
    for (const p of e.problems) {
      if (typeof file === 'string') expect(p.file.startsWith(file) || p.file.startsWith('--set')).toBe(true);
      else expect(p.file).toMatch(file);
      expect(p.message.trim().length).toBeGreaterThan(0);
      if (p.line !== undefined) {
        expect(p.line).toBeGreaterThanOrEqual(1);
        expect(p.line).toBeLessThanOrEqual(lines);
      }
    }
    expect(e.message).not.toMatch(STACK);
    expect(e.message).not.toMatch(/\bundefined\b|\[object Object\]/);
    return null;
  }
}

// ----------------------------------------------------------------------------------- generators

/** Numbers at their edges, as YAML writes them (NaN → .nan, Infinity → .inf). */
const edgeNumber = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.5, 1e-300, -1e-300, 1e300, -1e300, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 32, 2 ** 53, 2 ** 53 + 2, 1e7, NaN, Infinity, -Infinity),
  fc.double(),
  fc.integer(),
);
const scalar = fc.oneof(edgeNumber, fc.string({ maxLength: 12 }), fc.boolean(), fc.constant(null), fc.constantFrom('foot', 'ideal', 'thermal', 'straight', 'flat', 'clear', 'mid-range-640', ''));
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 8 }), tie('v'), { maxKeys: 4 })),
})).v;

/** YAML-ish token soup: syntax the parser must survive (anchors, tags, merges, directives, flows). */
const TOKENS = ['a: ', 'towers:', 'spacingM: ', 'cameras:', 'scene: ', 'border:', ' ', '  ', '\n', '\t', '- ', '[', ']', '{', '}', ', ', ': ', '&x ', '*x', '&y ', '*y', '!!str ', '!!js/function ', '!foo ', '? ', '|', '>-', '"', "'", '# c', '1e309', '.nan', '-.inf', '0x1F', '~', 'null', '<<: ', '%YAML 1.2\n', '---\n', '...\n', '\uFEFF', 'é', '\u0000', '2000', '-5', 'ideal', '__proto__', 'constructor'];
const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join(''));

// ------------------------------------------------------------------------------------- mutations

type Path = (string | number)[];

function pathsOf(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) pathsOf(x, [...at, k], out);
  return out;
}

type Mutation = { kind: 'set'; value: unknown } | { kind: 'delete' } | { kind: 'addKey'; key: string; value: unknown } | { kind: 'empty' } | { kind: 'duplicate' } | { kind: 'scale'; factor: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), value }),
  fc.record({ kind: fc.constant('set' as const), value: edgeNumber }),
  fc.constant({ kind: 'delete' as const }),
  fc.record({ kind: fc.constant('addKey' as const), key: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'constructor', 'spacingm', 'at')), value }),
  fc.constant({ kind: 'empty' as const }),
  fc.constant({ kind: 'duplicate' as const }),
  fc.record({ kind: fc.constant('scale' as const), factor: fc.constantFrom(0, -1, 1e-9, 1e-3, 1e3, 1e9, 1e300) }),
);

/** Applies mutations at paths (chosen by index among the paths present at that moment). */
function mutate(doc: unknown, steps: [number, Mutation][]): unknown {
  let root = structuredClone(doc);
  for (const [pick, m] of steps) {
    const paths = pathsOf(root);
    const p = paths[pick % paths.length];
    if (p.length === 0) {
      if (m.kind === 'set') root = m.value;
      continue;
    }
    const parent = p.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], root) as Record<string | number, unknown> | unknown[];
    const key = p[p.length - 1];
    const cur = (parent as Record<string | number, unknown>)[key];
    switch (m.kind) {
      case 'set':
        (parent as Record<string | number, unknown>)[key] = m.value;
        break;
      case 'delete':
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete (parent as Record<string, unknown>)[key as string];
        break;
      case 'addKey':
        if (cur !== null && typeof cur === 'object' && !Array.isArray(cur)) Object.defineProperty(cur, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
        break;
      case 'empty':
        (parent as Record<string | number, unknown>)[key] = Array.isArray(cur) ? [] : cur !== null && typeof cur === 'object' ? {} : '';
        break;
      case 'duplicate':
        if (Array.isArray(cur) && cur.length > 0) cur.push(structuredClone(cur[0]));
        break;
      case 'scale':
        if (typeof cur === 'number') (parent as Record<string | number, unknown>)[key] = cur * m.factor;
        break;
    }
  }
  return root;
}

const yamlText = (v: unknown) => stringify(v, { aliasDuplicateObjects: false });
const readShipped = (dir: string, f: string) => readFileSync(path.join(root, dir, f), 'utf8');
/** A shipped file as a plain value (they are valid YAML). */
const parseYamlValue = (text: string): unknown => parse(text);

// ------------------------------------------------------------------------------- run has no NaN

/**
 * A loaded scenario, simulated briefly when that is cheap (flat or straight ground, few cameras,
 * short attempts): every row and the statistics hold only finite numbers.
 */
function expectFiniteRun(s: Scenario): void {
  const line = s.scene.border.line;
  if (line.type !== 'straight' || s.scene.terrain.type !== 'flat') return;
  if (towerCount(s.config.towers, line.lengthKm * 1000) * s.config.cameras.length > 400) return;
  if (longestAttempt(s.scene, s.config.run.stepS).steps > 50_000) return;
  const world = worldFromJob(worldJobFor(s.scene, s.config));
  const kinds = s.scene.threats.map((t) => t.kind);
  const data = simulateRange(world, s.config.run.seed, 0, 4, s.config.run.stepS);
  const tally = new FigureTally({ kinds, lengthM: line.lengthKm * 1000, segmentKm: SEGMENT_KM, response: null, chain: null });
  for (let i = 0; i < 4; i++) {
    const row = decodeRow(data, i, kinds);
    expect(csvLine(row)).not.toMatch(/NaN|Infinity|undefined/);
    tally.add(row);
  }
  const stats = tally.summary();
  JSON.stringify(stats, (_k, v) => {
    if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
    return v;
  });
}

// ----------------------------------------------------------------------------------------- tests

describe(`config and scene loaders under fast-check (${PROPERTY_CASES} cases, seed ${seed})`, () => {
  const params = (numRuns: number) => ({ numRuns, seed, endOnFailure: true });

  it('arbitrary text loads or is explained, as a scene and as a config', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        loadsOrExplains(() => parseSceneText(text, 'fuzz-scene.yaml'), 'fuzz-scene.yaml', text);
        loadsOrExplains(() => parseConfigText(text, 'fuzz-config.yaml'), 'fuzz-config.yaml', text);
      }),
      params(RUNS.text),
    );
  });

  it('YAML token soup (anchors, aliases, tags, merge keys, directives) loads or is explained', () => {
    fc.assert(
      fc.property(tokenSoup, (text) => {
        loadsOrExplains(() => parseScenario({ configText: text, configName: 'soup.yaml' }), /^(soup\.yaml|\(built-in default)/, text);
        loadsOrExplains(() => parseScenario({ sceneText: text, sceneName: 'soup-scene.yaml' }), /^(soup-scene\.yaml|\(built-in default)/, text);
      }),
      params(RUNS.tokens),
    );
  });

  it('arbitrary documents, written as YAML and as JSON, load or are explained', () => {
    fc.assert(
      fc.property(value, (v) => {
        const y = yamlText(v);
        loadsOrExplains(() => parseScenario({ configText: y, configName: 'doc.yaml' }), /^(doc\.yaml|\(built-in default)/, y);
        const j = JSON.stringify(v) ?? 'null';
        loadsOrExplains(() => parseScenario({ sceneText: j, sceneName: 'doc.json' }), /^(doc\.json|\(built-in default)/, j);
      }),
      params(RUNS.documents),
    );
  });

  it('arbitrary --set strings load or are explained', () => {
    const key = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('towers.spacingM', 'run.attempts', 'scene.border.line.lengthKm', 'cameras.0.rangeM', 'cameras.5', 'sweep.towers.spacingM', '__proto__.x', 'towers.at.0.km', 'scene.threats.0'));
    const val = fc.oneof(fc.string({ maxLength: 20 }), edgeNumber.map((n) => stringify(n).trim()), value.map((v) => JSON.stringify(v) ?? ''));
    fc.assert(
      fc.property(key, val, fc.boolean(), (k, v, eq) => {
        const s = loadsOrExplains(() => parseScenario({ sets: [eq ? `${k}=${v}` : k + v] }), /^(--set|\(built-in default)/);
        if (s) expectFiniteRun(s);
        expect(({} as Record<string, unknown>).x).toBeUndefined(); // no prototype pollution
      }),
      params(RUNS.sets),
    );
  });

  for (const f of SHIPPED_SCENES) {
    it(`mutations of scenes/${f} load (then run without NaN) or are explained`, () => {
      const doc = parseYamlValue(readShipped('scenes', f));
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 3 }), (steps) => {
          const text = yamlText(mutate(doc, steps));
          const s = loadsOrExplains(() => parseScenario({ sceneText: text, sceneName: `scenes/${f}`, configText: 'towers: { spacingM: 2500 }\ncameras: [ { sensor: ideal, rangeM: 800 } ]\n', configName: 'c.yaml' }), /^(scenes\/|c\.yaml)/, text);
          if (s) expectFiniteRun(s);
        }),
        params(RUNS.mutations),
      );
    });
  }

  for (const f of SHIPPED_CONFIGS) {
    it(`mutations of sim-configs/${f} load (then run without NaN) or are explained`, () => {
      const doc = parseYamlValue(readShipped('sim-configs', f));
      const sceneRef = (doc as { scene?: string }).scene;
      const sceneText = sceneRef ? readShipped('sim-configs', sceneRef) : undefined;
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 3 }), (steps) => {
          const mutated = mutate(doc, steps);
          const text = yamlText(mutated);
          const named = mutated !== null && typeof mutated === 'object' && typeof (mutated as { scene?: unknown }).scene === 'string';
          const s = loadsOrExplains(
            () => parseScenario({ configText: text, configName: `sim-configs/${f}`, ...(named && sceneText !== undefined && { sceneText, sceneName: 'scenes/x.yaml' }) }),
            /^(sim-configs\/|scenes\/|\(built-in default)/,
            text,
          );
          if (s) expectFiniteRun(s);
        }),
        params(RUNS.mutations),
      );
    });
  }

  it('the CLI loader reads mutated files from disk with the same outcome', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'watchline-props-'));
    mkdirSync(path.join(dir, 'scenes'));
    mkdirSync(path.join(dir, 'sim-configs'));
    for (const f of SHIPPED_SCENES) writeFileSync(path.join(dir, 'scenes', f), readShipped('scenes', f));
    const configs = SHIPPED_CONFIGS.map((f) => ({ f, doc: parseYamlValue(readShipped('sim-configs', f)) }));
    let n = 0;
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 2 }), (pick, steps) => {
        const { f, doc } = configs[pick % configs.length];
        const file = path.join(dir, 'sim-configs', `m${n++}-${f}`);
        const text = yamlText(mutate(doc, steps));
        writeFileSync(file, text);
        const fromDisk = loadsOrExplains(() => loadScenario({ configPath: file }), /sim-configs|scenes|\(built-in default/, undefined);
        // Same verdict as the pure loader given the same texts.
        const ref = (mutate(doc, steps) as { scene?: unknown } | null)?.scene;
        let sceneText: string | undefined;
        try {
          sceneText = typeof ref === 'string' ? readFileSync(path.join(dir, 'sim-configs', ref), 'utf8') : undefined;
        } catch {
          sceneText = undefined;
        }
        if (typeof ref === 'string' && sceneText === undefined) return; // the pure loader cannot be given a missing file
        const pure = loadsOrExplains(() => parseScenario({ configText: text, configName: file, ...(sceneText !== undefined && { sceneText, sceneName: 'scene' }) }), /./, text);
        expect(fromDisk === null).toBe(pure === null);
      }),
      params(RUNS.files),
    );
  });
});
