import { describe, expect, it } from 'vitest';
import { createHeightfield, flatHeightfield, heightAt } from '../../../src/core/terrain/heightfield.ts';

describe('heightAt: the triangulated surface', () => {
  // 3 × 2 samples, 10 m cells, origin (100, 200). Row j = 0: 0, 4, 8; row j = 1: 2, 10, 6.
  const hf = createHeightfield(100, 200, 10, 3, 2, Float32Array.from([0, 4, 8, 2, 10, 6]));

  it('is the sample at every sample', () => {
    expect(heightAt(hf, 100, 200)).toBe(0);
    expect(heightAt(hf, 110, 200)).toBe(4);
    expect(heightAt(hf, 120, 200)).toBe(8);
    expect(heightAt(hf, 100, 210)).toBe(2);
    expect(heightAt(hf, 110, 210)).toBe(10);
    expect(heightAt(hf, 120, 210)).toBe(6);
  });

  it('is linear along cell edges and along the diagonal (i, j)–(i + 1, j + 1)', () => {
    expect(heightAt(hf, 105, 200)).toBe(2); // (0 + 4) / 2
    expect(heightAt(hf, 100, 205)).toBe(1); // (0 + 2) / 2
    expect(heightAt(hf, 105, 205)).toBe(5); // diagonal (0 + 10) / 2, not the other diagonal's (4 + 2) / 2
    expect(heightAt(hf, 117.5, 207.5)).toBe(5.5); // second cell's diagonal (1,0)–(2,1): 4 + 0.75·(6 − 4)
  });

  it('uses the lower triangle (0,0),(1,0),(1,1) below the diagonal and the upper one above it', () => {
    // Cell 0: lower  g = 0 + u·(4 − 0) + v·(10 − 4);  upper  g = 0 + v·(2 − 0) + u·(10 − 2).
    expect(heightAt(hf, 108, 202)).toBeCloseTo(0.8 * 4 + 0.2 * 6, 12);
    expect(heightAt(hf, 102, 208)).toBeCloseTo(0.8 * 2 + 0.2 * 8, 12);
  });

  it('holds the edge value outside the grid', () => {
    expect(heightAt(hf, 50, 200)).toBe(0);
    expect(heightAt(hf, 500, 210)).toBe(6);
    expect(heightAt(hf, 105, -1e6)).toBe(2);
    expect(heightAt(hf, 115, 1e6)).toBe(8);
    expect(heightAt(hf, -1e9, 1e9)).toBe(2);
  });

  it('a flat heightfield covers its bounds with zeros', () => {
    const flat = flatHeightfield(-5000, -2000, 5000, 2000);
    expect(flat.originX).toBe(-5000);
    expect(flat.originY).toBe(-2000);
    expect(flat.originX + (flat.nx - 1) * flat.cellM).toBeGreaterThanOrEqual(5000);
    expect(flat.originY + (flat.ny - 1) * flat.cellM).toBeGreaterThanOrEqual(2000);
    expect(heightAt(flat, 1234, -567)).toBe(0);
  });

  it('rejects inconsistent sizes', () => {
    expect(() => createHeightfield(0, 0, 10, 3, 3, new Float32Array(8))).toThrow(/expected 9/);
    expect(() => createHeightfield(0, 0, 0, 3, 3)).toThrow();
  });
});
