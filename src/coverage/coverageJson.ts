/**
 * coverage.json: the coverage report with its numbers rounded for reading — P(detect) to 1e-6,
 * chainage to 0.1 m (1e-4 km), grid cells to 1 cm, path points to 0.1 m — under the version and the
 * scene and config it is of. Pure.
 */
import { round } from '../core/round.ts';
import type { CoverageReport } from './coverage.ts';

/** What the document says it is of: the program version and the scene and config labels (file names or the built-in defaults). */
export interface CoverageLabels {
  version: string;
  scene: string;
  config: string;
}

/** The document of a report: its fields in a fixed order, rounded. */
export function coverageDocument(report: CoverageReport, labels: CoverageLabels) {
  const p = (x: number) => round(x, 6);
  const km = (x: number) => round(x, 4);
  const b = report.breachPath;
  return {
    watchline: labels.version,
    scene: labels.scene,
    config: labels.config,
    frontierKm: km(report.frontierKm),
    towers: report.towers,
    cameras: report.cameras,
    reference: { ...report.reference, contrastFactor: p(report.reference.contrastFactor), effectiveDeltaTK: p(report.reference.effectiveDeltaTK) },
    method: { ...report.method, watch: { ...report.method.watch, feedsPerOperator: p(report.method.watch.feedsPerOperator), attention: p(report.method.watch.attention) } },
    coveredFraction: p(report.coveredFraction),
    kCoverage: { atLeast1: p(report.kCoverage.atLeast1), atLeast2: p(report.kCoverage.atLeast2), atLeast3: p(report.kCoverage.atLeast3) },
    meanPDetect: p(report.meanPDetect),
    gaps: report.gaps.map((g) => ({ fromKm: km(g.fromKm), toKm: km(g.toKm), minPDetect: p(g.minPDetect) })),
    weakestKm: km(report.weakestKm),
    weakestPDetect: p(report.weakestPDetect),
    breachPath: b && {
      pDetect: p(b.pDetect),
      method: b.method,
      found: b.found,
      gridPDetect: p(b.gridPDetect),
      straightPDetect: p(b.straightPDetect),
      straightKm: km(b.straightKm),
      grid: { cellAlongM: round(b.cellAlongM, 2), cellAcrossM: round(b.cellAcrossM, 2), columns: b.columns, rows: b.rows },
      points: b.points.map((q) => ({ km: km(q.km), offsetM: round(q.offsetM, 1), x: round(q.x, 1), y: round(q.y, 1) })),
    },
    profile: report.profile.map((q) => ({ km: km(q.km), pDetect: p(q.pDetect), k: q.k })),
  };
}

/** coverage.json as written. */
export type CoverageDocument = ReturnType<typeof coverageDocument>;
