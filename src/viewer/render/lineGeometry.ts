/**
 * Line work that stays legible at any zoom (one pixel wide, one draw call): the wall's crest line with
 * its gaps in a warning colour, the strip's far edge (where attempts start) and home edge (where they
 * count as through) as dashes, and chainage ticks every kilometre along the home side.
 */
import type { Border, Station } from '../../core/border.ts';
import { newStation, stationAt } from '../../core/border.ts';
import type { Rgb } from './palette.ts';
import { APPROACH_LINE_HEX, GAP_HEX, THROUGH_LINE_HEX, WALL_HEX, hexToRgb } from './palette.ts';
import type { SceneFrame } from './sceneFrame.ts';
import { groundZ } from './sceneFrame.ts';

export interface LineBuffers {
  /** Segment end points, pairs of xyz. */
  positions: Float32Array;
  colors: Float32Array;
}

export interface LineInput {
  border: Border;
  barrierHeightM: number;
  gapsM: Float64Array;
  approachM: number;
  depthM: number;
}

/** Height of draped lines above the ground, metres: clears the mesh's facets without floating. */
const DRAPE_M = 0.6;

export class LineBuilder {
  private readonly pos: number[] = [];
  private readonly col: number[] = [];
  constructor(private readonly frame: SceneFrame) {}

  segment(x0: number, y0: number, z0: number, x1: number, y1: number, z1: number, c: Rgb): void {
    const f = this.frame;
    this.pos.push(x0 - f.originX, y0 - f.originY, z0, x1 - f.originX, y1 - f.originY, z1);
    this.col.push(c[0], c[1], c[2], c[0], c[1], c[2]);
  }

  /** A line draped on the ground between two world points, in pieces of at most stepM. */
  drape(x0: number, y0: number, x1: number, y1: number, stepM: number, c: Rgb, lift = DRAPE_M): void {
    const n = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / stepM));
    let px = x0;
    let py = y0;
    let pz = groundZ(this.frame, px, py) + lift;
    for (let k = 1; k <= n; k++) {
      const x = x0 + ((x1 - x0) * k) / n;
      const y = y0 + ((y1 - y0) * k) / n;
      const z = groundZ(this.frame, x, y) + lift;
      this.segment(px, py, pz, x, y, z, c);
      px = x;
      py = y;
      pz = z;
    }
  }

  build(): LineBuffers {
    return { positions: Float32Array.from(this.pos), colors: Float32Array.from(this.col) };
  }
}

/** Runs along the line at a constant offset d (home > 0) between chainages, draped, as segments. */
function offsetRun(lb: LineBuilder, frame: SceneFrame, border: Border, d: number, s0: number, s1: number, stepM: number, c: Rgb, lift: number, st: Station): void {
  const n = Math.max(1, Math.ceil((s1 - s0) / stepM));
  let px = 0;
  let py = 0;
  let pz = 0;
  for (let k = 0; k <= n; k++) {
    stationAt(border, s0 + ((s1 - s0) * k) / n, st);
    const x = st.x + st.nx * d;
    const y = st.y + st.ny * d;
    const z = groundZ(frame, x, y) + lift;
    if (k > 0) lb.segment(px, py, pz, x, y, z, c);
    px = x;
    py = y;
    pz = z;
  }
}

export function buildLineBuffers(frame: SceneFrame, input: LineInput): LineBuffers {
  const lb = new LineBuilder(frame);
  const { border } = input;
  const L = border.lengthM;
  const st = newStation();
  const step = Math.max(frame.hf.cellM, L / 20_000);
  const wall = hexToRgb(WALL_HEX);
  const gap = hexToRgb(GAP_HEX);
  // The crest line: wall runs a little above the crest, gaps on the ground.
  let s = 0;
  const gaps = input.gapsM;
  const crest = input.barrierHeightM + 0.3;
  for (let i = 0; i <= gaps.length; i += 2) {
    const a = i < gaps.length ? Math.max(0, gaps[i]) : L;
    if (a > s) offsetRun(lb, frame, border, 0, s, a, step, wall, crest, st);
    if (i < gaps.length) {
      const b = Math.min(L, gaps[i + 1]);
      offsetRun(lb, frame, border, 0, a, b, step / 4, gap, DRAPE_M, st);
      s = b;
    }
  }
  // Strip edges, dashed: 120 m on, 80 m off.
  const dash = (d: number, c: Rgb) => {
    for (let s0 = 0; s0 < L; s0 += 200) offsetRun(lb, frame, border, d, s0, Math.min(L, s0 + 120), step, c, DRAPE_M, st);
  };
  dash(-input.approachM, hexToRgb(APPROACH_LINE_HEX));
  dash(input.depthM, hexToRgb(THROUGH_LINE_HEX));
  // Chainage ticks on the home side: 30 m every km, 120 m every 10 km.
  const tick = hexToRgb('#f4efe6');
  for (let km = 0; km * 1000 <= L + 1e-6; km++) {
    stationAt(border, km * 1000, st);
    const len = km % 10 === 0 ? 120 : 30;
    lb.drape(st.x + st.nx * 10, st.y + st.ny * 10, st.x + st.nx * (10 + len), st.y + st.ny * (10 + len), 10, tick);
  }
  return lb.build();
}
