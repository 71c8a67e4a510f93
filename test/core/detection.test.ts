/**
 * The detection loop's shortcuts (issue 6): what simulateAttempt skips must never change a result,
 * and thinning must leave the distribution of outcomes unchanged.
 *
 * - With EXACT_FROM_P = 0 (every camera exact) simulateAttempt must reproduce, bit for bit, a
 *   reference written here the plain way: every camera, every step from the start, no spatial index,
 *   no active intervals, no field-of-view sleeps, no skipped steps.
 * - viewSleepS must be a true lower bound: a camera never has the target in view before it wakes;
 *   viewFraction must be the share of a step a pan has a bearing in view.
 * - The default (thinned) simulation must agree with the exact one within noise.
 */
import { describe, expect, it } from 'vitest';
import { LOST_NONE, LOST_OUTAGE, LOST_UNNOTICED, LOST_UNSENSED, newOutcome, newScratch, simulateAttempt } from '../../src/core/attempt.ts';
import type { AttemptOutcome } from '../../src/core/attempt.ts';
import type { Cameras } from '../../src/core/cameras.ts';
import { SENSOR_IDEAL, fieldOfViewGap, viewFraction, viewSleepS } from '../../src/core/cameras.ts';
import { contrastFactor } from '../../src/core/environment.ts';
import { lineOfSight } from '../../src/core/lineOfSight.ts';
import { wilson } from '../../src/core/metrics.ts';
import { newPlan, newPosition, planAttempt, positionAt } from '../../src/core/plan.ts';
import { Stream, StreamCursor, streamKey, uniformAt } from '../../src/core/rng.ts';
import { SEARCH_TAU_S, lnContrastRatio, pInfinity, pInfinityAt, thermalParams } from '../../src/core/sensors/thermal.ts';
import { CAMERA_PRESETS, MAKER_JOHNSON } from '../../src/core/sensors/presets.ts';
import type { CameraSpec, ConfigSpec, SceneSpec } from '../../src/core/spec.ts';
import { createWorld, withRun } from '../../src/core/world.ts';
import type { World } from '../../src/core/world.ts';
import { flatScene, idealCamera, spacedConfig } from './fixtures.ts';

/**
 * Attempt `id` the plain way: every camera at every step, with the same formula functions (P∞ by
 * pInfinityAt, a pan's share of the step by viewFraction, the midpoint test otherwise), the bounded
 * search's thresholds, the day's outage map and the operators' attention drawn from the same streams.
 * Within a step the sensing events come in time order: the ideal sensors in sight at the midpoint,
 * the thermal cameras in sight at the summed rate (exponential thresholds); each event on a camera out
 * of service is an outage (and such cameras then leave the process), each on one in service is
 * noticed with probability a(K).
 */
function referenceAttempt(world: World, id: number): AttemptOutcome {
  const { seed, stepS } = world.config.run;
  const chain = world.chain;
  const plan = planAttempt(world, id, newPlan());
  const pos = newPosition();
  const profile = world.threats[plan.threat];
  const cams = world.cameras;
  const n = cams.count;
  const rates = new Float64Array(n);
  const pInf = new Float64Array(n);
  const ranges = new Float64Array(n);
  const day = Math.floor(uniformAt(streamKey(seed, id, Stream.day), 0) * chain.days);
  const thresholdKey = streamKey(seed, id, Stream.searchThreshold);
  const dayKey = streamKey(seed, day, Stream.availability);
  const inSvc = Array.from({ length: n }, (_, k) => uniformAt(dayKey, k) < chain.availability);
  // Feeds per operator: the cameras in service that day over the operators on shift.
  const K = Math.max(1, inSvc.filter(Boolean).length / chain.operators);
  const noticeP = chain.mode === 'operators' ? 1 / (1 + 0.19 * (K - 1)) : 1;
  const cursor = new StreamCursor(seed, id, Stream.detection);
  const notice = new StreamCursor(seed, id, Stream.notice);
  let need = cursor.nextExp();
  let outage = false;
  let unnoticed = false;
  const out = newOutcome();
  Object.assign(out, { id, threat: plan.threat, size: plan.size, crossingM: plan.crossingM, startTimeS: plan.startTimeS, tBarrierS: plan.tBarrierS, tThroughS: plan.tThroughS, day });
  for (let m = 0; m * stepS < plan.tThroughS; m++) {
    const t0 = m * stepS;
    const h = Math.min(stepS, plan.tThroughS - t0);
    const tm = t0 + 0.5 * h;
    positionAt(world, plan, tm, pos);
    if (pos.hidden) continue;
    const tAbs = plan.startTimeS + tm;
    const deltaT = profile.deltaTK * contrastFactor(tAbs, profile.engineHeated);
    let lambda = 0;
    let instant = 0;
    for (let k = 0; k < n; k++) {
      rates[k] = 0;
      if (outage && !inSvc[k]) continue;
      const model = world.models[cams.model[k]];
      const u = uniformAt(thresholdKey, k);
      const dx = pos.x - cams.x[k];
      const dy = pos.y - cams.y[k];
      const dz = pos.zTop - cams.z[k];
      const r = Math.sqrt(dx * dx + dy * dy + dz * dz);
      if (r > model.maxRangeM[plan.threat]) continue;
      const bearing = Math.atan2(dy, dx);
      const midpointView = fieldOfViewGap(cams, k, bearing, tAbs) <= 0 ? 1 : 0;
      const ideal = model.type === SENSOR_IDEAL;
      const inView = ideal || !(cams.scanPeriodS[k] > 0) ? midpointView : viewFraction(cams, k, bearing, plan.startTimeS + t0, h);
      if (!(inView > 0)) continue;
      let rate: number;
      let p: number;
      if (ideal) {
        if (r > model.rangeM || !(model.pInfinity > u)) continue;
        p = model.pInfinity;
        rate = Infinity;
      } else {
        const th = model.thermal!;
        p = pInfinityAt(th, th.johnson.detect, profile.criticalDimM, lnContrastRatio(th, deltaT), world.sigmaPerKm, r);
        if (p < 1e-6 || !(p > u)) continue;
        rate = (p * inView) / SEARCH_TAU_S;
      }
      if (!lineOfSight(world, cams.x[k], cams.y[k], cams.z[k], pos.x, pos.y, pos.zTop)) continue;
      rates[k] = rate;
      pInf[k] = p;
      ranges[k] = r;
      if (rate === Infinity) instant++;
      else lambda += rate;
    }
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
        const sensing = [];
        for (let k = 0; k < n; k++) if (rates[k] === Infinity && inSvc[k]) sensing.push(k);
        if (sensing.length > 0) pick = sensing[Math.floor(cursor.next() * sensing.length)];
      } else {
        const goal = cursor.next() * lambda;
        let acc = 0;
        for (let k = 0; k < n; k++) {
          if (!(rates[k] > 0) || rates[k] === Infinity) continue;
          acc += rates[k];
          pick = k;
          if (acc > goal) break;
        }
        need = cursor.nextExp();
      }
      if (pick < 0 || !inSvc[pick]) {
        outage = true;
        lambda = 0;
        for (let k = 0; k < n; k++) {
          if (!inSvc[k] && rates[k] !== Infinity) rates[k] = 0;
          if (rates[k] > 0 && rates[k] !== Infinity) lambda += rates[k];
        }
        continue;
      }
      if (rates[pick] !== Infinity && noticeP < 1 && !(notice.next() < noticeP)) {
        unnoticed = true;
        continue;
      }
      positionAt(world, plan, t, pos);
      Object.assign(out, {
        detected: true, detectTimeS: t, camera: pick, tower: cams.tower[pick], rangeM: ranges[pick], p: pInf[pick],
        x: pos.x, y: pos.y, beforeBarrier: t < plan.tBarrierS, lost: LOST_NONE, alarmTimeS: chain.mode === 'analytics' ? t : NaN,
      });
      return out;
    }
  }
  out.lost = unnoticed ? LOST_UNNOTICED : outage ? LOST_OUTAGE : LOST_UNSENSED;
  return out;
}

const pan = (headingDeg: number, sectorDeg = 120, periodS = 30): CameraSpec => ({ sensor: 'thermal', preset: 'mid-range-640', headingDeg, scan: { sectorDeg, periodS } });
const mixedThreats = [
  { kind: 'foot' as const, share: 0.4 },
  { kind: 'group' as const, share: 0.2 },
  { kind: 'crawler' as const, share: 0.15 },
  { kind: 'vehicle' as const, share: 0.1 },
  { kind: 'tunnel' as const, share: 0.15 },
];
function reliefScene(lengthKm: number, visibility: 'clear' | 'dust' | 'fog' = 'clear'): SceneSpec {
  return flatScene(
    lengthKm,
    {
      border: { line: { type: 'straight', lengthKm }, barrier: { heightM: 3, widthM: 3, gaps: [{ fromKm: 3.0, toKm: 3.4 }, { fromKm: 7.5, toKm: 7.6 }] } },
      terrain: { type: 'procedural', seed: 11, reliefM: 30, wadis: 2, wadiDepthM: 6, wadiWidthM: 60, cellM: 10 },
      environment: { visibility, timeOfDay: 'mixed' },
    },
    mixedThreats,
  );
}

const deployments: { name: string; cameras: CameraSpec[]; spacingM: number }[] = [
  { name: 'two back-and-forth pans (the default)', cameras: [pan(-60), pan(60)], spacingM: 2000 },
  { name: 'an all-round pan and a fixed narrow camera', cameras: [pan(0, 360, 20), { sensor: 'thermal', preset: 'long-range-640', headingDeg: 25 }], spacingM: 3000 },
  { name: 'a fixed 200° camera and a staring 360° camera', cameras: [{ sensor: 'thermal', preset: 'short-range-320', headingDeg: -10, fovDeg: 200 }, { sensor: 'thermal', preset: 'short-range-320', headingDeg: 0, fovDeg: 360 }], spacingM: 1500 },
  { name: 'ideal sensors beside thermal pans', cameras: [idealCamera(600), pan(30, 90, 12)], spacingM: 2500 },
];

describe('the detection loop skips only what cannot matter', () => {
  for (const d of deployments) {
    for (const stepS of [0.7, 2, 5]) {
      it(`reproduces the plain every-camera, every-step loop bit for bit: ${d.name}, step ${stepS} s`, () => {
        const lostSeen = new Set<number>();
        for (const visibility of ['clear', 'fog'] as const) {
          // A stressed system (70 % of cameras in service), so that outages occur often enough to compare.
          const world = withRun(createWorld(reliefScene(10, visibility), spacedConfig(d.spacingM, d.cameras, 150, { availability: 0.7 })), { seed: 3, stepS });
          const s = newScratch(world, 0);
          const out = newOutcome();
          let detected = 0;
          for (let id = 0; id < 150; id++) {
            const want = referenceAttempt(world, id);
            const got = simulateAttempt(world, id, s, out);
            expect({ ...got }).toEqual(want);
            if (got.detected) detected++;
            lostSeen.add(got.lost);
          }
          // Both outcomes occur, so the comparison covers detections and misses.
          expect(detected).toBeGreaterThan(0);
          if (visibility === 'fog') expect(detected).toBeLessThan(150);
        }
        // Misses at the links after sensing occur too, so the comparison covers the thinning. (A staring
        // camera that has sensed keeps sensing, so there an unnoticed miss is too rare to expect.)
        expect(lostSeen.has(LOST_OUTAGE)).toBe(true);
        if (d.cameras.some((c) => c.scan)) expect(lostSeen.has(LOST_UNNOTICED)).toBe(true);
      });
    }
  }
});

/** One camera on its own, as mountCameras stores it. */
function oneCamera(headingRad: number, halfFovRad: number, scanHalfSectorRad: number, scanPeriodS: number, fullTurn: boolean): Cameras {
  const f = (v: number) => Float64Array.of(v);
  return {
    count: 1, tower: Int32Array.of(0), model: Int32Array.of(0), x: f(0), y: f(0), z: f(15), headingRad: f(headingRad), halfFovRad: f(halfFovRad),
    scanHalfSectorRad: f(scanHalfSectorRad), scanPeriodS: f(scanPeriodS), fullTurn: Uint8Array.of(fullTurn ? 1 : 0), maxRangeM: f(1e4),
  };
}

describe('viewSleepS', () => {

  it('never lets a camera sleep through a moment the target is in view (random cameras and bearing paths)', () => {
    const u = new StreamCursor(99, 1);
    let slept = 0;
    const failures: string[] = [];
    for (let trial = 0; trial < 4000; trial++) {
      const kind = Math.floor(u.next() * 3); // 0 fixed, 1 back and forth, 2 all round
      const half = 0.02 + u.next() * 0.5;
      const cams = oneCamera((u.next() - 0.5) * 4 * Math.PI, half, kind === 1 ? u.next() * 2 : 0, kind === 0 ? 0 : 5 + u.next() * 60, kind === 2);
      const rate = u.next() < 0.2 ? 0 : u.next() ** 3 * 0.2; // rad/s, often slow
      const t0 = u.next() * 86_400;
      // A bearing path turning at most `rate`: piecewise linear with random slopes in [−rate, rate].
      const knots = 12;
      const slopes = Array.from({ length: knots }, () => (2 * u.next() - 1) * rate);
      let b0 = (u.next() - 0.5) * 2 * Math.PI;
      // Half the trials ask about a view widened by up to 0.1 rad each side (as simulateAttempt does).
      const widen = u.next() < 0.5 ? 0 : u.next() * 0.1;
      const gap0 = fieldOfViewGap(cams, 0, b0, t0);
      if (gap0 <= widen) continue;
      const sleep = viewSleepS(cams, 0, b0, t0, gap0 - widen, rate, widen);
      expect(sleep).toBeGreaterThanOrEqual(0);
      if (!Number.isFinite(sleep)) {
        expect(rate).toBe(0);
        continue;
      }
      slept++;
      const seg = sleep / knots;
      for (let i = 0; i < knots; i++) {
        for (let q = 0; q < 25; q++) {
          const dt = (q / 25) * seg;
          const t = t0 + i * seg + dt;
          if (t >= t0 + sleep * (1 - 1e-9)) break;
          if (!(fieldOfViewGap(cams, 0, b0 + slopes[i] * dt, t) > widen)) failures.push(`trial ${trial}: in view ${t - t0} s into a ${sleep} s sleep`);
        }
        b0 += slopes[i] * seg;
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(slept).toBeGreaterThan(1500);
  });

  it('sleeps a back-and-forth pan until its sweep comes round, and for good outside its sector', () => {
    // Sector ±55.6° around the heading, 8.8° field of view, 30 s per sweep (111.2° at 3.71°/s). At
    // t = 2 s the view centre is at 55.6° × 13/15 = 48.19° and moving down; a still target at 54° is
    // 1.41° beyond the view's edge, behind it: bound 1 alone would wake after 1.41° / 3.71°/s = 0.4 s,
    // but the view first runs down to −55.6° and back up to 54° − 4.4°.
    const d = Math.PI / 180;
    const cams = oneCamera(0, 4.4 * d, 55.6 * d, 30, false);
    const o = (55.6 * 13) / 15;
    const gap = fieldOfViewGap(cams, 0, 54 * d, 2);
    expect(gap / d).toBeCloseTo(54 - o - 4.4, 9);
    expect(viewSleepS(cams, 0, 54 * d, 2, gap, 0)).toBeCloseTo(((o + 55.6 + (54 - 4.4 + 55.6)) / 111.2) * 30, 9);
    // 61° lies beyond the sector widened by half the field of view (60°): never, while it stands still;
    // turning at 0.01 rad/s it needs 1° at least.
    const g61 = fieldOfViewGap(cams, 0, 61 * d, 2);
    expect(viewSleepS(cams, 0, 61 * d, 2, g61, 0)).toBe(Infinity);
    expect(viewSleepS(cams, 0, 61 * d, 2, g61, 0.01)).toBeGreaterThanOrEqual(d / 0.01 - 1e-9);
  });
});

describe('viewFraction', () => {
  const d = Math.PI / 180;

  it('is the share of the step in view, against dense sampling (random pans, steps and bearings)', () => {
    const u = new StreamCursor(7, 3);
    let worst = 0;
    for (let trial = 0; trial < 3000; trial++) {
      const full = u.next() < 0.3;
      const cams = oneCamera((u.next() - 0.5) * 4 * Math.PI, 0.02 + u.next() * 0.4, full ? 0 : u.next() * 2.5, 3 + u.next() * 40, full);
      const t0 = u.next() * 86_400;
      const h = [0.5, 1, 2, 5, 17][Math.floor(u.next() * 5)];
      const bearing = (u.next() - 0.5) * 2 * Math.PI;
      const samples = 4000;
      let seen = 0;
      for (let q = 0; q < samples; q++) if (fieldOfViewGap(cams, 0, bearing, t0 + ((q + 0.5) / samples) * h) <= 0) seen++;
      const err = Math.abs(viewFraction(cams, 0, bearing, t0, h) - seen / samples);
      worst = Math.max(worst, err);
    }
    // Dense sampling resolves edges to 1/4000 of the step, twice per crossing at most.
    expect(worst).toBeLessThan(3e-3);
  });

  it('a 120° pan with an 8.8° view sweeping past a still target: 2.37 s of a 5 s step', () => {
    // Sector ±55.6°, 30 s per sweep: 3.707°/s; the view covers a bearing for 8.8° / 3.707°/s = 2.374 s.
    const cams = oneCamera(0, 4.4 * d, 55.6 * d, 30, false);
    // At t = 0 the centre is at +55.6° going down; it reaches +10° ± 4.4° from t = 11.1 s to 13.5 s.
    expect(viewFraction(cams, 0, 10 * d, 10, 5) * 5).toBeCloseTo(8.8 / (111.2 / 30), 9);
    expect(viewFraction(cams, 0, 10 * d, 0, 5)).toBe(0);
    // A fixed camera: all of the step or none of it.
    const fixed = oneCamera(0, 4.4 * d, 0, 0, false);
    expect(viewFraction(fixed, 0, 3 * d, 100, 5)).toBe(1);
    expect(viewFraction(fixed, 0, 5 * d, 100, 5)).toBe(0);
  });
});

describe('P∞ in the inner loop', () => {
  it('pInfinityAt equals pInfinity up to rounding', () => {
    for (const preset of Object.values(CAMERA_PRESETS)) {
      const th = thermalParams(preset.optics, MAKER_JOHNSON);
      for (const deltaT of [0.01, 0.15, 2, 3, 6]) {
        for (const sigma of [0, 0.15, 1.5, 5]) {
          for (let r = 10; r < 60_000; r *= 1.37) {
            for (const dc of [0.5, 0.75, 2.3]) {
              const want = pInfinity(th, 0.75, dc, deltaT, sigma, r);
              const got = pInfinityAt(th, 0.75, dc, lnContrastRatio(th, deltaT), sigma, r);
              expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-12 * Math.max(want, 1e-300) + 1e-300);
            }
          }
        }
      }
    }
  });
});

describe('thinning', () => {
  function runRates(scene: SceneSpec, config: ConfigSpec, n: number, exactFromP?: number) {
    const world = createWorld(scene, config);
    const s = newScratch(world, exactFromP);
    const out = newOutcome();
    let k = 0;
    let sumT = 0;
    let sumT2 = 0;
    let before = 0;
    const lost = [0, 0, 0, 0];
    for (let id = 0; id < n; id++) {
      simulateAttempt(world, id, s, out);
      lost[out.lost]++;
      if (!out.detected) continue;
      k++;
      sumT += out.detectTimeS;
      sumT2 += out.detectTimeS ** 2;
      if (out.beforeBarrier) before++;
    }
    const meanT = sumT / k;
    return { k, n, rate: k / n, meanT, seT: Math.sqrt((sumT2 / k - meanT * meanT) / k), before, lost };
  }

  it('detects at the rate and times, and loses at the links, of testing every camera at every step (within noise)', () => {
    // Fog and relief: rates well inside (0, 1), many blocked sight lines.
    const scene = reliefScene(10, 'fog');
    const config = spacedConfig(3000, [pan(-60), pan(60)], 2500);
    const exact = runRates(scene, config, 2500, 0);
    const thinned = runRates(scene, config, 2500);
    expect(exact.rate).toBeGreaterThan(0.1);
    expect(exact.rate).toBeLessThan(0.9);
    // Different random numbers decide each attempt, so compare as independent samples: 99 % intervals overlap.
    const [alo, ahi] = wilson(exact.k, exact.n, 2.5758);
    const [blo, bhi] = wilson(thinned.k, thinned.n, 2.5758);
    expect(blo).toBeLessThan(ahi);
    expect(alo).toBeLessThan(bhi);
    expect(Math.abs(exact.meanT - thinned.meanT)).toBeLessThan(3 * Math.hypot(exact.seT, thinned.seT));
    // The links that lost the missed attempts: the same shares (99 % intervals overlap).
    for (const lost of [LOST_UNSENSED, LOST_OUTAGE, LOST_UNNOTICED]) {
      const [clo, chi] = wilson(exact.lost[lost], exact.n, 2.5758);
      const [dlo, dhi] = wilson(thinned.lost[lost], thinned.n, 2.5758);
      expect(dlo).toBeLessThan(chi);
      expect(clo).toBeLessThan(dhi);
    }
    // Every link occurs, so the comparison covers each.
    expect(Math.min(exact.lost[LOST_OUTAGE], exact.lost[LOST_UNNOTICED], exact.lost[LOST_UNSENSED])).toBeGreaterThan(10);
  });
});
