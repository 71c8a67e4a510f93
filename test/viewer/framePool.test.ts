import { describe, expect, it } from 'vitest';
import type { IntruderFrame } from '../../src/core/session.ts';
import { frameBytes, frameViews } from '../../src/viewer/protocol.ts';
import { FramePool } from '../../src/viewer/worker/framePool.ts';

function frame(count: number, cap: number): IntruderFrame {
  const f: IntruderFrame = { count, id: new Int32Array(cap), x: new Float32Array(cap), y: new Float32Array(cap), z: new Float32Array(cap), threat: new Uint8Array(cap), detected: new Uint8Array(cap) };
  for (let i = 0; i < count; i++) {
    f.id[i] = 100 + i;
    f.x[i] = 1000 + i;
    f.y[i] = -50 - i;
    f.z[i] = 1.8;
    f.threat[i] = i % 3;
    f.detected[i] = i % 2;
  }
  return f;
}

describe('frame packing', () => {
  it('packs the live part of a frame into one transferable buffer and reads back the same', () => {
    const pool = new FramePool(16);
    const p = pool.pack(frame(5, 16));
    expect(p.buffer.byteLength).toBe(frameBytes(16));
    expect(p.count).toBe(5);
    const v = frameViews(p.buffer, p.cap);
    expect(Array.from(v.ids.subarray(0, 5))).toEqual([100, 101, 102, 103, 104]);
    expect(Array.from(v.xyz.subarray(0, 6))).toEqual([1000, -50, 1.7999999523162842, 1001, -51, 1.7999999523162842]);
    expect(Array.from(v.threat.subarray(0, 5))).toEqual([0, 1, 2, 0, 1]);
    expect(Array.from(v.detected.subarray(0, 5))).toEqual([0, 1, 0, 1, 0]);
  });

  it('reuses returned buffers and ignores buffers of another size', () => {
    const pool = new FramePool(8);
    const a = pool.pack(frame(2, 8));
    pool.recycle(a.buffer);
    expect(pool.pooled).toBe(1);
    const b = pool.pack(frame(3, 8));
    expect(b.buffer).toBe(a.buffer);
    expect(pool.pooled).toBe(0);
    pool.recycle(new ArrayBuffer(frameBytes(9)));
    expect(pool.pooled).toBe(0);
  });
});
