/**
 * The tallies of the registry's figures (src/core/figures/tally.ts): figures from rows checked against
 * hand counts, the same bytes whatever the rows' order, shards adding up to the whole, and
 * repetitions pooled.
 */
import { describe, expect, it } from 'vitest';
import { poolUnits } from '../../../src/core/figures/tally.ts';
import { ROWS, tallyOf } from './fixtures.ts';

describe('figures tallied from rows', () => {
  it('count by threat and by 10 km segment (the last one short), with hand values', () => {
    const s = tallyOf(ROWS).summary();
    expect(s.attempts).toBe(4);
    expect(s.detected).toBe(3);
    expect(s.detectionRate).toBe(0.75);
    expect(s.detectedBeforeBarrierRate).toBe(0.5);
    expect(s.byThreat.foot).toEqual({ attempts: 2, detected: 1, detectionRate: 0.5 });
    expect(s.byThreat.vehicle).toEqual({ attempts: 2, detected: 2, detectionRate: 1 });
    expect(s.bySegment.map((b) => [b.fromKm, b.toKm, b.attempts, b.detected])).toEqual([
      [0, 10, 1, 1],
      [10, 20, 2, 1],
      [20, 25, 1, 1],
    ]);
    // Times 10, 20, 30: mean 20; type 7: p50 at rank 1 = 20, p90 at 1.8 → 20 + 0.8·10 = 28.
    expect(s.timeToDetectS).toEqual({ mean: 20, p50: 20, p90: 28 });
    expect(s.response).toEqual({ delayS: 300, speedMps: 10, source: 'default' });
    expect(s.interrupted).toBe(1);
    expect(s.interruptionRate).toBe(0.25);
    expect(s.lost).toEqual({ unsensed: 0, outage: 1, unnoticed: 0, late: 2 });
  });

  it('are the same bytes whatever the order of the rows', () => {
    expect(JSON.stringify(tallyOf([...ROWS].reverse()).summary())).toBe(JSON.stringify(tallyOf(ROWS).summary()));
  });

  it('two shards merged give exactly the tally of the whole', () => {
    for (let cut = 0; cut <= ROWS.length; cut++) {
      const a = tallyOf(ROWS.slice(0, cut));
      a.merge(tallyOf(ROWS.slice(cut)));
      expect(JSON.stringify(a.summary()), `cut at ${cut}`).toBe(JSON.stringify(tallyOf(ROWS).summary()));
    }
  });
});

describe('sweep views', () => {
  it('pooling repetitions adds their counts: the pooled block of all rows at once', () => {
    const whole = tallyOf(ROWS).unit();
    const pooled = poolUnits([tallyOf(ROWS.slice(0, 1)).unit(), tallyOf(ROWS.slice(1)).unit()]);
    expect(Object.keys(pooled)).toEqual(['attempts', 'detected', 'detectionRate', 'detectionRateCI95', 'interrupted', 'interruptionRate', 'interruptionRateCI95', 'byThreat', 'lost']);
    expect(pooled).toEqual({
      attempts: 4,
      detected: 3,
      detectionRate: 0.75,
      detectionRateCI95: whole.detectionRateCI95,
      interrupted: 1,
      interruptionRate: 0.25,
      interruptionRateCI95: whole.interruptionRateCI95,
      byThreat: whole.byThreat,
      lost: { unsensed: 0, outage: 1, unnoticed: 0, late: 2 },
    });
  });
});
