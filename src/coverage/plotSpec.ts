/**
 * The coverage plot as a Vega-Lite spec (plain JSON; rendered by src/batch/plot.ts): P(detect) of a
 * straight crossing along the border with the gaps (P < 0.5) shaded, k-coverage below it, and a map of
 * the strip with the towers and the worst-case breach path. Pure.
 */
import type { World } from '../core/world.ts';
import type { CoverageReport } from './coverage.ts';
import type { CoverageLabels } from './coverageJson.ts';

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

export function coveragePlotSpec(report: CoverageReport, towerKm: readonly number[], title: string): Record<string, unknown> {
  const width = 760;
  const x = { field: 'km', type: 'quantitative', title: 'chainage (km)', scale: { domain: [0, report.frontierKm], nice: false } };
  const gaps = report.gaps.map((g) => ({ fromKm: g.fromKm, toKm: g.toKm }));
  const profile = report.profile.map((b) => ({ km: r4(b.km), pDetect: r4(b.pDetect), k: b.k }));
  const path = (report.breachPath?.points ?? []).map((p, i) => ({ order: i, km: r4(p.km), offsetM: Math.round(p.offsetM * 10) / 10 }));
  const towers = towerKm.map((km) => ({ km: r4(km) }));
  const gapLayer = {
    data: { values: gaps },
    mark: { type: 'rect', color: '#d62728', opacity: 0.18 },
    encoding: { x: { field: 'fromKm', type: 'quantitative' }, x2: { field: 'toKm' } },
  };
  const pTitle = report.breachPath ? `; worst-case breach path P = ${report.breachPath.pDetect.toFixed(3)}` : '';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: `reference: ${report.reference.kind}, ΔT ${report.reference.effectiveDeltaTK.toFixed(2)} K, σ ${report.reference.sigmaPerKm}/km · covered ${(100 * report.coveredFraction).toFixed(1)} % · weakest km ${report.weakestKm.toFixed(2)} (P = ${report.weakestPDetect.toFixed(3)})${pTitle}` },
    config: { view: { stroke: null }, font: 'sans-serif' },
    vconcat: [
      {
        width,
        height: 220,
        layer: [
          ...(gaps.length ? [gapLayer] : []),
          {
            data: { values: [{ p: 0.5 }] },
            mark: { type: 'rule', strokeDash: [4, 4], color: '#888' },
            encoding: { y: { field: 'p', type: 'quantitative' } },
          },
          {
            data: { values: profile },
            mark: { type: 'line', color: '#1f77b4', strokeWidth: 1.2, interpolate: 'step-after' },
            encoding: { x, y: { field: 'pDetect', type: 'quantitative', title: 'P(detect), straight crossing', scale: { domain: [0, 1] } } },
          },
        ],
      },
      {
        width,
        height: 90,
        layer: [
          ...(gaps.length ? [gapLayer] : []),
          {
            data: { values: profile },
            mark: { type: 'line', color: '#2ca02c', interpolate: 'step-after' },
            encoding: { x, y: { field: 'k', type: 'quantitative', title: 'k (P∞ ≥ 0.5)', axis: { tickMinStep: 1 } } },
          },
        ],
      },
      {
        width,
        height: 140,
        layer: [
          {
            data: { values: [{ y: 0 }] },
            mark: { type: 'rule', color: '#8c564b', strokeWidth: 2 },
            encoding: { y: { field: 'y', type: 'quantitative' } },
          },
          {
            data: { values: towers },
            mark: { type: 'point', shape: 'triangle-up', filled: true, color: '#444', size: 40 },
            encoding: { x, y: { datum: 50, type: 'quantitative' } },
          },
          {
            data: { values: path },
            mark: { type: 'line', color: '#d62728', strokeWidth: 1.5, point: false },
            encoding: {
              x,
              y: { field: 'offsetM', type: 'quantitative', title: 'offset (m), far side < 0' },
              order: { field: 'order', type: 'quantitative' },
            },
          },
        ],
      },
    ],
  };
}

/** The plot of a world's coverage report: its towers marked, titled with the config and the scene. */
export function coverageFigure(report: CoverageReport, world: World, labels: Pick<CoverageLabels, 'scene' | 'config'>): Record<string, unknown> {
  return coveragePlotSpec(report, Array.from(world.towers.sM, (s) => s / 1000), `Coverage — ${labels.config} on ${labels.scene}`);
}
