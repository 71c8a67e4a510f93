import type { AttemptRow } from '../../src/core/attemptRow.ts';
import { newRow } from '../../src/core/attemptRow.ts';
import type { CameraSpec, ConfigSpec, SceneSpec, ThreatShareSpec } from '../../src/core/spec.ts';

/** A flat straight scene for analytic checks; override any part. */
export function flatScene(lengthKm: number, over: Partial<SceneSpec> = {}, threats: ThreatShareSpec[] = [{ kind: 'foot', share: 1 }]): SceneSpec {
  return {
    border: { line: { type: 'straight', lengthKm }, barrier: { heightM: 3, widthM: 3, gaps: [] } },
    terrain: { type: 'flat' },
    environment: { visibility: 'clear', timeOfDay: 'night' },
    threats,
    crossing: { distribution: 'uniform' },
    strip: { approachM: 2000, depthM: 1000 },
    ...over,
  };
}

export function idealCamera(rangeM: number): CameraSpec {
  return { sensor: 'ideal', rangeM, headingDeg: 0, fovDeg: 360 };
}

export function spacedConfig(spacingM: number, cameras: CameraSpec[], attempts = 2000, over: Partial<ConfigSpec> = {}): ConfigSpec {
  return {
    towers: { spacingM, offsetM: spacingM / 2, setbackM: 50, heightM: 15 },
    cameras,
    run: { attempts, seed: 1, stepS: 1 },
    ...over,
  };
}

/** An attempts.csv row for figure tests: undetected foot attempt 0 at chainage 0; override any field. */
export function attemptRow(over: Partial<AttemptRow> = {}): AttemptRow {
  return { ...newRow(), id: 0, threat: 'foot', threatIndex: 0, groupSize: 1, crossingKm: 0, startTimeS: 0, detected: false, detectedBeforeBarrier: false, barrierTimeS: 0, throughTimeS: 0, ...over };
}
