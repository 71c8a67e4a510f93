/**
 * Terrain line of sight: does the straight segment A→B stay on or above the ground surface?
 *
 * The ground is the triangulated surface of heightfield.ts (diagonal from sample (i, j) to
 * (i + 1, j + 1)), the very surface a three.js mesh of the heightfield draws, so answers agree with a
 * raycast against that mesh except where the segment grazes the surface within rounding.
 *
 * Why this is exact with a few evaluations: along the segment's ground track the surface is
 * piecewise linear, with breakpoints only where the track crosses a grid line x = i, y = j or a cell
 * diagonal. The segment's height is linear too, so clearance (segment − ground) is piecewise linear
 * and its minimum over a cell lies at the cell's entry, its exit or its diagonal crossing. Testing
 * those points in every cell the track crosses is an exact test.
 *
 * Why it is fast: most cells need no test at all. A maximum mip-map (level 0: the highest corner of
 * each cell; level L: the maximum over blocks of 2^L × 2^L cells) lets the march skip a whole block
 * when the segment's lowest point over the block is at or above the block's maximum (Tevs, Ihrke and
 * Seidel, "Maximum mipmaps for fast, accurate, and scalable dynamic height field rendering", I3D
 * 2008). After a skip the march climbs one level, after a miss it descends one, and only at level 0
 * does it test the cell exactly. The index lives in one Float32Array; a query allocates nothing.
 *
 * Semantics. "Below the ground" is strict: a segment touching the surface is visible. Outside the
 * grid the ground is the edge value (as in `heightAt`); a segment leaving the grid is split at the
 * grid's edges and each outside piece is tested against the edge profile it sees.
 */
import type { Heightfield } from './heightfield.ts';
import { heightAt } from './heightfield.ts';

/** A heightfield prepared for line-of-sight queries. Build once with `buildTerrainIndex`; immutable. */
export interface TerrainIndex {
  readonly hf: Heightfield;
  /** Cells along x and y: nx − 1, ny − 1. */
  readonly cellsX: number;
  readonly cellsY: number;
  /** Number of mip levels; level 0 holds one value per cell, the last level a single block. */
  readonly levels: number;
  /**
   * Every level's blocks, row-major, levels concatenated (level L starts at block levelOffset[L]);
   * per block two int16: the highest ground quantised up, then the lowest quantised down, in units
   * of `quantumM` above `minM` − 32767 quanta (see `quantise`). Conservative bounds, so the march
   * stays exact; half the memory and cache footprint of float32 pairs.
   */
  readonly mip: Int16Array;
  readonly levelOffset: Int32Array;
  /** Blocks per row at each level: ceil(cellsX / 2^L). */
  readonly levelWidth: Int32Array;
  /** Lowest and highest sample, metres. */
  readonly minM: number;
  readonly maxM: number;
  /** Height of one mip quantum, metres: (maxM − minM) / 65534 (1 for flat ground). */
  readonly quantumM: number;
}

/** Offset making quantised heights 0 … 65534 fit int16: stored = quanta − Q_BIAS. */
const Q_BIAS = 32767;

/**
 * Builds the maximum mip-map of `hf`. O(cells) time; memory ≈ 4/3 × the heights. The heightfield is
 * referenced, not copied: do not modify it afterwards.
 */
export function buildTerrainIndex(hf: Heightfield): TerrainIndex {
  const { nx, ny, heights } = hf;
  const cellsX = nx - 1;
  const cellsY = ny - 1;
  // Level sizes until a single block covers the grid.
  const widths: number[] = [];
  const rows: number[] = [];
  let w = cellsX;
  let h = cellsY;
  for (;;) {
    widths.push(w);
    rows.push(h);
    if (w === 1 && h === 1) break;
    w = Math.ceil(w / 2);
    h = Math.ceil(h / 2);
  }
  const levels = widths.length;
  const levelOffset = new Int32Array(levels);
  const levelWidth = Int32Array.from(widths);
  let total = 0;
  for (let L = 0; L < levels; L++) {
    levelOffset[L] = total;
    total += widths[L] * rows[L];
  }
  let minM = Infinity;
  let maxM = -Infinity;
  for (let k = 0; k < heights.length; k++) {
    const v = heights[k];
    if (v < minM) minM = v;
    if (v > maxM) maxM = v;
  }
  const quantumM = maxM > minM ? (maxM - minM) / 65534 : 1;
  const invQ = 1 / quantumM;
  const mip = new Int16Array(2 * total);
  // Level 0: the highest and lowest of each cell's four corners bound both of its triangles.
  // Quantised outwards (max up, min down, with a margin for the division's rounding).
  for (let j = 0; j < cellsY; j++) {
    for (let i = 0; i < cellsX; i++) {
      const k = j * nx + i;
      const a = heights[k];
      const b = heights[k + 1];
      const c = heights[k + nx];
      const d = heights[k + nx + 1];
      const hi = Math.max(a, b, c, d);
      const lo = Math.min(a, b, c, d);
      const p = 2 * (j * cellsX + i);
      mip[p] = Math.min(65534, Math.ceil((hi - minM) * invQ + 1e-6)) - Q_BIAS;
      mip[p + 1] = Math.max(0, Math.floor((lo - minM) * invQ - 1e-6)) - Q_BIAS;
    }
  }
  // Level L from level L − 1: each block bounds its (up to) four children.
  for (let L = 1; L < levels; L++) {
    const cw = widths[L - 1];
    const ch = rows[L - 1];
    const src = levelOffset[L - 1];
    const dst = levelOffset[L];
    const pw = widths[L];
    for (let j = 0; j < rows[L]; j++) {
      const j0 = 2 * j;
      const j1 = j0 + 1 < ch ? j0 + 1 : j0;
      for (let i = 0; i < pw; i++) {
        const i0 = 2 * i;
        const i1 = i0 + 1 < cw ? i0 + 1 : i0;
        const a = 2 * (src + j0 * cw + i0);
        const b = 2 * (src + j0 * cw + i1);
        const c = 2 * (src + j1 * cw + i0);
        const d = 2 * (src + j1 * cw + i1);
        const p = 2 * (dst + j * pw + i);
        mip[p] = Math.max(mip[a], mip[b], mip[c], mip[d]);
        mip[p + 1] = Math.min(mip[a + 1], mip[b + 1], mip[c + 1], mip[d + 1]);
      }
    }
  }
  return { hf, cellsX, cellsY, levels, mip, levelOffset, levelWidth, minM, maxM, quantumM };
}

/** Ground height at (x, y), metres: `heightAt` on the indexed heightfield. */
export function groundAt(index: TerrainIndex, x: number, y: number): number {
  return heightAt(index.hf, x, y);
}

/**
 * True when the straight segment from A = (ax, ay, az) to B = (bx, by, bz) (metres, z absolute) never
 * goes below the ground surface. Touching counts as visible. Allocation-free.
 */
export function terrainLineOfSight(index: TerrainIndex, ax: number, ay: number, az: number, bx: number, by: number, bz: number): boolean {
  // Early exit 1: the lower end at or above the highest ground — the whole segment is clear. With
  // early exit 2 this decides every query on flat ground in O(1).
  const zLow = az < bz ? az : bz;
  if (zLow >= index.maxM) return true;
  // Early exit 2: an end below the lowest ground is underground wherever it stands.
  if (zLow < index.minM) return false;
  const hf = index.hf;
  const inv = 1 / hf.cellM;
  // Work in cell units: sample (i, j) at integer coordinates (i, j).
  const fx0 = (ax - hf.originX) * inv;
  const fy0 = (ay - hf.originY) * inv;
  const fx1 = (bx - hf.originX) * inv;
  const fy1 = (by - hf.originY) * inv;
  const cw = index.cellsX;
  const ch = index.cellsY;
  // The common case: both ends over the grid.
  if (fx0 >= 0 && fx0 <= cw && fy0 >= 0 && fy0 <= ch && fx1 >= 0 && fx1 <= cw && fy1 >= 0 && fy1 <= ch) {
    return march(index, fx0, fy0, az, fx1, fy1, bz);
  }
  return marchClipped(index, fx0, fy0, az, fx1, fy1, bz);
}

/** Scratch for the split points of a segment leaving the grid (module-level: no per-call allocation). */
const cuts = new Float64Array(6);

/**
 * A segment with an end off the grid: split it where x or y crosses the grid's edges. On each piece
 * the clamped ground track is straight (it runs inside the grid, along an edge, or sits on a corner)
 * and the clamped ground is the ground the piece sees, so each piece is marched on its own.
 */
function marchClipped(index: TerrainIndex, fx0: number, fy0: number, z0: number, fx1: number, fy1: number, z1: number): boolean {
  const cw = index.cellsX;
  const ch = index.cellsY;
  const dx = fx1 - fx0;
  const dy = fy1 - fy0;
  let n = 0;
  cuts[n++] = 0;
  if (dx !== 0) {
    const ta = (0 - fx0) / dx;
    const tb = (cw - fx0) / dx;
    if (ta > 0 && ta < 1) cuts[n++] = ta;
    if (tb > 0 && tb < 1) cuts[n++] = tb;
  }
  if (dy !== 0) {
    const ta = (0 - fy0) / dy;
    const tb = (ch - fy0) / dy;
    if (ta > 0 && ta < 1) cuts[n++] = ta;
    if (tb > 0 && tb < 1) cuts[n++] = tb;
  }
  // Insertion sort of the (at most four) interior cuts.
  for (let a = 2; a < n; a++) {
    const v = cuts[a];
    let b = a - 1;
    while (b >= 1 && cuts[b] > v) {
      cuts[b + 1] = cuts[b];
      b--;
    }
    cuts[b + 1] = v;
  }
  cuts[n++] = 1;
  const dz = z1 - z0;
  for (let p = 0; p + 1 < n; p++) {
    const ta = cuts[p];
    const tb = cuts[p + 1];
    const xa = clamp(fx0 + ta * dx, cw);
    const ya = clamp(fy0 + ta * dy, ch);
    const xb = clamp(fx0 + tb * dx, cw);
    const yb = clamp(fy0 + tb * dy, ch);
    if (!march(index, xa, ya, z0 + ta * dz, xb, yb, z0 + tb * dz)) return false;
  }
  return true;
}

function clamp(v: number, hi: number): number {
  return v < 0 ? 0 : v > hi ? hi : v;
}

/**
 * The min/max-mip march over a segment whose ends lie on the grid, in cell units. State: parameter t
 * of the current point, the cell (cx, cy) the segment occupies just after t, and the level L; the
 * block examined is the level-L block holding that cell.
 */
function march(index: TerrainIndex, fx0: number, fy0: number, z0: number, fx1: number, fy1: number, z1: number): boolean {
  const mip = index.mip;
  const levelOffset = index.levelOffset;
  const levelWidth = index.levelWidth;
  const heights = index.hf.heights;
  const nx = index.hf.nx;
  const cw = index.cellsX;
  const ch = index.cellsY;
  const top = index.levels - 1;
  const dx = fx1 - fx0;
  const dy = fy1 - fy0;
  const dz = z1 - z0;
  // The segment's height in mip units, for the block tests.
  const invQ = 1 / index.quantumM;
  const q0 = (z0 - index.minM) * invQ - Q_BIAS;
  const dq = dz * invQ;
  // Reciprocals for the exit parameters; an axis the segment does not move along never exits.
  const idx = dx !== 0 ? 1 / dx : 0;
  const idy = dy !== 0 ? 1 / dy : 0;
  // The cell holding the start, on the side the segment heads into (a start on a grid line moving
  // towards −x belongs to the cell on the −x side).
  let cx = dx >= 0 ? Math.floor(fx0) : Math.ceil(fx0) - 1;
  let cy = dy >= 0 ? Math.floor(fy0) : Math.ceil(fy0) - 1;
  cx = cx < 0 ? 0 : cx >= cw ? cw - 1 : cx;
  cy = cy < 0 ? 0 : cy >= ch ? ch - 1 : cy;
  // Start at a level whose blocks are about a quarter of the segment's extent: the first block then
  // often holds the higher end clear of the ground, and the march climbs from there when it can.
  const ex = dx < 0 ? -dx : dx;
  const ey = dy < 0 ? -dy : dy;
  let L = 29 - Math.clz32((ex > ey ? ex : ey) | 0);
  L = L < 0 ? 0 : L > top ? top : L;
  let base = levelOffset[L];
  let width = levelWidth[L];
  let t = 0;
  for (;;) {
    const bxI = cx >> L;
    const byI = cy >> L;
    // Parameters where the segment leaves this block through its x and its y face.
    const tX = dx > 0 ? (((bxI + 1) << L) - fx0) * idx : dx < 0 ? ((bxI << L) - fx0) * idx : Infinity;
    const tY = dy > 0 ? (((byI + 1) << L) - fy0) * idy : dy < 0 ? ((byI << L) - fy0) * idy : Infinity;
    let tE = tX < tY ? tX : tY;
    if (tE > 1) tE = 1;
    // The segment's height (mip units) where it enters and leaves the block; z is linear in t, so
    // these bound it over the block.
    const qa = q0 + t * dq;
    const qb = q0 + tE * dq;
    const p = (base + byI * width + bxI) << 1;
    if ((qa < qb ? qa : qb) < mip[p]) {
      // The block's highest ground reaches the segment's lowest point: not provably clear.
      // Early exit: if even the segment's highest point is below the block's lowest ground, the
      // segment is underground here, whatever the detail — blocked, decided at a coarse level.
      if ((qa < qb ? qb : qa) < mip[p + 1]) return false;
      if (L > 0) {
        // Look at the children.
        L--;
        base = levelOffset[L];
        width = levelWidth[L];
        continue;
      }
      // Level 0: the exact test. Clearance is linear on each triangle, so only the entry (at t = 0;
      // later entries were tested as the previous cell's exit or lie on a skipped block's face), the
      // diagonal crossing and the exit matter.
      const k = cy * nx + cx;
      const h00 = heights[k];
      const h10 = heights[k + 1];
      const h01 = heights[k + nx];
      const h11 = heights[k + nx + 1];
      if (t === 0 && z0 < groundInCell(h00, h10, h01, h11, fx0 - cx, fy0 - cy)) return false;
      if (z0 + tE * dz < groundInCell(h00, h10, h01, h11, fx0 + tE * dx - cx, fy0 + tE * dy - cy)) return false;
      // Diagonal u = v: (fx0 − cx + s·dx) = (fy0 − cy + s·dy).
      const ed = dx - dy;
      if (ed !== 0) {
        const sd = (cx - cy - fx0 + fy0) / ed;
        if (sd > t && sd < tE) {
          let u = fx0 + sd * dx - cx;
          u = u < 0 ? 0 : u > 1 ? 1 : u;
          if (z0 + sd * dz < h00 + u * (h11 - h00)) return false;
        }
      }
    }
    // The block (or cell) is clear: advance to the next one along the segment.
    if (tE >= 1) return true; // it held B: the whole segment is clear
    t = tE;
    if (tX <= tY) {
      // Leaving through the x face. cx steps exactly; cy is recomputed from the crossing point and
      // kept monotone and within the block (rounding must neither step back nor skip ahead).
      cx = dx > 0 ? (bxI + 1) << L : (bxI << L) - 1;
      if (cx < 0 || cx >= cw) return true; // off the grid: B was on its edge, up to rounding
      if (dy > 0) {
        let c = Math.floor(fy0 + t * dy);
        const hi = ((byI + 1) << L) - 1;
        if (c > hi) c = hi;
        if (c > cy) cy = c < ch ? c : ch - 1;
      } else if (dy < 0) {
        let c = Math.ceil(fy0 + t * dy) - 1;
        const lo = byI << L;
        if (c < lo) c = lo;
        if (c < cy) cy = c >= 0 ? c : 0;
      }
    } else {
      cy = dy > 0 ? (byI + 1) << L : (byI << L) - 1;
      if (cy < 0 || cy >= ch) return true;
      if (dx > 0) {
        let c = Math.floor(fx0 + t * dx);
        const hi = ((bxI + 1) << L) - 1;
        if (c > hi) c = hi;
        if (c > cx) cx = c < cw ? c : cw - 1;
      } else if (dx < 0) {
        let c = Math.ceil(fx0 + t * dx) - 1;
        const lo = bxI << L;
        if (c < lo) c = lo;
        if (c < cx) cx = c >= 0 ? c : 0;
      }
    }
    // After a clear block, try the coarser block around the new position.
    if (L < top) {
      L++;
      base = levelOffset[L];
      width = levelWidth[L];
    }
  }
}

/** Ground in a cell at fractional (u, v), clamped to the cell: the triangle formulas of heightAt. */
function groundInCell(h00: number, h10: number, h01: number, h11: number, u: number, v: number): number {
  u = u < 0 ? 0 : u > 1 ? 1 : u;
  v = v < 0 ? 0 : v > 1 ? 1 : v;
  return u >= v ? h00 + u * (h10 - h00) + v * (h11 - h10) : h00 + v * (h01 - h00) + u * (h11 - h01);
}
