/**
 * The naive reference of the Monte Carlo benchmark, written for the benchmark only: what a three.js
 * user would write for the same model. Every step from the attempt's start, every camera of the
 * frontier: range, field of view (a pan's share of the step), P∞ by the textbook formulas (exp, log,
 * pow), and for those in view a
 * three-mesh-bvh raycast (firstHitOnly) against the terrain mesh plus the wall test; exponential
 * thresholds on the integrated rate time the sensing events, interpolated inside the step, each
 * thinned by the camera's service that day and the operators' attention.
 *
 * It is Watchline's model step for step — the same plan, position, field-of-view law, TTPF, barrier,
 * pruning range, bounded search, outage maps, attention and random streams — without the spatial
 * index, the reach pruning, the active intervals, the field-of-view sleeps, the per-step P∞
 * shortcuts, thinning and the max-mip line of sight. With
 * `EXACT_FROM_P = 0` Watchline computes the same process, so the two must agree attempt by attempt
 * (up to the order of floating-point sums and grazing ties of the terrain test).
 *
 * The mesh covers a window of the world's heightfield around the crossings the subset uses (a mesh of
 * a whole 600 km strip would hold 43 M triangles); every sight line the model asks for lies inside
 * it, which `simulateNaive` checks.
 */
import { DoubleSide, Mesh, MeshBasicMaterial, PlaneGeometry, Raycaster, Vector3 } from 'three';
import type { Intersection } from 'three';
import { MeshBVH, acceleratedRaycast } from 'three-mesh-bvh';
import { newPlan, newPosition, planAttempt, positionAt } from '../src/core/plan.ts';
import { barrierBlocks } from '../src/core/barrier.ts';
import { SENSOR_IDEAL, inFieldOfView, viewFraction } from '../src/core/cameras.ts';
import { contrastFactor } from '../src/core/environment.ts';
import { Stream, StreamCursor, streamKey, uniformAt } from '../src/core/rng.ts';
import { SEARCH_TAU_S, pInfinity } from '../src/core/sensors/thermal.ts';
import { isTiledGround } from '../src/core/terrain/ground.ts';
import type { World } from '../src/core/world.ts';

export interface NaiveLos {
  mesh: Mesh;
  raycaster: Raycaster;
  /** The mesh's extent in the local frame, metres. */
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  triangles: number;
  buildMs: number;
}

/** A three.js mesh (with a MeshBVH) of the world's heightfield between x = fromX and x = toX. */
export function buildNaiveLos(world: World, fromX: number, toX: number): NaiveLos {
  if (isTiledGround(world.ground)) throw new Error('the naive reference needs a single-grid ground');
  const hf = world.heightfield;
  const i0 = Math.max(0, Math.floor((fromX - hf.originX) / hf.cellM));
  const i1 = Math.min(hf.nx - 1, Math.ceil((toX - hf.originX) / hf.cellM));
  const nx = i1 - i0 + 1;
  const ny = hf.ny;
  const w = (nx - 1) * hf.cellM;
  const h = (ny - 1) * hf.cellM;
  const t0 = performance.now();
  // As the viewer builds it: plane row iy is grid row ny − 1 − iy; same diagonal as the grid's triangles.
  const geometry = new PlaneGeometry(w, h, nx - 1, ny - 1);
  const pos = geometry.getAttribute('position');
  for (let iy = 0; iy < ny; iy++) {
    for (let ix = 0; ix < nx; ix++) pos.setZ(iy * nx + ix, hf.heights[(ny - 1 - iy) * hf.nx + i0 + ix]);
  }
  const originX = hf.originX + i0 * hf.cellM;
  geometry.translate(originX + w / 2, hf.originY + h / 2, 0);
  geometry.computeBoundingBox();
  geometry.boundsTree = new MeshBVH(geometry);
  const mesh = new Mesh(geometry, new MeshBasicMaterial({ side: DoubleSide }));
  mesh.raycast = acceleratedRaycast;
  mesh.updateMatrixWorld(true);
  const raycaster = new Raycaster();
  raycaster.firstHitOnly = true;
  return {
    mesh,
    raycaster,
    minX: originX,
    maxX: originX + w,
    minY: hf.originY,
    maxY: hf.originY + h,
    triangles: 2 * (nx - 1) * (ny - 1),
    buildMs: performance.now() - t0,
  };
}

const origin = new Vector3();
const direction = new Vector3();
const hits: Intersection[] = [];

function bvhClear(los: NaiveLos, ax: number, ay: number, az: number, bx: number, by: number, bz: number): boolean {
  if (ax < los.minX || ax > los.maxX || bx < los.minX || bx > los.maxX || ay < los.minY || ay > los.maxY || by < los.minY || by > los.maxY) {
    throw new Error('naive reference: a sight line leaves the mesh window');
  }
  origin.set(ax, ay, az);
  direction.set(bx - ax, by - ay, bz - az);
  const length = direction.length();
  direction.multiplyScalar(1 / length);
  los.raycaster.set(origin, direction);
  los.raycaster.near = 0;
  los.raycaster.far = length;
  hits.length = 0;
  los.raycaster.intersectObject(los.mesh, false, hits);
  return hits.length === 0;
}

export interface NaiveOutcome {
  detected: boolean;
  detectTimeS: number;
  camera: number;
}

export interface NaiveCounters {
  steps: number;
  evaluations: number;
  losCalls: number;
}

const cursor = new StreamCursor();
const notice = new StreamCursor();
const plan = newPlan();
const pos = newPosition();
let rates = new Float64Array(0);
let inSvc = new Uint8Array(0);

/**
 * Attempt `id` by brute force, with the world's run seed and step: the bounded search (a threshold u
 * per camera; it senses only while P∞ > u), the day's outage map and the operators' attention as
 * Watchline draws them (docs/model.md §3, §8), every camera at every step.
 */
export function simulateNaive(world: World, los: NaiveLos, id: number, counters: NaiveCounters): NaiveOutcome {
  const { seed, stepS } = world.config.run;
  const chain = world.chain;
  planAttempt(world, id, plan);
  const profile = world.threats[plan.threat];
  const cams = world.cameras;
  if (rates.length < cams.count) {
    rates = new Float64Array(cams.count);
    inSvc = new Uint8Array(cams.count);
  }
  const day = Math.floor(uniformAt(streamKey(seed, id, Stream.day), 0) * chain.days);
  const thresholdKey = streamKey(seed, id, Stream.searchThreshold);
  const dayKey = streamKey(seed, day, Stream.availability);
  let working = 0;
  for (let k = 0; k < cams.count; k++) {
    inSvc[k] = uniformAt(dayKey, k) < chain.availability ? 1 : 0;
    working += inSvc[k];
  }
  const noticeP = chain.mode === 'operators' ? 1 / (1 + 0.19 * (Math.max(1, working / chain.operators) - 1)) : 1;
  cursor.reset(seed, id, Stream.detection);
  notice.reset(seed, id, Stream.notice);
  let need = cursor.nextExp();
  let outage = false;
  for (let m = 0; m * stepS < plan.tThroughS; m++) {
    const t0 = m * stepS;
    const h = Math.min(stepS, plan.tThroughS - t0);
    const tm = t0 + 0.5 * h;
    positionAt(world, plan, tm, pos);
    counters.steps++;
    if (pos.hidden) continue;
    const tAbs = plan.startTimeS + tm;
    const deltaT = profile.deltaTK * contrastFactor(tAbs, profile.engineHeated);
    let lambda = 0;
    let instant = 0;
    for (let k = 0; k < cams.count; k++) {
      rates[k] = 0;
      if (outage && inSvc[k] === 0) continue;
      const model = world.models[cams.model[k]];
      const u = uniformAt(thresholdKey, k);
      const dx = pos.x - cams.x[k];
      const dy = pos.y - cams.y[k];
      const dz = pos.zTop - cams.z[k];
      const r = Math.sqrt(dx * dx + dy * dy + dz * dz);
      counters.evaluations++;
      if (r > model.maxRangeM[plan.threat]) continue;
      // A pan's share of the step in view, as the model integrates it; the midpoint test otherwise.
      const bearing = Math.atan2(dy, dx);
      const ideal = model.type === SENSOR_IDEAL;
      const inView = ideal || !(cams.scanPeriodS[k] > 0) ? (inFieldOfView(cams, k, bearing, tAbs) ? 1 : 0) : viewFraction(cams, k, bearing, plan.startTimeS + t0, h);
      if (!(inView > 0)) continue;
      let rate: number;
      if (ideal) {
        if (r > model.rangeM || !(model.pInfinity > u)) continue;
        rate = Infinity;
      } else {
        const p = pInfinity(model.thermal!, model.thermal!.johnson.detect, profile.criticalDimM, deltaT, world.sigmaPerKm, r);
        if (p < 1e-6 || !(p > u)) continue;
        rate = (p * inView) / SEARCH_TAU_S;
      }
      counters.losCalls++;
      const last = world.border.vertexCount - 2;
      if (barrierBlocks(world.barrier, world.border, world.ground, cams.x[k], cams.y[k], cams.z[k], pos.x, pos.y, pos.zTop, 0, last)) continue;
      if (!bvhClear(los, cams.x[k], cams.y[k], cams.z[k], pos.x, pos.y, pos.zTop)) continue;
      rates[k] = rate;
      if (rate === Infinity) instant++;
      else lambda += rate;
    }
    // Sensing events in time order: ideal sensors at the midpoint, thermal cameras at the summed rate;
    // out of service → an outage (such cameras then drop out), in service → noticed with noticeP.
    let t = t0;
    for (;;) {
      const tE = lambda > 0 ? t + need / lambda : Infinity;
      const tI = instant > 0 ? tm : Infinity;
      const tNext = tI <= tE ? tI : tE;
      if (!(tNext < t0 + h)) {
        if (lambda > 0) need = Math.max(0, need - lambda * (t0 + h - t));
        break;
      }
      if (lambda > 0 && tNext !== tE) need = Math.max(0, need - lambda * (tNext - t));
      t = tNext;
      let pick = -1;
      if (tNext === tI) {
        instant = 0;
        let nIn = 0;
        for (let k = 0; k < cams.count; k++) if (rates[k] === Infinity && inSvc[k] === 1) nIn++;
        if (nIn > 0) {
          let target = Math.floor(cursor.next() * nIn);
          for (let k = 0; k < cams.count && pick < 0; k++) if (rates[k] === Infinity && inSvc[k] === 1 && target-- === 0) pick = k;
        }
      } else {
        const goal = cursor.next() * lambda;
        let acc = 0;
        for (let k = 0; k < cams.count; k++) {
          if (!(rates[k] > 0) || rates[k] === Infinity) continue;
          acc += rates[k];
          pick = k;
          if (acc > goal) break;
        }
        need = cursor.nextExp();
      }
      if (pick < 0 || inSvc[pick] === 0) {
        outage = true;
        lambda = 0;
        for (let k = 0; k < cams.count; k++) {
          if (inSvc[k] === 0 && rates[k] !== Infinity) rates[k] = 0;
          if (rates[k] > 0 && rates[k] !== Infinity) lambda += rates[k];
        }
        continue;
      }
      if (rates[pick] !== Infinity && noticeP < 1 && !(notice.next() < noticeP)) continue;
      return { detected: true, detectTimeS: t, camera: pick };
    }
  }
  return { detected: false, detectTimeS: NaN, camera: -1 };
}
