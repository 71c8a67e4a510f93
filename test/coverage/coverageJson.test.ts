import { describe, expect, it } from 'vitest';
import type { CoverageReport } from '../../src/coverage/coverage.ts';
import { coverageDocument } from '../../src/coverage/coverageJson.ts';

/** A report with unrounded figures, as analyzeCoverage gives them. */
function report(): CoverageReport {
  return {
    frontierKm: 50.000049,
    towers: 25,
    cameras: 50,
    reference: {
      kind: 'foot',
      speedMps: 1.2,
      criticalDimM: 0.75,
      heightM: 1.8,
      deltaTK: 3,
      hourOfDay: 12.5,
      contrastFactor: 0.66666666,
      effectiveDeltaTK: 1.99999998,
      sigmaPerKm: 0.2,
      barrierDelayS: 60,
      note: 'n',
    },
    method: {
      binM: 50,
      stepM: 5,
      panning: 'p',
      search: 's',
      breach: 'b',
      watch: { mode: 'operators', availability: 0.95, operators: 7, feedsPerOperator: 6.785714285714286, attention: 0.47635250085062947, analyticsN50: null },
    },
    coveredFraction: 0.98765432,
    kCoverage: { atLeast1: 1, atLeast2: 0.5000004, atLeast3: 0 },
    gaps: [{ fromKm: 1.23456, toKm: 1.28764, minPDetect: 0.4444444 }],
    weakestKm: 1.26543,
    weakestPDetect: 0.41234567,
    meanPDetect: 0.9,
    profile: [{ km: 0.025, fromKm: 0, toKm: 0.05, pDetect: 0.999999949, k: 2 }],
    breachPath: {
      pDetect: 0.3,
      found: 'bounded',
      surrogatePDetect: { hazard: 0.3000004, bounded: 0.3 },
      method: 'grid',
      gridPDetect: 0.3,
      straightPDetect: 0.41234567,
      straightKm: 1.26543,
      cellAlongM: 35.0049,
      cellAcrossM: 33.333333,
      columns: 1429,
      rows: 89,
      points: [{ km: 0.00004, offsetM: -0.04, x: 12.34567, y: -3000.04 }],
    },
  };
}

describe('coverage.json', () => {
  const doc = coverageDocument(report(), { version: '9.9.9', scene: 'scenes/a.yaml', config: '(built-in default config)' });

  it('says what it is of', () => {
    expect([doc.watchline, doc.scene, doc.config]).toEqual(['9.9.9', 'scenes/a.yaml', '(built-in default config)']);
  });

  it('rounds P to 1e-6, chainage to 1e-4 km and lengths to 1 cm or 0.1 m', () => {
    expect(doc.frontierKm).toBe(50);
    expect(doc.coveredFraction).toBe(0.987654);
    expect(doc.kCoverage).toEqual({ atLeast1: 1, atLeast2: 0.5, atLeast3: 0 });
    expect(doc.gaps).toEqual([{ fromKm: 1.2346, toKm: 1.2876, minPDetect: 0.444444 }]);
    expect([doc.weakestKm, doc.weakestPDetect]).toEqual([1.2654, 0.412346]);
    expect(doc.reference.effectiveDeltaTK).toBe(2);
    expect(doc.reference.contrastFactor).toBe(0.666667);
    // The profile drops a bin's ends (its centre and the method's bin width say them).
    expect(doc.profile).toEqual([{ km: 0.025, pDetect: 1, k: 2 }]);
    expect(doc.breachPath!.grid).toEqual({ cellAlongM: 35, cellAcrossM: 33.33, columns: 1429, rows: 89 });
    // −0.04 m rounds to 0, never −0 (which JSON would print as 0 but JavaScript tells apart).
    expect(doc.breachPath!.points).toEqual([{ km: 0, offsetM: 0, x: 12.3, y: -3000 }]);
    expect(Object.is(doc.breachPath!.points[0].offsetM, 0)).toBe(true);
    // Which candidate won is said; the surrogates' own figures stay in the report.
    expect(doc.breachPath!.found).toBe('bounded');
    expect(doc.breachPath).not.toHaveProperty('surrogatePDetect');
  });

  it('gives the watch parameters the profile applied, rounded like the other figures', () => {
    expect(doc.method.watch).toEqual({ mode: 'operators', availability: 0.95, operators: 7, feedsPerOperator: 6.785714, attention: 0.476353, analyticsN50: null });
    expect([doc.method.search, doc.method.breach]).toEqual(['s', 'b']);
  });
});
