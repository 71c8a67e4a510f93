/**
 * The border as a polyline in the local metric frame (x east, y north, metres) with chainage.
 *
 * Chainage s runs along the line from its first vertex; the signed offset d is positive on the home
 * side, which is the left of the direction of travel (for a line drawn west→east, north is home).
 */

export interface Border {
  /** Vertices, interleaved x0,y0,x1,y1,…, metres. */
  readonly xy: Float64Array;
  /** Chainage of each vertex, metres; cumM[0] = 0. */
  readonly cumM: Float64Array;
  readonly lengthM: number;
  readonly vertexCount: number;
}

/** A point on the line with its unit tangent and home-side normal. */
export interface Station {
  x: number;
  y: number;
  /** Unit tangent (direction of increasing chainage). */
  tx: number;
  ty: number;
  /** Unit normal towards the home side: the tangent turned 90° left. */
  nx: number;
  ny: number;
  segment: number;
}

export function createBorder(xy: ArrayLike<number>): Border {
  const n = xy.length / 2;
  if (!Number.isInteger(n) || n < 2) throw new Error('a border needs at least two vertices');
  const pts = Float64Array.from(xy);
  const cum = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const dx = pts[2 * i] - pts[2 * i - 2];
    const dy = pts[2 * i + 1] - pts[2 * i - 1];
    cum[i] = cum[i - 1] + Math.hypot(dx, dy);
  }
  if (!(cum[n - 1] > 0)) throw new Error('a border must have positive length');
  return { xy: pts, cumM: cum, lengthM: cum[n - 1], vertexCount: n };
}

/** A straight border from (0, 0) eastwards: the home side is north (y > 0). */
export function straightBorder(lengthM: number): Border {
  return createBorder([0, 0, lengthM, 0]);
}

/** Index of the segment holding chainage s (clamped to the line). Binary search: O(log n). */
export function segmentAt(b: Border, sM: number): number {
  const cum = b.cumM;
  if (sM <= 0) return 0;
  if (sM >= b.lengthM) return b.vertexCount - 2;
  let lo = 0;
  let hi = b.vertexCount - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] <= sM) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Writes the station at chainage s (clamped) into `out` and returns it. Allocation-free. */
export function stationAt(b: Border, sM: number, out: Station): Station {
  const i = segmentAt(b, sM);
  const x0 = b.xy[2 * i];
  const y0 = b.xy[2 * i + 1];
  const x1 = b.xy[2 * i + 2];
  const y1 = b.xy[2 * i + 3];
  const len = b.cumM[i + 1] - b.cumM[i];
  const tx = (x1 - x0) / len;
  const ty = (y1 - y0) / len;
  const u = Math.min(Math.max(sM - b.cumM[i], 0), len);
  return setStation(out, x0 + tx * u, y0 + ty * u, tx, ty, i);
}

/**
 * Writes the start vertex of segment i with the segment's unit tangent and home-side normal into
 * `out` (its `segment` = i) and returns it. Allocation-free. Unlike {@link stationAt} it takes the
 * length from the vertices (`Math.hypot`), not from the chainage, so callers that work on one
 * segment's geometry get exactly the direction its end points give.
 */
export function segmentStart(b: Border, i: number, out: Station): Station {
  const x0 = b.xy[2 * i];
  const y0 = b.xy[2 * i + 1];
  const dx = b.xy[2 * i + 2] - x0;
  const dy = b.xy[2 * i + 3] - y0;
  const len = Math.hypot(dx, dy);
  return setStation(out, x0, y0, dx / len, dy / len, i);
}

/** Writes a point of segment i with the unit tangent (tx, ty) into `out`; the normal is the tangent turned left. */
function setStation(out: Station, x: number, y: number, tx: number, ty: number, i: number): Station {
  out.x = x;
  out.y = y;
  out.tx = tx;
  out.ty = ty;
  out.nx = -ty;
  out.ny = tx;
  out.segment = i;
  return out;
}

export function newStation(): Station {
  return { x: 0, y: 0, tx: 1, ty: 0, nx: 0, ny: 1, segment: 0 };
}

/** Chainage and signed offset of a point, by the nearest segment. */
export interface Projection {
  sM: number;
  dM: number;
}

/** The nearest point of the line to a point: chainage and signed offset, the foot and its segment. */
export interface Nearest extends Projection {
  footX: number;
  footY: number;
  segment: number;
}

export function newNearest(): Nearest {
  return { sM: 0, dM: 0, footX: 0, footY: 0, segment: 0 };
}

/**
 * The nearest point of the line to (x, y). O(vertices). Ties (a vertex shared by two segments) keep
 * the first: its side is the same unless the point lies exactly on the bisector of a reflex bend,
 * where either answer is a valid side.
 */
export function nearestOnBorder(b: Border, x: number, y: number, out: Nearest): Nearest {
  let best = Infinity;
  for (let i = 0; i < b.vertexCount - 1; i++) {
    const x0 = b.xy[2 * i];
    const y0 = b.xy[2 * i + 1];
    const dx = b.xy[2 * i + 2] - x0;
    const dy = b.xy[2 * i + 3] - y0;
    const len2 = dx * dx + dy * dy;
    if (!(len2 > 0)) continue;
    let u = ((x - x0) * dx + (y - y0) * dy) / len2;
    u = u < 0 ? 0 : u > 1 ? 1 : u;
    const px = x0 + u * dx;
    const py = y0 + u * dy;
    const dist2 = (x - px) * (x - px) + (y - py) * (y - py);
    if (dist2 < best) {
      best = dist2;
      out.sM = b.cumM[i] + u * Math.sqrt(len2);
      // Sign from the cross product tangent × (p - foot): left of travel is home.
      const cross = dx * (y - py) - dy * (x - px);
      out.dM = cross >= 0 ? Math.sqrt(dist2) : -Math.sqrt(dist2);
      out.footX = px;
      out.footY = py;
      out.segment = i;
    }
  }
  return out;
}

const projectScratch = newNearest();

/**
 * Projects (x, y) onto the line: chainage of the nearest point and signed distance (home side > 0).
 * O(vertices); for hot loops on long polylines callers keep the segment from `stationAt` instead.
 */
export function projectOnBorder(b: Border, x: number, y: number, out: Projection = { sM: 0, dM: 0 }): Projection {
  const n = nearestOnBorder(b, x, y, projectScratch);
  out.sM = n.sM;
  out.dM = n.dM;
  return out;
}

/** Axis-aligned bounds of the line grown by a margin, metres. */
export function borderBounds(b: Border, marginM: number): { minX: number; minY: number; maxX: number; maxY: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < b.vertexCount; i++) {
    const x = b.xy[2 * i];
    const y = b.xy[2 * i + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { minX: minX - marginM, minY: minY - marginM, maxX: maxX + marginM, maxY: maxY + marginM };
}
