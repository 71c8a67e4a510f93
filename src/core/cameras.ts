/**
 * Cameras on towers: every tower carries the config's camera list. Sensor models are resolved once
 * (presets → optics → IFOV, Nyquist) and cameras are stored as structure-of-arrays for the hot loop.
 */
import type { Border } from './border.ts';
import { newStation, stationAt } from './border.ts';
import type { CameraSpec, JohnsonSpec, OpticsSpec } from './spec.ts';
import { CAMERA_PRESETS, MAKER_JOHNSON, isPresetName } from './sensors/presets.ts';
import type { ThermalParams } from './sensors/thermal.ts';
import { opticsGeometry, rangeForProbability, thermalParams } from './sensors/thermal.ts';
import type { ThreatProfile } from './threats.ts';
import type { Towers } from './towers.ts';

export const SENSOR_IDEAL = 0;
export const SENSOR_THERMAL = 1;

/** Below this P∞ a camera's contribution is negligible; it bounds each camera's useful range. */
export const P_PRUNE = 1e-4;

export interface SensorModel {
  type: typeof SENSOR_IDEAL | typeof SENSOR_THERMAL;
  /** Thermal parameters; null for the ideal sensor. */
  thermal: ThermalParams | null;
  /** Ideal sensor range, metres (thermal: unused). */
  rangeM: number;
  /** Ideal sensor's P∞ within range, view and sight (thermal: unused, 0). */
  pInfinity: number;
  /** Field of view, radians (2π = all round). */
  fovRad: number;
  /** Maximum useful range per threat profile index, metres (P∞ ≥ P_PRUNE inside). */
  maxRangeM: Float64Array;
  /** Preset name or 'custom' / 'ideal', for reports. */
  label: string;
}

export interface Cameras {
  count: number;
  tower: Int32Array;
  model: Int32Array;
  x: Float64Array;
  y: Float64Array;
  /** Optical centre height (ground + tower height), metres. */
  z: Float64Array;
  /** Bearing of the field-of-view centre at t = 0, radians, mathematical (counter-clockwise from +x). */
  headingRad: Float64Array;
  halfFovRad: Float64Array;
  /** Amplitude of the pan around the heading, radians; 0 = fixed, π with fullTurn = 360° scan. */
  scanHalfSectorRad: Float64Array;
  scanPeriodS: Float64Array;
  /** 1 when the pan turns all round (monotone), 0 when it sweeps back and forth. */
  fullTurn: Uint8Array;
  /** Largest useful range over the scene's threats, metres. */
  maxRangeM: Float64Array;
}

export function resolveOptics(spec: CameraSpec & { sensor: 'thermal' }): { optics: OpticsSpec; johnson: JohnsonSpec; label: string } {
  let base: Partial<OpticsSpec> = {};
  let label = 'custom';
  if (spec.preset !== undefined) {
    if (!isPresetName(spec.preset)) throw new Error(`unknown camera preset "${spec.preset}"`);
    base = CAMERA_PRESETS[spec.preset].optics;
    label = spec.preset;
  }
  const o = { ...base, ...spec.optics };
  for (const k of ['cols', 'rows', 'pitchUm', 'focalMm', 'netdK'] as const) {
    if (!(typeof o[k] === 'number' && o[k]! > 0)) throw new Error(`camera optics.${k} is missing or not positive`);
  }
  return { optics: o as OpticsSpec, johnson: { ...MAKER_JOHNSON, ...spec.johnson }, label };
}

export function buildSensorModel(spec: CameraSpec, threats: readonly ThreatProfile[], sigmaPerKm: number): SensorModel {
  const deg = Math.PI / 180;
  if (spec.sensor === 'ideal') {
    const maxRangeM = new Float64Array(threats.length).fill(spec.rangeM);
    return { type: SENSOR_IDEAL, thermal: null, rangeM: spec.rangeM, pInfinity: spec.pInfinity ?? 1, fovRad: spec.fovDeg * deg, maxRangeM, label: 'ideal' };
  }
  const { optics, johnson, label } = resolveOptics(spec);
  const params = thermalParams(optics, johnson);
  const fovRad = spec.fovDeg !== undefined ? spec.fovDeg * deg : opticsGeometry(optics).hfovRad;
  // Night contrast is the largest a body shows over the day (contrastFactor ≤ 1), so it bounds the range.
  const maxRangeM = Float64Array.from(threats, (t) => rangeForProbability(params, johnson.detect, t.criticalDimM, t.deltaTK, sigmaPerKm, P_PRUNE, 100_000));
  return { type: SENSOR_THERMAL, thermal: params, rangeM: 0, pInfinity: 0, fovRad, maxRangeM, label };
}

export function mountCameras(
  specs: readonly CameraSpec[],
  models: readonly SensorModel[],
  towers: Towers,
  border: Border,
): Cameras {
  const n = towers.count * specs.length;
  const c: Cameras = {
    count: n,
    tower: new Int32Array(n),
    model: new Int32Array(n),
    x: new Float64Array(n),
    y: new Float64Array(n),
    z: new Float64Array(n),
    headingRad: new Float64Array(n),
    halfFovRad: new Float64Array(n),
    scanHalfSectorRad: new Float64Array(n),
    scanPeriodS: new Float64Array(n),
    fullTurn: new Uint8Array(n),
    maxRangeM: new Float64Array(n),
  };
  const st = newStation();
  const deg = Math.PI / 180;
  let k = 0;
  for (let t = 0; t < towers.count; t++) {
    stationAt(border, towers.sM[t], st);
    // Outward normal (towards the far side) is −n; headings turn clockwise from it.
    const outward = Math.atan2(-st.ny, -st.nx);
    for (let j = 0; j < specs.length; j++, k++) {
      const spec = specs[j];
      const m = models[j];
      c.tower[k] = t;
      c.model[k] = j;
      c.x[k] = towers.x[t];
      c.y[k] = towers.y[t];
      c.z[k] = towers.groundM[t] + towers.heightM[t];
      c.headingRad[k] = outward - spec.headingDeg * deg;
      c.halfFovRad[k] = m.fovRad / 2;
      if (spec.scan && spec.scan.periodS > 0) {
        c.scanPeriodS[k] = spec.scan.periodS;
        c.fullTurn[k] = spec.scan.sectorDeg >= 360 ? 1 : 0;
        c.scanHalfSectorRad[k] = Math.max(0, (spec.scan.sectorDeg * deg - m.fovRad) / 2);
      }
      let maxR = 0;
      for (let i = 0; i < m.maxRangeM.length; i++) maxR = Math.max(maxR, m.maxRangeM[i]);
      c.maxRangeM[k] = maxR;
    }
  }
  return c;
}

/** Wraps an angle to (−π, π]. */
export function wrapAngle(a: number): number {
  a = (a + Math.PI) % (2 * Math.PI);
  if (a < 0) a += 2 * Math.PI;
  return a - Math.PI;
}

/**
 * How far outside camera k's field of view a target at bearing `bearingRad` is at absolute time tS,
 * radians: ≤ 0 inside it (exactly the test of `inFieldOfView`), otherwise the angle the view still has
 * to turn before it can reach the target. The step loop uses it to let a camera sleep until its view
 * could have turned that far (see simulateAttempt).
 */
export function fieldOfViewGap(c: Cameras, k: number, bearingRad: number, tS: number): number {
  const half = c.halfFovRad[k];
  if (half >= Math.PI) return -half;
  const centre = viewCentreRad(c, k, tS);
  // Wrapped to [−π, π) without `%` (a slow fmod call in V8): bearing and centre lie a few turns apart at most.
  let a = bearingRad - centre;
  if (a >= Math.PI || a < -Math.PI) a -= TWO_PI * Math.floor((a + Math.PI) / TWO_PI);
  return (a < 0 ? -a : a) - half;
}

const TWO_PI = 2 * Math.PI;

/** What the reach of a camera's view depends on: the core's Cameras, or the viewer's copy of them. */
export type ReachLaw = Pick<Cameras, 'headingRad' | 'halfFovRad' | 'scanPeriodS' | 'fullTurn' | 'scanHalfSectorRad'>;

/**
 * Half-width of the sector camera k can ever look at, radians, at most π (all round): its half field
 * of view, widened by the pan amplitude of a back-and-forth pan; π for an all-round pan.
 */
export function reachHalfRad(c: ReachLaw, k: number): number {
  const scan = c.scanPeriodS[k] > 0 ? (c.fullTurn[k] === 1 ? Math.PI : c.scanHalfSectorRad[k]) : 0;
  return Math.min(Math.PI, c.halfFovRad[k] + scan);
}

/** Could camera k ever look towards bearing `bearingRad` (its fixed view, or anywhere its pan sweeps)? */
export function inReach(c: ReachLaw, k: number, bearingRad: number): boolean {
  const half = reachHalfRad(c, k);
  if (half >= Math.PI) return true;
  return Math.abs(wrapAngle(bearingRad - c.headingRad[k])) <= half;
}

/** The pan state a view centre needs: the core's Cameras, or the viewer's copy of them. */
export type PanLaw = Pick<Cameras, 'headingRad' | 'scanPeriodS' | 'fullTurn' | 'scanHalfSectorRad'>;

/**
 * Bearing (radians, counter-clockwise from +x, not wrapped) of the centre of camera k's view at
 * absolute time tS: the heading, turned by an all-round pan or swung by a back-and-forth one.
 */
export function viewCentreRad(c: PanLaw, k: number, tS: number): number {
  let centre = c.headingRad[k];
  const period = c.scanPeriodS[k];
  if (period > 0) {
    const phase = tS / period;
    if (c.fullTurn[k] === 1) centre -= 2 * Math.PI * (phase - Math.floor(phase));
    else {
      const f = phase - 2 * Math.floor(phase / 2); // 0..2: out and back
      const tri = f < 1 ? 2 * f - 1 : 3 - 2 * f; // −1 → 1 → −1
      centre -= c.scanHalfSectorRad[k] * tri;
    }
  }
  return centre;
}

/**
 * Fastest rate at which camera k's view centre turns, rad/s: 2π/period for an all-round pan, twice
 * the pan amplitude per period for a back-and-forth pan (a triangle wave), 0 for a fixed camera.
 */
export function scanRateRadPerS(c: Cameras, k: number): number {
  const period = c.scanPeriodS[k];
  if (!(period > 0)) return 0;
  return c.fullTurn[k] === 1 ? (2 * Math.PI) / period : (2 * c.scanHalfSectorRad[k]) / period;
}

/**
 * A lower bound on the time, s, before camera k can next have in view a target now at bearing
 * `bearingRad` and `gap` radians outside its field of view (fieldOfViewGap > 0), when that bearing
 * turns at most `bearingRateRadPerS`. With `widenRad`, for a field of view that much wider on each
 * side (and `gap` measured to its edge). The largest of three bounds, each valid on its own:
 * 1. the angle between view centre and bearing closes at most at scan rate + bearing rate;
 * 2. for a back-and-forth pan, the bearing must first enter the swept sector widened by the half field
 *    of view, which only the bearing's own motion can bring about;
 * 3. for a pan, the view centre's exact path over one cycle (a triangle wave, or a turn), against a
 *    window around the bearing widened by how far the bearing can move in that cycle.
 */
export function viewSleepS(c: Cameras, k: number, bearingRad: number, tS: number, gap: number, bearingRateRadPerS: number, widenRad = 0): number {
  const wB = bearingRateRadPerS;
  const wC = scanRateRadPerS(c, k);
  let best = gap / (wC + wB);
  const period = c.scanPeriodS[k];
  if (!(period > 0)) return best;
  const half = c.halfFovRad[k] + widenRad;
  // The bearing's offset from the heading, in [−π, π).
  let off = bearingRad - c.headingRad[k];
  if (off >= Math.PI || off < -Math.PI) off -= TWO_PI * Math.floor((off + Math.PI) / TWO_PI);
  const phase = tS / period;
  if (c.fullTurn[k] === 1) {
    // Bound 3, all-round pan: the centre's offset decreases by 2π per period.
    const w = half + wB * period;
    if (w >= Math.PI) return best;
    const oc = -TWO_PI * (phase - Math.floor(phase));
    // Angle still to turn (downwards) until the centre reaches the window's upper edge off + w.
    let dist = oc - (off + w);
    dist -= TWO_PI * Math.floor(dist / TWO_PI);
    const t3 = dist + 2 * w >= TWO_PI ? 0 : dist / wC; // inside the window already: 0
    return t3 > best ? t3 : best;
  }
  const a = c.scanHalfSectorRad[k];
  // Bound 2: distance from the bearing to the sector the view ever covers, [−a − half, a + half].
  const outside = (off < 0 ? -off : off) - (a + half);
  if (outside > 0) {
    const t2 = outside / wB;
    if (t2 > best) best = t2;
  }
  // Bound 3, back-and-forth pan: offset o = −a·tri, from a down to −a in the first half of a cycle.
  const cycle = 2 * period;
  const w = half + wB * cycle;
  if (a + w >= Math.PI) return best;
  const lo = off - w;
  const hi = off + w;
  let t3: number;
  if (hi < -a || lo > a) t3 = cycle; // the window lies outside the sweep for a whole cycle
  else {
    const f = phase - 2 * Math.floor(phase / 2);
    const o = -a * (f < 1 ? 2 * f - 1 : 3 - 2 * f);
    let dist: number;
    if (o >= lo && o <= hi) dist = 0;
    else if (f < 1) dist = o > hi ? o - hi : o + a + (lo + a); // going down: straight there, or via −a
    else dist = o < lo ? lo - o : a - o + (a - hi); // going up: straight there, or via +a
    t3 = dist / wC;
  }
  return t3 > best ? t3 : best;
}

/**
 * Time, s, within one linear piece [ta, tb] of pan cycle n (t / period in [n, n + 1]) that camera
 * state (a, half, off, full) has the bearing in view: the centre's offset moves linearly from oa to ob
 * (o = −a·tri for a back-and-forth pan, −2π·φ for an all-round one) and the time spent within ±half of
 * the bearing (and its copies a turn away, w = wFirst … wLast) is an interval overlap. Returns
 * `seen` plus that time (added copy by copy, in a fixed order, so sums are reproducible).
 */
function addPieceSeenS(seen: number, ta: number, tb: number, n: number, period: number, a: number, half: number, off: number, full: boolean, wFirst: number, wLast: number): number {
  // Phase within the piece, 0 … 1, at its two ends.
  const fa = ta / period - n;
  const fb = tb / period - n;
  let oa: number;
  let ob: number;
  if (full) {
    oa = -TWO_PI * fa;
    ob = -TWO_PI * fb;
  } else if (n % 2 === 0) {
    oa = -a * (2 * fa - 1);
    ob = -a * (2 * fb - 1);
  } else {
    oa = -a * (1 - 2 * fa);
    ob = -a * (1 - 2 * fb);
  }
  const lo = oa < ob ? oa : ob;
  const hi = oa < ob ? ob : oa;
  // The window ±half around the bearing, and its copies a turn away where they can meet the centre's
  // range: (−2π, 0] for an all-round pan, [−a, a] otherwise (copies only if a + half reaches π).
  for (let w = wFirst; w <= wLast; w++) {
    const wl = off + w * TWO_PI - half;
    const wh = off + w * TWO_PI + half;
    if (hi > lo) {
      const overlap = Math.min(hi, wh) - Math.max(lo, wl);
      if (overlap > 0) seen += ((tb - ta) * overlap) / (hi - lo);
    } else if (lo >= wl && lo <= wh) seen += tb - ta;
  }
  return seen;
}

/**
 * The share of the interval [t0S, t0S + hS] (absolute times) in which camera k has a target at the
 * fixed bearing `bearingRad` in view: the pan integrated exactly over a step. The view centre's
 * offset from the heading is piecewise linear in time (a triangle wave, or a sawtooth for an
 * all-round pan) with breaks where t / period crosses an integer; on each linear piece the time spent
 * within ±half of the bearing is an interval overlap. Every whole piece sweeps the same range at the
 * same speed, so the pieces strictly inside the step are counted in closed form (count × one whole
 * piece): the cost is the same for a pan period of 1 ns as for 30 s. A fixed or staring camera sees
 * all of the step or none of it (the midpoint test).
 */
export function viewFraction(
  c: Cameras,
  k: number,
  bearingRad: number,
  t0S: number,
  hS: number,
  /** fieldOfViewGap at the step's midpoint, when the caller has it. */
  gap = fieldOfViewGap(c, k, bearingRad, t0S + 0.5 * hS),
): number {
  const half = c.halfFovRad[k];
  if (half >= Math.PI) return 1;
  const period = c.scanPeriodS[k];
  if (!(period > 0)) return gap <= 0 ? 1 : 0;
  // The centre turns at most scan rate × h/2 either side of the midpoint: well outside (inside) the
  // view by more than that, the target is out of view (in view) for the whole step.
  const reach = 0.5 * hS * scanRateRadPerS(c, k) + 1e-9;
  if (gap > reach) return 0;
  if (gap < -reach) return 1;
  let off = bearingRad - c.headingRad[k];
  if (off >= Math.PI || off < -Math.PI) off -= TWO_PI * Math.floor((off + Math.PI) / TWO_PI);
  const full = c.fullTurn[k] === 1;
  const a = c.scanHalfSectorRad[k];
  const t1S = t0S + hS;
  const wFirst = full || a + half >= Math.PI ? -1 : 0;
  const wLast = !full && a + half >= Math.PI ? 1 : 0;
  const n0 = Math.floor(t0S / period);
  const n1 = Math.floor(t1S / period);
  if (!(n1 - n0 <= 2)) {
    // Many pieces (or more than floating point can count, n0 not finite): a whole piece's share of
    // its period is the share of every whole piece; the partial pieces at both ends are added exactly
    // while their phase can still be told apart.
    const wholeS = addPieceSeenS(0, 0, period, 0, period, a, half, off, full, wFirst, wLast);
    if (!Number.isFinite(n0) || !Number.isFinite(n1) || n1 - n0 > 2 ** 52) {
      const f = wholeS / period;
      return f < 1 ? f : 1;
    }
    let seen = addPieceSeenS(0, t0S, (n0 + 1) * period, n0, period, a, half, off, full, wFirst, wLast);
    seen += (n1 - n0 - 1) * wholeS;
    if (t1S > n1 * period) seen = addPieceSeenS(seen, n1 * period, t1S, n1, period, a, half, off, full, wFirst, wLast);
    const f = seen / hS;
    return f < 1 ? (f > 0 ? f : 0) : 1;
  }
  let seen = 0;
  for (let n = n0; n <= n1; n++) {
    const ta = Math.max(t0S, n * period);
    const tb = Math.min(t1S, (n + 1) * period);
    if (!(tb > ta)) continue;
    seen = addPieceSeenS(seen, ta, tb, n, period, a, half, off, full, wFirst, wLast);
  }
  const f = seen / hS;
  return f < 1 ? f : 1;
}

/**
 * Is a target at bearing `bearingRad` from camera k inside its field of view at absolute time tS?
 * Staring 360° cameras always see; fixed cameras check the sector; panning cameras move the sector's
 * centre — all round at constant rate, or back and forth across the scan sector (triangle wave).
 */
export function inFieldOfView(c: Cameras, k: number, bearingRad: number, tS: number): boolean {
  return fieldOfViewGap(c, k, bearingRad, tS) <= 0;
}
