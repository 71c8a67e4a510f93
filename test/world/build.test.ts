/**
 * The one world builder (src/world/build.ts): the same scenario read through two different file
 * readers gives the same world, and the `weakest` crossing density is part of what it builds.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeWorldSource } from '../../src/batch/geoFiles.ts';
import { InputError } from '../../src/config/errors.ts';
import { loadScenario } from '../../src/config/load.ts';
import { parseScenario } from '../../src/config/scenario.ts';
import { newPlan, planAttempt } from '../../src/core/plan.ts';
import type { World } from '../../src/core/world.ts';
import { withRun } from '../../src/core/world.ts';
import type { GeoIO } from '../../src/geo/resolve.ts';
import { buildWorld, worldJobFor } from '../../src/world/build.ts';
import { worldFromJob } from '../../src/world/job.ts';
import { flatScene, idealCamera, spacedConfig } from '../core/fixtures.ts';

// A bent 10 km line in northern Syria, procedural relief, a day scene with a smaller, cooler walker
// and crossings where coverage is weakest: every input the builder turns into a world.
const LINE = JSON.stringify({ type: 'LineString', coordinates: [[40, 35], [40.05, 35.03], [40.1, 35]] });
const SCENE = [
  'border:',
  '  line: { type: geojson, file: data/line.geojson }',
  '  barrier: { gaps: [ { fromKm: 2, toKm: 2.1 } ] }',
  'terrain: { type: procedural, seed: 4, reliefM: 15, wadis: 1, cellM: 20 }',
  'environment: { visibility: haze, timeOfDay: day }',
  'threats: [ { kind: foot, share: 0.8, criticalDimM: 0.6, deltaTK: 2 }, { kind: vehicle, share: 0.2 } ]',
  'crossing: { distribution: weakest }',
  '',
].join('\n');
const SETS = ['towers.spacingM=2500', 'run.attempts=40', 'run.seed=3'];

/** A reader over files held in memory, keyed by their path relative to the working folder. */
function memoryIO(files: Readonly<Record<string, string>>): GeoIO {
  const text = async (p: string) => {
    if (!(p in files)) throw new Error('no such file in memory');
    return files[p];
  };
  return {
    resolve: (sceneFile, ref) => path.posix.join(path.posix.dirname(sceneFile), ref),
    readText: text,
    readBytes: async (p) => new TextEncoder().encode(await text(p)).buffer as ArrayBuffer,
    defaultAtlas: async () => {
      throw new Error('no atlas in memory');
    },
    defaultAtlasName: 'no atlas',
  };
}

function crossings(world: World, seed: number, n: number): number[] {
  const plan = newPlan();
  return Array.from({ length: n }, (_, id) => {
    planAttempt(withRun(world, { seed }), id, plan);
    return plan.crossingM;
  });
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'watchline-world-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('one world builder', () => {
  it('builds the same world from disk (Node’s reader) and from memory (a fake reader)', async () => {
    mkdirSync(path.join(dir, 'data'));
    writeFileSync(path.join(dir, 'data', 'line.geojson'), LINE);
    writeFileSync(path.join(dir, 'scene.yaml'), SCENE);
    const disk = await buildWorld(loadScenario({ scenePath: path.join(dir, 'scene.yaml'), sets: SETS }), nodeWorldSource);
    const mem = await buildWorld(parseScenario({ sceneText: SCENE, sceneName: 'mem/scene.yaml', sets: SETS }), { io: memoryIO({ 'mem/data/line.geojson': LINE }) });

    const a = disk.world;
    const b = mem.world;
    // The line: three vertices, about 10 km, the same in both frames.
    expect(a.border.xy.length).toBe(6);
    expect(a.border.lengthM).toBeGreaterThan(9000);
    expect(Array.from(b.border.xy)).toEqual(Array.from(a.border.xy));
    expect(mem.job.frontier).toEqual(disk.job.frontier);
    // Towers every 2.5 km from 1.25 km, with their cameras.
    expect(a.towers.count).toBe(Math.floor((a.border.lengthM - 1250) / 2500) + 1);
    for (const k of ['sM', 'x', 'y', 'groundM'] as const) expect(Array.from(b.towers[k])).toEqual(Array.from(a.towers[k]));
    for (const k of ['x', 'y', 'z', 'headingRad'] as const) expect(Array.from(b.cameras[k])).toEqual(Array.from(a.cameras[k]));
    // The ground: the same heights; Node's on shared memory for its worker threads, the fake's not.
    expect(b.heightfield.heights).toEqual(a.heightfield.heights);
    expect(a.heightfield.heights.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(b.heightfield.heights.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    // The `weakest` density, computed by the builder, and so the crossings drawn.
    expect(disk.job.weakest!.cdf.length).toBeGreaterThan(2);
    expect(Array.from(b.crossing.cdf)).toEqual(Array.from(a.crossing.cdf));
    expect(crossings(b, 3, 40)).toEqual(crossings(a, 3, 40));
  });

  it('reports a file the reader cannot give as bad input naming the scene file and the field', async () => {
    const s = parseScenario({ sceneText: SCENE, sceneName: 'mem/scene.yaml', sets: SETS });
    const e = await buildWorld(s, { io: memoryIO({}) }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect(String(e)).toMatch(/mem\/scene\.yaml, field border\.line\.file: cannot read "data\/line\.geojson" \(no such file in memory\)/);
  });

  it('adds a crossing density only for `weakest`', () => {
    const config = spacedConfig(4000, [idealCamera(1000)]);
    expect(worldJobFor(flatScene(10), config).weakest).toBeUndefined();
    expect(worldJobFor(flatScene(10, { crossing: { distribution: 'weakest' } }), config).weakest).toBeDefined();
  });

  it('with `weakest`, attempts cross where ideal coverage has its gaps', () => {
    // Ideal 1 km sensors on 15 m towers 50 m back, every 4 km from 2 km: out of reach within
    // √(1000² − 13.2²) of a tower's foot on the line — hand calculation, not the profile.
    const world = worldFromJob(worldJobFor(flatScene(10, { crossing: { distribution: 'weakest' } }), spacedConfig(4000, [idealCamera(1000)])));
    const reach = Math.sqrt(1000 ** 2 - 13.2 ** 2);
    for (const sM of crossings(world, 1, 300)) expect([2000, 6000, 10_000].every((t) => Math.abs(sM - t) > reach - 50)).toBe(true);
  });
});
