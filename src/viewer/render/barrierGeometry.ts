/**
 * The wall as a solid prism along the border, widthM wide and heightM above the ground at its centre
 * line (as barrier.ts tests sight lines against it), open at the gaps. Flat-shaded faces: the far face,
 * the home face, the top and the end caps at every gap.
 */
import type { Border, Station } from '../../core/border.ts';
import { newStation, stationAt } from '../../core/border.ts';
import { heightAt } from '../../core/terrain/heightfield.ts';
import type { SceneFrame } from './sceneFrame.ts';

export interface BarrierInput {
  border: Border;
  heightM: number;
  widthM: number;
  /** Gap intervals [from0, to0, …] in chainage metres, sorted. */
  gapsM: Float64Array;
}

export interface MeshBuffers {
  positions: Float32Array;
  normals: Float32Array;
  indices: Uint32Array;
}

/** Chainage intervals where the wall stands: [0, L] minus the gaps, as [from, to] pairs in metres. */
export function wallRuns(lengthM: number, gapsM: Float64Array): number[] {
  const runs: number[] = [];
  let s = 0;
  for (let i = 0; i < gapsM.length; i += 2) {
    const a = Math.max(0, gapsM[i]);
    const b = Math.min(lengthM, gapsM[i + 1]);
    if (a > s) runs.push(s, a);
    s = Math.max(s, b);
  }
  if (s < lengthM) runs.push(s, lengthM);
  return runs;
}

/** How much the wall is sunk into the ground so it never floats on a slope, metres. */
const FOOTING_M = 1;

export function buildBarrierBuffers(frame: SceneFrame, b: BarrierInput, maxSamples = 40_000): MeshBuffers {
  const runs = wallRuns(b.border.lengthM, b.gapsM);
  const step = Math.max(frame.hf.cellM, b.border.lengthM / maxSamples);
  const pos: number[] = [];
  const nrm: number[] = [];
  const idx: number[] = [];
  const st: Station = newStation();
  const half = b.widthM / 2;
  const ex = frame.exaggeration;
  const vertex = (x: number, y: number, z: number, nx: number, ny: number, nz: number) => {
    pos.push(x - frame.originX, y - frame.originY, z);
    nrm.push(nx, ny, nz);
    return pos.length / 3 - 1;
  };
  const quad = (a: number, bb: number, c: number, d: number) => idx.push(a, bb, c, a, c, d);
  for (let r = 0; r < runs.length; r += 2) {
    const s0 = runs[r];
    const s1 = runs[r + 1];
    const n = Math.max(1, Math.ceil((s1 - s0) / step));
    // Per sample: far face bottom/top, home face bottom/top, top far/home edge (separate normals).
    let prev = -1;
    for (let k = 0; k <= n; k++) {
      const s = s0 + ((s1 - s0) * k) / n;
      stationAt(b.border, s, st);
      const fx = st.x - st.nx * half;
      const fy = st.y - st.ny * half;
      const hx = st.x + st.nx * half;
      const hy = st.y + st.ny * half;
      const top = ex * heightAt(frame.hf, st.x, st.y) + b.heightM;
      const fb = ex * heightAt(frame.hf, fx, fy) - FOOTING_M;
      const hb = ex * heightAt(frame.hf, hx, hy) - FOOTING_M;
      const base = vertex(fx, fy, fb, -st.nx, -st.ny, 0);
      vertex(fx, fy, top, -st.nx, -st.ny, 0);
      vertex(hx, hy, hb, st.nx, st.ny, 0);
      vertex(hx, hy, top, st.nx, st.ny, 0);
      vertex(fx, fy, top, 0, 0, 1);
      vertex(hx, hy, top, 0, 0, 1);
      if (prev >= 0) {
        // Far face (outward −n) and home face (+n), counter-clockwise seen from outside.
        quad(prev, base, base + 1, prev + 1);
        quad(prev + 2, prev + 3, base + 3, base + 2);
        // Top.
        quad(prev + 4, base + 4, base + 5, prev + 5);
      }
      if (k === 0 || k === n) {
        // End cap, facing along −t at the start of a run and +t at its end.
        const sign = k === 0 ? -1 : 1;
        const tx = st.tx * sign;
        const ty = st.ty * sign;
        const c0 = vertex(fx, fy, fb, tx, ty, 0);
        vertex(fx, fy, top, tx, ty, 0);
        vertex(hx, hy, top, tx, ty, 0);
        vertex(hx, hy, hb, tx, ty, 0);
        if (sign > 0) quad(c0, c0 + 3, c0 + 2, c0 + 1);
        else quad(c0, c0 + 1, c0 + 2, c0 + 3);
      }
      prev = base;
    }
  }
  return { positions: Float32Array.from(pos), normals: Float32Array.from(nrm), indices: Uint32Array.from(idx) };
}
