/**
 * The registry's figures laid out for sweep.csv and the HUD (src/core/figures/views.ts).
 */
import { describe, expect, it } from 'vitest';
import { HUD_FIGURES, sweepColumns } from '../../../src/core/figures/views.ts';
import { ROWS, tallyOf } from './fixtures.ts';

describe('sweep views', () => {
  it('sweep.csv columns by rank: counts, rates per threat, interruption, then the rest', () => {
    const all = sweepColumns(['foot', 'vehicle']).sort((a, b) => a.rank - b.rank);
    // A campaign's columns are optional: in sweep.csv only when some repetition has them.
    expect(all.filter((c) => c.optional).map((c) => c.name)).toEqual([
      'assessed', 'assessedRate', 'assessedCiLow', 'assessedCiHigh', 'interdicted', 'interdictionRate', 'interdictionCiLow', 'interdictionCiHigh',
      'alarmsLost', 'waitMeanS', 'operatorUtilisation', 'teamUtilisation',
    ]);
    const cols = all.filter((c) => !c.optional);
    expect(cols.map((c) => c.name)).toEqual([
      'attempts', 'detected', 'detectionRate', 'ciLow', 'ciHigh', 'rate_foot', 'rate_vehicle',
      'interrupted', 'interruptionRate', 'interruptionCiLow', 'interruptionCiHigh', 'detectedBeforeBarrierRate', 'meanTimeToDetectS',
      'lost_unsensed', 'lost_outage', 'lost_unnoticed', 'lost_late',
    ]);
    const u = tallyOf(ROWS).unit();
    expect(cols.map((c) => c.cell(u)).slice(0, 7)).toEqual([4, 3, 0.75, u.detectionRateCI95[0], u.detectionRateCI95[1], 0.5, 1]);
    expect(cols.map((c) => c.cell(u)).slice(-4)).toEqual([0, 1, 0, 2]);
    expect(all.filter((c) => c.optional).every((c) => c.cell(u) === null)).toBe(true);
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
