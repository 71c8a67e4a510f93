/**
 * The reference target of the analytic coverage (docs/model.md §6): a person on foot at night, in the
 * scene's atmosphere. Pure.
 *
 * - Kind: foot (1.2 m/s, Dc 0.75 m, 1.8 m tall, ΔT 3 K), with the scene's overrides of its `foot`
 *   entry when it lists one (speed, size, ΔT); the barrier's climb delay for foot (60 s by default).
 * - Time: night (00:00, where the contrast factor is 1) unless the scene pins another period:
 *   `day` → 12:30 (2/3 of the night contrast), `dawn` → 06:30, `dusk` → 18:30 (both in the thermal
 *   crossover dip). `mixed` is night-heavy, so its reference is night.
 * - Atmosphere: the scene's (visibility class or extinctionPerKm).
 */
import { contrastFactor } from '../core/environment.ts';
import type { ThreatKind, TimeOfDay } from '../core/spec.ts';
import { THREAT_DEFAULTS } from '../core/threats.ts';
import type { World } from '../core/world.ts';

export interface ReferenceTarget {
  kind: ThreatKind;
  speedMps: number;
  criticalDimM: number;
  heightM: number;
  /** Night ΔT of the kind, kelvin. */
  deltaTK: number;
  /** Hour of day the reference is evaluated at, and the contrast factor there. */
  hourOfDay: number;
  contrastFactor: number;
  /** Apparent contrast used: deltaTK · contrastFactor, kelvin. */
  effectiveDeltaTK: number;
  sigmaPerKm: number;
  /** Time on the wall outside a gap, seconds. */
  barrierDelayS: number;
}

/** Hour at which the reference target is evaluated, by the scene's time of day. */
export const REFERENCE_HOUR: Readonly<Record<TimeOfDay, number>> = Object.freeze({
  night: 0,
  mixed: 0,
  day: 12.5,
  dawn: 6.5,
  dusk: 18.5,
});

export function referenceTarget(world: World): ReferenceTarget {
  const d = THREAT_DEFAULTS.foot;
  const spec = world.scene.threats.find((t) => t.kind === 'foot');
  const hourOfDay = REFERENCE_HOUR[world.scene.environment.timeOfDay];
  const factor = contrastFactor(hourOfDay * 3600, false);
  const deltaTK = spec?.deltaTK ?? d.deltaTK;
  return {
    kind: 'foot',
    speedMps: spec?.speedMps ?? d.speedMps,
    criticalDimM: spec?.criticalDimM ?? d.criticalDimM,
    heightM: spec?.heightM ?? d.heightM,
    deltaTK,
    hourOfDay,
    contrastFactor: factor,
    effectiveDeltaTK: deltaTK * factor,
    sigmaPerKm: world.sigmaPerKm,
    barrierDelayS: world.barrier.delayS.foot,
  };
}
