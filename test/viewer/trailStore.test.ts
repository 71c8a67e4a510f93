import { describe, expect, it } from 'vitest';
import { createHeightfield } from '../../src/core/terrain/heightfield.ts';
import { createSceneFrame } from '../../src/viewer/render/sceneFrame.ts';
import { TrailStore } from '../../src/viewer/render/trailStore.ts';

const frame = createSceneFrame(createHeightfield(0, 0, 100, 3, 3), 1);
const rgb = new Float32Array(30).fill(1);

function tick(store: TrailStore, t: number, ids: number[], x0: number): void {
  const xyz = new Float32Array(ids.flatMap((_, i) => [x0 + i * 10, 50, 1.8]));
  store.update(t, ids.length, Int32Array.from(ids), xyz, rgb);
}

describe('trails', () => {
  it('sample every intervalS of simulated time, up to `points` samples, ending at the current position', () => {
    const store = new TrailStore(frame, 10, 4, 5, 30);
    for (let k = 0; k <= 10; k++) tick(store, k * 10, [3], k);
    // Samples at t = 0, 30, 60, 90 (every 30 s): four segments, the last to the current position.
    const pos = new Float32Array(4 * 5 * 6);
    const col = new Float32Array(4 * 5 * 8);
    expect(store.writeSegments(pos, col)).toBe(4);
    expect(pos[0] - pos[3]).toBeCloseTo(-3, 5);
    // Last segment ends at the current x (10) relative to the frame origin.
    expect(pos[3 * 6 + 3] + frame.originX).toBeCloseTo(10, 4);
    // Alpha grows towards the head.
    expect(col[3]).toBeLessThan(col[3 * 8 + 7]);
    for (let k = 11; k <= 40; k++) tick(store, k * 10, [3], k);
    expect(store.writeSegments(pos, col)).toBe(5);
  });

  it('frees the trails of intruders that left and caps the number of trails', () => {
    const store = new TrailStore(frame, 10, 2, 4, 30);
    tick(store, 0, [1, 2, 3], 0);
    expect(store.liveTrails).toBe(2);
    // Slots freed in a tick are reused from the next one.
    tick(store, 10, [3], 0);
    expect(store.liveTrails).toBe(0);
    tick(store, 15, [3], 0);
    expect(store.liveTrails).toBe(1);
    tick(store, 20, [3, 4, 5], 0);
    expect(store.liveTrails).toBe(2);
    store.clear();
    expect(store.liveTrails).toBe(0);
  });
});
