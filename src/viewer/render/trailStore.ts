/**
 * Short trails behind live intruders: a fixed number of past positions per intruder, sampled every
 * `intervalS` of simulated time (so a trail covers the same stretch of the walk at any speed), in
 * preallocated rings. Slots are assigned by attempt id and freed when an intruder leaves the frame.
 * Updating and writing the line buffer allocate nothing.
 */
import type { SceneFrame } from './sceneFrame.ts';
import { groundZ } from './sceneFrame.ts';

/** Height of the trail above the ground, metres. */
const TRAIL_LIFT_M = 0.5;

export class TrailStore {
  readonly points: number;
  readonly maxSlots: number;
  private readonly slotOf: Int32Array;
  private readonly slotId: Int32Array;
  private readonly ring: Float32Array;
  private readonly head: Uint8Array;
  private readonly len: Uint8Array;
  private readonly lastT: Float64Array;
  private readonly cur: Float32Array;
  private readonly rgb: Float32Array;
  private readonly seen: Uint32Array;
  private readonly active: Int32Array;
  private activeCount = 0;
  private readonly free: Int32Array;
  private freeCount: number;
  private stamp = 0;

  /**
   * @param maxAttempts ids run from 0 to maxAttempts − 1
   * @param maxSlots most trails kept at once; intruders beyond it have none
   */
  constructor(
    private readonly frame: SceneFrame,
    maxAttempts: number,
    maxSlots: number,
    points = 8,
    private readonly intervalS = 30,
  ) {
    this.points = points;
    this.maxSlots = maxSlots;
    this.slotOf = new Int32Array(maxAttempts).fill(-1);
    this.slotId = new Int32Array(maxSlots);
    this.ring = new Float32Array(maxSlots * points * 3);
    this.head = new Uint8Array(maxSlots);
    this.len = new Uint8Array(maxSlots);
    this.lastT = new Float64Array(maxSlots);
    this.cur = new Float32Array(maxSlots * 3);
    this.rgb = new Float32Array(maxSlots * 3);
    this.seen = new Uint32Array(maxSlots);
    this.active = new Int32Array(maxSlots);
    this.free = new Int32Array(maxSlots);
    for (let i = 0; i < maxSlots; i++) this.free[i] = maxSlots - 1 - i;
    this.freeCount = maxSlots;
  }

  get liveTrails(): number {
    return this.activeCount;
  }

  /**
   * Takes a frame: `count` intruders with world positions `xyz` (3 per intruder, z unused) and colours `rgb`
   * chosen by the caller (3 per intruder, same order). Frees the trails of intruders not in it.
   */
  update(tS: number, count: number, ids: Int32Array, xyz: Float32Array, rgb: Float32Array): void {
    const stamp = ++this.stamp;
    const f = this.frame;
    const P = this.points;
    for (let i = 0; i < count; i++) {
      const id = ids[i];
      let s = this.slotOf[id];
      if (s < 0) {
        if (this.freeCount === 0) continue;
        s = this.free[--this.freeCount];
        this.slotOf[id] = s;
        this.slotId[s] = id;
        this.head[s] = 0;
        this.len[s] = 0;
        this.lastT[s] = -Infinity;
        this.active[this.activeCount++] = s;
      }
      this.seen[s] = stamp;
      const x = xyz[3 * i];
      const y = xyz[3 * i + 1];
      const sx = x - f.originX;
      const sy = y - f.originY;
      // Trails run on the ground (the frame's z is the target's top, which a crawler keeps low anyway).
      const sz = groundZ(f, x, y) + TRAIL_LIFT_M;
      this.cur[3 * s] = sx;
      this.cur[3 * s + 1] = sy;
      this.cur[3 * s + 2] = sz;
      this.rgb[3 * s] = rgb[3 * i];
      this.rgb[3 * s + 1] = rgb[3 * i + 1];
      this.rgb[3 * s + 2] = rgb[3 * i + 2];
      if (tS - this.lastT[s] >= this.intervalS) {
        const h = this.head[s];
        const o = (s * P + h) * 3;
        this.ring[o] = sx;
        this.ring[o + 1] = sy;
        this.ring[o + 2] = sz;
        this.head[s] = (h + 1) % P;
        if (this.len[s] < P) this.len[s]++;
        this.lastT[s] = tS;
      }
    }
    // Free the trails of intruders that left (swap-remove from the active list).
    for (let a = 0; a < this.activeCount; ) {
      const s = this.active[a];
      if (this.seen[s] === stamp) {
        a++;
        continue;
      }
      this.slotOf[this.slotId[s]] = -1;
      this.free[this.freeCount++] = s;
      this.active[a] = this.active[--this.activeCount];
    }
  }

  /** Drops every trail. */
  clear(): void {
    for (let a = 0; a < this.activeCount; a++) {
      const s = this.active[a];
      this.slotOf[this.slotId[s]] = -1;
      this.free[this.freeCount++] = s;
    }
    this.activeCount = 0;
  }

  /**
   * Writes the trails as line segments (oldest sample → … → newest → current position), RGBA colours
   * fading towards the tail. Returns the number of segments written (capacity: maxSlots · points).
   */
  writeSegments(positions: Float32Array, colors: Float32Array): number {
    const P = this.points;
    let seg = 0;
    for (let a = 0; a < this.activeCount; a++) {
      const s = this.active[a];
      const n = this.len[s];
      if (n === 0) continue;
      const start = (this.head[s] - n + P) % P;
      for (let k = 0; k < n; k++) {
        const o0 = (s * P + ((start + k) % P)) * 3;
        const last = k === n - 1;
        const o1 = last ? -1 : (s * P + ((start + k + 1) % P)) * 3;
        const src1 = last ? this.cur : this.ring;
        const i1 = last ? 3 * s : o1;
        const p = seg * 6;
        positions[p] = this.ring[o0];
        positions[p + 1] = this.ring[o0 + 1];
        positions[p + 2] = this.ring[o0 + 2];
        positions[p + 3] = src1[i1];
        positions[p + 4] = src1[i1 + 1];
        positions[p + 5] = src1[i1 + 2];
        const a0 = (k / n) * 0.85;
        const a1 = ((k + 1) / n) * 0.85;
        const c = seg * 8;
        colors[c] = colors[c + 4] = this.rgb[3 * s];
        colors[c + 1] = colors[c + 5] = this.rgb[3 * s + 1];
        colors[c + 2] = colors[c + 6] = this.rgb[3 * s + 2];
        colors[c + 3] = a0;
        colors[c + 7] = a1;
        seg++;
      }
    }
    return seg;
  }
}
