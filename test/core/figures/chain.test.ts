/**
 * The figures after the sensors (src/core/figures/chain.ts): the chain's settings stated with their
 * sources, and the link that lost each attempt (attempts.csv lostAt).
 */
import { describe, expect, it } from 'vitest';
import { ATTEMPT_COLUMNS, rowOf, type RowContext } from '../../../src/core/attemptRow.ts';
import { LOST_OUTAGE, LOST_UNNOTICED, LOST_UNSENSED, newOutcome } from '../../../src/core/attempt.ts';
import { chainFacts } from '../../../src/core/chainFacts.ts';
import { idealCamera, spacedConfig } from '../fixtures.ts';
import { ROWS, tallyOf } from './fixtures.ts';

describe('figures tallied from rows', () => {
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
