/**
 * The detection chain's settings as a run's outputs state them (docs/model.md §8): `availability` and
 * `watch`, each value with its source, and `assumptions`, the list of every setting that shapes the
 * headline with whether the config gave it or it is a default — every default is an assumption and
 * says so (summary.json, the CLI summary, the viewer's HUD). Pure: from the config alone.
 */
import { DEFAULT_RESPONSE } from './interdiction.ts';
import type { ConfigSpec } from './spec.ts';
import { chainAssumptions, type Sourced } from './watch.ts';

/** One setting that shapes the headline: its config path, value and source. */
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
      // The operator count shapes the headline only when people watch; the analytics' N50 only in that mode.
      ...(a.mode.value === 'operators' ? [row('watch.operators', a.operators)] : []),
      ...(a.mode.value === 'analytics' ? [row('watch.analytics.n50', a.analyticsN50)] : []),
      row('run.days', a.days),
      { name: 'response.delayS', value: (r ?? DEFAULT_RESPONSE).delayS, source: resp },
      { name: 'response.speedMps', value: (r ?? DEFAULT_RESPONSE).speedMps, source: resp },
    ],
  };
}
