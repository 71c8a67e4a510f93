/**
 * Is a border line simple? Chainage, "left of travel" (the home side) and the strip on either side
 * only mean something for a line that neither crosses nor retraces itself. The rule (docs/model.md
 * §1 states it for users): a line read from a file is refused when two of its segments meet anywhere
 * but at the vertex they share — a crossing (a "bow-tie"), a touch, or an overlap — or when it turns
 * back on itself at a vertex (a turn within MAX_TURN_DEG of a full reversal, a spike whose two sides
 * lie on top of each other at the map's scale). A closed line (last vertex on the first) is simple.
 *
 * Pure, in the local frame (metres). Segments are bucketed on a uniform grid so that a line of n
 * vertices costs about n tests, not n².
 */

/** Turns sharper than this (degrees from straight on) are a reversal: the line doubles back. */
export const MAX_TURN_DEG = 179;

export type LineDefect =
  | { kind: 'crossing'; a: number; b: number; x: number; y: number }
  | { kind: 'reversal'; vertex: number; turnDeg: number };

const EPS = 1e-9;

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** Where segments [p0 p1] and [q0 q1] meet (any common point), or null. */
function meet(xy: Float64Array, i: number, j: number): { x: number; y: number } | null {
  const ax = xy[2 * i], ay = xy[2 * i + 1], bx = xy[2 * i + 2], by = xy[2 * i + 3];
  const cx = xy[2 * j], cy = xy[2 * j + 1], dx = xy[2 * j + 2], dy = xy[2 * j + 3];
  const scale = Math.max(Math.hypot(bx - ax, by - ay), Math.hypot(dx - cx, dy - cy), 1);
  const tol = EPS * scale * scale;
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);
  if (((d1 > tol && d2 < -tol) || (d1 < -tol && d2 > tol)) && ((d3 > tol && d4 < -tol) || (d3 < -tol && d4 > tol))) {
    const t = d1 / (d1 - d2);
    return { x: ax + t * (bx - ax), y: ay + t * (by - ay) };
  }
  const on = (px: number, py: number, qx: number, qy: number, rx: number, ry: number, d: number) =>
    Math.abs(d) <= tol && Math.min(px, qx) - 1e-9 <= rx && rx <= Math.max(px, qx) + 1e-9 && Math.min(py, qy) - 1e-9 <= ry && ry <= Math.max(py, qy) + 1e-9;
  if (on(cx, cy, dx, dy, ax, ay, d1)) return { x: ax, y: ay };
  if (on(cx, cy, dx, dy, bx, by, d2)) return { x: bx, y: by };
  if (on(ax, ay, bx, by, cx, cy, d3)) return { x: cx, y: cy };
  if (on(ax, ay, bx, by, dx, dy, d4)) return { x: dx, y: dy };
  return null;
}

/** The first defect of the polyline `xy` (x, y interleaved, metres), or null when it is simple. */
export function lineDefect(xy: Float64Array): LineDefect | null {
  const n = xy.length / 2 - 1; // segments
  if (n < 1) return null;
  // Reversals at vertices: the angle between the incoming and outgoing directions.
  for (let v = 1; v < n; v++) {
    const ux = xy[2 * v] - xy[2 * v - 2], uy = xy[2 * v + 1] - xy[2 * v - 1];
    const wx = xy[2 * v + 2] - xy[2 * v], wy = xy[2 * v + 3] - xy[2 * v + 1];
    const turnDeg = (Math.abs(Math.atan2(ux * wy - uy * wx, ux * wx + uy * wy)) * 180) / Math.PI;
    if (turnDeg > MAX_TURN_DEG) return { kind: 'reversal', vertex: v, turnDeg };
  }
  const closed = n >= 3 && xy[0] === xy[2 * n] && xy[1] === xy[2 * n + 1];
  // Grid buckets of about twice the mean segment length (at least an eighth of the longest).
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity, total = 0, longest = 0;
  for (let i = 0; i <= n; i++) {
    minX = Math.min(minX, xy[2 * i]);
    maxX = Math.max(maxX, xy[2 * i]);
    minY = Math.min(minY, xy[2 * i + 1]);
    maxY = Math.max(maxY, xy[2 * i + 1]);
    if (i < n) {
      const l = Math.hypot(xy[2 * i + 2] - xy[2 * i], xy[2 * i + 3] - xy[2 * i + 1]);
      total += l;
      longest = Math.max(longest, l);
    }
  }
  let cell = Math.max((2 * total) / n, longest / 8, 1e-6);
  // Keep the grid's cell count near the segment count.
  while (((maxX - minX) / cell + 1) * ((maxY - minY) / cell + 1) > 4 * n + 64) cell *= 2;
  const cols = Math.floor((maxX - minX) / cell) + 1;
  const buckets = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const x0 = Math.floor((Math.min(xy[2 * i], xy[2 * i + 2]) - minX) / cell);
    const x1 = Math.floor((Math.max(xy[2 * i], xy[2 * i + 2]) - minX) / cell);
    const y0 = Math.floor((Math.min(xy[2 * i + 1], xy[2 * i + 3]) - minY) / cell);
    const y1 = Math.floor((Math.max(xy[2 * i + 1], xy[2 * i + 3]) - minY) / cell);
    for (let gy = y0; gy <= y1; gy++) {
      for (let gx = x0; gx <= x1; gx++) {
        const key = gy * cols + gx;
        const list = buckets.get(key);
        if (list) {
          for (const j of list) {
            // Neighbours share a vertex (checked above for reversal); a closed line's ends share one too.
            if (i - j === 1 || (closed && j === 0 && i === n - 1)) continue;
            const p = meet(xy, j, i);
            if (p) return { kind: 'crossing', a: j, b: i, x: p.x, y: p.y };
          }
          list.push(i);
        } else buckets.set(key, [i]);
      }
    }
  }
  return null;
}
