import { describe, expect, it } from 'vitest';
import { createWorld } from '../../src/core/world.ts';
import { analyzeCoverage } from '../../src/coverage/coverage.ts';
import { coverageFigure } from '../../src/coverage/plotSpec.ts';
import { flatScene, idealCamera, spacedConfig } from '../core/fixtures.ts';

/** Every `data.values` array in a spec, depth first. */
function dataValues(node: unknown, out: unknown[][] = []): unknown[][] {
  if (Array.isArray(node)) node.forEach((n) => dataValues(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    const data = o.data as { values?: unknown[] } | undefined;
    if (data?.values) out.push(data.values);
    for (const v of Object.values(o)) dataValues(v, out);
  }
  return out;
}

describe('the coverage plot', () => {
  it('marks the world’s towers and names the config and scene', () => {
    // Towers every 3 km from 1.5 km on a 10 km line: 1.5, 4.5, 7.5 km.
    const world = createWorld(flatScene(10), spacedConfig(3000, [idealCamera(800)]));
    const report = analyzeCoverage(world, { breach: false, binM: 250 });
    const spec = coverageFigure(report, world, { scene: 'scenes/s.yaml', config: 'c.yaml' });
    expect((spec.title as { text: string }).text).toBe('Coverage — c.yaml on scenes/s.yaml');
    expect(dataValues(spec)).toContainEqual([{ km: 1.5 }, { km: 4.5 }, { km: 7.5 }]);
  });
});
