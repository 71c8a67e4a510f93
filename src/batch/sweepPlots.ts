/**
 * The sweep's plots as Vega-Lite specs (plain JSON; rendered by plot.ts). Pure.
 *
 * - Detection rate against tower spacing with the Wilson 95 % band, one line per combination of the
 *   other axes; the interruption rate dashed; the target as a rule. Without a spacing axis the x axis is
 *   the first numeric axis, or the point id.
 * - Towers needed against the detection rate reached (with its interval), one line per combination of
 *   the other axes: the cost of each extra point of detection.
 */
import type { PointResult, SweepAxis } from './sweep.ts';

const SPACING = 'towers.spacingM';

interface XAxis {
  key: string | null;
  title: string;
  value: (p: PointResult) => number;
}

/** The x of the rate plot: spacing (km) when it varies, else the first numeric axis, else the point id. */
export function rateXAxis(axes: readonly SweepAxis[], points: readonly PointResult[]): XAxis {
  const spacings = new Set(points.map((p) => p.spacingM));
  if (axes.some((a) => a.key === SPACING) || (spacings.size > 1 && !spacings.has(null))) {
    return { key: SPACING, title: 'tower spacing (km)', value: (p) => (p.spacingM ?? NaN) / 1000 };
  }
  const numeric = axes.find((a) => a.values.every((v) => typeof v === 'number'));
  if (numeric) return { key: numeric.key, title: numeric.key, value: (p) => p.params[numeric.key] as number };
  return { key: null, title: 'point', value: (p) => p.id };
}

/** The label of a point's series: the values of every axis but x. */
export function seriesLabel(axes: readonly SweepAxis[], xKey: string | null, p: PointResult): string {
  const parts = axes.filter((a) => a.key !== xKey).map((a) => `${a.key.split('.').pop()}=${String(p.params[a.key])}`);
  return parts.length ? parts.join(' · ') : 'all';
}

const r5 = (x: number) => Math.round(x * 1e5) / 1e5;

interface Header {
  axes: SweepAxis[];
  targetRate: number;
  frontierKm: number;
}

export function rateVsSpacingSpec(h: Header, points: readonly PointResult[], title: string): Record<string, unknown> {
  const x = rateXAxis(h.axes, points);
  const rows = points.flatMap((p) => {
    const base = { x: x.value(p), series: seriesLabel(h.axes, x.key, p), towers: p.towers };
    return [
      { ...base, measure: 'detection', rate: r5(p.pooled.detectionRate), lo: r5(p.pooled.detectionRateCI95[0]), hi: r5(p.pooled.detectionRateCI95[1]) },
      { ...base, measure: 'interruption', rate: r5(p.pooled.interruptionRate), lo: r5(p.pooled.interruptionRateCI95[0]), hi: r5(p.pooled.interruptionRateCI95[1]) },
    ];
  });
  const enc = {
    x: { field: 'x', type: 'quantitative', title: x.title, scale: { zero: false } },
    color: { field: 'series', type: 'nominal', title: null },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Detection rate against spacing', subtitle: `${title} · Wilson 95 % bands · dashed: P(interruption) · rule: target ${h.targetRate}` },
    width: 560,
    height: 320,
    config: { font: 'sans-serif' },
    data: { values: rows },
    layer: [
      { mark: { type: 'area', opacity: 0.18 }, transform: [{ filter: "datum.measure === 'detection'" }], encoding: { ...enc, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
      {
        mark: { type: 'line', point: true },
        encoding: {
          ...enc,
          y: { field: 'rate', type: 'quantitative', title: 'rate (pooled over repetitions)', scale: { domain: [0, 1] } },
          strokeDash: { field: 'measure', type: 'nominal', title: null, scale: { domain: ['detection', 'interruption'], range: [[1, 0], [5, 3]] }, legend: null },
          tooltip: [{ field: 'x' }, { field: 'series' }, { field: 'measure' }, { field: 'rate' }, { field: 'lo' }, { field: 'hi' }, { field: 'towers' }],
        },
      },
      { data: { values: [{ t: h.targetRate }] }, mark: { type: 'rule', color: '#d62728', strokeDash: [2, 2] }, encoding: { y: { field: 't', type: 'quantitative' } } },
    ],
  };
}

export function towersVsRateSpec(h: Header, points: readonly PointResult[], title: string): Record<string, unknown> {
  const x = rateXAxis(h.axes, points);
  const rows = points.map((p) => ({
    rate: r5(p.pooled.detectionRate),
    lo: r5(p.pooled.detectionRateCI95[0]),
    hi: r5(p.pooled.detectionRateCI95[1]),
    towers: p.towers,
    x: x.value(p),
    series: seriesLabel(h.axes, x.key, p),
  }));
  const color = { field: 'series', type: 'nominal', title: null };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Towers needed against the detection rate reached', subtitle: `${title} · ${h.frontierKm} km frontier · bars: Wilson 95 % · rule: target ${h.targetRate}` },
    width: 560,
    height: 320,
    config: { font: 'sans-serif' },
    data: { values: rows },
    layer: [
      { mark: { type: 'rule' }, encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' }, y: { field: 'towers', type: 'quantitative' }, color } },
      {
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'rate', type: 'quantitative', title: 'detection rate', scale: { zero: false } },
          y: { field: 'towers', type: 'quantitative', title: 'towers' },
          order: { field: 'x', type: 'quantitative' },
          color,
          tooltip: [{ field: 'series' }, { field: 'x', title: x.title }, { field: 'rate' }, { field: 'towers' }],
        },
      },
      { data: { values: [{ t: h.targetRate }] }, mark: { type: 'rule', color: '#d62728', strokeDash: [2, 2] }, encoding: { x: { field: 't', type: 'quantitative' } } },
    ],
  };
}
