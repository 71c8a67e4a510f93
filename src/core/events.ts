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
 *
 * Events known in advance and already in order — a process's arrivals generated beforehand — can be
 * handed over as a list (`addList`) instead of one by one: the kernel merges each list's next event
 * with the heap as it hands events out, in the same order, without the list's events ever entering
 * the heap (a list of thousands costs no more heap work than one event).
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
  // The lists: times, the key and payload of their first event and the payload's step, the next
  // event's index and the end.
  private readonly lists: Float64Array[] = [];
  private readonly listKey0: number[] = [];
  private readonly listEvent0: number[] = [];
  private readonly listStep: number[] = [];
  private readonly listNext: number[] = [];

  /** Events waiting (in the heap and the lists). */
  get size(): number {
    let n = this.n;
    for (let l = 0; l < this.lists.length; l++) n += this.lists[l].length - this.listNext[l];
    return n;
  }

  /** Time of the next event, Infinity when none. */
  peekTime(): number {
    const l = this.firstList();
    const t = l >= 0 ? this.lists[l][this.listNext[l]] : Infinity;
    return this.n > 0 ? Math.min(this.time[0], t) : t;
  }

  /**
   * Hands over a list of numeric events already in order: event i is at `timesS[i]` (not before now,
   * never decreasing) with key `key0 + i` and the event `event0 + step·i`. They run as if each had
   * been scheduled, except that at one time and one key a scheduled event runs first.
   */
  addList(this: EventKernel<number>, timesS: Float64Array, key0: number, event0: number, step: number): void {
    for (let i = 0; i < timesS.length; i++) {
      if (!(timesS[i] >= (i > 0 ? timesS[i - 1] : this.now))) throw new RangeError(`list event ${i} at ${timesS[i]} s is out of order or before now (${this.now} s)`);
    }
    this.lists.push(timesS);
    this.listKey0.push(key0);
    this.listEvent0.push(event0);
    this.listStep.push(step);
    this.listNext.push(0);
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
    const l = this.lists.length > 0 ? this.firstList() : -1;
    if (l >= 0) {
      const i = this.listNext[l];
      const t = this.lists[l][i];
      // The list's event, unless the heap's comes first (or ties it: then the scheduled one).
      if (this.n === 0 || t < this.time[0] || (t === this.time[0] && this.listKey0[l] + i < this.key[0])) {
        if (!(t <= untilS)) return undefined;
        this.listNext[l] = i + 1;
        this.now = t;
        return (this.listEvent0[l] + this.listStep[l] * i) as E;
      }
    }
    if (this.n === 0 || !(this.time[0] <= untilS)) return undefined;
    const e = this.payload[0] as E;
    this.now = this.time[0];
    this.pop();
    return e;
  }

  /** The list whose next event comes first (by time, then key; the earlier list on a tie), −1 when all are done. */
  private firstList(): number {
    let best = -1;
    let bestT = 0;
    let bestK = 0;
    for (let l = 0; l < this.lists.length; l++) {
      const i = this.listNext[l];
      if (i >= this.lists[l].length) continue;
      const t = this.lists[l][i];
      const k = this.listKey0[l] + i;
      if (best < 0 || t < bestT || (t === bestT && k < bestK)) {
        best = l;
        bestT = t;
        bestK = k;
      }
    }
    return best;
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
