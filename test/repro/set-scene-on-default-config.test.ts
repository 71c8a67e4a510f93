/**
 * Repro (85e5255): `--set scene=F` without `--config` (on the built-in default config) was silently
 * ignored: the run used the built-in scene, not F, and a missing F was not reported. Fixed: the scene
 * reference of the default config is read like a config file's, relative to the working directory.
 * (Moved here from test/config/overrides.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/config/load.ts';
import { expectProblem } from '../config/helpers.ts';

describe('repro: --set scene=F on the default config', () => {
  it('loads F (relative to the working directory), and a missing F is an error', () => {
    const s = loadScenario({ sets: ['scene=scenes/flat-10km.yaml'] });
    expect(s.sceneFile).toBe('scenes/flat-10km.yaml');
    expect(s.scene.border.line).toEqual({ type: 'straight', lengthKm: 10 });
    expectProblem(() => loadScenario({ sets: ['scene=scenes/none.yaml'] }), { file: /default config/, path: 'scene', allowed: /existing/ });
  });
});
