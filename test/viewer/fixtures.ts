import { createSession } from '../../src/core/session.ts';
import type { CameraSpec, ConfigSpec, SceneSpec } from '../../src/core/spec.ts';
import type { World } from '../../src/core/world.ts';
import { createWorld } from '../../src/core/world.ts';
import type { WorldView } from '../../src/viewer/protocol.ts';
import { worldView } from '../../src/viewer/worker/worldView.ts';

/** A small scene for viewer tests: straight border, optional procedural relief and gaps. */
export function testScene(over: Partial<SceneSpec> = {}, lengthKm = 4): SceneSpec {
  return {
    name: 'viewer-test',
    border: { line: { type: 'straight', lengthKm }, barrier: { heightM: 3, widthM: 3, gaps: [{ fromKm: 1.0, toKm: 1.2 }] } },
    terrain: { type: 'procedural', seed: 3, reliefM: 20, wadis: 1, wadiDepthM: 5, wadiWidthM: 60, cellM: 10 },
    environment: { visibility: 'clear', timeOfDay: 'night' },
    threats: [
      { kind: 'foot', share: 0.7 },
      { kind: 'vehicle', share: 0.3 },
    ],
    crossing: { distribution: 'uniform' },
    strip: { approachM: 1000, depthM: 500 },
    ...over,
  };
}

export function testConfig(cameras: CameraSpec[] = [{ sensor: 'thermal', preset: 'mid-range-640', headingDeg: 0, fovDeg: 360 }], over: Partial<ConfigSpec> = {}): ConfigSpec {
  return { towers: { spacingM: 1000, offsetM: 500, setbackM: 50, heightM: 15 }, cameras, run: { attempts: 200, seed: 4, stepS: 1 }, ...over };
}

export function testWorld(scene = testScene(), config = testConfig()): World {
  return createWorld(scene, config);
}

export function testView(world = testWorld()): WorldView {
  const run = world.config.run;
  return worldView(world, createSession(world, run.attempts));
}
