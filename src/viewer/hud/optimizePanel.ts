/**
 * An optimize result on screen: the placed / evenly spaced toggle, both layouts' figures side by side
 * (worst-case breach P, profile P, Monte Carlo rate with its interval) and the breach paths' legend.
 * The active layout is marked for scripts: data-testid="optimize-layout" carries it in data-value,
 * and "optimize-towers" the drawn tower count (data-value) and chainages (data-at, km).
 */
import type { LayoutName, OptimizeLayout, OptimizeView } from '../optimizeDoc.ts';
import { BREACH_PATH_HEX } from '../render/breachPathsLayer.ts';
import { el, setText } from './dom.ts';

const TITLES: Record<LayoutName, string> = { placed: 'placed', uniform: 'uniform' };

const p4 = (p: number) => p.toFixed(4);
const mcRate = (l: OptimizeLayout) => (l.monteCarlo ? `${(100 * l.monteCarlo.detectionRate).toFixed(1)} %` : '—');
const mcCi = (l: OptimizeLayout) => (l.monteCarlo ? `${(100 * l.monteCarlo.detectionRateCI95[0]).toFixed(1)}–${(100 * l.monteCarlo.detectionRateCI95[1]).toFixed(1)}` : '');

export class OptimizePanel {
  readonly root: HTMLElement;
  private readonly title = el('h3', {}, 'Placement');
  private readonly file = el('div', { class: 'hint opt-file' });
  private readonly buttons: Record<LayoutName, HTMLButtonElement>;
  private readonly state = el('span', { testid: 'optimize-layout', class: 'hint' });
  private readonly towers = el('span', { testid: 'optimize-towers', class: 'num small' });
  private readonly table = el('table', { class: 'opt-table' });
  private doc: OptimizeView | null = null;

  constructor(onPick: (layout: LayoutName) => void, onFly: () => void) {
    const button = (name: LayoutName) => {
      const b = el('button', { class: 'btn', testid: `layout-${name}`, 'aria-pressed': 'false' }, TITLES[name]);
      b.onclick = () => onPick(name);
      return b;
    };
    this.buttons = { placed: button('placed'), uniform: button('uniform') };
    const fly = el('button', { class: 'btn', title: 'Fly to the breach paths' }, 'paths');
    fly.onclick = onFly;
    this.root = el(
      'section',
      { class: 'panel opt-panel hidden', testid: 'optimize-panel' },
      this.title,
      this.file,
      el('div', { class: 'row opt-toggle' }, this.buttons.placed, this.buttons.uniform, fly, el('span', { class: 'spacer' }), el('span', { class: 'opt-state' }, this.towers, this.state)),
      this.table,
    );
  }

  /** Shows `doc` (null hides the panel) with `active` drawn. */
  show(doc: OptimizeView | null, active: LayoutName): void {
    this.doc = doc;
    this.root.classList.toggle('hidden', doc === null);
    if (!doc) return;
    setText(this.title, `Placement · ${doc.placed.at.length} towers`);
    setText(this.file, doc.name);
    const rows: [string, (l: OptimizeLayout) => string][] = [
      ['worst-case breach P', (l) => p4(l.breachP)],
      ['min profile P', (l) => p4(l.minP)],
      ['mean profile P', (l) => p4(l.meanP)],
      ['Monte Carlo rate', mcRate],
      ['  95 % interval, %', mcCi],
    ];
    const head = el('tr', {}, el('th', {}), ...(['placed', 'uniform'] as const).map((n) => el('th', { class: n === active ? 'active' : undefined }, el('span', { class: 'line opt-swatch', style: `background:${BREACH_PATH_HEX[n]}` }), TITLES[n])));
    const body = rows.map(([label, f]) => el('tr', {}, el('td', { class: 'label' }, label), el('td', { class: active === 'placed' ? 'active' : undefined }, f(doc.placed)), el('td', { class: active === 'uniform' ? 'active' : undefined }, f(doc.uniform))));
    const foot = el('tr', {}, el('td', { class: 'hint', colspan: 3 }, 'Lines on the ground: each layout’s worst-case breach path, the drawn layout’s bold.'));
    this.table.replaceChildren(head, ...body, foot);
    for (const n of ['placed', 'uniform'] as const) {
      this.buttons[n].classList.toggle('active', n === active);
      this.buttons[n].setAttribute('aria-pressed', String(n === active));
    }
    const l = doc[active];
    this.state.dataset.value = active;
    setText(this.state, active === 'uniform' ? `every ${(doc.uniform.spacingM / 1000).toFixed(2)} km` : 'optimised');
    this.towers.dataset.value = String(l.at.length);
    this.towers.dataset.at = l.at.join(',');
    setText(this.towers, `${l.at.length} towers`);
  }

  get shown(): OptimizeView | null {
    return this.doc;
  }
}
