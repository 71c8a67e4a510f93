import { describe, expect, it } from 'vitest';
import { worldFromJob, worldInputsOf } from '../../src/world/job.ts';
import { flatScene, idealCamera, spacedConfig } from '../core/fixtures.ts';

describe('world jobs', () => {
  // A bent line: 5 km north-east (3-4-5), then 6 km north; 11 km in all.
  const borderXY = Float64Array.of(0, 0, 3000, 4000, 3000, 10_000);
  const job = { scene: flatScene(11), config: spacedConfig(2000, [idealCamera(500)]), borderXY };

  it('rebuild a file-based border from its vertices', () => {
    const border = worldInputsOf(job).border!;
    expect(border.lengthM).toBeCloseTo(11_000, 9);
    expect(worldInputsOf({ scene: job.scene, config: job.config }).border).toBeUndefined();
  });

  it('give a worker thread the same world as the main thread (a structured clone of the job)', () => {
    const here = worldFromJob(job);
    const there = worldFromJob(structuredClone(job));
    // Towers every 2 km from 1 km up to the line's end: 1, 3, …, 11 km; the one at 5 km on the bend.
    expect(Array.from(here.towers.sM)).toEqual([1000, 3000, 5000, 7000, 9000, 11_000]);
    expect(Array.from(there.towers.x)).toEqual(Array.from(here.towers.x));
    expect(Array.from(there.towers.y)).toEqual(Array.from(here.towers.y));
    expect(Array.from(there.cameras.headingRad)).toEqual(Array.from(here.cameras.headingRad));
  });
});
