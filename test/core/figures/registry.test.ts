/**
 * The registry of figures (src/core/figures/registry.ts): its order is the order of summary.json's
 * fields and of a sweep repetition's.
 */
import { describe, expect, it } from 'vitest';
import { CTX, ROWS, tallyOf } from './fixtures.ts';

describe('figures tallied from rows', () => {
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
});

describe('sweep views', () => {
  it('a repetition: its fields in sweep.json order', () => {
    const u = tallyOf(ROWS).unit();
    expect(Object.keys(u)).toEqual([
      'attempts', 'detected', 'detectionRate', 'detectionRateCI95', 'detectedBeforeBarrierRate', 'meanTimeToDetectS', 'byThreat', 'interrupted', 'interruptionRate', 'interruptionRateCI95', 'lost',
    ]);
    expect(u.meanTimeToDetectS).toBe(20);
  });
});
