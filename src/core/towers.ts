/**
 * Tower placement along the border: by spacing from an offset, or at listed chainages; each tower
 * stands setbackM behind the line on the home side, along the local normal.
 */
import type { Border } from './border.ts';
import { newStation, stationAt } from './border.ts';
import type { TowerLayoutSpec } from './spec.ts';

/** Towers as structure-of-arrays (STYLE.md §3). */
export interface Towers {
  count: number;
  /** Chainage of the tower's foot on the line, metres. */
  sM: Float64Array;
  x: Float64Array;
  y: Float64Array;
  /** Ground height at the tower's foot, metres. */
  groundM: Float64Array;
  /** Height of the camera mount above ground, metres. */
  heightM: Float64Array;
  setbackM: Float64Array;
}

/** Chainages (metres) of the towers a layout asks for, ascending. */
export function towerChainages(layout: TowerLayoutSpec, lengthM: number): Float64Array {
  if ('at' in layout) return Float64Array.from(layout.at.map((t) => t.km * 1000)).sort();
  const out: number[] = [];
  // A tiny tolerance keeps a tower exactly at the line's end despite float accumulation.
  for (let s = layout.offsetM; s <= lengthM + 1e-6; s += layout.spacingM) out.push(Math.min(s, lengthM));
  return Float64Array.from(out);
}

export function placeTowers(layout: TowerLayoutSpec, border: Border, groundAt: (x: number, y: number) => number): Towers {
  const chainages = towerChainages(layout, border.lengthM);
  const n = chainages.length;
  const t: Towers = {
    count: n,
    sM: chainages,
    x: new Float64Array(n),
    y: new Float64Array(n),
    groundM: new Float64Array(n),
    heightM: new Float64Array(n),
    setbackM: new Float64Array(n),
  };
  const listed = 'at' in layout ? [...layout.at].sort((a, b) => a.km - b.km) : null;
  const st = newStation();
  for (let i = 0; i < n; i++) {
    const setback = listed?.[i].setbackM ?? layout.setbackM;
    const height = listed?.[i].heightM ?? layout.heightM;
    stationAt(border, chainages[i], st);
    t.x[i] = st.x + st.nx * setback;
    t.y[i] = st.y + st.ny * setback;
    t.groundM[i] = groundAt(t.x[i], t.y[i]);
    t.heightM[i] = height;
    t.setbackM[i] = setback;
  }
  return t;
}
