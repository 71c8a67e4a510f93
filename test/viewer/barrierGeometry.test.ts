import { describe, expect, it } from 'vitest';
import { createBorder, projectOnBorder } from '../../src/core/border.ts';
import { createHeightfield, heightAt } from '../../src/core/terrain/heightfield.ts';
import { buildBarrierBuffers, wallRuns } from '../../src/viewer/render/barrierGeometry.ts';
import { createSceneFrame } from '../../src/viewer/render/sceneFrame.ts';

describe('wall runs', () => {
  it('are the line minus its gaps', () => {
    expect(wallRuns(1000, Float64Array.from([100, 200, 500, 600]))).toEqual([0, 100, 200, 500, 600, 1000]);
    expect(wallRuns(1000, Float64Array.from([0, 50, 950, 1000]))).toEqual([50, 950]);
    expect(wallRuns(1000, new Float64Array(0))).toEqual([0, 1000]);
    expect(wallRuns(1000, Float64Array.from([0, 1000]))).toEqual([]);
  });
});

describe('barrier buffers', () => {
  const hf = createHeightfield(-500, -500, 10, 201, 101, Float32Array.from({ length: 201 * 101 }, (_, k) => 5 * Math.sin(k / 37)));
  const border = createBorder([0, 0, 600, 300, 1200, 300]);
  const gaps = Float64Array.from([400, 450, 900, 1000]);
  const frame = createSceneFrame(hf, 2);
  const b = buildBarrierBuffers(frame, { border, heightM: 3, widthM: 3, gapsM: gaps });

  it('leaves the gaps open: no wall vertex inside a gap', () => {
    const proj = { sM: 0, dM: 0 };
    for (let v = 0; v < b.positions.length / 3; v++) {
      projectOnBorder(border, b.positions[3 * v] + frame.originX, b.positions[3 * v + 1] + frame.originY, proj);
      const inGap = (proj.sM > 400 + 1e-3 && proj.sM < 450 - 1e-3) || (proj.sM > 900 + 1e-3 && proj.sM < 1000 - 1e-3);
      expect(inGap).toBe(false);
    }
  });

  it('is 3 m wide and stands 3 m above the (exaggerated) ground on its centre line', () => {
    const proj = { sM: 0, dM: 0 };
    let tops = 0;
    for (let v = 0; v < b.positions.length / 3; v++) {
      const x = b.positions[3 * v] + frame.originX;
      const y = b.positions[3 * v + 1] + frame.originY;
      projectOnBorder(border, x, y, proj);
      expect(Math.abs(Math.abs(proj.dM) - 1.5)).toBeLessThan(0.05);
      if (b.normals[3 * v + 2] === 1) {
        // A top vertex: centre-line ground (half a width away) + 3 m.
        tops++;
      }
    }
    expect(tops).toBeGreaterThan(0);
    // The first sample: top at the centre line's ground × 2 + 3.
    const z0 = b.positions[2 + 3 * 1];
    expect(z0).toBeCloseTo(2 * heightAt(hf, 0, 0) + 3, 4);
  });

  it('faces point outwards: triangle winding agrees with the stored normals', () => {
    for (let t = 0; t < b.indices.length; t += 3) {
      const [i0, i1, i2] = [b.indices[t], b.indices[t + 1], b.indices[t + 2]];
      const p = (i: number) => [b.positions[3 * i], b.positions[3 * i + 1], b.positions[3 * i + 2]];
      const [a, c, d] = [p(i0), p(i1), p(i2)];
      const u = [c[0] - a[0], c[1] - a[1], c[2] - a[2]];
      const w = [d[0] - a[0], d[1] - a[1], d[2] - a[2]];
      const n = [u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]];
      const len = Math.hypot(n[0], n[1], n[2]);
      if (len < 1e-9) continue;
      const dot = (n[0] * b.normals[3 * i0] + n[1] * b.normals[3 * i0 + 1] + n[2] * b.normals[3 * i0 + 2]) / len;
      expect(dot).toBeGreaterThan(0.9);
    }
  });
});
