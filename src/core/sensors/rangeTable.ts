/**
 * A camera's range table as makers print it: IFOV, HFOV and the range at P∞ = 0.5 for detection,
 * recognition and identification of each threat kind (docs/model.md §3).
 */
import type { JohnsonSpec, OpticsSpec, ThreatKind } from '../spec.ts';
import { THREAT_KINDS } from '../spec.ts';
import { THREAT_DEFAULTS } from '../threats.ts';
import { opticsGeometry, rangeForProbability, thermalParams } from './thermal.ts';

export interface RangeRow {
  detectM: number;
  recognizeM: number;
  identifyM: number;
}

export interface RangeTable {
  ifovMrad: number;
  hfovDeg: number;
  vfovDeg: number;
  /** σ used, per km; null for the pure geometric (pixel) criterion. */
  extinctionPerKm: number | null;
  ranges: Record<ThreatKind, RangeRow>;
}

/**
 * @param sigmaPerKm extinction per km, or null for makers' geometric criteria (no atmosphere, no
 * contrast limit). Contrast is each kind's night ΔT (THREAT_DEFAULTS), the best case over a day.
 */
export function rangeTable(optics: OpticsSpec, johnson: JohnsonSpec, sigmaPerKm: number | null): RangeTable {
  const g = opticsGeometry(optics);
  const p = thermalParams(optics, johnson);
  const sigma = sigmaPerKm ?? -1;
  const ranges = {} as Record<ThreatKind, RangeRow>;
  for (const kind of THREAT_KINDS) {
    const t = THREAT_DEFAULTS[kind];
    const at = (n50: number) => rangeForProbability(p, n50, t.criticalDimM, t.deltaTK, sigma, 0.5);
    ranges[kind] = { detectM: at(johnson.detect), recognizeM: at(johnson.recognize), identifyM: at(johnson.identify) };
  }
  return {
    ifovMrad: g.ifovRad * 1e3,
    hfovDeg: (g.hfovRad * 180) / Math.PI,
    vfovDeg: (g.vfovRad * 180) / Math.PI,
    extinctionPerKm: sigmaPerKm,
    ranges,
  };
}
