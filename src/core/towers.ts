/**
 * Tower placement along the border: by spacing from an offset, or at listed chainages; each tower
 * stands setbackM behind the line on the home side, along the local normal — and on a bent line,
 * never closer than setbackM to any part of it (see `standOff`).
 */
import type { Border } from './border.ts';
import { newNearest, nearestOnBorder, newStation, segmentStart, stationAt } from './border.ts';
import type { TowerLayoutSpec } from './spec.ts';

/** Towers as structure-of-arrays (STYLE.md §3). */
export interface Towers {
  count: number;
  /** Chainage of the tower's foot on the line, metres. */
  sM: Float64Array;
  x: Float64Array;
  y: Float64Array;
  /** Ground height at the tower's foot, metres. */
  groundM: Float64Array;
  /** Height of the camera mount above ground, metres. */
  heightM: Float64Array;
  setbackM: Float64Array;
}

/** Chainages (metres) of the towers a layout asks for, ascending. */
export function towerChainages(layout: TowerLayoutSpec, lengthM: number): Float64Array {
  if ('at' in layout) return Float64Array.from(layout.at.map((t) => t.km * 1000)).sort();
  const out: number[] = [];
  // A tiny tolerance keeps a tower exactly at the line's end despite float accumulation.
  for (let s = layout.offsetM; s <= lengthM + 1e-6; s += layout.spacingM) out.push(Math.min(s, lengthM));
  return Float64Array.from(out);
}

export function placeTowers(layout: TowerLayoutSpec, border: Border, groundAt: (x: number, y: number) => number): Towers {
  const chainages = towerChainages(layout, border.lengthM);
  const n = chainages.length;
  const t: Towers = {
    count: n,
    sM: chainages,
    x: new Float64Array(n),
    y: new Float64Array(n),
    groundM: new Float64Array(n),
    heightM: new Float64Array(n),
    setbackM: new Float64Array(n),
  };
  const listed = 'at' in layout ? [...layout.at].sort((a, b) => a.km - b.km) : null;
  const st = newStation();
  const at = { x: 0, y: 0 };
  for (let i = 0; i < n; i++) {
    const setback = listed?.[i].setbackM ?? layout.setbackM;
    const height = listed?.[i].heightM ?? layout.heightM;
    stationAt(border, chainages[i], st);
    standOff(border, st.x + st.nx * setback, st.y + st.ny * setback, setback, at);
    t.x[i] = at.x;
    t.y[i] = at.y;
    t.groundM[i] = groundAt(t.x[i], t.y[i]);
    t.heightM[i] = height;
    t.setbackM[i] = setback;
  }
  return t;
}

/** Scratch for segment frames (placement runs one tower at a time; neither outlives its call). */
const segA = newStation();
const segB = newStation();

/** Tolerance of the stand-off, relative to the setback: rounding, not geometry. */
const STANDOFF_TOLERANCE = 1e-9;
const STANDOFF_ITERATIONS = 64;
const STANDOFF_MAX_JUMP = 20;

/**
 * Moves a tower placed at (x, y) — setbackM along the local normal — until it stands on the home side
 * at least setbackM from every part of the line, and writes the result into `out`.
 *
 * Why: the local normal is right on a straight stretch, but near a bend whose inside is the home side
 * the next segment can be closer than setbackM, or even be crossed, leaving the tower inside the wall
 * or on the far side. The fix projects the point out of each violated segment's band (distance
 * setbackM, home side); when two segments alternate, it jumps to the corner where their offset lines
 * meet (the bisector point), which satisfies both. On a straight stretch, or on the outside of a bend,
 * nothing moves. A setback of 0 puts the tower on the line, as asked.
 */
export function standOff(b: Border, x: number, y: number, setbackM: number, out: { x: number; y: number }): { x: number; y: number } {
  out.x = x;
  out.y = y;
  if (!(setbackM > 0)) return out;
  const near = newNearest();
  const need = setbackM * (1 - STANDOFF_TOLERANCE);
  let previous = -1;
  const corner = { x: 0, y: 0 };
  // A corner farther than this from the first placement belongs to nearly parallel stretches (a
  // hairpin): projecting is the safer move there.
  const maxJump = STANDOFF_MAX_JUMP * setbackM;
  for (let it = 0; it < STANDOFF_ITERATIONS; it++) {
    nearestOnBorder(b, out.x, out.y, near);
    if (near.dM >= need) return out;
    const j = near.segment;
    if (previous >= 0 && previous !== j && cornerOfOffsets(b, previous, j, setbackM, corner) && Math.hypot(corner.x - x, corner.y - y) <= maxJump) {
      out.x = corner.x;
      out.y = corner.y;
      previous = j;
      continue;
    }
    if (near.dM > 0) {
      // On the home side but too close: straight away from the nearest point.
      const k = setbackM / near.dM;
      out.x = near.footX + (out.x - near.footX) * k;
      out.y = near.footY + (out.y - near.footY) * k;
    } else {
      // On the line or beyond it: to the home side of that segment, along its normal.
      const seg = segmentStart(b, j, segA);
      out.x = near.footX + seg.nx * setbackM;
      out.y = near.footY + seg.ny * setbackM;
    }
    previous = j;
  }
  return out;
}

/**
 * The point where the lines offset by setbackM to the home side of segments i and j meet, written into
 * `out`; false when they are parallel.
 */
function cornerOfOffsets(b: Border, i: number, j: number, setbackM: number, out: { x: number; y: number }): boolean {
  const u = segmentStart(b, i, segA);
  const v = segmentStart(b, j, segB);
  const denom = u.tx * v.ty - u.ty * v.tx;
  if (Math.abs(denom) < 1e-9) return false;
  // Offset lines: P = A + n_u·s + u·t and Q = B + n_v·s + v·r, n the home-side normal.
  const px = u.x + u.nx * setbackM;
  const py = u.y + u.ny * setbackM;
  const qx = v.x + v.nx * setbackM;
  const qy = v.y + v.ny * setbackM;
  const t = ((qx - px) * v.ty - (qy - py) * v.tx) / denom;
  out.x = px + u.tx * t;
  out.y = py + u.ty * t;
  return true;
}
