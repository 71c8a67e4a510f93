/**
 * Level of detail on the Iraq–Syria frontier, headless: the page's ground for a tiled world follows
 * the simulation's ground, and flying the camera along all 599 km keeps the drawn triangles, draw
 * calls and per-frame work bounded.
 */
import * as THREE from 'three';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeWorldSource } from '../../src/batch/geoFiles.ts';
import { buildWorld } from '../../src/world/build.ts';
import { loadScenario } from '../../src/config/load.ts';
import { newStation, stationAt } from '../../src/core/border.ts';
import { groundHeightAt } from '../../src/core/terrain/ground.ts';
import type { World } from '../../src/core/world.ts';
import { FAR_VIEW_M, GroundLod, TiledHeights } from '../../src/viewer/render/groundLod.ts';
import { createSceneFrame, groundZ } from '../../src/viewer/render/sceneFrame.ts';
import type { GroundTilesView } from '../../src/viewer/protocol.ts';
import { groundTilesView } from '../../src/viewer/worker/groundTiles.ts';

let world: World;
let view: GroundTilesView;

beforeAll(async () => {
  const scenario = loadScenario({ configPath: 'sim-configs/iraq-syria-4km.yaml' });
  ({ world } = await buildWorld(scenario, nodeWorldSource));
  view = groundTilesView(world.ground)!;
}, 300_000);

function triangles(lod: GroundLod): { tris: number; calls: number } {
  let tris = 0;
  let calls = 0;
  lod.group.traverse((o) => {
    if ((o as THREE.Mesh).isMesh && o.visible) {
      tris += ((o as THREE.Mesh).geometry.index!.count) / 3;
      calls++;
    }
  });
  return { tris, calls };
}

describe('ground level of detail for a tiled world', () => {
  it('sends the strip at 20 m (a quarter of the samples) and reads the same ground', () => {
    expect(view.cellM).toBe(20);
    expect(view.samples.length).toBeLessThan(0.3 * (world.ground as { samples: Float32Array }).samples.length);
    const h = new TiledHeights(view);
    const st = newStation();
    for (let s = 0; s < world.border.lengthM; s += 997) {
      stationAt(world.border, s, st);
      for (const d of [-1500, -20, 0, 30, 800]) {
        const x = st.x + st.nx * d;
        const y = st.y + st.ny * d;
        // 20 m sampling of a 10 m ground: the difference is the relief between samples.
        expect(Math.abs(h.heightAt(x, y) - groundHeightAt(world.ground, x, y))).toBeLessThan(3);
      }
    }
  });

  it('flying along all 599 km at 400 m and 3 km keeps triangles, draw calls and update time bounded', () => {
    const hf = world.heightfield;
    const h = new TiledHeights(view);
    const frame = createSceneFrame(hf, 2, (x, y) => h.heightAt(x, y));
    const lod = new GroundLod(frame, view, world.border, { approachM: 2000, depthM: 1000 });
    const overview = new THREE.Object3D();
    const camera = new THREE.PerspectiveCamera(50, 16 / 9, 10, 200_000);
    const st = newStation();
    let maxTris = 0;
    let maxCalls = 0;
    let worstMs = 0;
    let totalMs = 0;
    let frames = 0;
    for (const altitude of [400, 3000]) {
      for (let s = 0; s <= world.border.lengthM; s += 2500) {
        stationAt(world.border, s, st);
        camera.position.set(st.x - frame.originX - 1500 * st.nx, st.y - frame.originY - 1500 * st.ny, groundZ(frame, st.x, st.y) + altitude);
        // A few frames at each spot: the finer levels arrive within the per-frame build budget.
        for (let k = 0; k < 8; k++) {
          const t0 = performance.now();
          lod.update(camera, altitude * 1.5, overview);
          worstMs = Math.max(worstMs, performance.now() - t0);
          totalMs += performance.now() - t0;
          frames++;
        }
        expect(overview.visible).toBe(false);
        const { tris, calls } = triangles(lod);
        maxTris = Math.max(maxTris, tris);
        maxCalls = Math.max(maxCalls, calls);
      }
    }
    // The whole strip at 20 m would be 2 × 8.7 M triangles; near the camera a few hundred thousand do.
    expect(maxTris).toBeLessThan(600_000);
    expect(maxCalls).toBeLessThan(400);
    expect(frames).toBeGreaterThan(900);
    console.log(`ground LOD along 599 km: at most ${maxTris} triangles in ${maxCalls} tiles; mean update ${(totalMs / frames).toFixed(2)} ms, worst ${worstMs.toFixed(1)} ms`);
    // From afar the overview alone is drawn.
    lod.update(camera, FAR_VIEW_M * 2, overview);
    expect(overview.visible).toBe(true);
    expect(lod.group.visible).toBe(false);
    lod.dispose();
  });
});
