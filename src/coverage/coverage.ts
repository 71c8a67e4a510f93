/**
 * The analytic coverage of a deployment: the profile, k-coverage, gaps, the weakest point and the
 * worst-case breach path, as one plain, serialisable report (the `coverage` command writes it as
 * coverage.json). Pure.
 */
import type { World } from '../core/world.ts';
import { newStation, stationAt } from '../core/border.ts';
import { breachPath, type BreachResult } from './breach.ts';
import { coverageProfile, summarizeProfile, type ProfileBin, type ProfileOptions, type ProfileSummary, PROFILE_STEP_M } from './profile.ts';
import { createRateContext, type RateContext } from './rate.ts';
import { referenceTarget, type ReferenceTarget } from './reference.ts';

export interface CoverageOptions extends ProfileOptions {
  /** Breach grid cell size, metres (default: from the strip's size). */
  breachCellM?: number;
  /** Skip the breach path (the `weakest` crossing distribution needs only the profile). */
  breach?: boolean;
}

export interface CoverageReport extends ProfileSummary {
  frontierKm: number;
  towers: number;
  cameras: number;
  reference: ReferenceTarget & { note: string };
  method: {
    binM: number;
    stepM: number;
    panning: string;
    search: string;
    breach: string;
    /** The detection chain as the profile applies it (watch.ts). */
    watch: { mode: string; availability: number; operators: number; feedsPerOperator: number; attention: number; analyticsN50: number | null };
  };
  profile: ProfileBin[];
  breachPath: (Omit<BreachResult, 'points'> & { method: 'grid' | 'straight'; gridPDetect: number; points: BreachResult['points'] }) | null;
}

/** Profile and summary (and the breach path unless opts.breach === false) of a built world. */
export function analyzeCoverage(world: World, opts: CoverageOptions = {}): CoverageReport {
  const ctx = createRateContext(world, referenceTarget(world));
  return coverageReport(ctx, opts, coverageProfile(ctx, opts), opts.breach !== false ? breachPath(ctx, { cellM: opts.breachCellM }) : null);
}

/**
 * The report from its two independent parts — the profile's bins (in order) and the breach search's
 * result (null without one) — however they were computed (batch/coverageJobs.ts computes them on
 * several threads).
 */
export function coverageReport(ctx: RateContext, opts: CoverageOptions, profile: ProfileBin[], b: BreachResult | null): CoverageReport {
  const world = ctx.world;
  const ref = ctx.ref;
  const summary = summarizeProfile(profile);
  let breach: CoverageReport['breachPath'] = null;
  if (b) {
    // The straight crossings of the profile are paths too, integrated more finely than the grid: when
    // one of them is less detected than the grid's best path, it is the worst case we found.
    const straightBetter = summary.weakestPDetect < b.pDetect;
    breach = {
      ...b,
      method: straightBetter ? 'straight' : 'grid',
      gridPDetect: b.pDetect,
      pDetect: straightBetter ? summary.weakestPDetect : b.pDetect,
      points: straightBetter ? straightPoints(world, summary.weakestKm) : b.points,
    };
  }
  const edgesKm = profile.length ? profile[0].toKm - profile[0].fromKm : 0;
  return {
    frontierKm: world.border.lengthM / 1000,
    towers: world.towers.count,
    cameras: world.cameras.count,
    reference: {
      ...ref,
      note: 'a person on foot crossing straight along the local normal; night contrast unless the scene pins day, dawn or dusk; the scene\'s atmosphere',
    },
    method: {
      binM: edgesKm * 1000,
      stepM: opts.stepM ?? PROFILE_STEP_M,
      panning: 'panning cameras contribute their time-averaged rate (duty cycle ≈ fov / scan sector) to the profile and the breach path; the search threshold applies to their instantaneous P∞',
      search: 'bounded: per camera P = ∫₀¹ (1 − exp(−∫ 1[P∞ > u] λ dt)) du, exact over the sorted P∞ of the path; cameras combine as independent observers, each in service with probability A: P = 1 − Π (1 − A·P_c)',
      breach: 'Dijkstra on two additive surrogates (Σλ·dt and Σ A·P∞·λ·dt); both paths and every straight column evaluated exactly under bounded search; the least detected is reported',
      watch: { ...ctx.watch },
    },
    ...summary,
    profile,
    breachPath: breach,
  };
}

function straightPoints(world: World, km: number): BreachResult['points'] {
  const st = stationAt(world.border, km * 1000, newStation());
  return [
    { km, offsetM: -world.approachM, x: st.x - st.nx * world.approachM, y: st.y - st.ny * world.approachM },
    { km, offsetM: world.depthM, x: st.x + st.nx * world.depthM, y: st.y + st.ny * world.depthM },
  ];
}
