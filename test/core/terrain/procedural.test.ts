import { describe, expect, it } from 'vitest';
import { borderBounds, createBorder, newStation, stationAt, straightBorder } from '../../../src/core/border.ts';
import type { Border } from '../../../src/core/border.ts';
import type { TerrainSpec } from '../../../src/core/spec.ts';
import { heightAt } from '../../../src/core/terrain/heightfield.ts';
import type { ProceduralTerrainSpec } from '../../../src/core/terrain/procedural.ts';
import { MAX_CELLS, generateProceduralTerrain, reliefHeights, terrainForScene } from '../../../src/core/terrain/procedural.ts';

const spec = (over: Partial<ProceduralTerrainSpec> = {}): ProceduralTerrainSpec => ({
  type: 'procedural',
  seed: 7,
  reliefM: 30,
  wadis: 4,
  wadiDepthM: 5,
  wadiWidthM: 40,
  cellM: 10,
  ...over,
});

const sameBits = (a: Float32Array, b: Float32Array) => a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe('procedural relief', () => {
  const border = straightBorder(20_000);
  const bounds = borderBounds(border, 2000);

  it('is deterministic: the same seed gives bit-identical heights, another seed different ones', () => {
    const a = generateProceduralTerrain(spec(), border, bounds);
    const b = generateProceduralTerrain(spec(), border, bounds);
    const c = generateProceduralTerrain(spec({ seed: 8 }), border, bounds);
    expect(sameBits(a.heightfield.heights, b.heightfield.heights)).toBe(true);
    expect(a.wadiKm).toEqual(b.wadiKm);
    expect(sameBits(a.heightfield.heights, c.heightfield.heights)).toBe(false);
    let differ = 0;
    for (let k = 0; k < a.heightfield.heights.length; k++) if (Math.abs(a.heightfield.heights[k] - c.heightfield.heights[k]) > 0.5) differ++;
    expect(differ / a.heightfield.heights.length).toBeGreaterThan(0.8);
    expect(a.wadiKm).not.toEqual(c.wadiKm);
  });

  it('covers the bounds at cellM', () => {
    const { heightfield: hf } = generateProceduralTerrain(spec({ wadis: 0 }), border, bounds);
    expect(hf.originX).toBe(bounds.minX);
    expect(hf.originY).toBe(bounds.minY);
    expect(hf.cellM).toBe(10);
    expect(hf.nx).toBe(2401); // 24 km / 10 m + 1
    expect(hf.ny).toBe(401);
  });

  it('has a peak-to-trough amplitude of roughly reliefM, never beyond it, and rolls rather than jumps', () => {
    for (const reliefM of [10, 30, 80]) {
      const { heightfield: hf } = generateProceduralTerrain(spec({ reliefM, wadis: 0 }), border, bounds);
      let lo = Infinity;
      let hi = -Infinity;
      let sum2 = 0;
      let maxStep = 0;
      const h = hf.heights;
      for (let k = 0; k < h.length; k++) {
        lo = Math.min(lo, h[k]);
        hi = Math.max(hi, h[k]);
        sum2 += h[k] * h[k];
        if ((k + 1) % hf.nx !== 0) maxStep = Math.max(maxStep, Math.abs(h[k + 1] - h[k]));
      }
      // A 24 × 4 km window of relief with a 2.4 km broadest wavelength spans most of the bound.
      expect(hi - lo).toBeGreaterThan(0.6 * reliefM);
      expect(hi - lo).toBeLessThanOrEqual(reliefM);
      expect(lo).toBeGreaterThanOrEqual(-reliefM / 2);
      expect(hi).toBeLessThanOrEqual(reliefM / 2);
      // Not a constant and not white noise: rms 10–40 % of reliefM, slopes between 10 m samples gentle.
      const rms = Math.sqrt(sum2 / h.length);
      expect(rms).toBeGreaterThan(0.1 * reliefM);
      expect(rms).toBeLessThan(0.4 * reliefM);
      expect(maxStep / hf.cellM).toBeLessThan(0.02 * reliefM);
    }
  });

  it('a point’s height barely depends on the grid it is sampled on (spline error ~1 % of reliefM)', () => {
    // The same relief on a grid shifted by a non-multiple of the lattice stride: the lattices differ,
    // the heights at common points by the splines' error only (≈ 1 % of reliefM, from the finest octave).
    const a = reliefHeights(3, 0, 0, 10, 300, 120, { reliefM: 30 });
    const b = reliefHeights(3, 70, 30, 10, 300, 120, { reliefM: 30 });
    let maxDiff = 0;
    for (let j = 0; j + 3 < 120; j++) for (let i = 0; i + 7 < 300; i++) maxDiff = Math.max(maxDiff, Math.abs(a[(j + 3) * 300 + i + 7] - b[j * 300 + i]));
    expect(maxDiff).toBeGreaterThan(0); // really resampled
    expect(maxDiff).toBeLessThan(0.02 * 30);
  });
});

describe('wadis', () => {
  /** Ground along the barrier line every 10 m, with the chainage of each sample. */
  function lineProfile(border: Border, hf: ReturnType<typeof generateProceduralTerrain>['heightfield']) {
    const st = newStation();
    const s: number[] = [];
    const z: number[] = [];
    for (let sM = 0; sM <= border.lengthM; sM += 10) {
      stationAt(border, sM, st);
      s.push(sM);
      z.push(heightAt(hf, st.x, st.y));
    }
    return { s, z };
  }

  function checkLowGround(border: Border, p: ProceduralTerrainSpec) {
    const { heightfield: hf, wadiKm } = generateProceduralTerrain(p, border, borderBounds(border, 2000));
    expect(wadiKm).toHaveLength(p.wadis);
    for (let k = 1; k < wadiKm.length; k++) expect(wadiKm[k]).toBeGreaterThan(wadiKm[k - 1]);
    expect(wadiKm[0]).toBeGreaterThan(0);
    expect(wadiKm[wadiKm.length - 1]).toBeLessThan(border.lengthM / 1000);
    const { s, z } = lineProfile(border, hf);
    const st = newStation();
    // Outside every wadi channel (±1 width), the line's ground …
    let minOutside = Infinity;
    for (let k = 0; k < s.length; k++) {
      if (wadiKm.some((km) => Math.abs(s[k] - km * 1000) < p.wadiWidthM)) continue;
      minOutside = Math.min(minOutside, z[k]);
    }
    for (const km of wadiKm) {
      stationAt(border, km * 1000, st);
      const bed = heightAt(hf, st.x, st.y);
      // … is higher than each wadi's bed on the line by at least ~the wadi's depth: the wadis are
      // clearly the low ground, the bed at −reliefM/2 − depth.
      // (The flat bed is a third of the width; between samples the interpolated bed may rise a little.)
      expect(bed).toBeGreaterThanOrEqual(-p.reliefM / 2 - p.wadiDepthM - 1e-3);
      expect(bed).toBeLessThan(-p.reliefM / 2 - 0.9 * p.wadiDepthM);
      expect(minOutside - bed).toBeGreaterThan(0.9 * p.wadiDepthM);
      // The channel is wadiWidthM wide: half a width to either side along the line it has climbed out.
      stationAt(border, km * 1000 + p.wadiWidthM, st);
      expect(heightAt(hf, st.x, st.y)).toBeGreaterThan(bed + 0.9 * p.wadiDepthM);
    }
    return { hf, wadiKm };
  }

  it('cross a straight border at seeded, ascending chainages, lowest on the barrier line', () => {
    checkLowGround(straightBorder(30_000), spec({ wadis: 5 }));
  });

  it('also on a rough relief and a diagonal straight border', () => {
    checkLowGround(createBorder([0, 0, 14_000, -14_000]), spec({ wadis: 3, reliefM: 60, wadiDepthM: 8, wadiWidthM: 60, seed: 99 }));
  });

  it('also on a gently bent border', () => {
    checkLowGround(createBorder([0, 0, 10_000, 0, 20_000, 1_500, 30_000, 1_000]), spec({ wadis: 6, seed: 5 }));
  });

  it('run roughly along the line’s normal: 1.5 km out on either side the wadi is still low ground near its chainage', () => {
    const border = straightBorder(30_000);
    const p = spec({ wadis: 5 });
    const { heightfield: hf, wadiKm } = generateProceduralTerrain(p, border, borderBounds(border, 2000));
    for (const km of wadiKm) {
      for (const y of [-1500, 1500]) {
        // Search ±3 widths (meander ≤ 2 × (1.4 + 0.7) widths ≈ 15° over 1.5 km ⇒ ≤ 400 m; allow that).
        let lowest = Infinity;
        let at = 0;
        for (let x = km * 1000 - 500; x <= km * 1000 + 500; x += 2) {
          const h = heightAt(hf, x, y);
          if (h < lowest) {
            lowest = h;
            at = x;
          }
        }
        expect(lowest).toBeLessThan(-p.reliefM / 2 - 0.8 * p.wadiDepthM);
        expect(Math.abs(at - km * 1000)).toBeLessThan(Math.tan((20 * Math.PI) / 180) * 1500);
      }
    }
  });

  it('none requested, none carved', () => {
    const border = straightBorder(10_000);
    const bounds = borderBounds(border, 1000);
    const a = generateProceduralTerrain(spec({ wadis: 0 }), border, bounds);
    expect(a.wadiKm).toEqual([]);
    expect(a.heightfield.heights.reduce((m, v) => Math.min(m, v), Infinity)).toBeGreaterThanOrEqual(-15);
  });
});

describe('long borders', () => {
  // How fast it generates is measured by `npm run bench` (scaling: the ground's share of each run's
  // wall time), not asserted here: a timed assertion fails on a loaded machine and passes on a slow build.
  it('a 600 km straight border with a 3.5 km strip at 10 m: one 60 001 × 351 float32 grid with every wadi', () => {
    const border = straightBorder(600_000);
    const bounds = { minX: 0, minY: -2000, maxX: 600_000, maxY: 1500 };
    const { heightfield: hf, wadiKm } = generateProceduralTerrain(spec({ wadis: 30 }), border, bounds);
    expect(hf.nx).toBe(60_001);
    expect(hf.ny).toBe(351);
    expect(hf.heights).toBeInstanceOf(Float32Array);
    expect(wadiKm).toHaveLength(30);
    // Every height finite (no NaN from noise at 600 km out), and the wadis inside the line.
    expect(hf.heights.every(Number.isFinite)).toBe(true);
    for (const km of wadiKm) expect(km > 0 && km < 600).toBe(true);
  });

  it('refuses a grid larger than MAX_CELLS with a clear message instead of exhausting memory', () => {
    const border = createBorder([0, 0, 600_000, 600_000]);
    expect((600_000 / 10) ** 2).toBeGreaterThan(MAX_CELLS);
    expect(() => generateProceduralTerrain(spec(), border, borderBounds(border, 2000))).toThrow(/cellM/);
  });
});

describe('terrainForScene', () => {
  const border = straightBorder(10_000);
  const bounds = borderBounds(border, 2000);

  it('flat: a flat heightfield over the bounds, no wadis', () => {
    const t = terrainForScene({ type: 'flat' }, border, bounds);
    expect(t.wadiKm).toEqual([]);
    expect(t.heightfield.originX).toBe(bounds.minX);
    expect(Math.max(...t.heightfield.heights)).toBe(0);
    expect(heightAt(t.heightfield, 5000, 0)).toBe(0);
  });

  it('procedural: the generated terrain', () => {
    const p = spec();
    const t = terrainForScene(p, border, bounds);
    expect(sameBits(t.heightfield.heights, generateProceduralTerrain(p, border, bounds).heightfield.heights)).toBe(true);
    expect(t.wadiKm).toHaveLength(4);
  });

  it('dem: a clear error until DEM support lands', () => {
    const dem: TerrainSpec = { type: 'dem', file: 'x.tif' };
    expect(() => terrainForScene(dem, border, bounds)).toThrow(/dem.*not supported/);
  });
});
