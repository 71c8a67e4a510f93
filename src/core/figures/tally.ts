/**
 * The tallies of every figure of the registry over a set of attempts: adding rows, adding another
 * tally (a shard, a repetition), and the figures of summary.json, of a sweep repetition and of a sweep
 * point's pooled block.
 */
import type { AttemptRow } from '../attemptRow.ts';
import type { ThreatKind } from '../spec.ts';
import { REGISTRY, type RunFigures, type UnitFigures } from './registry.ts';
import { SEGMENT_KM, type FigureContext, type UnitRecord } from './reporter.ts';

/** The tallies of every figure over a set of attempts. */
export class FigureTally {
  private readonly parts: unknown[];

  constructor(readonly ctx: FigureContext) {
    this.parts = REGISTRY.map((r) => r.create(ctx));
  }

  add(row: AttemptRow): void {
    for (let i = 0; i < REGISTRY.length; i++) REGISTRY[i].add(this.parts[i], row);
  }

  /** Adds another tally of the same context (a shard, a repetition). */
  merge(other: FigureTally): void {
    for (let i = 0; i < REGISTRY.length; i++) REGISTRY[i].merge(this.parts[i], other.parts[i]);
  }

  /** The figures as summary.json holds them. */
  summary(): RunFigures {
    return Object.assign({}, ...REGISTRY.map((r, i) => r.summary(this.parts[i], this.ctx))) as RunFigures;
  }

  /** The figures of a sweep repetition. */
  unit(): UnitFigures {
    return Object.assign({}, ...REGISTRY.map((r, i) => r.sweep?.unit(this.parts[i]) ?? {})) as UnitFigures;
  }

  /** The tally of a repetition read back from its fields: only figures that are counts (fromUnit). */
  static fromUnit(u: UnitRecord, ctx: FigureContext): FigureTally {
    const t = new FigureTally(ctx);
    REGISTRY.forEach((r, i) => {
      if (r.sweep?.fromUnit) t.parts[i] = r.sweep.fromUnit(u, ctx);
    });
    return t;
  }

  /**
   * The pooled figures of repetitions (counts add up; rates and intervals from the sums), in the
   * `pooled` order of sweep.json.
   */
  pooled(): PooledFigures {
    const order = REGISTRY.map((r, i) => ({ r, i })).filter(({ r }) => r.sweep?.fromUnit && r.sweep.pooledRank !== undefined);
    order.sort((a, b) => a.r.sweep!.pooledRank! - b.r.sweep!.pooledRank!);
    return Object.assign({}, ...order.map(({ r, i }) => r.sweep!.unit(this.parts[i]))) as PooledFigures;
  }
}

/** The pooled block of a sweep point. */
export type PooledFigures = Pick<UnitFigures, 'attempts' | 'detected' | 'detectionRate' | 'detectionRateCI95' | 'interrupted' | 'interruptionRate' | 'interruptionRateCI95' | 'byThreat' | 'lost'>;

/** Pools repetitions of one point: their count tallies added. Threat kinds: those the repetitions name. */
export function poolUnits(units: readonly UnitRecord[]): PooledFigures {
  const kinds: ThreatKind[] = [];
  for (const u of units) for (const k of Object.keys((u.byThreat ?? {}) as object) as ThreatKind[]) if (!kinds.includes(k)) kinds.push(k);
  const ctx: FigureContext = { kinds, lengthM: 0, segmentKm: SEGMENT_KM, response: null, chain: null };
  const total = new FigureTally(ctx);
  for (const u of units) total.merge(FigureTally.fromUnit(u, ctx));
  return total.pooled();
}
