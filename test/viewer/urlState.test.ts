import { describe, expect, it } from 'vitest';
import { effectiveSets, formatParams, overrideValue, parseParams, withOverride } from '../../src/viewer/urlState.ts';

describe('URL state', () => {
  it('round-trips scene, config, seed, overrides, speed and pause', () => {
    const p = { scene: 'scenes/flat-10km.yaml', config: 'sim-configs/spacing-4km.yaml', seed: 5, sets: ['towers.spacingM=1500', 'scene.environment.visibility=haze', 'cameras.0.preset=long-range-640'], speed: 100, paused: true };
    const q = formatParams(p);
    expect(q).toBe('?scene=scenes/flat-10km.yaml&config=sim-configs/spacing-4km.yaml&seed=5&set=towers.spacingM=1500&set=scene.environment.visibility=haze&set=cameras.0.preset=long-range-640&speed=100&paused=1');
    expect(parseParams(q)).toEqual(p);
  });

  it('escapes what would break the query and reads what URLSearchParams writes', () => {
    const p = { scene: null, config: 'my configs/a&b.yaml', seed: null, sets: ['sweep={ towers.spacingM: [1, 2] }'], speed: null, paused: false };
    expect(parseParams(formatParams(p))).toEqual(p);
    expect(parseParams('?config=sim-configs%2Fdefault.yaml&set=run.attempts%3D300').sets).toEqual(['run.attempts=300']);
    expect(parseParams('').scene).toBeNull();
    expect(parseParams('?seed=abc').seed).toBeNull();
  });

  it('replaces an override of the same key and puts the seed last', () => {
    let sets = withOverride([], 'towers.spacingM', 1000);
    sets = withOverride(sets, 'towers.heightM', 20);
    sets = withOverride(sets, 'towers.spacingM', 3000);
    expect(sets).toEqual(['towers.heightM=20', 'towers.spacingM=3000']);
    expect(overrideValue(sets, 'towers.spacingM')).toBe('3000');
    expect(withOverride(sets, 'towers.heightM', null)).toEqual(['towers.spacingM=3000']);
    expect(effectiveSets({ scene: null, config: null, seed: 9, sets: ['run.seed=2', 'run.attempts=300'], speed: null, paused: false })).toEqual(['run.attempts=300', 'run.seed=9']);
  });
});
