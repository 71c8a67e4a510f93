import { describe, expect, it } from 'vitest';
import { rowContext, rowOf } from '../../src/core/attemptRow.ts';
import { FigureTally } from '../../src/core/figures/tally.ts';
import { runAttempts } from '../../src/core/run.ts';
import { advanceSession, createSession } from '../../src/core/session.ts';
import { withRun } from '../../src/core/world.ts';
import { LiveStats, viewerFigureContext } from '../../src/viewer/worker/runStats.ts';
import { testWorld } from './fixtures.ts';

describe('live statistics in the worker', () => {
  it('end exactly where the batch run (the CLI’s figures, every field) ends, whatever the tick size', () => {
    const seed = 11;
    const world = withRun(testWorld(), { seed, stepS: 1 });
    const n = 300;
    // The batch run's way: every outcome to its rounded row, tallied in id order.
    const batch = new FigureTally(viewerFigureContext(world));
    const ctx = rowContext(world);
    runAttempts(world, 0, n, (o) => batch.add(rowOf(o, ctx)));
    const expected = batch.summary();
    expect(expected.detected).toBeGreaterThan(0);
    for (const tickS of [37, 900]) {
      const session = createSession(world, n);
      const live = new LiveStats(world, 2.5);
      for (let guard = 0; guard < 100_000; guard++) {
        const b = advanceSession(session, session.clockS + tickS);
        for (const f of b.finished) live.onFinished(f);
        if (b.done) break;
      }
      expect(live.finished).toBe(n);
      expect(JSON.stringify(live.result())).toBe(JSON.stringify(expected));
      // The chart's bins, 2.5 km wide, hold the same attempts.
      const chart = live.chartSegments();
      expect(chart.reduce((a, s) => a + s.attempts, 0)).toBe(n);
      expect(chart.reduce((a, s) => a + s.detected, 0)).toBe(expected.detected);
    }
  });
});
