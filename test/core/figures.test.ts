/**
 * The registry of figures (src/core/figures.ts): tallies from rows checked against hand counts, the
 * order of summary.json's fields, shards and repetitions adding up to the whole, and the HUD lines.
 */
import { describe, expect, it } from 'vitest';
import type { AttemptRow } from '../../src/core/attemptRow.ts';
import { ATTEMPT_COLUMNS, rowOf, type RowContext } from '../../src/core/attemptRow.ts';
import { LOST_OUTAGE, LOST_UNNOTICED, LOST_UNSENSED, newOutcome } from '../../src/core/attempt.ts';
import { chainFacts } from '../../src/core/chainFacts.ts';
import { FigureTally, HUD_FIGURES, poolUnits, sweepColumns, type FigureContext } from '../../src/core/figures.ts';
import { attemptRow, idealCamera, spacedConfig } from './fixtures.ts';

/** The chain of a config with every chain setting left to its default, 16 cameras: 2 operators. */
const CHAIN = chainFacts(spacedConfig(2000, [idealCamera(1000)]), 16);
const CTX: FigureContext = { kinds: ['foot', 'vehicle'], lengthM: 25_000, segmentKm: 10, response: { delayS: 300, speedMps: 10, source: 'default' }, chain: CHAIN };

/**
 * Four attempts: two on foot, two by vehicle, on three segments of a 25 km border; one interrupted,
 * one missed (sensed only by a camera out of service), two detected too late.
 */
const ROWS: AttemptRow[] = [
  attemptRow({ id: 0, crossingKm: 0.5, detected: true, firstDetectTimeS: 10, detectedBeforeBarrier: true, interrupted: true, lostAt: '' }),
  attemptRow({ id: 1, crossingKm: 15, interrupted: false, lostAt: 'outage' }),
  attemptRow({ id: 2, threat: 'vehicle', threatIndex: 1, crossingKm: 15.5, detected: true, firstDetectTimeS: 30, interrupted: false, lostAt: 'late' }),
  attemptRow({ id: 3, threat: 'vehicle', threatIndex: 1, crossingKm: 24.999, detected: true, firstDetectTimeS: 20, detectedBeforeBarrier: true, interrupted: false, lostAt: 'late' }),
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
    expect(s.lost).toEqual({ unsensed: 0, outage: 1, unnoticed: 0, late: 2 });
  });

  it('state the chain’s settings with their sources: defaults for a config that gives none', () => {
    const s = tallyOf(ROWS).summary();
    expect(s.availability).toEqual({ value: 0.95, source: 'default' });
    expect(s.watch?.mode).toEqual({ value: 'operators', source: 'default' });
    // ceil(16 cameras / 8 feeds each) = 2 operators.
    expect(s.watch?.operators).toEqual({ value: 2, source: 'default' });
    expect(s.assumptions?.map((a) => `${a.name}=${a.value}/${a.source}`)).toEqual([
      'availability=0.95/default', 'watch.mode=operators/default', 'watch.operators=2/default', 'run.days=30/default', 'response.delayS=300/default', 'response.speedMps=10/default',
    ]);
    // Given in the config: marked so; the analytics mode lists its N50 and drops the operators.
    const given = chainFacts(spacedConfig(2000, [idealCamera(1000)], 10, { availability: 0.8, watch: { mode: 'analytics' } }), 16);
    expect(given.assumptions.map((a) => `${a.name}=${a.value}/${a.source}`)).toEqual([
      'availability=0.8/config', 'watch.mode=analytics/config', 'watch.analytics.n50=1.5/default', 'run.days=30/default', 'response.delayS=300/default', 'response.speedMps=10/default',
    ]);
  });

  it('summary.json keys come in the order the files have always had', () => {
    expect(Object.keys(tallyOf(ROWS).summary())).toEqual([
      'attempts', 'detected', 'detectionRate', 'detectionRateCI95', 'detectedBeforeBarrierRate', 'timeToDetectS', 'byThreat', 'bySegment',
      'response', 'interrupted', 'interruptionRate', 'interruptionRateCI95', 'lost', 'availability', 'watch', 'assumptions',
    ]);
    // Without a response (shards written before interdiction) there is no interruption block; without
    // the chain's settings (sweep pooling) no chain block.
    expect(Object.keys(tallyOf(ROWS, { ...CTX, response: null }).summary())).not.toContain('interrupted');
    expect(Object.keys(tallyOf(ROWS, { ...CTX, chain: null }).summary()).slice(-2)).toEqual(['interruptionRateCI95', 'lost']);
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
      'attempts', 'detected', 'detectionRate', 'detectionRateCI95', 'detectedBeforeBarrierRate', 'meanTimeToDetectS', 'byThreat', 'interrupted', 'interruptionRate', 'interruptionRateCI95', 'lost',
    ]);
    expect(u.meanTimeToDetectS).toBe(20);
  });

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

  it('sweep.csv columns by rank: counts, rates per threat, interruption, then the rest', () => {
    const cols = sweepColumns(['foot', 'vehicle']).sort((a, b) => a.rank - b.rank);
    expect(cols.map((c) => c.name)).toEqual([
      'attempts', 'detected', 'detectionRate', 'ciLow', 'ciHigh', 'rate_foot', 'rate_vehicle',
      'interrupted', 'interruptionRate', 'interruptionCiLow', 'interruptionCiHigh', 'detectedBeforeBarrierRate', 'meanTimeToDetectS',
      'lost_unsensed', 'lost_outage', 'lost_unnoticed', 'lost_late',
    ]);
    const u = tallyOf(ROWS).unit();
    expect(cols.map((c) => c.cell(u)).slice(0, 7)).toEqual([4, 3, 0.75, u.detectionRateCI95[0], u.detectionRateCI95[1], 0.5, 1]);
    expect(cols.map((c) => c.cell(u)).slice(-4)).toEqual([0, 1, 0, 2]);
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
    expect(lines['lost-unsensed']).toEqual([0, '0']);
    expect(lines['lost-outage']).toEqual([1, '1']);
    expect(lines['lost-unnoticed']).toEqual([0, '0']);
    expect(lines['lost-late']).toEqual([2, '2']);
    // The four links are set together, in their order, under one heading.
    expect(HUD_FIGURES.filter((h) => h.group === 'Lost at').map((h) => h.id)).toEqual(['lost-unsensed', 'lost-outage', 'lost-unnoticed', 'lost-late']);
    // The defaults, as assumed: every chain setting of CTX is one.
    // (name and value held together by a no-break space, so a wrapped note breaks between items only.)
    const items = ['availability 0.95', 'watch.mode operators', 'watch.operators 2', 'run.days 30', 'response.delayS 300', 'response.speedMps 10'];
    expect(lines.assumed).toEqual([null, items.map((i) => i.replace(' ', '\u00a0')).join(' · ')]);
  });
});

describe('the lost link of an attempt (attempts.csv lostAt)', () => {
  // rowOf with a response the towers cannot meet in time (a detection is never timely) or always can.
  const never: RowContext = { kinds: ['foot'], response: null };
  const lostAt = (o: ReturnType<typeof newOutcome>, interrupted: boolean | null) => {
    // The columns before lostAt are decided by their own code; pin `interrupted` to test lostAt alone.
    const col = ATTEMPT_COLUMNS.find((c) => c.name === 'lostAt')!;
    return col.of(o, never, { ...rowOf(o, never), interrupted });
  };
  it('a miss names the core’s link; a detection is late when not interrupted, else empty', () => {
    const o = newOutcome();
    for (const [code, name] of [[LOST_UNSENSED, 'unsensed'], [LOST_OUTAGE, 'outage'], [LOST_UNNOTICED, 'unnoticed']] as const) {
      o.lost = code;
      expect(lostAt(o, false)).toBe(name);
    }
    o.detected = true;
    expect(lostAt(o, false)).toBe('late');
    expect(lostAt(o, true)).toBe('');
    // Interruption not decided: a detection is not lost.
    expect(lostAt(o, null)).toBe('');
  });
  it('sits after `interrupted` (which it reads), with day and alarmTimeS beside it', () => {
    const names = ATTEMPT_COLUMNS.map((c) => c.name);
    expect(names.slice(names.indexOf('interrupted'))).toEqual(['interrupted', 'day', 'lostAt', 'alarmTimeS']);
  });
});
