/**
 * The detection chain's figures in a run's outputs (docs/model.md §8): which link lost each missed
 * attempt, counted from the rounded rows (so a merge recomputes exactly the run's counts), and the
 * chain's settings with their sources — every default is an assumption and says so.
 */
import { chainAssumptions, type Sourced } from '../core/watch.ts';
import type { ConfigSpec } from '../core/spec.ts';
import { DEFAULT_RESPONSE } from '../core/interdiction.ts';

/** attempts.csv `lostAt` values of missed (or late) attempts; '' for an interrupted one. */
export const LOST_LINKS = ['unsensed', 'outage', 'unnoticed', 'late'] as const;
export type LostLink = (typeof LOST_LINKS)[number];

export type LostCounts = Record<LostLink, number>;

export function newLostCounts(): LostCounts {
  return { unsensed: 0, outage: 0, unnoticed: 0, late: 0 };
}

/** Adds one row's `lostAt` to the counts. */
export function countLost(c: LostCounts, lostAt: string): void {
  if (lostAt !== '') c[lostAt as LostLink]++;
}

/** One assumption that shapes the headline: its config path, value and source. */
export interface Assumption {
  name: string;
  value: number | string;
  source: 'config' | 'default';
}

/** The summary's chain blocks: `availability`, `watch` (each value with its source) and `assumptions`. */
export interface ChainFacts {
  availability: Sourced<number>;
  watch: {
    mode: Sourced<string>;
    operators: Sourced<number>;
    assessS: Sourced<number>;
    maxWaitS: Sourced<number>;
    analytics: { n50: Sourced<number>; nuisancePerCameraHour: Sourced<number> };
  };
  assumptions: Assumption[];
}

/** The chain facts of a config deploying `cameras` cameras. */
export function chainFacts(config: ConfigSpec, cameras: number): ChainFacts {
  const a = chainAssumptions(config, cameras);
  const r = config.response;
  const resp = r ? 'config' : 'default';
  const row = (name: string, s: Sourced<number | string>): Assumption => ({ name, value: s.value, source: s.source });
  return {
    availability: a.availability,
    watch: {
      mode: a.mode,
      operators: a.operators,
      assessS: a.assessS,
      maxWaitS: a.maxWaitS,
      analytics: { n50: a.analyticsN50, nuisancePerCameraHour: a.nuisancePerCameraHour },
    },
    assumptions: [
      row('availability', a.availability),
      row('watch.mode', a.mode),
      row('watch.operators', a.operators),
      ...(a.mode.value === 'analytics' ? [row('watch.analytics.n50', a.analyticsN50)] : []),
      row('run.days', a.days),
      { name: 'response.delayS', value: (r ?? DEFAULT_RESPONSE).delayS, source: resp },
      { name: 'response.speedMps', value: (r ?? DEFAULT_RESPONSE).speedMps, source: resp },
    ],
  };
}
