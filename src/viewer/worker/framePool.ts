/**
 * Packs the session's intruder frame (whose arrays the session reuses every tick) into transferable
 * buffers. Buffers come back from the page after drawing ('recycle'), so a steady stream allocates
 * nothing once the pool holds the two or three buffers in flight.
 */
import type { IntruderFrame } from '../../core/session.ts';
import type { PackedFrame } from '../protocol.ts';
import { frameBytes } from '../protocol.ts';

/** Buffers kept for reuse; more than this in flight are simply garbage once returned. */
const MAX_POOLED = 8;

export class FramePool {
  private readonly free: ArrayBuffer[] = [];

  /** @param cap slots per buffer: the most intruders a frame can hold (the session's attempt count). */
  constructor(readonly cap: number) {}

  /** A buffer of this pool's size, reused when one came back. */
  take(): ArrayBuffer {
    return this.free.pop() ?? new ArrayBuffer(frameBytes(this.cap));
  }

  /** Takes back a buffer the page has finished with; ignores buffers of another size (an older scenario). */
  recycle(buffer: ArrayBuffer): void {
    if (buffer.byteLength === frameBytes(this.cap) && this.free.length < MAX_POOLED) this.free.push(buffer);
  }

  get pooled(): number {
    return this.free.length;
  }

  /** Copies the live part of `frame` into a pooled buffer. */
  pack(frame: IntruderFrame): PackedFrame {
    const cap = this.cap;
    const buffer = this.take();
    const n = frame.count;
    const ids = new Int32Array(buffer, 0, cap);
    const xyz = new Float32Array(buffer, 4 * cap, 3 * cap);
    const threat = new Uint8Array(buffer, 16 * cap, cap);
    const detected = new Uint8Array(buffer, 17 * cap, cap);
    ids.set(frame.id.subarray(0, n));
    threat.set(frame.threat.subarray(0, n));
    detected.set(frame.detected.subarray(0, n));
    for (let i = 0; i < n; i++) {
      xyz[3 * i] = frame.x[i];
      xyz[3 * i + 1] = frame.y[i];
      xyz[3 * i + 2] = frame.z[i];
    }
    return { buffer, cap, count: n };
  }
}
