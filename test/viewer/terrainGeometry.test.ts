import { describe, expect, it } from 'vitest';
import { createBorder } from '../../src/core/border.ts';
import { createHeightfield, heightAt } from '../../src/core/terrain/heightfield.ts';
import { createSceneFrame } from '../../src/viewer/render/sceneFrame.ts';
import { buildTerrainBuffers, terrainGrid, terrainStride } from '../../src/viewer/render/terrainGeometry.ts';
import { testWorld } from './fixtures.ts';

/** Height of the mesh at world (x, y): interpolates the triangle of the full-resolution grid containing it. */
function meshHeight(pos: Float32Array, idx: Uint32Array, ox: number, oy: number, x: number, y: number): number {
  const px = x - ox;
  const py = y - oy;
  for (let t = 0; t < idx.length; t += 3) {
    const a = idx[t];
    const b = idx[t + 1];
    const c = idx[t + 2];
    const ax = pos[3 * a], ay = pos[3 * a + 1];
    const bx = pos[3 * b], by = pos[3 * b + 1];
    const cx = pos[3 * c], cy = pos[3 * c + 1];
    const d = (by - cy) * (ax - cx) + (cx - bx) * (ay - cy);
    const l1 = ((by - cy) * (px - cx) + (cx - bx) * (py - cy)) / d;
    const l2 = ((cy - ay) * (px - cx) + (ax - cx) * (py - cy)) / d;
    const l3 = 1 - l1 - l2;
    if (l1 >= -1e-9 && l2 >= -1e-9 && l3 >= -1e-9) return l1 * pos[3 * a + 2] + l2 * pos[3 * b + 2] + l3 * pos[3 * c + 2];
  }
  return NaN;
}

describe('terrain buffers', () => {
  const border = createBorder([0, 0, 100, 0]);
  const strip = { approachM: 40, depthM: 30 };

  it('at full resolution the mesh is exactly the core surface (same diagonal as heightAt)', () => {
    // A small irregular grid: 5 × 4 samples, 10 m cells.
    const h = Float32Array.from({ length: 20 }, (_, k) => Math.sin(k * 1.7) * 4 + (k % 3));
    const hf = createHeightfield(-10, -20, 10, 5, 4, h);
    const frame = createSceneFrame(hf, 1);
    const b = buildTerrainBuffers(frame, border, { ...strip, maxVertices: 1e6 });
    expect(b.stride).toBe(1);
    let seed = 1;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let n = 0; n < 200; n++) {
      const x = -10 + rnd() * 40;
      const y = -20 + rnd() * 30;
      expect(meshHeight(b.positions, b.indices, frame.originX, frame.originY, x, y)).toBeCloseTo(heightAt(hf, x, y), 4);
    }
  });

  it('triangles face up and normals are unit vectors pointing up', () => {
    const world = testWorld();
    const frame = createSceneFrame(world.heightfield, 2);
    const b = buildTerrainBuffers(frame, world.border, { ...strip, maxVertices: 20_000 });
    for (let v = 0; v < b.normals.length / 3; v++) {
      const [nx, ny, nz] = [b.normals[3 * v], b.normals[3 * v + 1], b.normals[3 * v + 2]];
      expect(Math.hypot(nx, ny, nz)).toBeCloseTo(1, 5);
      expect(nz).toBeGreaterThan(0);
    }
    for (let t = 0; t < b.indices.length; t += 3) {
      const [a, c1, c2] = [b.indices[t], b.indices[t + 1], b.indices[t + 2]];
      const ux = b.positions[3 * c1] - b.positions[3 * a];
      const uy = b.positions[3 * c1 + 1] - b.positions[3 * a + 1];
      const vx = b.positions[3 * c2] - b.positions[3 * a];
      const vy = b.positions[3 * c2 + 1] - b.positions[3 * a + 1];
      expect(ux * vy - uy * vx).toBeGreaterThan(0);
    }
  });

  it('decimates long borders under the vertex budget and keeps the grid edges', () => {
    const hf = createHeightfield(0, 0, 10, 6001, 361);
    const s = terrainStride(hf, 250_000);
    const g = terrainGrid(hf, 250_000);
    expect(g.stride).toBe(s);
    expect(g.xs.length * g.ys.length).toBeLessThanOrEqual(250_000);
    expect(terrainStride(hf, 250_000 * 4)).toBeLessThan(s);
    expect(g.xs[0]).toBe(0);
    expect(g.xs[g.xs.length - 1]).toBe(60_000);
    expect(g.ys[g.ys.length - 1]).toBe(3600);
  });

  it('subdivides a coarse (flat) heightfield so overlays have vertices to colour', () => {
    const hf = createHeightfield(0, 0, 5000, 2, 2);
    const g = terrainGrid(hf, 100_000);
    expect(g.stride).toBe(0);
    expect(g.xs.length).toBeGreaterThan(100);
    expect(g.xs.length * g.ys.length).toBeLessThanOrEqual(100_000 * 1.05);
    expect(g.xs[g.xs.length - 1]).toBe(5000);
  });

  it('exaggerates relief and tints the far side', () => {
    const world = testWorld();
    const f1 = createSceneFrame(world.heightfield, 1);
    const f3 = createSceneFrame(world.heightfield, 3);
    const b1 = buildTerrainBuffers(f1, world.border, { ...strip, maxVertices: 5000 });
    const b3 = buildTerrainBuffers(f3, world.border, { ...strip, maxVertices: 5000 });
    for (let v = 0; v < b1.positions.length / 3; v += 97) expect(b3.positions[3 * v + 2]).toBeCloseTo(3 * b1.positions[3 * v + 2], 3);
    // Mean green/red ratio: lower on the far side (warm tint).
    let farRatio = 0;
    let homeRatio = 0;
    let nf = 0;
    let nh = 0;
    for (let v = 0; v < b1.positions.length / 3; v++) {
      const y = b1.positions[3 * v + 1] + f1.originY;
      const r = b1.colors[3 * v + 1] / b1.colors[3 * v];
      if (y < -100 && y > -strip.approachM * 20) (farRatio += r), nf++;
      if (y > 100) (homeRatio += r), nh++;
    }
    expect(farRatio / nf).toBeLessThan(homeRatio / nh);
  });
});
