import { describe, expect, it } from 'vitest';
import { newPlan, newPosition, planAttempt, positionAt } from '../../src/core/attempt.ts';
import type { Border } from '../../src/core/border.ts';
import { createBorder, newStation, projectOnBorder, stationAt } from '../../src/core/border.ts';
import { Stream, StreamCursor } from '../../src/core/rng.ts';
import { placeTowers } from '../../src/core/towers.ts';
import { createWorld, withRun } from '../../src/core/world.ts';
import { flatScene, idealCamera, spacedConfig } from './fixtures.ts';

/** A seeded zig-zag: segments of 150–2,500 m turning by up to ±150°, drifting eastwards overall. */
function zigZag(seed: number, segments: number): Border {
  const c = new StreamCursor(seed, Stream.terrain, 77);
  const xy = [0, 0];
  let heading = 0;
  for (let i = 0; i < segments; i++) {
    const turn = ((c.next() - 0.5) * 300 * Math.PI) / 180;
    // Pull back towards east so the line does not curl into itself.
    heading = 0.6 * (heading + turn);
    const len = 150 + c.next() * 2350;
    xy.push(xy[xy.length - 2] + len * Math.cos(heading), xy[xy.length - 1] + len * Math.sin(heading));
  }
  return createBorder(xy);
}

/** Distance from (x, y) to the nearest point of the line. */
function distanceToLine(b: Border, x: number, y: number): number {
  let best = Infinity;
  for (let i = 0; i + 1 < b.vertexCount; i++) {
    const x0 = b.xy[2 * i];
    const y0 = b.xy[2 * i + 1];
    const dx = b.xy[2 * i + 2] - x0;
    const dy = b.xy[2 * i + 3] - y0;
    const u = Math.min(1, Math.max(0, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(x - x0 - u * dx, y - y0 - u * dy));
  }
  return best;
}

describe('towers along a bent line', () => {
  it('stand exactly setbackM along the normal on a straight stretch', () => {
    const b = createBorder([0, 0, 10_000, 0]);
    const t = placeTowers({ spacingM: 2000, offsetM: 1000, setbackM: 50, heightM: 15 }, b, () => 0);
    expect(Array.from(t.x)).toEqual([1000, 3000, 5000, 7000, 9000]);
    expect(Array.from(t.y)).toEqual([50, 50, 50, 50, 50]);
  });

  it('never stand inside the wall or on the far side, and keep their setback, on random zig-zags (property)', () => {
    let moved = 0;
    let total = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const b = zigZag(seed, 30);
      for (const setbackM of [5, 50, 300]) {
        // Spacing chosen so towers land on and near vertices too.
        const t = placeTowers({ spacingM: 97, offsetM: 0, setbackM, heightM: 15 }, b, () => 0);
        const st = newStation();
        for (let i = 0; i < t.count; i++) {
          const d = distanceToLine(b, t.x[i], t.y[i]);
          expect(d).toBeGreaterThanOrEqual(setbackM * (1 - 1e-6));
          // Home side: the signed offset by the nearest segment is positive.
          expect(projectOnBorder(b, t.x[i], t.y[i]).dM).toBeGreaterThan(0);
          stationAt(b, t.sM[i], st);
          if (Math.hypot(t.x[i] - st.x - st.nx * setbackM, t.y[i] - st.y - st.ny * setbackM) > 1e-6) moved++;
          total++;
        }
      }
    }
    // The fix matters: a fair share of towers near bends had to move.
    expect(moved).toBeGreaterThan(0.01 * total);
  });

  it('at a 90° bend with the home side inside, a tower at the corner goes to the bisector point', () => {
    // East then north: the home side (left) is inside the bend (north-west).
    const b = createBorder([0, 0, 1000, 0, 1000, 1000]);
    const t = placeTowers({ at: [{ km: 0.99 }], setbackM: 50, heightM: 15 }, b, () => 0);
    expect(t.x[0]).toBeCloseTo(950, 6);
    expect(t.y[0]).toBeCloseTo(50, 6);
  });
});

describe('crossings on a bent line', () => {
  it('walk straight along the local normal at their crossing chainage', () => {
    const b = zigZag(3, 25);
    const world = createWorld(flatScene(b.lengthM / 1000), spacedConfig(2000, [idealCamera(500)]), { border: b });
    const plan = newPlan();
    const pos = newPosition();
    const st = newStation();
    for (let id = 0; id < 300; id++) {
      planAttempt(withRun(world, { seed: 9 }), id, plan);
      stationAt(b, plan.crossingM, st);
      expect(plan.nx).toBeCloseTo(st.nx, 12);
      expect(plan.ny).toBeCloseTo(st.ny, 12);
      // Start approachM out on the far side, end depthM in on the home side, along that normal.
      positionAt(world, plan, 0, pos);
      expect(pos.x).toBeCloseTo(st.x - st.nx * 2000, 6);
      expect(pos.y).toBeCloseTo(st.y - st.ny * 2000, 6);
      positionAt(world, plan, plan.tThroughS, pos);
      expect(pos.x).toBeCloseTo(st.x + st.nx * 1000, 6);
      expect(pos.y).toBeCloseTo(st.y + st.ny * 1000, 6);
      // The path crosses the line at the crossing point: offset there is zero, far side before it.
      positionAt(world, plan, plan.tBarrierS * 0.99, pos);
      expect(pos.dM).toBeLessThan(0);
    }
  });
});
