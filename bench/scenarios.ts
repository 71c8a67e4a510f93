/**
 * The Monte Carlo benchmark's scenario (issue 6): a straight frontier of any length — or the Iraq–Syria
 * boundary of scenes/iraq-syria.yaml (Natural Earth 1:10m, 599.3 km, one gap at the Euphrates) — with
 * procedural relief, towers every 2 km carrying two panning mid-range thermal cameras, foot attempts
 * with a 2 km approach and 1 km depth: the default deployment, on a longer line, with one threat kind.
 * Built through the config layer (`buildScenario`), so it is validated exactly like a user's files.
 */
import { buildScenario } from '../src/config/scenario.ts';
import type { Scenario } from '../src/config/scenario.ts';
import { sourceFromValue } from '../src/config/source.ts';

export interface FrontierOptions {
  /** Length of a straight line; ignored for `line: 'iraq-syria'`. */
  lengthKm: number;
  /** The line: straight (default) or the Iraq–Syria boundary. */
  line?: 'straight' | 'iraq-syria';
  attempts?: number;
  stepS?: number;
  seed?: number;
  /** LWIR visibility class; the benchmark's workload is `clear`. */
  visibility?: 'clear' | 'haze' | 'dust' | 'fog';
}

/** Scene and config as plain objects (what YAML files would hold). */
export function frontierInputs(o: FrontierOptions): { scene: Record<string, unknown>; config: Record<string, unknown> } {
  const iraqSyria = o.line === 'iraq-syria';
  const km = iraqSyria ? 600 : o.lengthKm;
  // The default scene's two gaps per 50 km, repeated along the line; scenes/iraq-syria.yaml's one gap.
  const gaps: { fromKm: number; toKm: number }[] = [];
  if (iraqSyria) gaps.push({ fromKm: 363.0, toKm: 366.0 });
  else for (let base = 0; base + 50 <= km + 1e-9; base += 50) gaps.push({ fromKm: base + 17.0, toKm: base + 17.3 }, { fromKm: base + 33.5, toKm: base + 33.7 });
  const line = iraqSyria ? { type: 'countries', between: ['Iraq', 'Syria'] } : { type: 'straight', lengthKm: km };
  const scene = {
    name: iraqSyria ? 'bench-iraq-syria' : `bench-straight-${km}km`,
    border: { line, barrier: { heightM: 3, widthM: 3, gaps } },
    // The default scene's relief and wadi density (4 per 50 km; scenes/iraq-syria.yaml has 40).
    terrain: { type: 'procedural', seed: 7, reliefM: 25, wadis: iraqSyria ? 40 : Math.max(1, Math.round((4 * km) / 50)), wadiDepthM: 6, wadiWidthM: 60, cellM: 10 },
    environment: { visibility: o.visibility ?? 'clear', timeOfDay: 'mixed' },
    threats: [{ kind: 'foot', share: 1 }],
    crossing: { distribution: 'uniform' },
    strip: { approachM: 2000, depthM: 1000 },
  };
  const config = {
    towers: { spacingM: 2000, setbackM: 50, heightM: 15 },
    cameras: [
      { sensor: 'thermal', preset: 'mid-range-640', headingDeg: -60, scan: { sectorDeg: 120, periodS: 30 } },
      { sensor: 'thermal', preset: 'mid-range-640', headingDeg: 60, scan: { sectorDeg: 120, periodS: 30 } },
    ],
    run: { attempts: o.attempts ?? 100_000, seed: o.seed ?? 1, stepS: o.stepS ?? 2 },
  };
  return { scene, config };
}

export function frontierScenario(o: FrontierOptions): Scenario {
  const { scene, config } = frontierInputs(o);
  return buildScenario({
    scene: sourceFromValue(scene, o.line === 'iraq-syria' ? '(bench scene: Iraq–Syria)' : `(bench scene: ${o.lengthKm} km)`),
    config: sourceFromValue(config, '(bench config)'),
  });
}
