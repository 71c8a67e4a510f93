import { describe, expect, it } from 'vitest';
import { responseModel, responseTimeS } from '../../src/batch/interdiction.ts';
import { StreamCursor } from '../../src/core/rng.ts';
import { flatScene, spacedConfig } from '../core/fixtures.ts';

describe('responseTimeS', () => {
  it('finds the nearest tower through the spatial index exactly as a scan of every tower does', () => {
    const u = new StreamCursor(5, 1);
    for (const [km, spacingM] of [[10, 2000], [120, 1500], [40, 13_000]] as const) {
      const m = responseModel({ scene: flatScene(km), config: spacedConfig(spacingM, []) });
      for (let q = 0; q < 3000; q++) {
        const x = (u.next() * 1.4 - 0.2) * km * 1000;
        const y = (u.next() - 0.5) * 8000;
        let best = Infinity;
        for (let i = 0; i < m.towerX.length; i++) best = Math.min(best, Math.hypot(x - m.towerX[i], y - m.towerY[i]));
        expect(responseTimeS(m, x, y)).toBe(m.delayS + best / m.speedMps);
      }
    }
  });
});
