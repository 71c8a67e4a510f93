/**
 * Breach paths draped on the ground: a path's corners are joined by short segments that follow the
 * relief (checked on a plane tilted in x, where the ground height is known exactly).
 */
import { describe, expect, it } from 'vitest';
import { createHeightfield } from '../../src/core/terrain/heightfield.ts';
import { drapedSegments } from '../../src/viewer/render/breachPathsLayer.ts';
import { createSceneFrame } from '../../src/viewer/render/sceneFrame.ts';

/** A 100 m grid from (0, 0) to (1000, 1000) rising 0.1 m per metre east. */
function tiltedFrame(exaggeration: number) {
  const n = 11;
  const heights = new Float32Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) heights[j * n + i] = 0.1 * i * 100;
  return createSceneFrame(createHeightfield(0, 0, 100, n, n, heights), exaggeration);
}

describe('drapedSegments', () => {
  it('cuts each leg into pieces of at most 25 m that lie 3 m above the (exaggerated) ground', () => {
    const f = tiltedFrame(2);
    // Origin at the grid's centre (500, 500). Legs: 60 m east (3 pieces of 20 m), then 10 m north (1 piece).
    const s = drapedSegments(f, [200, 260, 260], [300, 300, 310]);
    expect(s.length).toBe(4 * 6);
    const piece = (k: number) => Array.from(s.slice(6 * k, 6 * k + 6));
    // x − 500, y − 500, 2 × 0.1 × x + 3.
    expect(piece(0).map((v) => Math.round(v * 1e3) / 1e3)).toEqual([-300, -200, 43, -280, -200, 47]);
    expect(piece(2).map((v) => Math.round(v * 1e3) / 1e3)).toEqual([-260, -200, 51, -240, -200, 55]);
    expect(piece(3).map((v) => Math.round(v * 1e3) / 1e3)).toEqual([-240, -200, 55, -240, -190, 55]);
  });

  it('draws nothing for a single point', () => {
    expect(drapedSegments(tiltedFrame(1), [100], [100]).length).toBe(0);
  });
});
