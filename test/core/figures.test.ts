/**
 * The registry of figures (src/core/figures.ts): tallies from rows checked against hand counts, the
 * order of summary.json's fields, shards and repetitions adding up to the whole, and the HUD lines.
 */
import { describe, expect, it } from 'vitest';
import type { AttemptRow } from '../../src/core/attemptRow.ts';
import { FigureTally, HUD_FIGURES, poolUnits, sweepColumns, type FigureContext } from '../../src/core/figures.ts';
import { attemptRow } from './fixtures.ts';

const CTX: FigureContext = { kinds: ['foot', 'vehicle'], lengthM: 25_000, segmentKm: 10, response: { delayS: 300, speedMps: 10, source: 'default' } };

/** Four attempts: two on foot, two by vehicle, on three segments of a 25 km border; one interrupted. */
const ROWS: AttemptRow[] = [
  attemptRow({ id: 0, crossingKm: 0.5, detected: true, firstDetectTimeS: 10, detectedBeforeBarrier: true, interrupted: true }),
  attemptRow({ id: 1, crossingKm: 15, interrupted: false }),
  attemptRow({ id: 2, threat: 'vehicle', threatIndex: 1, crossingKm: 15.5, detected: true, firstDetectTimeS: 30, interrupted: false }),
  attemptRow({ id: 3, threat: 'vehicle', threatIndex: 1, crossingKm: 24.999, detected: true, firstDetectTimeS: 20, detectedBeforeBarrier: true, interrupted: false }),
];

const tallyOf = (rows: readonly AttemptRow[], ctx = CTX) => {
  const t = new FigureTally(ctx);
  for (const r of rows) t.add(r);
  return t;
};

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
  });

  it('summary.json keys come in the order the files have always had', () => {
    expect(Object.keys(tallyOf(ROWS).summary())).toEqual([
      'attempts', 'detected', 'detectionRate', 'detectionRateCI95', 'detectedBeforeBarrierRate', 'timeToDetectS', 'byThreat', 'bySegment',
      'response', 'interrupted', 'interruptionRate', 'interruptionRateCI95',
    ]);
    // Without a response (shards written before interdiction) there is no interruption block.
    expect(Object.keys(tallyOf(ROWS, { ...CTX, response: null }).summary())).not.toContain('interrupted');
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
  it('a repetition: its fields in sweep.json order', () => {
    const u = tallyOf(ROWS).unit();
    expect(Object.keys(u)).toEqual([
      'attempts', 'detected', 'detectionRate', 'detectionRateCI95', 'detectedBeforeBarrierRate', 'meanTimeToDetectS', 'byThreat', 'interrupted', 'interruptionRate', 'interruptionRateCI95',
    ]);
    expect(u.meanTimeToDetectS).toBe(20);
  });

  it('pooling repetitions adds their counts: the pooled block of all rows at once', () => {
    const whole = tallyOf(ROWS).unit();
    const pooled = poolUnits([tallyOf(ROWS.slice(0, 1)).unit(), tallyOf(ROWS.slice(1)).unit()]);
    expect(Object.keys(pooled)).toEqual(['attempts', 'detected', 'detectionRate', 'detectionRateCI95', 'interrupted', 'interruptionRate', 'interruptionRateCI95', 'byThreat']);
    expect(pooled).toEqual({
      attempts: 4,
      detected: 3,
      detectionRate: 0.75,
      detectionRateCI95: whole.detectionRateCI95,
      interrupted: 1,
      interruptionRate: 0.25,
      interruptionRateCI95: whole.interruptionRateCI95,
      byThreat: whole.byThreat,
    });
  });

  it('sweep.csv columns by rank: counts, rates per threat, interruption, then the rest', () => {
    const cols = sweepColumns(['foot', 'vehicle']).sort((a, b) => a.rank - b.rank);
    expect(cols.map((c) => c.name)).toEqual([
      'attempts', 'detected', 'detectionRate', 'ciLow', 'ciHigh', 'rate_foot', 'rate_vehicle',
      'interrupted', 'interruptionRate', 'interruptionCiLow', 'interruptionCiHigh', 'detectedBeforeBarrierRate', 'meanTimeToDetectS',
    ]);
    const u = tallyOf(ROWS).unit();
    expect(cols.map((c) => c.cell(u)).slice(0, 7)).toEqual([4, 3, 0.75, u.detectionRateCI95[0], u.detectionRateCI95[1], 0.5, 1]);
  });
});

describe('HUD lines', () => {
  const f = { percent: (x: number) => `${x * 100}%`, interval: (ci: readonly [number, number]) => `[${ci.join(', ')}]`, minSec: (s: number | null) => `${s}s` };
  it('write each figure of the registry with the viewer’s formatter, with its exact value', () => {
    const s = tallyOf(ROWS).summary();
    const lines = Object.fromEntries(HUD_FIGURES.map((h) => [h.id, [h.value(s), h.text(s, f)]]));
    expect(lines.attempts).toEqual([4, '4']);
    expect(lines.detected).toEqual([3, '3']);
    expect(lines.undetected).toEqual([1, '1']);
    expect(lines['before-barrier']).toEqual([0.5, '50%']);
    expect(lines.ttd).toEqual([20, 'mean 20s · p90 28s']);
    expect(lines.interrupted[0]).toBe(0.25);
    expect(lines.interrupted[1]).toMatch(/^25% \(\[0\.04/);
  });
});
