/**
 * How the HUD writes numbers: simulated clock and time of day, rates, intervals, distances. Pure.
 */
import { CROSSOVER_HOURS, CROSSOVER_WIDTH_H, DAY_S, daylight } from '../../core/environment.ts';

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Absolute simulated seconds → `Day 2 · 03:04:05` (day 1 starts at midnight). */
export function formatClock(tS: number): string {
  if (!Number.isFinite(tS)) return '—';
  const t = Math.max(0, Math.floor(tS));
  const day = Math.floor(t / DAY_S) + 1;
  const s = t % DAY_S;
  return `Day ${day} · ${pad2(Math.floor(s / 3600))}:${pad2(Math.floor((s % 3600) / 60))}:${pad2(s % 60)}`;
}

/** The part of the day as it matters to a thermal camera: night, day, or a thermal crossover. */
export function dayPhase(tS: number): 'night' | 'day' | 'dawn crossover' | 'dusk crossover' | 'twilight' {
  const hour = (((tS % DAY_S) + DAY_S) % DAY_S) / 3600;
  if (Math.abs(hour - CROSSOVER_HOURS[0]) <= CROSSOVER_WIDTH_H * 1.5) return 'dawn crossover';
  if (Math.abs(hour - CROSSOVER_HOURS[1]) <= CROSSOVER_WIDTH_H * 1.5) return 'dusk crossover';
  const d = daylight(hour);
  if (d >= 0.99) return 'day';
  if (d <= 0.01) return 'night';
  return 'twilight';
}

export function formatPercent(x: number, digits = 1): string {
  return Number.isFinite(x) ? `${(100 * x).toFixed(digits)}%` : '—';
}

/** `[61.2 – 70.4] %`. */
export function formatInterval(ci: readonly [number, number]): string {
  return `${(100 * ci[0]).toFixed(1)}–${(100 * ci[1]).toFixed(1)}%`;
}

export function formatKm(m: number): string {
  return m >= 10_000 ? `${(m / 1000).toFixed(1)} km` : m >= 1000 ? `${(m / 1000).toFixed(2)} km` : `${Math.round(m)} m`;
}

export function formatDuration(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '—';
  if (s < 60) return `${s.toFixed(0)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${pad2(Math.round(s % 60))} s`;
  return `${Math.floor(s / 3600)} h ${pad2(Math.round((s % 3600) / 60))} min`;
}

/** Speed label: ×1, ×1000, ×1e+5. */
export function formatSpeed(x: number): string {
  return x >= 1e5 ? `×${x.toExponential(0)}` : `×${x}`;
}

/** `5:53` (minutes:seconds), or `1:02:07` past an hour. */
export function formatMinSec(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '—';
  const t = Math.round(s);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  return h > 0 ? `${h}:${pad2(m)}:${pad2(t % 60)}` : `${m}:${pad2(t % 60)}`;
}
