/**
 * Threat kinds and their defaults (DOMAIN.md §4). A profile is what the hot loop reads about a kind.
 */
import type { ThreatKind, ThreatShareSpec } from './spec.ts';
import { THREAT_KINDS } from './spec.ts';

export interface ThreatProfile {
  kind: ThreatKind;
  /** Index of the kind in THREAT_KINDS (stable across runs; used in typed arrays). */
  code: number;
  share: number;
  speedMps: number;
  /** Johnson critical dimension, metres. */
  criticalDimM: number;
  /** Height of the target's top above its feet, metres: the line of sight aims there. */
  heightM: number;
  /** Night-time apparent temperature difference against the background, kelvin. */
  deltaTK: number;
  /** Vehicles keep their contrast through thermal crossover (warm engine). */
  engineHeated: boolean;
  /** Can cross only where the barrier has a gap. */
  gapsOnly: boolean;
  /** Goes underground: starts at a hidden entrance entryM out, unseen until its exit exitM in. */
  tunnels: boolean;
  /** Tunnels: the hidden entrance's distance beyond the barrier line and the exit's inside it, metres (0 otherwise). */
  entryM: number;
  exitM: number;
  /** Group size range (inclusive); 1 for a single person or vehicle. */
  minSize: number;
  maxSize: number;
}

type Defaults = Omit<ThreatProfile, 'kind' | 'code' | 'share' | 'entryM' | 'exitM'>;

/**
 * DOMAIN.md §4 defaults. Heights for a vehicle (2.0 m) and the tunnel's walker (a person) and the
 * crawler's ΔT (a person's) are assumptions.
 */
export const THREAT_DEFAULTS: Readonly<Record<ThreatKind, Readonly<Defaults>>> = Object.freeze({
  foot: { speedMps: 1.2, criticalDimM: 0.75, heightM: 1.8, deltaTK: 3, engineHeated: false, gapsOnly: false, tunnels: false, minSize: 1, maxSize: 1 },
  group: { speedMps: 1.0, criticalDimM: 1.5, heightM: 1.8, deltaTK: 3, engineHeated: false, gapsOnly: false, tunnels: false, minSize: 3, maxSize: 6 },
  crawler: { speedMps: 0.4, criticalDimM: 0.5, heightM: 0.5, deltaTK: 3, engineHeated: false, gapsOnly: false, tunnels: false, minSize: 1, maxSize: 1 },
  vehicle: { speedMps: 8, criticalDimM: 2.3, heightM: 2.0, deltaTK: 6, engineHeated: true, gapsOnly: true, tunnels: false, minSize: 1, maxSize: 1 },
  tunnel: { speedMps: 1.2, criticalDimM: 0.75, heightM: 1.8, deltaTK: 3, engineHeated: false, gapsOnly: false, tunnels: true, minSize: 1, maxSize: 1 },
});

/**
 * Tunnel mouths, metres from the barrier line (assumptions, docs/model.md §8): a hidden entrance 300 m
 * out on the far side (a building or a wadi) and an exit 150 m in on the home side. Published
 * cross-border tunnels run hundreds of metres.
 */
export const TUNNEL_DEFAULTS = Object.freeze({ entryM: 300, exitM: 150 });

export function threatProfiles(specs: readonly ThreatShareSpec[]): ThreatProfile[] {
  return specs.map((s) => {
    const d = THREAT_DEFAULTS[s.kind];
    return {
      ...d,
      kind: s.kind,
      code: THREAT_KINDS.indexOf(s.kind),
      share: s.share,
      speedMps: s.speedMps ?? d.speedMps,
      criticalDimM: s.criticalDimM ?? d.criticalDimM,
      heightM: s.heightM ?? d.heightM,
      deltaTK: s.deltaTK ?? d.deltaTK,
      entryM: d.tunnels ? (s.entryM ?? TUNNEL_DEFAULTS.entryM) : 0,
      exitM: d.tunnels ? (s.exitM ?? TUNNEL_DEFAULTS.exitM) : 0,
    };
  });
}

/** Cumulative shares for sampling a threat with one uniform. */
export function threatCdf(profiles: readonly ThreatProfile[]): Float64Array {
  const cdf = new Float64Array(profiles.length);
  let acc = 0;
  for (let i = 0; i < profiles.length; i++) {
    acc += profiles[i].share;
    cdf[i] = acc;
  }
  for (let i = 0; i < cdf.length; i++) cdf[i] /= acc;
  return cdf;
}

export function sampleIndex(cdf: Float64Array, u: number): number {
  let i = 0;
  while (i < cdf.length - 1 && cdf[i] <= u) i++;
  return i;
}
