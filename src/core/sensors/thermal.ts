/**
 * Thermal camera range performance (docs/model.md §3): optics → IFOV, cycles on target, Johnson N50,
 * the target transfer probability function (TTPF), Beer–Lambert extinction and an MRTD contrast limit.
 */
import type { JohnsonSpec, OpticsSpec } from '../spec.ts';

/** NVESD time-limited search constant τ, seconds: detection rate λ = P∞ / τ. */
export const SEARCH_TAU_S = 3.4;

/**
 * Analytic MRTD(ξ) = m0 · NETD · exp(β · ξ / ξN), with ξN = 1 / (2·IFOV) the Nyquist frequency.
 * Assumptions (overridable constants, listed in the README's model section): at low spatial frequency
 * the eye's integration brings MRTD to half the NETD (m0 = 0.5); at Nyquist it reaches ten times the
 * NETD, a typical figure for uncooled staring arrays, hence β = ln(20). The exponential is monotone and
 * inverts in closed form, which keeps the contrast limit cheap in the hot loop.
 */
export const MRTD_LOW_FACTOR = 0.5;
export const MRTD_NYQUIST_FACTOR = 10;
const MRTD_BETA = Math.log(MRTD_NYQUIST_FACTOR / MRTD_LOW_FACTOR);

export interface OpticsGeometry {
  /** Instantaneous field of view of one pixel, radians. */
  ifovRad: number;
  /** Horizontal field of view, radians. */
  hfovRad: number;
  /** Vertical field of view, radians. */
  vfovRad: number;
  /** Nyquist spatial frequency 1 / (2·IFOV), cycles per radian. */
  nyquistPerRad: number;
}

export function opticsGeometry(o: OpticsSpec): OpticsGeometry {
  const pitchM = o.pitchUm * 1e-6;
  const focalM = o.focalMm * 1e-3;
  const ifovRad = pitchM / focalM;
  return {
    ifovRad,
    hfovRad: 2 * Math.atan((o.cols * pitchM) / (2 * focalM)),
    vfovRad: 2 * Math.atan((o.rows * pitchM) / (2 * focalM)),
    nyquistPerRad: 1 / (2 * ifovRad),
  };
}

/** Geometric cycles across a target of critical dimension dcM at range rangeM: N = Dc / (2·R·IFOV). */
export function geometricCycles(dcM: number, rangeM: number, ifovRad: number): number {
  return dcM / (2 * rangeM * ifovRad);
}

/**
 * TTPF: P∞ = (N/N50)^E / (1 + (N/N50)^E), E = 2.7 + 0.7·(N/N50).
 * Returns 0 for N ≤ 0 (no resolvable cycles).
 */
export function ttpf(cycles: number, n50: number): number {
  if (!(cycles > 0)) return 0;
  const x = cycles / n50;
  const xe = Math.pow(x, 2.7 + 0.7 * x);
  // For huge x, xe overflows to Infinity; the limit of the ratio is 1.
  return xe === Infinity ? 1 : xe / (1 + xe);
}

/** Atmospheric transmission τ(R) = exp(−σ·R) with σ per km and R in metres (Beer–Lambert). */
export function transmission(sigmaPerKm: number, rangeM: number): number {
  return Math.exp(-sigmaPerKm * rangeM * 1e-3);
}

/** MRTD at spatial frequency ξ (cycles/rad), kelvin. */
export function mrtdK(xiPerRad: number, netdK: number, nyquistPerRad: number): number {
  return MRTD_LOW_FACTOR * netdK * Math.exp((MRTD_BETA * xiPerRad) / nyquistPerRad);
}

/**
 * The highest spatial frequency (cycles/rad) whose MRTD the apparent contrast still exceeds:
 * solves MRTD(ξ) = ΔT_apparent. Returns ≤ 0 when even the coarsest pattern is below the threshold.
 */
export function contrastLimitedFrequency(apparentDeltaTK: number, netdK: number, nyquistPerRad: number): number {
  if (!(apparentDeltaTK > 0)) return 0;
  return (nyquistPerRad / MRTD_BETA) * Math.log(apparentDeltaTK / (MRTD_LOW_FACTOR * netdK));
}

/** A thermal sensor reduced to the numbers the hot loop needs. */
export interface ThermalParams {
  ifovRad: number;
  nyquistPerRad: number;
  netdK: number;
  johnson: JohnsonSpec;
}

/**
 * Resolvable cycles on a target: N = (Dc/R) · min(ξN, ξ*) where ξ* is the contrast-limited frequency
 * for the apparent ΔT·τ(R). With ξ* ≥ ξN this is the geometric N = Dc / (2·R·IFOV).
 * Pass sigmaPerKm < 0 for the pure geometric (makers' table) criterion.
 */
export function resolvableCycles(p: ThermalParams, dcM: number, deltaTK: number, sigmaPerKm: number, rangeM: number): number {
  const geometricXi = p.nyquistPerRad;
  if (sigmaPerKm < 0) return (dcM / rangeM) * geometricXi;
  const apparent = deltaTK * transmission(sigmaPerKm, rangeM);
  const xiC = contrastLimitedFrequency(apparent, p.netdK, p.nyquistPerRad);
  const xi = xiC < geometricXi ? xiC : geometricXi;
  return xi > 0 ? (dcM / rangeM) * xi : 0;
}

/** P∞ of detection (or another task's N50) for a target at a range. */
export function pInfinity(p: ThermalParams, n50: number, dcM: number, deltaTK: number, sigmaPerKm: number, rangeM: number): number {
  return ttpf(resolvableCycles(p, dcM, deltaTK, sigmaPerKm, rangeM), n50);
}

/**
 * ln(ΔT / (m0·NETD)): the log of the contrast ratio at zero range, the one transcendental of P∞ that
 * depends only on the target's contrast. −Infinity for ΔT ≤ 0 (nothing resolvable). With it
 * `pInfinityAt` needs no exp or log: ln(ΔT·τ(R) / (m0·NETD)) = lnContrast − σR.
 */
export function lnContrastRatio(p: ThermalParams, deltaTK: number): number {
  return deltaTK > 0 ? Math.log(deltaTK / (MRTD_LOW_FACTOR * p.netdK)) : -Infinity;
}

/**
 * P∞ for the simulation's inner loop: the same function as `pInfinity` (sigmaPerKm ≥ 0), taking
 * `lnContrastRatio(p, ΔT)` computed once per step; it differs from it only by rounding (the log of an
 * exponential is replaced by its argument, x^E by exp(E·ln x)). One exp and one log per call.
 */
export function pInfinityAt(p: ThermalParams, n50: number, dcM: number, lnContrast: number, sigmaPerKm: number, rangeM: number): number {
  const xiN = p.nyquistPerRad;
  const xiC = (xiN / MRTD_BETA) * (lnContrast - sigmaPerKm * rangeM * 1e-3);
  const xi = xiC < xiN ? xiC : xiN;
  if (!(xi > 0)) return 0;
  // TTPF as 1 / (1 + x^−E) with x^−E = exp(−E·ln x): two cheap calls instead of Math.pow.
  const x = ((dcM / rangeM) * xi) / n50;
  return 1 / (1 + Math.exp(-(2.7 + 0.7 * x) * Math.log(x)));
}

/**
 * The range at which P∞ falls to `targetP`, metres, by bisection on the monotone P∞(R).
 * Used for range tables (targetP = 0.5) and for pruning (the maximum useful range, P∞ < 1e-4).
 */
export function rangeForProbability(
  p: ThermalParams,
  n50: number,
  dcM: number,
  deltaTK: number,
  sigmaPerKm: number,
  targetP: number,
  maxRangeM = 500_000,
): number {
  let lo = 0.01;
  let hi = maxRangeM;
  if (pInfinity(p, n50, dcM, deltaTK, sigmaPerKm, hi) >= targetP) return hi;
  if (pInfinity(p, n50, dcM, deltaTK, sigmaPerKm, lo) < targetP) return 0;
  for (let k = 0; k < 100 && hi - lo > 1e-3; k++) {
    const mid = 0.5 * (lo + hi);
    if (pInfinity(p, n50, dcM, deltaTK, sigmaPerKm, mid) >= targetP) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

export function thermalParams(optics: OpticsSpec, johnson: JohnsonSpec): ThermalParams {
  const g = opticsGeometry(optics);
  return { ifovRad: g.ifovRad, nyquistPerRad: g.nyquistPerRad, netdK: optics.netdK, johnson };
}
