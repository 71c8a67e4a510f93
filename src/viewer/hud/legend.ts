/** The map legend: what the colours and symbols mean. */
import { P_BANDS } from '../protocol.ts';
import { APPROACH_LINE_HEX, BAND_HEX, DEAD_ZONE_HEX, DETECTED_HEX, FATE_SEEN_HEX, FATE_STOPPED_HEX, GAP_HEX, NUISANCE_ALARM_HEX, REAL_ALARM_HEX, TEAM_HEX, THREAT_HEX, THROUGH_LINE_HEX, UNDETECTED_CROSSING_HEX } from '../render/palette.ts';
import { el } from './dom.ts';

/** @param campaign add the campaign's symbols (teams, alarms, fates) */
export function legend(referenceLabel: string, exaggeration: number, campaign = false): HTMLElement {
  const sw = (color: string, label: string, shape = 'swatch') => el('span', { class: 'legend-item' }, el('span', { class: shape, style: `background:${color}` }), label);
  return el(
    'section',
    { class: 'panel legend-panel' },
    el('div', { class: 'legend-row' }, el('b', {}, 'P∞ '), ...P_BANDS.map((p, i) => sw(BAND_HEX[i], `≥ ${p}`)), sw(BAND_HEX[3], '< 0.1')),
    el('div', { class: 'legend-row hint' }, `coverage and footprints for a ${referenceLabel}`),
    el('div', { class: 'legend-row' }, ...Object.entries(THREAT_HEX).map(([k, c]) => sw(c, k, 'dot')), sw(DETECTED_HEX, 'detected', 'dot'), sw(UNDETECTED_CROSSING_HEX, 'got through unseen', 'tri')),
    campaign
      ? el('div', { class: 'legend-row' }, sw(TEAM_HEX[1], 'team'), sw(FATE_STOPPED_HEX, 'stopped', 'dot'), sw(FATE_SEEN_HEX, 'seen, got through', 'dot'), sw(NUISANCE_ALARM_HEX, 'nuisance alarm', 'dot'), sw(REAL_ALARM_HEX, 'intruder alarm', 'dot'))
      : null,
    el('div', { class: 'legend-row' }, sw(GAP_HEX, 'gap', 'line'), sw(DEAD_ZONE_HEX, 'wall dead zone', 'line'), sw(APPROACH_LINE_HEX, 'start line', 'line'), sw(THROUGH_LINE_HEX, 'through line', 'line')),
    el('div', { class: 'legend-row hint' }, exaggeration !== 1 ? `relief exaggerated ×${exaggeration}; symbols grow when zoomed out` : 'symbols grow when zoomed out'),
  );
}
