import { describe, expect, it } from 'vitest';
import { createBorder, newStation, segmentStart } from '../../src/core/border.ts';

describe('segmentStart', () => {
  // A 3-4-5 segment then a straight run north: directions known by hand.
  const b = createBorder([0, 0, 3, 4, 3, 10]);

  it('gives the start vertex, the unit tangent and the home-side (left) normal of a segment', () => {
    const st = segmentStart(b, 0, newStation());
    expect(st).toEqual({ x: 0, y: 0, tx: 0.6, ty: 0.8, nx: -0.8, ny: 0.6, segment: 0 });
  });

  it('writes into the scratch it is given and returns it', () => {
    const out = newStation();
    const st = segmentStart(b, 1, out);
    expect(st).toBe(out);
    expect(st).toEqual({ x: 3, y: 4, tx: 0, ty: 1, nx: -1, ny: 0, segment: 1 });
  });
});
