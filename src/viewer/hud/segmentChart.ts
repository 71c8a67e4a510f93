/**
 * Detection rate per stretch of border as bars laid out along the chainage, so the chart reads like
 * the map: a low bar is a weak stretch. Bar height is the rate, colour its P∞-style band, a thin
 * mark shows how many attempts it rests on; clicking a bar flies to that stretch.
 */
import type { SegmentRow } from '../../core/figures/detection.ts';
import { BAND_HEX } from '../render/palette.ts';
import { el, setText } from './dom.ts';
import { formatPercent } from './format.ts';

const SVG = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function band(r: number): string {
  return r >= 0.9 ? BAND_HEX[0] : r >= 0.5 ? BAND_HEX[1] : r >= 0.1 ? BAND_HEX[2] : BAND_HEX[3];
}

export class SegmentChart {
  readonly root: HTMLElement;
  private readonly plot: SVGSVGElement;
  private readonly caption = el('span', { class: 'hint' });
  private bars: { rect: SVGRectElement; title: SVGTitleElement; from: number; to: number }[] = [];
  private lengthKm = 1;
  private readonly W = 1000;
  private readonly H = 100;

  constructor(private readonly onPick: (fromKm: number, toKm: number) => void) {
    this.plot = svg('svg', { viewBox: `0 0 ${this.W} ${this.H + 16}`, preserveAspectRatio: 'none', class: 'segment-svg' });
    this.root = el('section', { class: 'panel segment-panel', testid: 'segment-chart' }, el('h3', {}, 'Detection rate along the border ', this.caption), this.plot);
  }

  /** Lays out empty bars for bins of `segmentKm` over a border `lengthKm` long. */
  setLayout(lengthKm: number, segmentKm: number): void {
    this.lengthKm = lengthKm;
    this.plot.replaceChildren();
    setText(this.caption, `· ${segmentKm} km bins`);
    for (const y of [0.5, 0.9]) {
      this.plot.append(svg('line', { x1: 0, x2: this.W, y1: this.H * (1 - y), y2: this.H * (1 - y), class: 'grid' }));
      const t = svg('text', { x: 4, y: this.H * (1 - y) - 2, class: 'grid-label' });
      t.textContent = `${y * 100}%`;
      this.plot.append(t);
    }
    this.bars = [];
    const n = Math.max(1, Math.ceil(lengthKm / segmentKm - 1e-9));
    for (let i = 0; i < n; i++) {
      const from = i * segmentKm;
      const to = Math.min(lengthKm, (i + 1) * segmentKm);
      const x = (from / lengthKm) * this.W;
      const w = ((to - from) / lengthKm) * this.W;
      const rect = svg('rect', { x: x + 1, y: this.H, width: Math.max(1, w - 2), height: 0, rx: 1.5, class: 'bar' });
      const title = svg('title', {});
      rect.append(title);
      rect.addEventListener('click', () => this.onPick(from, to));
      this.plot.append(rect);
      this.bars.push({ rect, title, from, to });
      // Axis labels at the bin starts, thinned to about ten, none crowding the end label.
      if ((n <= 12 || i % Math.ceil(n / 10) === 0) && x < this.W - 60) {
        const t = svg('text', { x: x + 2, y: this.H + 13, class: 'axis-label' });
        t.textContent = `${from}`;
        this.plot.append(t);
      }
    }
    const end = svg('text', { x: this.W - 2, y: this.H + 13, class: 'axis-label end' });
    end.textContent = `${lengthKm.toFixed(0)} km`;
    this.plot.append(end);
  }

  update(rows: readonly SegmentRow[]): void {
    rows.forEach((r, i) => {
      const b = this.bars[i];
      if (!b) return;
      const h = r.attempts > 0 ? this.H * r.detectionRate : 0;
      b.rect.setAttribute('y', String(this.H - h));
      b.rect.setAttribute('height', String(Math.max(0, h)));
      b.rect.setAttribute('fill', r.attempts > 0 ? band(r.detectionRate) : '#555');
      // Few attempts: the bar is faint, its rate is noise.
      b.rect.setAttribute('opacity', String(r.attempts >= 30 ? 1 : 0.35 + (0.65 * r.attempts) / 30));
      b.title.textContent = `km ${r.fromKm}–${r.toKm}: ${r.detected} of ${r.attempts} detected (${r.attempts ? formatPercent(r.detectionRate) : '—'})`;
    });
  }
}
