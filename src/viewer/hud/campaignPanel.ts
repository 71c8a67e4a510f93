/**
 * The campaign's live lines (issue 13), under the figures: the control room (alarms waiting in the
 * queue, operators assessing), the teams out, the alarms so far, and the attempts' fates so far —
 * stopped, seen but got through, unseen — each value marked with data-testid `hud-…` and its number
 * in data-value. P(interdiction) heads the panel: the registry's figure (interdictionRate and its
 * Wilson interval, over the attempts through so far), so at the end it is the CLI's own. Hidden when
 * the scenario has no campaign.
 */
import type { RunFigures } from '../../core/figures/registry.ts';
import type { CampaignTick, CampaignView } from '../protocol.ts';
import { formatInterval, formatPercent } from './format.ts';
import { FATE_SEEN_HEX, FATE_STOPPED_HEX, NUISANCE_ALARM_HEX, TEAM_HEX, UNDETECTED_CROSSING_HEX } from '../render/palette.ts';
import { el, setText } from './dom.ts';

export class CampaignPanel {
  readonly root: HTMLElement;
  private readonly sub = el('div', { class: 'scenario-sub' });
  private readonly interdicted = el('span', { class: 'num', testid: 'hud-interdicted' }, '—');
  private readonly interdictedCi = el('span', { class: 'ci-inline' }, '');
  private readonly alarmsLost = el('span', { class: 'num small', testid: 'hud-alarms-lost' }, '—');
  private readonly queue = el('span', { class: 'num', testid: 'hud-queue' }, '—');
  private readonly ops = el('span', { class: 'num', testid: 'hud-operators-busy' }, '—');
  private readonly teams = el('span', { class: 'num', testid: 'hud-teams-out' }, '—');
  private readonly alarms = el('span', { class: 'num small', testid: 'hud-alarms-so-far' }, '—');
  private readonly stopped = el('span', { class: 'num', testid: 'hud-fate-stopped' }, '—');
  private readonly seen = el('span', { class: 'num', testid: 'hud-fate-seen' }, '—');
  private readonly unseen = el('span', { class: 'num', testid: 'hud-fate-unseen' }, '—');
  private readonly bar = el('div', { class: 'fate-bar' });
  private readonly barParts = [FATE_STOPPED_HEX, FATE_SEEN_HEX, UNDETECTED_CROSSING_HEX].map((c) => el('span', { style: `background:${c}` }));
  private view: CampaignView | null = null;

  constructor() {
    const fig = (label: string, value: HTMLElement, swatch?: string) =>
      el('div', { class: 'fig' }, el('span', { class: 'label' }, swatch ? el('span', { class: 'swatch', style: `background:${swatch}` }) : null, label), el('span', { class: 'value' }, value));
    this.bar.append(...this.barParts);
    this.root = el(
      'section',
      { class: 'panel campaign-panel', testid: 'campaign-panel' },
      el('h3', {}, 'Campaign'),
      this.sub,
      el('div', { class: 'fig', title: 'Stopped by a team before through, of the attempts through so far (95% Wilson interval)' }, el('span', { class: 'label' }, 'P(interdiction)'), el('span', { class: 'value' }, this.interdicted, ' ', this.interdictedCi)),
      fig('Alarm queue', this.queue),
      fig('Operators busy', this.ops),
      fig('Teams out', this.teams, TEAM_HEX[1]),
      fig('Alarms so far', this.alarms, NUISANCE_ALARM_HEX),
      fig('Alarms lost (waited too long)', this.alarmsLost),
      el(
        'div',
        { class: 'fig-group' },
        el('div', { class: 'label' }, 'Fates so far'),
        el(
          'div',
          { class: 'fig-grid fates' },
          el('span', { class: 'cell' }, el('span', { class: 'label' }, el('span', { class: 'swatch', style: `background:${FATE_STOPPED_HEX}` }), 'stopped'), this.stopped),
          el('span', { class: 'cell' }, el('span', { class: 'label' }, el('span', { class: 'swatch', style: `background:${FATE_SEEN_HEX}` }), 'seen, got through'), this.seen),
          el('span', { class: 'cell' }, el('span', { class: 'label' }, el('span', { class: 'swatch', style: `background:${UNDETECTED_CROSSING_HEX}` }), 'unseen'), this.unseen),
        ),
        this.bar,
      ),
    );
    this.root.hidden = true;
  }

  /** A new scenario: shown with its campaign's shape, or hidden without one. */
  setCampaign(v: CampaignView | undefined): void {
    this.view = v ?? null;
    this.root.hidden = !v;
    if (!v) return;
    setText(this.sub, `${v.days} day${v.days === 1 ? '' : 's'} · ${v.mode} · ${v.operators} operator${v.operators === 1 ? '' : 's'} · ${v.teams} team${v.teams === 1 ? '' : 's'}`);
    this.setFigures(null);
    for (const e of [this.queue, this.ops, this.teams, this.alarms, this.stopped, this.seen, this.unseen]) {
      setText(e, '—');
      delete e.dataset.value;
    }
    for (const p of this.barParts) p.style.flexGrow = '0';
  }

  /**
   * The registry's campaign figures: P(interdiction) of the attempts through so far, and once the
   * campaign is over its lost alarms (the pass's, known only then).
   */
  setFigures(s: RunFigures | null): void {
    const rate = s?.interdictionRate;
    const ci = s?.interdictionRateCI95;
    if (rate === undefined || rate === null || !ci) {
      setText(this.interdicted, '—');
      setText(this.interdictedCi, '');
      delete this.interdicted.dataset.value;
    } else {
      setText(this.interdicted, formatPercent(rate));
      this.interdicted.dataset.value = String(rate);
      setText(this.interdictedCi, `(${formatInterval(ci)})`);
    }
    const lost = s?.alarms?.lost as number | undefined;
    setText(this.alarmsLost, lost === undefined ? '—' : String(lost));
    if (lost === undefined) delete this.alarmsLost.dataset.value;
    else this.alarmsLost.dataset.value = String(lost);
  }

  update(t: CampaignTick): void {
    const v = this.view;
    if (!v) return;
    const put = (e: HTMLElement, value: number, text = String(value)) => {
      setText(e, text);
      e.dataset.value = String(value);
    };
    put(this.queue, t.queue);
    this.queue.classList.toggle('warn', t.queue > 0);
    put(this.ops, t.operatorsBusy, v.mode === 'analytics' ? `${t.operatorsBusy} / ${v.operators}` : `— (${v.mode})`);
    put(this.teams, t.teamsOut, `${t.teamsOut} / ${v.teams}`);
    put(this.alarms, t.alarms, `${t.alarms.toLocaleString('en-US')} (${t.nuisance.toLocaleString('en-US')} nuisance)`);
    put(this.stopped, t.stopped);
    put(this.seen, t.seen);
    put(this.unseen, t.unseen);
    [t.stopped, t.seen, t.unseen].forEach((n, i) => (this.barParts[i].style.flexGrow = String(n)));
  }
}
