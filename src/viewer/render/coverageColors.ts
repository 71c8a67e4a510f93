/**
 * The coverage overlay as colours on the terrain mesh's own vertices (so it drapes exactly), banded by
 * the reference target's P∞: ≥ 0.9 green, ≥ 0.5 amber, ≥ 0.1 orange; below 0.1 red inside the strip,
 * clear outside it. And the wall's dead zone as a ribbon along the far face.
 */
import type { Border } from '../../core/border.ts';
import { newStation, projectOnBorder, stationAt } from '../../core/border.ts';
import type { CoverageRaster } from '../protocol.ts';
import { P_BANDS } from '../protocol.ts';
import { BAND_RGB, bandIndex } from './palette.ts';
import type { MeshBuffers } from './barrierGeometry.ts';
import type { SceneFrame } from './sceneFrame.ts';
import { groundZ } from './sceneFrame.ts';

/** Nearest-sample lookup of the raster at world (x, y); 0 outside it (or outside every tile). */
export function sampleCoverage(c: CoverageRaster, x: number, y: number): number {
  const t = c.tiles;
  if (t) {
    // In tile units; the nearest sample may be the last row or column of the tile to the left or
    // below (samples include both edges), which matters where the tile itself does not exist.
    const fx = (x - t.originX) / t.tileM;
    const fy = (y - t.originY) / t.tileM;
    const m = t.n - 1;
    for (const [tx, ty] of [
      [Math.floor(fx), Math.floor(fy)],
      [Math.round(fx) - 1, Math.floor(fy)],
      [Math.floor(fx), Math.round(fy) - 1],
      [Math.round(fx) - 1, Math.round(fy) - 1],
    ]) {
      if (tx < 0 || ty < 0 || tx >= t.tilesX || ty >= t.tilesY) continue;
      const s = t.slot[ty * t.tilesX + tx];
      const i = Math.round((fx - tx) * m);
      const j = Math.round((fy - ty) * m);
      if (s < 0 || i < 0 || j < 0 || i > m || j > m) continue;
      return t.p[s * t.n * t.n + j * t.n + i];
    }
    return 0;
  }
  const i = Math.round((x - c.originX) / c.cellM);
  const j = Math.round((y - c.originY) / c.cellM);
  if (i < 0 || j < 0 || i >= c.nx || j >= c.ny) return 0;
  return c.p[j * c.nx + i];
}

/** Opacity of the overlay by band (≥ 0.9, ≥ 0.5, ≥ 0.1, < 0.1 inside the strip): gaps in coverage stand out most. */
export const COVERAGE_ALPHA: readonly number[] = [0.24, 0.34, 0.42, 0.48];

/**
 * RGBA per terrain vertex. `positions` are the terrain's scene-frame positions (3 per vertex).
 * @param stripFarM, stripHomeM the strip's extent either side of the line, metres
 */
export function coverageVertexColors(frame: SceneFrame, positions: Float32Array, raster: CoverageRaster, border: Border, stripFarM: number, stripHomeM: number): Float32Array {
  const n = positions.length / 3;
  const out = new Float32Array(4 * n);
  const proj = { sM: 0, dM: 0 };
  for (let v = 0; v < n; v++) {
    const x = positions[3 * v] + frame.originX;
    const y = positions[3 * v + 1] + frame.originY;
    const p = sampleCoverage(raster, x, y);
    const band = bandIndex(p, P_BANDS);
    let a = COVERAGE_ALPHA[band];
    if (band === P_BANDS.length) {
      projectOnBorder(border, x, y, proj);
      if (proj.dM < -stripFarM || proj.dM > stripHomeM || proj.sM <= 0 || proj.sM >= border.lengthM) a = 0;
    }
    const rgb = BAND_RGB[band];
    out[4 * v] = rgb[0];
    out[4 * v + 1] = rgb[1];
    out[4 * v + 2] = rgb[2];
    out[4 * v + 3] = a;
  }
  return out;
}

/**
 * The dead zone: a ribbon on the ground from the wall's far face out to the hidden depth at each
 * chainage sample (nothing where the depth is 0). Normals point up.
 */
export function buildDeadZoneBuffers(frame: SceneFrame, border: Border, widthM: number, raster: CoverageRaster): MeshBuffers {
  const pos: number[] = [];
  const idx: number[] = [];
  const st = newStation();
  const face = widthM / 2;
  const lift = 0.35;
  const { deadSM, deadDepthM } = raster;
  for (let i = 0; i + 1 < deadSM.length; i++) {
    const d0 = deadDepthM[i];
    const d1 = deadDepthM[i + 1];
    if (!(d0 > 0 || d1 > 0)) continue;
    const base = pos.length / 3;
    for (const [s, d] of [
      [deadSM[i], d0],
      [deadSM[i + 1], d1],
    ]) {
      stationAt(border, s, st);
      for (const off of [face, face + d]) {
        const x = st.x - st.nx * off;
        const y = st.y - st.ny * off;
        pos.push(x - frame.originX, y - frame.originY, groundZ(frame, x, y) + lift);
      }
    }
    // Vertices: (s0 face, s0 outer, s1 face, s1 outer).
    idx.push(base, base + 2, base + 3, base, base + 3, base + 1);
  }
  const n = pos.length / 3;
  const normals = new Float32Array(3 * n);
  for (let v = 0; v < n; v++) normals[3 * v + 2] = 1;
  return { positions: Float32Array.from(pos), normals, indices: Uint32Array.from(idx) };
}
