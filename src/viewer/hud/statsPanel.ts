/**
 * The left panel: scenario, simulated clock, speed controls, the headline detection rate, the list of
 * figures — one line per HUD entry of the registry of figures (src/core/figures/registry.ts), marked with
 * data-testid `hud-<id>` and the exact number in data-value; a group of lines (the lost links) set
 * as a compact grid under its heading, a note (the assumed defaults) in small type across the
 * panel — and the per-threat table. The whole
 * figures object is also in `hud-figures` (JSON), for scripts and the parity test with the CLI.
 * Figures cover attempts that have finished (through the strip), so the rate never counts an
 * attempt that may still be detected; the attempts still in the strip are shown beside them.
 */
import type { HudFormat } from '../../core/figures/reporter.ts';
import type { RunFigures } from '../../core/figures/registry.ts';
import { HUD_FIGURES } from '../../core/figures/views.ts';
import type { WorldView } from '../protocol.ts';
import { BAND_HEX, THREAT_HEX } from '../render/palette.ts';
import { el, setText } from './dom.ts';
import { dayPhase, formatClock, formatInterval, formatMinSec, formatPercent, formatSpeed } from './format.ts';

export const SPEEDS = [1, 10, 100, 1000] as const;

export interface SpeedHandlers {
  togglePause(): void;
  step(): void;
  setSpeed(x: number): void;
  toEnd(): void;
}

/** How the registry's HUD lines write numbers here. */
const HUD_FORMAT: HudFormat = { percent: (x) => formatPercent(x), interval: formatInterval, minSec: formatMinSec };

function rateColor(r: number): string {
  return r >= 0.9 ? BAND_HEX[0] : r >= 0.5 ? BAND_HEX[1] : r >= 0.1 ? BAND_HEX[2] : BAND_HEX[3];
}

export class StatsPanel {
  readonly root: HTMLElement;
  private readonly title = el('div', { class: 'scenario-name' });
  private readonly subtitle = el('div', { class: 'scenario-sub' });
  private readonly clock = el('div', { class: 'clock', testid: 'sim-time' }, '—');
  private readonly phase = el('span', { class: 'phase' });
  private readonly state = el('span', { class: 'run-state', testid: 'run-state' });
  private readonly pauseBtn = el('button', { class: 'btn', title: 'Pause / resume (space)', testid: 'pause' }, '❚❚');
  private readonly speedBtns: HTMLButtonElement[];
  private readonly rate = el('div', { class: 'big-rate', testid: 'hud-rate' }, '—');
  private readonly ci = el('div', { class: 'ci', testid: 'hud-ci' }, '');
  private readonly live = el('span', { class: 'live', testid: 'hud-live' }, '');
  /** One value element per HUD figure of the registry, in its order. */
  private readonly figures = HUD_FIGURES.map((f) => ({ f, value: el('span', { class: f.note ? 'note-text' : f.small ? 'num small' : 'num', testid: `hud-${f.id}` }, '—') }));
  /** The figures as JSON (hidden): exactly what the worker tallied. */
  private readonly figuresJson = el('script', { type: 'application/json', testid: 'hud-figures' }, 'null');
  private readonly threatBody = el('tbody');
  private threatRows: { rate: HTMLElement; n: HTMLElement; d: HTMLElement; bar: HTMLElement }[] = [];

  constructor(h: SpeedHandlers) {
    this.pauseBtn.onclick = () => h.togglePause();
    const stepBtn = el('button', { class: 'btn', title: 'Step one simulated minute', testid: 'step' }, '+1 min');
    stepBtn.onclick = () => h.step();
    this.speedBtns = SPEEDS.map((s) => {
      const b = el('button', { class: 'btn speed', 'data-speed': s, testid: `speed-${s}` }, formatSpeed(s));
      b.onclick = () => h.setSpeed(s);
      return b;
    });
    const endBtn = el('button', { class: 'btn', title: 'Run every remaining attempt now', testid: 'to-end' }, 'End ▸▸');
    endBtn.onclick = () => h.toEnd();
    const fig = (label: string, value: HTMLElement, extra?: HTMLElement) => el('div', { class: 'fig' }, el('span', { class: 'label' }, label), el('span', { class: 'value' }, value, extra));
    // The registry's lines in order: consecutive lines of a group share one grid under its heading.
    const figureRows: HTMLElement[] = [];
    let grid: HTMLElement | null = null;
    let groupName: string | null = null;
    for (const { f, value } of this.figures) {
      if (f.group === null) grid = groupName = null;
      if (f.note) figureRows.push(el('div', { class: 'fig-note' }, el('span', { class: 'label' }, f.label), ' ', value));
      else if (f.group === null) figureRows.push(fig(f.label, value, f.id === 'attempts' ? this.live : undefined));
      else {
        if (!grid || groupName !== f.group) {
          grid = el('div', { class: 'fig-grid' });
          groupName = f.group;
          figureRows.push(el('div', { class: 'fig-group' }, el('div', { class: 'label' }, f.group), grid));
        }
        grid.append(el('span', { class: 'cell' }, el('span', { class: 'label' }, f.label), value));
      }
    }
    this.root = el(
      'section',
      { class: 'panel stats-panel' },
      el('div', { class: 'brand' }, el('span', { class: 'logo' }, '◭'), ' WATCHLINE'),
      this.title,
      this.subtitle,
      el('div', { class: 'clock-row' }, this.clock, el('div', { class: 'clock-sub' }, this.phase, this.state)),
      el('div', { class: 'speed-row' }, this.pauseBtn, stepBtn, ...this.speedBtns, endBtn),
      el('div', { class: 'headline' }, el('div', { class: 'label' }, 'Detection rate'), this.rate, this.ci),
      ...figureRows,
      this.figuresJson,
      el('table', { class: 'threats' }, el('thead', {}, el('tr', {}, el('th', {}, 'threat'), el('th', {}, 'n'), el('th', {}, 'det.'), el('th', {}, 'rate'))), this.threatBody),
    );
  }

  setScenario(v: WorldView, label: string): void {
    setText(this.title, label);
    const lengthKm = v.lengthM / 1000;
    setText(this.subtitle, `${lengthKm.toFixed(lengthKm < 100 ? 1 : 0)} km border · ${v.towers.count} towers · ${v.cameras.count} cameras · ${v.attempts.toLocaleString('en-US')} attempts · seed ${v.seed}`);
    this.threatBody.replaceChildren();
    this.threatRows = v.threats.map((t) => {
      const rate = el('span', {}, '—');
      const bar = el('span', { class: 'bar' });
      const n = el('td', { class: 'n' }, '0');
      const d = el('td', { class: 'n' }, '0');
      this.threatBody.append(
        el('tr', { testid: `threat-${t.kind}` }, el('td', {}, el('span', { class: 'swatch', style: `background:${THREAT_HEX[t.kind] ?? '#fff'}` }), t.kind), n, d, el('td', { class: 'rate' }, el('span', { class: 'bar-bg' }, bar), rate)),
      );
      return { rate, n, d, bar };
    });
    this.setStats(null, 0, 0);
  }

  setClock(tS: number, done: boolean, paused: boolean): void {
    setText(this.clock, formatClock(tS));
    setText(this.phase, dayPhase(tS));
    setText(this.state, done ? 'finished' : paused ? 'paused' : 'running');
    this.state.className = `run-state ${done ? 'done' : paused ? 'paused' : 'running'}`;
  }

  setSpeed(speed: number, paused: boolean): void {
    setText(this.pauseBtn, paused ? '▶' : '❚❚');
    this.pauseBtn.classList.toggle('active', paused);
    for (const b of this.speedBtns) b.classList.toggle('active', Number(b.dataset.speed) === speed);
  }

  /** Headline figures of finished attempts, plus the live count. */
  setStats(s: RunFigures | null, live: number, liveDetected: number): void {
    const n = s?.attempts ?? 0;
    setText(this.live, live > 0 ? ` + ${live} in the strip (${liveDetected} seen)` : '');
    setText(this.figuresJson, JSON.stringify(s));
    for (const { f, value } of this.figures) {
      const v = s ? f.value(s) : null;
      setText(value, s ? f.text(s, HUD_FORMAT) : '—');
      if (v === null) delete value.dataset.value;
      else value.dataset.value = String(v);
    }
    if (!s || n === 0) {
      setText(this.rate, '—');
      setText(this.ci, 'no attempt through yet');
      this.rate.style.color = '';
      return;
    }
    setText(this.rate, formatPercent(s.detectionRate));
    this.rate.dataset.value = String(s.detectionRate);
    this.rate.style.color = rateColor(s.detectionRate);
    setText(this.ci, `95% CI ${formatInterval(s.detectionRateCI95)} (Wilson, n = ${n})`);
    const kinds = Object.keys(s.byThreat);
    kinds.forEach((k, i) => {
      const row = this.threatRows[i];
      const r = s.byThreat[k as keyof typeof s.byThreat]!;
      if (!row) return;
      setText(row.n, String(r.attempts));
      setText(row.d, String(r.detected));
      setText(row.rate, r.attempts > 0 ? formatPercent(r.detectionRate, 1) : '—');
      row.bar.style.width = `${r.attempts > 0 ? 100 * r.detectionRate : 0}%`;
      row.bar.style.background = rateColor(r.detectionRate);
    });
  }
}
