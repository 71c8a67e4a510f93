import { describe, expect, it } from 'vitest';
import { dayPhase, formatClock, formatInterval, formatKm, formatMinSec, formatPercent } from '../../src/viewer/hud/format.ts';

describe('HUD formatting', () => {
  it('writes the simulated clock with its day', () => {
    expect(formatClock(0)).toBe('Day 1 · 00:00:00');
    expect(formatClock(3 * 3600 + 4 * 60 + 5.9)).toBe('Day 1 · 03:04:05');
    expect(formatClock(86_400 + 61)).toBe('Day 2 · 00:01:01');
    expect(formatClock(Infinity)).toBe('—');
  });

  it('names the part of the day a thermal camera cares about', () => {
    expect(dayPhase(2 * 3600)).toBe('night');
    expect(dayPhase(12 * 3600)).toBe('day');
    expect(dayPhase(7 * 3600)).toBe('dawn crossover');
    expect(dayPhase(18.5 * 3600 + 86_400)).toBe('dusk crossover');
  });

  it('writes rates, intervals, distances and durations', () => {
    expect(formatPercent(0.9512)).toBe('95.1%');
    expect(formatInterval([0.61234, 0.70456])).toBe('61.2–70.5%');
    expect(formatKm(850)).toBe('850 m');
    expect(formatKm(2083.3)).toBe('2.08 km');
    expect(formatKm(34_372)).toBe('34.4 km');
    expect(formatMinSec(353)).toBe('5:53');
    expect(formatMinSec(3727)).toBe('1:02:07');
    expect(formatMinSec(null)).toBe('—');
  });
});
