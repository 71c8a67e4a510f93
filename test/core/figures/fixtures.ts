/**
 * Rows and a figure context shared by the figures' tests: four attempts with hand-countable figures.
 */
import type { AttemptRow } from '../../../src/core/attemptRow.ts';
import { chainFacts } from '../../../src/core/chainFacts.ts';
import type { FigureContext } from '../../../src/core/figures/reporter.ts';
import { FigureTally } from '../../../src/core/figures/tally.ts';
import { attemptRow, idealCamera, spacedConfig } from '../fixtures.ts';

/** The chain of a config with every chain setting left to its default, 16 cameras: 2 operators. */
export const CHAIN = chainFacts(spacedConfig(2000, [idealCamera(1000)]), 16);
export const CTX: FigureContext = { kinds: ['foot', 'vehicle'], lengthM: 25_000, segmentKm: 10, response: { delayS: 300, speedMps: 10, source: 'default' }, chain: CHAIN };

/**
 * Four attempts: two on foot, two by vehicle, on three segments of a 25 km border; one interrupted,
 * one missed (sensed only by a camera out of service), two detected too late.
 */
export const ROWS: AttemptRow[] = [
  attemptRow({ id: 0, crossingKm: 0.5, detected: true, firstDetectTimeS: 10, detectedBeforeBarrier: true, interrupted: true, lostAt: '' }),
  attemptRow({ id: 1, crossingKm: 15, interrupted: false, lostAt: 'outage' }),
  attemptRow({ id: 2, threat: 'vehicle', threatIndex: 1, crossingKm: 15.5, detected: true, firstDetectTimeS: 30, interrupted: false, lostAt: 'late' }),
  attemptRow({ id: 3, threat: 'vehicle', threatIndex: 1, crossingKm: 24.999, detected: true, firstDetectTimeS: 20, detectedBeforeBarrier: true, interrupted: false, lostAt: 'late' }),
];

export const tallyOf = (rows: readonly AttemptRow[], ctx = CTX) => {
  const t = new FigureTally(ctx);
  for (const r of rows) t.add(r);
  return t;
};

