/**
 * The detection chain's settings as a run's outputs state them (docs/model.md §8): `availability` and
 * `watch`, each value with its source, and `assumptions`, the list of every setting that shapes the
 * headline with whether the config gave it or it is a default — every default is an assumption and
 * says so (summary.json, the CLI summary, the viewer's HUD). Pure: from the config alone.
 */
import { CAMPAIGN_DEFAULTS } from './campaign/frame.ts';
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
      ...(config.campaign ? campaignAssumptions(config, a) : []),
    ],
  };
}

/**
 * A campaign's own settings that shape P(interdiction) (docs/model.md §8): the control room (in
 * analytics mode, where alarms queue) and the teams. Defaults as core/campaign/frame.ts applies them.
 */
function campaignAssumptions(config: ConfigSpec, a: ReturnType<typeof chainAssumptions>): Assumption[] {
  const w = config.watch ?? {};
  const r = config.response;
  const src = (given: unknown): 'config' | 'default' => (given === undefined ? 'default' : 'config');
  const room: Assumption[] = a.mode.value === 'analytics'
    ? [
        { name: 'watch.operators', value: a.operators.value, source: a.operators.source },
        { name: 'watch.assessS', value: a.assessS.value, source: a.assessS.source },
        { name: 'watch.maxWaitS', value: a.maxWaitS.value, source: a.maxWaitS.source },
        { name: 'watch.recognizeP', value: w.recognizeP ?? CAMPAIGN_DEFAULTS.recognizeP, source: src(w.recognizeP) },
        { name: 'watch.analytics.nuisancePerCameraHour', value: a.nuisancePerCameraHour.value, source: a.nuisancePerCameraHour.source },
      ]
    : [];
  return [
    ...room,
    { name: 'response.teams', value: r?.teams ?? 'one per 20 km', source: src(r?.teams) },
    { name: 'response.busyS', value: r?.busyS ?? CAMPAIGN_DEFAULTS.busyS, source: src(r?.busyS) },
  ];
}
