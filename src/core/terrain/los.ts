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
 * 2008). After a miss it descends a level; after a skip that enters a new parent block it climbs
 * one; only at level 0 does it test the cell exactly. It starts from the end nearer the ground (where
 * blocking ground usually is: a target 1.8 m up is hidden by ground near it far more often than by
 * ground near a mast) at the level whose typical block relief is within that end's clearance, and
 * stops as soon as the rest of the segment clears the highest ground. On the bench's queries that is
 * ~11 blocks per query on gentle relief and ~16 on rough. The index lives in one Int16Array (maxima
 * rounded up to 1/65534 of the relief); a query allocates nothing. Measured by bench/los.ts against
 * three.js and three-mesh-bvh.
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
   * Every level's block maxima, row-major, levels concatenated (level L starts at levelOffset[L]):
   * the highest ground of the block rounded up to a whole quantum, stored as quanta above `minM`
   * minus 32767 so it fits an int16. Rounding up keeps the bound conservative, so the march stays
   * exact; int16 halves the memory and cache footprint of float32.
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
  /**
   * Mean height range (highest − lowest ground) of the blocks of each level, metres. A march starting
   * with clearance c above the ground starts at the coarsest level whose typical block is within c,
   * where its first blocks are likely clear.
   */
  readonly levelReliefM: Float64Array;
}

/** Offset making quantised heights 0 … 65534 fit int16: stored = quanta − Q_BIAS. */
const Q_BIAS = 32767;

/**
 * Builds the maximum mip-map of `hf`. O(cells) time; memory ≈ 4/3 × the heights. The heightfield is
 * referenced, not copied: do not modify it afterwards. `alloc` gives the mip-map's array (a
 * SharedArrayBuffer at the edge, so worker threads share one index instead of each building its own).
 */
export function buildTerrainIndex(hf: Heightfield, alloc: (n: number) => Int16Array = (n) => new Int16Array(n)): TerrainIndex {
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
  const mip = alloc(total);
  // Block minima, only to measure each level's typical height range (levelReliefM); not kept.
  const low = new Int16Array(total);
  // Level 0: the highest of each cell's four corners bounds both of its triangles. Rounded up, with a
  // margin for the division's rounding. (Ternaries, not Math.max of four: 3× faster to build.)
  for (let j = 0; j < cellsY; j++) {
    const k0 = j * nx;
    const k1 = k0 + nx;
    const row = j * cellsX;
    let a = heights[k0];
    let c = heights[k1];
    for (let i = 0; i < cellsX; i++) {
      const b = heights[k0 + i + 1];
      const d = heights[k1 + i + 1];
      const ab = a > b ? a : b;
      const cd = c > d ? c : d;
      const abl = a < b ? a : b;
      const cdl = c < d ? c : d;
      // Quanta above minM (0 … 65534), shifted by −Q_BIAS into int16; the int16 store truncates.
      const qHi = Math.ceil(((ab > cd ? ab : cd) - minM) * invQ + 1e-6);
      const qLo = Math.floor(((abl < cdl ? abl : cdl) - minM) * invQ - 1e-6);
      mip[row + i] = (qHi < 65534 ? qHi : 65534) - Q_BIAS;
      low[row + i] = (qLo > 0 ? qLo : 0) - Q_BIAS;
      a = b;
      c = d;
    }
  }
  // Level L from level L − 1: each block is the maximum of its (up to) four children.
  for (let L = 1; L < levels; L++) {
    const cw = widths[L - 1];
    const ch = rows[L - 1];
    const src = levelOffset[L - 1];
    const dst = levelOffset[L];
    const pw = widths[L];
    for (let j = 0; j < rows[L]; j++) {
      const r0 = src + 2 * j * cw;
      const r1 = 2 * j + 1 < ch ? r0 + cw : r0;
      for (let i = 0; i < pw; i++) {
        const i0 = 2 * i;
        const i1 = i0 + 1 < cw ? i0 + 1 : i0;
        let m = mip[r0 + i0];
        let v = mip[r0 + i1];
        if (v > m) m = v;
        v = mip[r1 + i0];
        if (v > m) m = v;
        v = mip[r1 + i1];
        if (v > m) m = v;
        mip[dst + j * pw + i] = m;
        let n = low[r0 + i0];
        v = low[r0 + i1];
        if (v < n) n = v;
        v = low[r1 + i0];
        if (v < n) n = v;
        v = low[r1 + i1];
        if (v < n) n = v;
        low[dst + j * pw + i] = n;
      }
    }
  }
  const levelReliefM = new Float64Array(levels);
  for (let L = 0; L < levels; L++) {
    const n = widths[L] * rows[L];
    let sum = 0;
    for (let b = levelOffset[L]; b < levelOffset[L] + n; b++) sum += mip[b] - low[b];
    levelReliefM[L] = (sum / n) * quantumM;
  }
  return { hf, cellsX, cellsY, levels, mip, levelOffset, levelWidth, minM, maxM, quantumM, levelReliefM };
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
    // Exact test of both ends, and the direction of the march: from the end nearer the ground. That
    // is where a blocking ridge usually is (a target 1.8 m up is hidden by ground near it far more
    // often than by ground near a mast), so blocked segments end early; and the march climbs levels
    // as clearance grows instead of descending towards a low far end.
    const cA = az - heightAt(hf, ax, ay);
    const cB = bz - heightAt(hf, bx, by);
    if (cA < 0 || cB < 0) return false;
    return cA <= cB ? march(index, fx0, fy0, az, fx1, fy1, bz, cA) : march(index, fx1, fy1, bz, fx0, fy0, az, cB);
  }
  return marchClipped(index, fx0, fy0, az, fx1, fy1, bz);
}

/**
 * The segment handed to `marchSegment`: x, y in cell units and z in metres of both ends. Passed through
 * a typed array because V8 boxes every double argument of a call it does not inline (a heap number
 * each), and the march is too large to inline.
 */
const seg = new Float64Array(7);

function march(index: TerrainIndex, fx0: number, fy0: number, z0: number, fx1: number, fy1: number, z1: number, clearanceM: number): boolean {
  seg[0] = fx0;
  seg[1] = fy0;
  seg[2] = z0;
  seg[3] = fx1;
  seg[4] = fy1;
  seg[5] = z1;
  seg[6] = clearanceM;
  return marchSegment(index);
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
    const za = z0 + ta * dz;
    // march() tests the piece's end but not its start (callers guarantee it): test it here.
    const clearance = za - groundAtCell(index, xa, ya);
    if (clearance < 0) return false;
    if (!march(index, xa, ya, za, xb, yb, z0 + tb * dz, clearance)) return false;
  }
  return true;
}

/** heightAt in cell units. */
function groundAtCell(index: TerrainIndex, fx: number, fy: number): number {
  const hf = index.hf;
  return heightAt(hf, hf.originX + fx * hf.cellM, hf.originY + fy * hf.cellM);
}

function clamp(v: number, hi: number): number {
  return v < 0 ? 0 : v > hi ? hi : v;
}

/**
 * The min/max-mip march over the segment in `seg`, whose ends lie on the grid. State: parameter t of
 * the current point, the cell (cx, cy) the segment occupies just after t, and the level L; the block
 * examined is the level-L block holding that cell.
 */
function marchSegment(index: TerrainIndex): boolean {
  const fx0 = seg[0];
  const fy0 = seg[1];
  const z0 = seg[2];
  const fx1 = seg[3];
  const fy1 = seg[4];
  const z1 = seg[5];
  const clearanceM = seg[6];
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
  const q1 = q0 + dq;
  const qTop = mip[levelOffset[top]];
  // Reciprocals for the exit parameters; an axis the segment does not move along never exits.
  const idx = dx !== 0 ? 1 / dx : 0;
  const idy = dy !== 0 ? 1 / dy : 0;
  // Which face of a block the segment leaves by: the upper one (1) when moving towards +x, else the
  // lower one (0).
  const sx = dx > 0 ? 1 : 0;
  const sy = dy > 0 ? 1 : 0;
  // The cell holding the start, on the side the segment heads into (a start on a grid line moving
  // towards −x belongs to the cell on the −x side). Integer state throughout: `| 0` truncates, which
  // is floor here because coordinates are ≥ 0 (a rounding-negative one truncates to 0, the clamp).
  let cx = fx0 | 0;
  let cy = fy0 | 0;
  if (dx < 0 && cx === fx0) cx--;
  if (dy < 0 && cy === fy0) cy--;
  cx = cx < 0 ? 0 : cx >= cw ? cw - 1 : cx;
  cy = cy < 0 ? 0 : cy >= ch ? ch - 1 : cy;
  // Start at the coarsest level whose typical block's height range is within the start's clearance:
  // there the first blocks are likely clear, and the march climbs a level at each clear block.
  const levelReliefM = index.levelReliefM;
  let L = 0;
  while (L < top && levelReliefM[L + 1] <= clearanceM) L++;
  let base = levelOffset[L];
  let width = levelWidth[L];
  let t = 0;
  for (;;) {
    const bxI = cx >> L;
    const byI = cy >> L;
    // Parameters where the segment leaves this block through its x and its y face; 2 (past B) for an
    // axis it does not move along. (A literal, not Infinity: V8 loads Infinity as a tagged global,
    // which made tX a tagged value and boxed a heap number every iteration — 2× slower.)
    const tX = dx !== 0 ? (((bxI + sx) << L) - fx0) * idx : 2;
    const tY = dy !== 0 ? (((byI + sy) << L) - fy0) * idy : 2;
    let tE = tX < tY ? tX : tY;
    if (tE > 1) tE = 1;
    // The segment's height (mip units) where it enters and leaves the block; z is linear in t, so
    // these bound it over the block.
    const qa = q0 + t * dq;
    const qb = q0 + tE * dq;
    if ((qa < qb ? qa : qb) < mip[base + byI * width + bxI]) {
      // The block's highest ground reaches the segment's lowest point: not provably clear.
      if (L > 0) {
        // Look at the children.
        L--;
        base = levelOffset[L];
        width = levelWidth[L];
        continue;
      }
      // Level 0: the exact test. Clearance is linear on each triangle, so only the entry, the diagonal
      // crossing and the exit matter; the entry is the start (tested by the caller), the previous
      // cell's exit, or on the face of a block found clear, so it needs no test.
      const k = cy * nx + cx;
      const h00 = heights[k];
      const h10 = heights[k + 1];
      const h01 = heights[k + nx];
      const h11 = heights[k + nx + 1];
      const u0 = fx0 - cx;
      const v0 = fy0 - cy;
      if (z0 + tE * dz < groundInCell(h00, h10, h01, h11, u0 + tE * dx, v0 + tE * dy)) return false;
      // Diagonal u = v: u0 + s·dx = v0 + s·dy.
      const ed = dx - dy;
      if (ed !== 0) {
        const sd = (v0 - u0) / ed;
        if (sd > t && sd < tE) {
          let u = u0 + sd * dx;
          u = u < 0 ? 0 : u > 1 ? 1 : u;
          if (z0 + sd * dz < h00 + u * (h11 - h00)) return false;
        }
      }
    }
    // The block (or cell) is clear: advance to the next one along the segment.
    if (tE >= 1) return true; // it held B: the whole segment is clear
    t = tE;
    // Early exit: the rest of the segment runs at or above the highest ground anywhere.
    if ((dq >= 0 ? qb : q1) >= qTop) return true;
    if (tX <= tY) {
      // Leaving through the x face: cx steps exactly; cy follows the crossing point, kept within this
      // block's rows and never stepping back (rounding must neither undo nor skip a step).
      cx = sx === 1 ? (bxI + 1) << L : (bxI << L) - 1;
      if (cx < 0 || cx >= cw) return true; // off the grid: B was on its edge, up to rounding
      if (dy !== 0) {
        const py = fy0 + t * dy;
        let c = py | 0;
        if (sy === 0 && c === py) c--;
        const lo = byI << L;
        const hi = lo + (1 << L) - 1;
        c = c < lo ? lo : c > hi ? hi : c;
        if (sy === 1 ? c > cy : c < cy) cy = c < ch ? c : ch - 1;
      }
    } else {
      cy = sy === 1 ? (byI + 1) << L : (byI << L) - 1;
      if (cy < 0 || cy >= ch) return true;
      if (dx !== 0) {
        const px = fx0 + t * dx;
        let c = px | 0;
        if (sx === 0 && c === px) c--;
        const lo = bxI << L;
        const hi = lo + (1 << L) - 1;
        c = c < lo ? lo : c > hi ? hi : c;
        if (sx === 1 ? c > cx : c < cx) cx = c < cw ? c : cw - 1;
      }
    }
    // After a clear block, try the coarser block around the new position.
    if (L < top && ((cx >> (L + 1)) !== bxI >> 1 || (cy >> (L + 1)) !== byI >> 1)) {
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
