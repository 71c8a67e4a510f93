/**
 * Plots as SVG files, drawn by Vega-Lite (compiled to Vega and rendered headless, no browser and no
 * canvas). Specs are plain JSON built next to their data (sweepPlots.ts, src/coverage/plotSpec.ts); this module
 * only renders them.
 *
 * Vega numbers clip paths and gradients with a process-wide counter, so the same chart rendered
 * second in a process would differ from the first in those ids. `renderSvg` renumbers them per
 * document: the same spec gives the same bytes whatever was rendered before (sharded sweeps merged
 * later must reproduce the unsharded plots exactly).
 */
import type { TopLevelSpec } from 'vega-lite';

export type VegaLiteSpec = TopLevelSpec;

/** Renumbers generated element ids (clip1, gradient_3, …) in order of first appearance. */
export function normalizeSvgIds(svg: string): string {
  const map = new Map<string, string>();
  const counters = new Map<string, number>();
  svg.replace(/\bid="([A-Za-z_-]+?)(\d+)"/g, (m, prefix: string, n: string) => {
    const old = prefix + n;
    if (!map.has(old)) {
      const next = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, next);
      map.set(old, prefix + next);
    }
    return m;
  });
  if (map.size === 0) return svg;
  return svg.replace(/(id="|#)([A-Za-z_-]+?\d+)\b/g, (m, lead: string, old: string) => (map.has(old) ? lead + map.get(old) : m));
}

/** Renders a Vega-Lite spec (typed, or plain JSON as the spec modules build it) to an SVG document. */
export async function renderSvg(spec: VegaLiteSpec | Record<string, unknown>): Promise<string> {
  // Loaded on first use: importing Vega takes seconds, and most commands (run, validate, ranges)
  // never draw a plot, so every start of the CLI would pay for it.
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(compile(spec as unknown as VegaLiteSpec).spec), { renderer: 'none' });
  try {
    return normalizeSvgIds(await view.toSVG());
  } finally {
    view.finalize();
  }
}
