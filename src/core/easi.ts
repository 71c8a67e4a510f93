/**
 * EASI (Estimate of Adversary Sequence Interruption; Sandia, in Garcia's *Design and Evaluation of
 * Physical Protection Systems*): the probability that a response interrupts an adversary along one
 * path, given per task the probability of detection, where in the task detection happens, and the
 * task's delay, with normally distributed delays and response force time (docs/model.md §7).
 *
 *   P(I) = P(C) · Σ_i P(D_i) · Π_{j<i} (1 − P(D_j)) · P(R | detection at i),
 *   P(R | i) = Φ((T_i − RFT) / √(σ²_T,i + σ²_RFT)),
 *
 * with T_i the adversary's remaining delay after detection at task i: the task's whole delay when
 * detection is at its beginning, half when in the middle (its standard deviation halved too), none at
 * its end, plus every later task's delay (variances add). It is the analytic counterpart of the
 * campaign's rule (a team that arrives before the intruder is through), for one path and one team.
 */

/** Where in a task detection happens. */
export type EasiLocation = 'B' | 'M' | 'E';

export interface EasiTask {
  /** Probability that the task is detected (given not detected before). */
  pDetect: number;
  location: EasiLocation;
  /** Mean and standard deviation of the task's delay, seconds. */
  delayS: number;
  sdS: number;
}

export interface EasiResult {
  /** Probability of interruption. */
  pInterruption: number;
  /** Per task: P(first detection here) and P(R | detection here). */
  terms: { pFirst: number; pResponse: number }[];
}

/**
 * P(interruption) along a path of `tasks` in order, with response force time `rftS` ± `rftSdS` and
 * probability of communicating the alarm `pComm` (default 1).
 */
export function easi(tasks: readonly EasiTask[], rftS: number, rftSdS: number, pComm = 1): EasiResult {
  const terms: EasiResult['terms'] = [];
  let pUndetected = 1;
  let p = 0;
  for (let i = 0; i < tasks.length; i++) {
    const share = tasks[i].location === 'B' ? 1 : tasks[i].location === 'M' ? 0.5 : 0;
    let mean = share * tasks[i].delayS;
    let variance = (share * tasks[i].sdS) ** 2;
    for (let j = i + 1; j < tasks.length; j++) {
      mean += tasks[j].delayS;
      variance += tasks[j].sdS ** 2;
    }
    const sd = Math.sqrt(variance + rftSdS * rftSdS);
    const pResponse = sd > 0 ? normalCdf((mean - rftS) / sd) : mean > rftS ? 1 : 0;
    const pFirst = pUndetected * tasks[i].pDetect;
    terms.push({ pFirst, pResponse });
    p += pFirst * pResponse;
    pUndetected *= 1 - tasks[i].pDetect;
  }
  return { pInterruption: pComm * p, terms };
}

/**
 * Standard normal CDF, Φ(z) = erfc(−z/√2)/2, with erfc from the Chebyshev fit of Numerical Recipes
 * (`erfcc`, fractional error below 1.2e-7 everywhere): far beyond the two decimals EASI is read to.
 */
export function normalCdf(z: number): number {
  const x = -z / Math.SQRT2;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.5 * a);
  const r =
    t *
    Math.exp(
      -a * a - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  const erfc = x >= 0 ? r : 2 - r;
  return 0.5 * erfc;
}
