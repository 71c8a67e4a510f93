/**
 * The barrier (docs/model.md §2): a wall of heightM × widthM along the border line, open at gaps. It
 * delays a crossing and occludes lines of sight that pass through its prism.
 */
import type { Border } from './border.ts';
import type { Ground } from './terrain/ground.ts';
import { groundHeightAt } from './terrain/ground.ts';
import type { BarrierSpec, ThreatKind } from './spec.ts';

/** Default climb/cut delays, seconds (docs/model.md §2); the crawler's 90 s is an assumption. */
export const DEFAULT_DELAY_S: Readonly<Record<ThreatKind, number>> = Object.freeze({
  foot: 60,
  group: 120,
  crawler: 90,
  vehicle: 0,
  tunnel: 0,
});

export interface Barrier {
  heightM: number;
  widthM: number;
  /** Gap intervals as chainage pairs [from0, to0, from1, to1, …], metres, sorted. */
  gapsM: Float64Array;
  delayS: Readonly<Record<ThreatKind, number>>;
}

export function createBarrier(spec: BarrierSpec): Barrier {
  const gaps = [...spec.gaps].sort((a, b) => a.fromKm - b.fromKm);
  const gapsM = new Float64Array(gaps.length * 2);
  gaps.forEach((g, i) => {
    gapsM[2 * i] = g.fromKm * 1000;
    gapsM[2 * i + 1] = g.toKm * 1000;
  });
  return { heightM: spec.heightM, widthM: spec.widthM, gapsM, delayS: { ...DEFAULT_DELAY_S, ...spec.delayS } };
}

export function isInGap(b: Barrier, sM: number): boolean {
  const g = b.gapsM;
  for (let i = 0; i < g.length; i += 2) if (sM >= g[i] && sM <= g[i + 1]) return true;
  return false;
}

/** Total open length of the gaps, metres. */
export function gapLengthM(b: Barrier): number {
  let total = 0;
  for (let i = 0; i < b.gapsM.length; i += 2) total += b.gapsM[i + 1] - b.gapsM[i];
  return total;
}

/**
 * Does the wall hide B from A? The segment is tested against the border's centre line between the
 * segments firstSegment..lastSegment (callers pass the span the sight line can cross).
 * At each crossing outside a gap, the sight line must clear the wall's top at both faces, found from
 * the crossing angle: a face lies (w/2)/sin θ along the segment from the centre-line crossing.
 * The wall stands on the ground of `ground`. Faces beyond an end point are ignored, so a
 * target standing on the crest is not hidden by the wall it stands on.
 */
export function barrierBlocks(
  barrier: Barrier,
  border: Border,
  ground: Ground,
  ax: number,
  ay: number,
  az: number,
  bx: number,
  by: number,
  bz: number,
  firstSegment: number,
  lastSegment: number,
): boolean {
  const dx = bx - ax;
  const dy = by - ay;
  const lenXY = Math.hypot(dx, dy);
  if (lenXY === 0) return false;
  const xy = border.xy;
  const halfW = barrier.widthM / 2;
  for (let i = firstSegment; i <= lastSegment; i++) {
    const x0 = xy[2 * i];
    const y0 = xy[2 * i + 1];
    const ex = xy[2 * i + 2] - x0;
    const ey = xy[2 * i + 3] - y0;
    const denom = dx * ey - dy * ex;
    // Parallel sight lines never cross the centre line; they may run inside the prism only when
    // both ends are on the wall, which the simulation never asks.
    if (denom === 0) continue;
    const t = ((x0 - ax) * ey - (y0 - ay) * ex) / denom;
    const u = ((x0 - ax) * dy - (y0 - ay) * dx) / denom;
    if (u < 0 || u > 1) continue;
    const segLen = Math.hypot(ex, ey);
    const sinTheta = Math.abs(denom) / (lenXY * segLen);
    const dt = halfW / (lenXY * sinTheta);
    if (t + dt < 0 || t - dt > 1) continue;
    const s = border.cumM[i] + u * segLen;
    if (isInGap(barrier, s)) continue;
    const top = groundHeightAt(ground, x0 + u * ex, y0 + u * ey) + barrier.heightM;
    const t1 = t - dt;
    const t2 = t + dt;
    if (t1 >= 0 && t1 <= 1 && az + (bz - az) * t1 < top) return true;
    if (t2 >= 0 && t2 <= 1 && az + (bz - az) * t2 < top) return true;
  }
  return false;
}
