import { describe, expect, it } from 'vitest';
import { campaignFrame, trackOfRow } from '../../../src/core/campaign/frame.ts';
import { trackOf, trackPositionAt } from '../../../src/core/campaign/track.ts';
import { rowContext, rowOf } from '../../../src/core/attemptRow.ts';
import { runAttempts } from '../../../src/core/run.ts';
import { newPlan, newPosition, planAttempt, positionAt } from '../../../src/core/plan.ts';
import { createWorld } from '../../../src/core/world.ts';
import { flatScene, idealCamera, spacedConfig } from '../fixtures.ts';

describe('trackPositionAt', () => {
  it('places the intruder exactly where the plan does, at any time, climbers and walkers through gaps alike', () => {
    const scene = flatScene(20, { border: { line: { type: 'straight', lengthKm: 20 }, barrier: { heightM: 3, widthM: 3, gaps: [{ fromKm: 5, toKm: 9 }] } } }, [
      { kind: 'foot', share: 0.5 },
      { kind: 'vehicle', share: 0.3 },
      { kind: 'tunnel', share: 0.2 },
    ]);
    const world = createWorld(scene, spacedConfig(2000, [idealCamera(800)]));
    const plan = newPlan();
    const pos = newPosition();
    const at = { x: 0, y: 0 };
    let climbers = 0;
    for (let id = 0; id < 40; id++) {
      planAttempt(world, id, plan);
      if (plan.delayS > 0) climbers++;
      const track = trackOf(world, plan, 1000 + id);
      for (let q = 0; q <= 50; q++) {
        const t = (plan.tThroughS * q) / 50;
        positionAt(world, plan, t, pos);
        trackPositionAt(track, 1000 + id + t, at);
        expect(at.x).toBeCloseTo(pos.x, 9);
        expect(at.y).toBeCloseTo(pos.y, 9);
      }
    }
    expect(climbers).toBeGreaterThan(0);
    expect(climbers).toBeLessThan(40);
  });
});

describe('trackOfRow', () => {
  it('rebuilds each attempt\'s track from its rounded row, to within the rounding, climbers, gap walkers and tunnels alike', () => {
    const scene = flatScene(20, { border: { line: { type: 'straight', lengthKm: 20 }, barrier: { heightM: 3, widthM: 3, gaps: [{ fromKm: 5, toKm: 9 }] } } }, [
      { kind: 'foot', share: 0.5 },
      { kind: 'vehicle', share: 0.3 },
      { kind: 'tunnel', share: 0.2 },
    ]);
    const config = spacedConfig(2000, [idealCamera(800)], 60, { campaign: { days: 3, attemptsPerDay: 20 } });
    const world = createWorld(scene, config);
    const frame = campaignFrame(scene, config, world.border)!;
    const ctx = rowContext(world);
    const plan = newPlan();
    const pos = newPosition();
    const at = { x: 0, y: 0 };
    const kinds = new Set<string>();
    runAttempts(world, 0, 60, (o) => {
      const row = rowOf(o, ctx);
      planAttempt(world, o.id, plan);
      const track = trackOfRow(row, frame, world.border);
      expect(track.startS).toBeCloseTo((row.day as number) * 86_400 + plan.startTimeS, 2);
      kinds.add(row.threat);
      for (let q = 0; q <= 40; q++) {
        const t = (plan.tThroughS * q) / 40;
        positionAt(world, plan, t, pos);
        trackPositionAt(track, track.startS + t, at);
        // Rounded times (1 ms) at a vehicle's 8 m/s: within a few centimetres.
        expect(Math.hypot(at.x - pos.x, at.y - pos.y)).toBeLessThan(0.05);
      }
    });
    expect([...kinds].sort()).toEqual(['foot', 'tunnel', 'vehicle']);
  });
});
