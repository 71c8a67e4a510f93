/**
 * Camera footprints on the ground: for each camera, the arcs where the reference target's P∞ falls to
 * each band threshold (0.9, 0.5, 0.1), across the sector the camera can look at (its field of view, or
 * its scan sector, or all round), draped on the terrain. All cameras' outlines are one line buffer;
 * the selected tower's footprint is also filled, band by band.
 *
 * Ranges are horizontal distances from the tower (slant range differs by < 0.1 % at these ranges).
 */
import { reachHalfRad } from '../../core/cameras.ts';
import type { WorldView } from '../protocol.ts';
import { BAND_RGB } from './palette.ts';
import type { LineBuffers } from './lineGeometry.ts';
import { LineBuilder } from './lineGeometry.ts';
import type { SceneFrame } from './sceneFrame.ts';
import { groundZ } from './sceneFrame.ts';

function inside(f: SceneFrame, x: number, y: number): boolean {
  const hf = f.hf;
  return x >= hf.originX && y >= hf.originY && x <= hf.originX + (hf.nx - 1) * hf.cellM && y <= hf.originY + (hf.ny - 1) * hf.cellM;
}

/** Arc segments per full turn. */
const ARC_SEGMENTS = 96;
const LIFT_M = 0.8;

export function buildFootprintLines(frame: SceneFrame, view: WorldView): LineBuffers {
  const lb = new LineBuilder(frame);
  const c = view.cameras;
  for (let k = 0; k < c.count; k++) {
    const t = c.tower[k];
    const cx = view.towers.x[t];
    const cy = view.towers.y[t];
    const ranges = view.models[c.model[k]].bandRangesM;
    const half = reachHalfRad(c, k);
    const full = half >= Math.PI - 1e-9;
    const a0 = c.headingRad[k] - half;
    const n = Math.max(4, Math.ceil((ARC_SEGMENTS * 2 * half) / (2 * Math.PI)));
    for (let b = 0; b < ranges.length; b++) {
      const r = ranges[b];
      if (!(r > 0)) continue;
      let px = cx + r * Math.cos(a0);
      let py = cy + r * Math.sin(a0);
      let pz = groundZ(frame, px, py) + LIFT_M;
      for (let i = 1; i <= n; i++) {
        const a = a0 + (2 * half * i) / n;
        const x = cx + r * Math.cos(a);
        const y = cy + r * Math.sin(a);
        const z = groundZ(frame, x, y) + LIFT_M;
        // Only over the modelled terrain: beyond it there is no ground to drape on.
        if (inside(frame, px, py) && inside(frame, x, y)) lb.segment(px, py, pz, x, y, z, BAND_RGB[b]);
        px = x;
        py = y;
        pz = z;
      }
    }
    if (!full) {
      const rMax = Math.max(...ranges);
      for (const a of [a0, a0 + 2 * half]) {
        // The sector's edge, cut where it leaves the terrain.
        let r = rMax;
        while (r > 0 && !inside(frame, cx + r * Math.cos(a), cy + r * Math.sin(a))) r -= rMax / 64;
        if (r > 0) lb.drape(cx, cy, cx + r * Math.cos(a), cy + r * Math.sin(a), rMax / 32, BAND_RGB[ranges.length - 1], LIFT_M);
      }
    }
  }
  return lb.build();
}

export interface FillBuffers {
  positions: Float32Array;
  /** RGBA per vertex. */
  colors: Float32Array;
  indices: Uint32Array;
}

/** Filled bands of every camera on tower `t`: a translucent annular sector per band. */
export function buildFootprintFill(frame: SceneFrame, view: WorldView, t: number, alpha = 0.34): FillBuffers {
  const pos: number[] = [];
  const col: number[] = [];
  const idx: number[] = [];
  const c = view.cameras;
  const cx = view.towers.x[t];
  const cy = view.towers.y[t];
  for (let k = 0; k < c.count; k++) {
    if (c.tower[k] !== t) continue;
    const ranges = view.models[c.model[k]].bandRangesM;
    const half = reachHalfRad(c, k);
    const a0 = c.headingRad[k] - half;
    const na = Math.max(4, Math.ceil((ARC_SEGMENTS * 2 * half) / (2 * Math.PI)));
    let inner = 0;
    for (let b = 0; b < ranges.length; b++) {
      const outer = ranges[b];
      if (!(outer > inner)) continue;
      // Radial rings every ~1/12 of the outer range so the fill follows the relief.
      const nr = Math.max(2, Math.ceil(((outer - inner) / outer) * 12));
      const first = pos.length / 3;
      for (let ri = 0; ri <= nr; ri++) {
        const r = inner + ((outer - inner) * ri) / nr;
        for (let ai = 0; ai <= na; ai++) {
          const a = a0 + (2 * half * ai) / na;
          const x = cx + r * Math.cos(a);
          const y = cy + r * Math.sin(a);
          pos.push(x - frame.originX, y - frame.originY, groundZ(frame, x, y) + LIFT_M);
          const rgb = BAND_RGB[b];
          // Off the modelled terrain the fill fades out rather than hanging over the void.
          col.push(rgb[0], rgb[1], rgb[2], inside(frame, x, y) ? alpha : 0);
        }
      }
      for (let ri = 0; ri < nr; ri++) {
        for (let ai = 0; ai < na; ai++) {
          const v0 = first + ri * (na + 1) + ai;
          const v1 = v0 + na + 1;
          idx.push(v0, v1, v1 + 1, v0, v1 + 1, v0 + 1);
        }
      }
      inner = outer;
    }
  }
  return { positions: Float32Array.from(pos), colors: Float32Array.from(col), indices: Uint32Array.from(idx) };
}
