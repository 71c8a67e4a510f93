/**
 * The picked tower: where it stands, its cameras with their P∞ ranges for the reference target, and
 * the detections it has made so far (live).
 */
import type { WorldView } from '../protocol.ts';
import { P_BANDS } from '../protocol.ts';
import { BAND_HEX } from '../render/palette.ts';
import { el, setText } from './dom.ts';
import { formatKm } from './format.ts';

export class TowerPanel {
  readonly root: HTMLElement;
  private readonly title = el('h3', {});
  private readonly where = el('div', { class: 'where' });
  private readonly cams = el('ul', { class: 'cams' });
  private readonly detections = el('span', { class: 'num', testid: 'tower-detections' }, '0');
  private readonly share = el('span', { class: 'hint' });
  private tower = -1;

  constructor(onClose: () => void, onFly: (t: number) => void) {
    const close = el('button', { class: 'btn close', title: 'Close' }, '✕');
    close.onclick = onClose;
    const fly = el('button', { class: 'btn' }, 'Fly to');
    fly.onclick = () => this.tower >= 0 && onFly(this.tower);
    this.root = el(
      'section',
      { class: 'panel tower-panel hidden', testid: 'tower-panel' },
      el('div', { class: 'row' }, this.title, el('span', { class: 'spacer' }), fly, close),
      this.where,
      el('div', { class: 'fig' }, el('span', { class: 'label' }, 'Detections by this tower'), el('span', { class: 'value' }, this.detections, this.share)),
      this.cams,
    );
  }

  get shown(): number {
    return this.tower;
  }

  show(view: WorldView, t: number): void {
    this.tower = t;
    this.root.classList.toggle('hidden', t < 0);
    if (t < 0) return;
    const tw = view.towers;
    setText(this.title, `Tower T${t + 1}`);
    setText(this.where, `km ${(tw.sM[t] / 1000).toFixed(2)} · ${tw.heightM[t]} m mast · ${tw.setbackM[t]} m behind the wall · ground ${tw.groundM[t].toFixed(1)} m`);
    this.cams.replaceChildren();
    for (let k = 0; k < view.cameras.count; k++) {
      if (view.cameras.tower[k] !== t) continue;
      const m = view.models[view.cameras.model[k]];
      const heading = ((90 - (view.cameras.headingRad[k] * 180) / Math.PI) % 360 + 360) % 360;
      const bands = P_BANDS.map((p, i) => el('span', { class: 'band', style: `border-color:${BAND_HEX[i]}` }, `P∞ ${p}: ${formatKm(m.bandRangesM[i])}`));
      this.cams.append(
        el('li', {}, el('div', {}, `Camera ${k + 1}: `, el('b', {}, m.label), ` · ${m.sensor} · ${m.fovDeg >= 359.5 ? '360°' : `${m.fovDeg.toFixed(1)}° FOV, bearing ${heading.toFixed(0)}°`}`), el('div', { class: 'bands' }, ...bands)),
      );
    }
    this.cams.append(el('li', { class: 'hint' }, `Ranges for the reference target: ${view.reference.label}.`));
  }

  setDetections(count: number, total: number): void {
    setText(this.detections, String(count));
    setText(this.share, total > 0 ? ` · ${((100 * count) / total).toFixed(1)}% of all detections` : '');
  }
}
