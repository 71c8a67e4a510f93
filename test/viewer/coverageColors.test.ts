import { describe, expect, it } from 'vitest';
import { sampleCoverage } from '../../src/viewer/render/coverageColors.ts';
import type { CoverageRaster } from '../../src/viewer/protocol.ts';

const empty = { deadSM: new Float64Array(0), deadDepthM: new Float32Array(0) };

describe('sampleCoverage', () => {
  it('reads the nearest sample of a single raster, 0 outside it', () => {
    const c: CoverageRaster = { originX: 10, originY: 20, cellM: 5, nx: 3, ny: 2, p: Float32Array.from([0, 1, 2, 3, 4, 5]), ...empty };
    expect(sampleCoverage(c, 10, 20)).toBe(0);
    expect(sampleCoverage(c, 17.4, 20)).toBe(1);
    expect(sampleCoverage(c, 17.6, 23)).toBe(5);
    expect(sampleCoverage(c, 9, 20)).toBe(0);
  });

  it('reads per-tile rasters, with tile edges shared with a missing neighbour', () => {
    // Two tiles of 100 m side in a row; only the left one exists. 3 × 3 samples, 50 m apart.
    const p = Float32Array.from([0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]);
    const tiles = { originX: 0, originY: 0, tileM: 100, tilesX: 2, tilesY: 1, slot: Int32Array.from([0, -1]), n: 3, p };
    const c: CoverageRaster = { originX: 0, originY: 0, cellM: 50, nx: 0, ny: 0, p: new Float32Array(0), tiles, ...empty };
    expect(sampleCoverage(c, 0, 0)).toBeCloseTo(0.0, 6);
    expect(sampleCoverage(c, 40, 10)).toBeCloseTo(0.1, 6);
    expect(sampleCoverage(c, 60, 60)).toBeCloseTo(0.4, 6);
    // The left tile's last column is its right edge, where the missing tile begins.
    expect(sampleCoverage(c, 100, 0)).toBeCloseTo(0.2, 6);
    expect(sampleCoverage(c, 110, 100)).toBeCloseTo(0.8, 6);
    // Nearer the missing tile's own samples: nothing there.
    expect(sampleCoverage(c, 130, 0)).toBe(0);
    expect(sampleCoverage(c, -1, 0)).toBe(0);
  });
});
