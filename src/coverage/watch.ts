/**
 * The detection-chain parameters the analytic coverage needs (docs/model.md §8), read from the config
 * with their documented defaults: camera availability A, the attention share a an operator gives each
 * feed, and the N50 an alarm is raised on. Pure.
 *
 * The simulation draws, per day, which cameras are in service (each with probability A) and gives
 * every in-service camera the attention share a(K), K = max(1, cameras in service that day /
 * operators). The profile is an expectation over days; it uses the share at the expected number in
 * service, K̄ = max(1, A·N / operators). That is exact when K does not vary (A = 1, or K pinned at 1)
 * and otherwise off only by the day-to-day spread of K, to second order: with n ~ Binomial(N, A),
 * Var K = N·A·(1 − A) / operators², and |a(K) − a(K̄)| averages about ½·a''·Var K with
 * a'' = 2·0.19²·a³ ≤ 0.073. For the default 50 cameras and 7 operators that is 0.048 · 0.0078 / 2
 * ≈ 2·10⁻⁴ of attention — far below any Monte Carlo interval.
 */
import type { ConfigSpec, WatchMode } from '../core/spec.ts';

/**
 * The chain's defaults the coverage needs, all assumptions (docs/model.md §8): cameras in service
 * 0.95 of days; people watch feeds (operators mode), one operator per 8 cameras; the analytics'
 * N50 1.5 cycles (twice the makers' visual criterion); the ideal sensor's P∞ 1. They are the
 * simulation's defaults too.
 */
export const COVERAGE_CHAIN_DEFAULTS = Object.freeze({
  availability: 0.95,
  mode: 'operators' as WatchMode,
  feedsPerOperator: 8,
  analyticsN50: 1.5,
  idealPInfinity: 1,
});

/** Slope of the attention share's fall with each added feed (PSDB monitor study, docs/model.md §8). */
export const ATTENTION_SLOPE = 0.19;

/**
 * Share of attention an operator watching K feeds gives each: a(K) = 1 / (1 + 0.19·(K − 1)); 1 for a
 * single feed. Reproduces the shape of the UK Home Office PSDB finding (85 % of on-screen events
 * seen with 1 monitor, 74 % with 4, 58 % with 6, 53 % with 9) for a fixed exposure.
 */
export function attentionShare(feeds: number): number {
  return 1 / (1 + ATTENTION_SLOPE * (Math.max(1, feeds) - 1));
}

/** The watch parameters of a deployment as the coverage uses them, every default filled in. */
export interface CoverageWatch {
  mode: WatchMode;
  /** Probability that a camera is in service on a given day. */
  availability: number;
  /** People on shift (operators mode; in the other modes reported but unused here). */
  operators: number;
  /** Feeds per operator at the expected number of cameras in service, K̄ ≥ 1 (operators mode; 1 otherwise). */
  feedsPerOperator: number;
  /** Attention share a applied to every camera's detection rate (1 in the analytics and ideal modes). */
  attention: number;
  /** The analytics' N50 (analytics mode), replacing each thermal camera's detection N50; null otherwise. */
  analyticsN50: number | null;
}

/** Default people on shift: enough for 8 feeds each, at least one. */
export function defaultOperators(cameraCount: number): number {
  return Math.max(1, Math.ceil(cameraCount / COVERAGE_CHAIN_DEFAULTS.feedsPerOperator));
}

export function coverageWatch(config: ConfigSpec, cameraCount: number): CoverageWatch {
  const w = config.watch ?? {};
  const mode = w.mode ?? COVERAGE_CHAIN_DEFAULTS.mode;
  const availability = config.availability ?? COVERAGE_CHAIN_DEFAULTS.availability;
  const operators = w.operators ?? defaultOperators(cameraCount);
  const feedsPerOperator = mode === 'operators' ? Math.max(1, (availability * cameraCount) / operators) : 1;
  return {
    mode,
    availability,
    operators,
    feedsPerOperator,
    attention: mode === 'operators' ? attentionShare(feedsPerOperator) : 1,
    analyticsN50: mode === 'analytics' ? (w.analytics?.n50 ?? COVERAGE_CHAIN_DEFAULTS.analyticsN50) : null,
  };
}
