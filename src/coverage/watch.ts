/**
 * The detection-chain parameters the analytic coverage needs (docs/model.md §8): camera availability
 * A, the attention share a an operator gives each feed, and the N50 an alarm is raised on. The values,
 * their defaults and the attention share a(K) are the simulation's own (src/core/watch.ts); this
 * module only turns them into the expectation the profile uses. Pure.
 *
 * The simulation draws, per day, which cameras are in service (each with probability A) and gives
 * every in-service camera the attention share a(K), K = max(1, cameras in service that day /
 * operators). The profile is an expectation over days; it uses the share at the expected number in
 * service, K̄ = max(1, A·N / operators). That is exact when K does not vary (A = 1, or K pinned at 1)
 * and otherwise off only by the day-to-day spread of K, to second order: with n ~ Binomial(N, A),
 * Var K = N·A·(1 − A) / operators², and |a(K) − a(K̄)| averages about ½·a''·Var K with
 * a'' = 2·0.19²·a³ ≤ 0.073. With operators left to their default (one per FEEDS_PER_OPERATOR = 8
 * cameras, rounded up) and A = 0.95, that is at most about 0.01/N of attention for N cameras, under
 * 10⁻³ from ten cameras up — far below any Monte Carlo interval.
 */
import type { ConfigSpec, WatchMode } from '../core/spec.ts';
import { attentionShare, detectionChain } from '../core/watch.ts';

// One definition of each, in the core; re-exported for the coverage's callers and tests.
export { attentionShare, defaultOperators } from '../core/watch.ts';

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

/** The chain of a config deploying `cameraCount` cameras, as the profile's expectation over days. */
export function coverageWatch(config: ConfigSpec, cameraCount: number): CoverageWatch {
  const { mode, availability, operators, analyticsN50 } = detectionChain(config, cameraCount);
  const feedsPerOperator = mode === 'operators' ? Math.max(1, (availability * cameraCount) / operators) : 1;
  return {
    mode,
    availability,
    operators,
    feedsPerOperator,
    attention: mode === 'operators' ? attentionShare(feedsPerOperator) : 1,
    analyticsN50: mode === 'analytics' ? analyticsN50 : null,
  };
}
