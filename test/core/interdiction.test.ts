import { describe, expect, it } from 'vitest';
import { DEFAULT_RESPONSE, isInterrupted, responseModel, responseTimeS } from '../../src/core/interdiction.ts';
import { StreamCursor } from '../../src/core/rng.ts';
import { createWorld } from '../../src/core/world.ts';
import { flatScene, spacedConfig } from './fixtures.ts';

describe('responseTimeS', () => {
  it('finds the nearest of the world’s towers through the spatial index exactly as a scan of every tower does', () => {
    const u = new StreamCursor(5, 1);
    for (const [km, spacingM] of [[10, 2000], [120, 1500], [40, 13_000]] as const) {
      const world = createWorld(flatScene(km), spacedConfig(spacingM, []));
      const m = responseModel(world);
      expect(m.towerX).toBe(world.towers.x);
      for (let q = 0; q < 3000; q++) {
        const x = (u.next() * 1.4 - 0.2) * km * 1000;
        const y = (u.next() - 0.5) * 8000;
        let best = Infinity;
        for (let i = 0; i < world.towers.count; i++) best = Math.min(best, Math.hypot(x - world.towers.x[i], y - world.towers.y[i]));
        expect(responseTimeS(m, x, y)).toBe(m.delayS + best / m.speedMps);
      }
    }
  });
});

describe('isInterrupted', () => {
  // Towers every 2 km from 1 km, 50 m behind a straight line along x: the first stands at (1000, −50)
  // on the home side (or +50: the test reads its position from the world).
  const world = createWorld(flatScene(10), spacedConfig(2000, []));
  const m = responseModel(world);
  const [tx, ty] = [world.towers.x[0], world.towers.y[0]];
  const facts = (detectS: number, throughS: number) => ({ detected: true, firstDetectTimeS: detectS, firstDetectX: tx + 300, firstDetectY: ty + 400, throughTimeS: throughS });

  it('the default response: 300 s, then 500 m at 10 m/s = 350 s; interrupted with more than that left', () => {
    expect(m.source).toBe('default');
    expect([m.delayS, m.speedMps]).toEqual([DEFAULT_RESPONSE.delayS, DEFAULT_RESPONSE.speedMps]);
    expect(responseTimeS(m, tx + 300, ty + 400)).toBeCloseTo(350, 9);
    expect(isInterrupted(m, facts(100, 451))).toBe(true);
    expect(isInterrupted(m, facts(100, 449))).toBe(false);
    expect(isInterrupted(m, { ...facts(100, 10_000), detected: false })).toBe(false);
  });
});
