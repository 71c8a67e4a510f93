/** Rows packed for the trip from a worker thread unpack to the rows the world gives in this thread. */
import { describe, expect, it } from 'vitest';
import { rowContext, rowOf } from '../../src/core/attemptRow.ts';
import { SEGMENT_KM } from '../../src/core/figures/reporter.ts';
import { FigureTally } from '../../src/core/figures/tally.ts';
import { runAttempts } from '../../src/core/run.ts';
import { createWorld, withRun } from '../../src/core/world.ts';
import { FIELDS, decodeRow, tallyRows } from '../../src/batch/codec.ts';
import { simulateRange } from '../../src/batch/simulateRange.ts';
import { flatScene, idealCamera, spacedConfig } from '../core/fixtures.ts';

describe('packed rows', () => {
  const world = createWorld(flatScene(10), spacedConfig(4000, [idealCamera(1000)]));
  const ctx = rowContext(world);
  const expected: ReturnType<typeof rowOf>[] = [];
  runAttempts(withRun(world, { seed: 8, stepS: 1 }), 40, 140, (o) => expected.push(rowOf(o, ctx)));

  it('decode to the rows of the same attempts, nulls and flags included', () => {
    const data = simulateRange(world, 8, 40, 140, 1);
    expect(data.length).toBe(100 * FIELDS);
    expect(Array.from({ length: 100 }, (_, i) => decodeRow(data, i, ctx.kinds))).toEqual(expected);
    expect(expected.some((r) => r.detected) && expected.some((r) => !r.detected)).toBe(true);
  });

  it('tallyRows tallies each row once and hands each to the caller in order', () => {
    const data = simulateRange(world, 8, 40, 140, 1);
    const figureCtx = { kinds: ctx.kinds, lengthM: 10_000, segmentKm: SEGMENT_KM, response: null, chain: null };
    const seen: number[] = [];
    const t = new FigureTally(figureCtx);
    tallyRows(data, ctx.kinds, t, (r) => seen.push(r.id));
    expect(seen).toEqual(expected.map((r) => r.id));
    expect(t.summary().detected).toBe(expected.filter((r) => r.detected).length);
  });
});
