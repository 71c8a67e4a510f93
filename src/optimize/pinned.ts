/**
 * A path the full coverage found, sampled as the full coverage samples it, with every candidate
 * tower's contribution on it: what the refinement (refine.ts) pins into the objective. Pure.
 *
 * The search's breach grid samples the line every cell (about 110 m on 600 km); a wadi narrower than
 * that can lie between two columns, where only the full coverage's profile (a straight crossing every
 * 50 m, sampled every 5 m) finds it. Pinning the grid column would pin a path that misses the wadi.
 * So a pinned path keeps its own points — a straight crossing exactly as the profile walks it
 * (crossingPath and pathPoint in profile.ts), or a grid path at the grid's nodes — and each
 * candidate's P∞ and full-attention rate there, without the search's cut on far looks. Its exact
 * bounded P under a layout (objective.ts) is then the full coverage's own figure for that path.
 */
import { columnPoints, type Grid } from '../coverage/breachGrid.ts';
import { crossingPath, pathPoint, PROFILE_STEP_M } from '../coverage/profile.ts';
import { cameraSees, cameraView, newLook, type RateContext } from '../coverage/rate.ts';

/** A path's points (top of the target), the time spent at each, and the grid columns it spans. */
export interface PathSample {
  xs: Float64Array;
  ys: Float64Array;
  zs: Float64Array;
  timeS: Float64Array;
  /** Columns [lo, hi) of the search's grid the path spans (for bookkeeping only). */
  lo: number;
  hi: number;
}

/** Per candidate that sees some point of a sample: P∞ and the full-attention rate at point i, camera m (index i·cams + m). */
export interface SampleContributions {
  cams: number;
  cands: number[];
  pInf: Float64Array[];
  rate: Float64Array[];
}

/** The straight crossing at chainage sM, as the coverage profile walks it: the midpoints of steps of PROFILE_STEP_M. */
export function straightSample(ctx: RateContext, g: Pick<Grid, 'C' | 'ds'>, sM: number): PathSample {
  const p = crossingPath(ctx, sM);
  const stepS = PROFILE_STEP_M / ctx.ref.speedMps;
  const n = Math.ceil(p.tThroughS / stepS - 1e-12);
  const out = { xs: new Float64Array(n), ys: new Float64Array(n), zs: new Float64Array(n), timeS: new Float64Array(n) };
  const pt = { x: 0, y: 0, zTop: 0 };
  let m = 0;
  for (let t0 = 0; t0 < p.tThroughS && m < n; t0 += stepS, m++) {
    const h = Math.min(stepS, p.tThroughS - t0);
    pathPoint(ctx, p, t0 + 0.5 * h, pt);
    out.xs[m] = pt.x;
    out.ys[m] = pt.y;
    out.zs[m] = pt.zTop;
    out.timeS[m] = h;
  }
  const i = Math.min(g.C - 1, Math.max(0, Math.floor(sM / g.ds)));
  return { ...out, lo: i, hi: i + 1 };
}

/**
 * A grid path (node ids i·R + j, far edge first) at the grid's nodes, each node's time as the breach
 * grid counts it (pathPDetect in breachGrid.ts: half of each adjacent move; the wall's time on the
 * crest or in the gap at the wall point of its column).
 */
export function chainSample(ctx: RateContext, g: Grid, chain: readonly number[], speedMps = ctx.ref.speedMps): PathSample {
  const P = g.R + 1;
  const { keys, time } = chainTimes(g, chain, speedMps);
  const n = keys.length;
  const out: PathSample = { xs: new Float64Array(n), ys: new Float64Array(n), zs: new Float64Array(n), timeS: new Float64Array(n), lo: Infinity, hi: -Infinity };
  const cx = new Float64Array(P);
  const cy = new Float64Array(P);
  const cz = new Float64Array(P);
  let col = -1;
  keys.forEach((key, q) => {
    const i = Math.floor(key / P);
    if (i !== col) {
      columnPoints(ctx, g, i, cx, cy, cz);
      col = i;
    }
    const j = key - i * P;
    out.xs[q] = cx[j];
    out.ys[q] = cy[j];
    out.zs[q] = cz[j];
    out.timeS[q] = time.get(key)!;
    out.lo = Math.min(out.lo, i);
    out.hi = Math.max(out.hi, i + 1);
  });
  return out;
}

/**
 * Every candidate's contribution on a sample. `ctx` is the rate context of the world whose towers
 * are the candidates (tower c = candidate c, as computeContributions in candidates.ts); its attention
 * share is divided out (rates at full attention). Candidates whose cameras see no point are left out.
 */
export function sampleContributions(ctx: RateContext, sample: PathSample): SampleContributions {
  const w = ctx.world;
  const cams = w.config.cameras.length;
  const att = ctx.watch.attention;
  const n = sample.xs.length;
  // Candidates within the farthest camera's reach of the sample's box.
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, sample.xs[i]);
    maxX = Math.max(maxX, sample.xs[i]);
    minY = Math.min(minY, sample.ys[i]);
    maxY = Math.max(maxY, sample.ys[i]);
  }
  const reach = ctx.searchM;
  const look = newLook();
  const out: SampleContributions = { cams, cands: [], pInf: [], rate: [] };
  for (let c = 0; c < w.towers.count; c++) {
    const k0 = c * cams;
    const x = w.cameras.x[k0];
    const y = w.cameras.y[k0];
    if (x < minX - reach || x > maxX + reach || y < minY - reach || y > maxY + reach) continue;
    const pInf = new Float64Array(n * cams);
    const rate = new Float64Array(n * cams);
    let any = false;
    for (let i = 0; i < n; i++) {
      let seen = -1;
      for (let m = 0; m < cams; m++) {
        const k = k0 + m;
        if (cameraView(ctx, k, sample.xs[i], sample.ys[i], sample.zs[i], look) <= 0) continue;
        // One sight test per tower and point: the tower's cameras share their mount.
        if (seen < 0) seen = cameraSees(ctx, k, sample.xs[i], sample.ys[i], sample.zs[i]) ? 1 : 0;
        if (seen === 0) break;
        pInf[i * cams + m] = look.pInf;
        rate[i * cams + m] = look.rate / att;
        any = true;
      }
    }
    if (!any) continue;
    out.cands.push(c);
    out.pInf.push(pInf);
    out.rate.push(rate);
  }
  return out;
}

/**
 * The time a grid path spends at each point, keyed by column·(R + 1) + row (row R: the wall of that
 * column), as pathPDetect in breachGrid.ts counts it: half of each adjacent move, the wall's time on
 * the crest or in the gap. Keys ascending.
 */
export function chainTimes(g: Pick<Grid, 'R' | 'ds' | 'dF' | 'dH' | 'farFace' | 'homeFace' | 'wallS'>, chain: readonly number[], v: number): { keys: number[]; time: Map<number, number> } {
  const { R, ds, farFace, homeFace } = g;
  const P = R + 1;
  const time = new Map<number, number>();
  const add = (key: number, t: number) => time.set(key, (time.get(key) ?? 0) + t);
  for (let q = 0; q + 1 < chain.length; q++) {
    const ia = Math.floor(chain[q] / R);
    const ja = chain[q] - ia * R;
    const ib = Math.floor(chain[q + 1] / R);
    const jb = chain[q + 1] - ib * R;
    if (ja === farFace && jb === homeFace) {
      if (ia === ib) add(ia * P + R, g.wallS[ia]);
      else {
        add(ia * P + R, 0.5 * g.wallS[ia]);
        add(ib * P + R, 0.5 * g.wallS[ib]);
      }
      continue;
    }
    const t = Math.hypot((ib - ia) * ds, (jb - ja) * (ja >= homeFace ? g.dH : g.dF)) / v;
    add(ia * P + ja, t / 2);
    add(ib * P + jb, t / 2);
  }
  return { keys: [...time.keys()].sort((x, y) => x - y), time };
}

