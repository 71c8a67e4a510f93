/**
 * The scrolling event log: newest detection on top; clicking a row flies the camera to where it
 * happened and pins the camera→target line. Keeps the newest MAX_ROWS rows in the DOM.
 */
import type { DetectionEvent } from '../../core/attemptRow.ts';
import { THREAT_HEX } from '../render/palette.ts';
import { el, setText } from './dom.ts';
import { formatClock, formatKm } from './format.ts';

const MAX_ROWS = 250;

export class EventLog {
  readonly root: HTMLElement;
  private readonly list = el('ol', { class: 'event-list', testid: 'event-log' });
  private readonly count = el('span', { class: 'count' }, '0');
  private total = 0;
  private readonly byRow = new WeakMap<Element, DetectionEvent>();

  constructor(private readonly onPick: (e: DetectionEvent) => void) {
    this.root = el('section', { class: 'panel event-panel' }, el('h3', {}, 'Detections ', this.count, el('span', { class: 'hint' }, ' · click a row to fly there')), this.list);
    this.list.addEventListener('click', (ev) => {
      const row = (ev.target as HTMLElement).closest('li');
      const e = row && this.byRow.get(row);
      if (!e) return;
      for (const r of this.list.querySelectorAll('li.picked')) r.classList.remove('picked');
      row.classList.add('picked');
      this.onPick(e);
    });
  }

  /** Adds a tick's events (oldest first in `events`). */
  add(events: readonly DetectionEvent[]): void {
    if (events.length === 0) return;
    this.total += events.length;
    setText(this.count, this.total.toLocaleString('en-US'));
    const frag = document.createDocumentFragment();
    // Only the newest MAX_ROWS can stay visible; older ones of a burst are never drawn.
    const from = Math.max(0, events.length - MAX_ROWS);
    for (let i = events.length - 1; i >= from; i--) {
      const e = events[i];
      const row = el(
        'li',
        { class: e.beforeBarrier ? 'before' : 'after', title: `attempt ${e.attempt} · camera ${e.camera} · P∞ ${e.p.toFixed(2)} at ${formatKm(e.rangeM)}` },
        el('span', { class: 't' }, formatClock(e.t).slice(-8)),
        el('span', { class: 'kind', style: `color:${THREAT_HEX[e.threat] ?? '#fff'}` }, e.threat),
        el('span', { class: 'where' }, `km ${e.chainageKm.toFixed(2)}`),
        el('span', { class: 'by' }, `T${e.tower + 1} · ${formatKm(e.rangeM)}`),
        el('span', { class: 'side' }, e.beforeBarrier ? 'before wall' : 'past wall'),
      );
      this.byRow.set(row, e);
      frag.append(row);
    }
    this.list.prepend(frag);
    while (this.list.childElementCount > MAX_ROWS) this.list.lastElementChild!.remove();
  }

  clear(): void {
    this.total = 0;
    setText(this.count, '0');
    this.list.replaceChildren();
  }
}
