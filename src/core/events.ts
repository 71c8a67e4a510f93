/**
 * A small discrete-event kernel (SimPy's `Environment`, reduced to its core): a heap of
 * (time, stable key, event), `schedule` and `run(until)`. It knows nothing of alarms, operators or
 * teams — those are processes written on top of it (core/campaign/).
 *
 * Ordering is by time, then by the caller's stable key, then by the order of scheduling. The key is
 * what makes a pass reproducible: a caller that derives keys from stable ids (an alarm's index in a
 * canonical list, not the order in which workers returned it) gets the same sequence of events
 * whatever order its inputs were gathered in. The last tie-break (scheduling order) only matters for
 * a caller that reuses keys, and is itself deterministic.
 *
 * The heap lives in typed arrays (time, key, sequence, slot) grown by doubling; events sit in a
 * plain array indexed by slot, so scheduling allocates nothing once the arrays are large enough.
 */

/** The kernel: schedule events, then run them in order. */
export class EventKernel<E> {
  /** Simulated time of the event being handled (or the last `run`'s horizon), seconds. */
  now = 0;
  private time = new Float64Array(64);
  private key = new Float64Array(64);
  private seq = new Float64Array(64);
  private payload: (E | undefined)[] = new Array(64);
  private n = 0;
  private nextSeq = 0;

  /** Events waiting. */
  get size(): number {
    return this.n;
  }

  /** Time of the next event, Infinity when none. */
  peekTime(): number {
    return this.n > 0 ? this.time[0] : Infinity;
  }

  /**
   * Schedules `event` at `timeS` with the stable `key` (ties at one time run by ascending key).
   * An event in the past of `now` is an error in the caller's process, so it throws.
   */
  schedule(timeS: number, key: number, event: E): void {
    if (!(timeS >= this.now)) throw new RangeError(`event scheduled at ${timeS} s, before now (${this.now} s)`);
    if (this.n === this.time.length) this.grow();
    let i = this.n++;
    const s = this.nextSeq++;
    // Sift up: move parents that come after the new entry down one level.
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(timeS, key, s, this.time[p], this.key[p], this.seq[p])) break;
      this.move(p, i);
      i = p;
    }
    this.time[i] = timeS;
    this.key[i] = key;
    this.seq[i] = s;
    this.payload[i] = event;
  }

  /**
   * Runs every event at or before `untilS` in order, calling `handle` for each (it may schedule
   * more); then `now` is `untilS` (or stays at the last event's time when `untilS` is Infinity).
   * Returns the number of events handled.
   */
  run(untilS: number, handle: (event: E, timeS: number) => void): number {
    let count = 0;
    for (let e = this.next(untilS); e !== undefined; e = this.next(untilS)) {
      handle(e, this.now);
      count++;
    }
    if (untilS !== Infinity && untilS > this.now) this.now = untilS;
    return count;
  }

  /**
   * Takes the next event if it is at or before `untilS`: removes it and returns it, `now` its time;
   * undefined when there is none (`now` unchanged). The loop of `run` for a caller that handles events
   * itself, as a method of its own rather than a callback (events must not be undefined).
   */
  next(untilS = Infinity): E | undefined {
    if (this.n === 0 || !(this.time[0] <= untilS)) return undefined;
    const e = this.payload[0] as E;
    this.now = this.time[0];
    this.pop();
    return e;
  }

  /** Removes the root and restores the heap (sift the last entry down from the root). */
  private pop(): void {
    const last = --this.n;
    this.payload[0] = undefined;
    if (last === 0) return;
    const t = this.time[last];
    const k = this.key[last];
    const s = this.seq[last];
    const e = this.payload[last];
    this.payload[last] = undefined;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      if (c + 1 < last && before(this.time[c + 1], this.key[c + 1], this.seq[c + 1], this.time[c], this.key[c], this.seq[c])) c++;
      if (!before(this.time[c], this.key[c], this.seq[c], t, k, s)) break;
      this.move(c, i);
      i = c;
    }
    this.time[i] = t;
    this.key[i] = k;
    this.seq[i] = s;
    this.payload[i] = e;
  }

  private move(from: number, to: number): void {
    this.time[to] = this.time[from];
    this.key[to] = this.key[from];
    this.seq[to] = this.seq[from];
    this.payload[to] = this.payload[from];
  }

  private grow(): void {
    const size = this.time.length * 2;
    const grown = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.time = grown(this.time);
    this.key = grown(this.key);
    this.seq = grown(this.seq);
    this.payload.length = size;
  }
}

/** Does (t1, k1, s1) come before (t2, k2, s2)? */
function before(t1: number, k1: number, s1: number, t2: number, k2: number, s2: number): boolean {
  return t1 < t2 || (t1 === t2 && (k1 < k2 || (k1 === k2 && s1 < s2)));
}
