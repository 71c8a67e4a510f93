import { describe, expect, it } from 'vitest';
import { SEGMENT_KM, StatsAccumulator } from '../../src/core/metrics.ts';
import { runAttempts } from '../../src/core/run.ts';
import { advanceSession, createSession } from '../../src/core/session.ts';
import { LiveStats } from '../../src/viewer/worker/runStats.ts';
import { withRun } from '../../src/core/world.ts';
import { testWorld } from './fixtures.ts';

describe('live statistics in the worker', () => {
  it('end exactly where the batch run (the CLI’s figures) ends, whatever the tick size', () => {
    const seed = 11;
    const world = withRun(testWorld(), { seed, stepS: 1 });
    const n = 300;
    const batch = new StatsAccumulator(world.threats.map((t) => t.kind), world.border.lengthM, SEGMENT_KM);
    runAttempts(world, 0, n, (o) => batch.add(o));
    const expected = batch.result();
    for (const tickS of [37, 900]) {
      const session = createSession(world, n);
      const live = new LiveStats(world, seed, n, SEGMENT_KM);
      for (let guard = 0; guard < 100_000; guard++) {
        const b = advanceSession(session, session.clockS + tickS);
        for (const e of b.events) live.onEvent(e);
        for (const f of b.finished) live.onFinished(f);
        if (b.done) break;
      }
      expect(live.finished).toBe(n);
      expect(live.result()).toEqual(expected);
    }
  });
});
