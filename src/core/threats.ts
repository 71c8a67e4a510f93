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
  /** Unseen between its tunnel mouths. */
  tunnels: boolean;
  /** Group size range (inclusive); 1 for a single person or vehicle. */
  minSize: number;
  maxSize: number;
}

type Defaults = Omit<ThreatProfile, 'kind' | 'code' | 'share'>;

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

/** Distance of each tunnel mouth from the barrier line, metres (assumption: mouths hidden 100 m out). */
export const TUNNEL_MOUTH_M = 100;

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
