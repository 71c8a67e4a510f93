/**
 * The registry's figures laid out for the places that show them: sweep.csv's columns, each with its
 * rank among the point's other columns, and the viewer HUD's lines, each reading the full figures.
 */
import type { ThreatKind } from '../spec.ts';
import { REGISTRY, type RunFigures, type UnitFigures } from './registry.ts';
import type { HudFormat } from './reporter.ts';

/** A sweep.csv column of a repetition, with its place among the others. */
export interface RankedColumn {
  rank: number;
  /** Left out of sweep.csv when no repetition has a value (SweepView.optional). */
  optional: boolean;
  name: string;
  cell(u: UnitFigures): unknown;
}

/** The figures' sweep.csv columns for these threat kinds, each with its rank. */
export function sweepColumns(kinds: readonly ThreatKind[]): RankedColumn[] {
  return REGISTRY.flatMap((r) => (r.sweep ? r.sweep.columns(kinds).map((c) => ({ rank: r.sweep!.csvRank, optional: r.sweep!.optional ?? false, name: c.name, cell: c.cell as (u: UnitFigures) => unknown })) : []));
}

/** The HUD's figure lines, in registry order, each reading the full figures. */
export interface HudFigure {
  id: string;
  label: string;
  small: boolean;
  /** Heading of the group the line is set in; null for a line of its own. */
  group: string | null;
  note: boolean;
  value(s: RunFigures): number | null;
  text(s: RunFigures, f: HudFormat): string;
}

export const HUD_FIGURES: readonly HudFigure[] = REGISTRY.flatMap((r) =>
  (r.hud ?? []).map((h) => ({
    id: h.id,
    label: h.label,
    small: h.small ?? false,
    group: h.group ?? null,
    note: h.note ?? false,
    value: (s: RunFigures) => h.value(s, s.attempts),
    text: (s: RunFigures, f: HudFormat) => h.text(s, s.attempts, f),
  })),
);
