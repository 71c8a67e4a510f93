/**
 * The detection times of a run, kept exactly but in bounded memory: the statistics need the mean
 * over the sorted values and exact quantiles (p50, p90), so every value must be kept — but not as a
 * list that grows with the number of attempts.
 *
 * Batch runs round times to the millisecond (src/core/attemptRow.ts), so a time is an integer count of
 * milliseconds. The multiset starts as a list of those integers (4 bytes each); once the list would
 * take more room than counts per millisecond over the pages of time it touches, it turns into such
 * counts: pages of 4,096 ms × 4 bytes, allocated where detections fall. Memory is then bounded by the
 * span of detection times (about 4 bytes per millisecond, ~8 MB for a 2,000 s approach), whatever
 * the number of attempts: a run of 10^8 attempts needs no more than one of 10^6.
 *
 * A value off the millisecond grid (not a multiple of 0.001 s, negative, −0, NaN, beyond 49 days) is
 * kept as it is in a separate list; the viewer, which does not round, stores its times there (its
 * runs are short). Values are reproduced bit for bit (k / 1000 is the same double as the rounded
 * time and as the number parsed from its CSV text), so sums and quantiles equal those over a plain
 * sorted array of the same values, and the result does not depend on insertion order.
 */

/** Milliseconds per page of counts. */
const PAGE_MS = 4096;
/** Largest key on the millisecond grid: counts are indexed by a 32-bit millisecond count. */
const MAX_KEY = 0xffffffff;

export class TimeMultiset {
  private n = 0;
  /** List mode: millisecond keys in insertion order (null once turned into pages). */
  private list: Uint32Array | null = new Uint32Array(64);
  private listLen = 0;
  /** Page mode: page index → counts per millisecond of the page. */
  private pages: Map<number, Uint32Array> | null = null;
  /** Values off the grid, as they are. */
  private other = new Float64Array(0);
  private otherLen = 0;

  /** Number of values. */
  get size(): number {
    return this.n;
  }

  /** Bytes held by the value storage (for tests and the memory report). */
  get bytes(): number {
    let b = this.other.byteLength + (this.list?.byteLength ?? 0);
    if (this.pages) b += this.pages.size * PAGE_MS * 4;
    return b;
  }

  add(v: number): void {
    this.n++;
    const k = Math.round(v * 1000);
    if (k >= 0 && k <= MAX_KEY && k / 1000 === v && !Object.is(v, -0)) this.addKey(k, 1);
    else this.addOther(v);
  }

  /** Adds every value of `m` (counts add: the multiset of a merged run is the union). */
  merge(m: TimeMultiset): void {
    m.forEachRun((v, count) => {
      for (let i = 0; i < count; i++) this.add(v);
    });
  }

  private addOther(v: number): void {
    if (this.otherLen === this.other.length) {
      const grown = new Float64Array(Math.max(16, this.other.length * 2));
      grown.set(this.other);
      this.other = grown;
    }
    this.other[this.otherLen++] = v;
  }

  private addKey(k: number, count: number): void {
    if (this.pages) {
      const p = Math.floor(k / PAGE_MS);
      let page = this.pages.get(p);
      if (!page) {
        page = new Uint32Array(PAGE_MS);
        this.pages.set(p, page);
      }
      page[k - p * PAGE_MS] += count;
      return;
    }
    const list = this.list!;
    if (this.listLen + count > list.length) {
      // Growing: would counts over the touched pages take less room than the list? Then switch.
      const touched = new Set<number>();
      for (let i = 0; i < this.listLen; i++) touched.add(Math.floor(list[i] / PAGE_MS));
      touched.add(Math.floor(k / PAGE_MS));
      if ((touched.size * PAGE_MS) <= this.listLen + count) {
        this.toPages();
        this.addKey(k, count);
        return;
      }
      const grown = new Uint32Array(Math.max(list.length * 2, this.listLen + count));
      grown.set(list.subarray(0, this.listLen));
      this.list = grown;
    }
    for (let i = 0; i < count; i++) this.list![this.listLen++] = k;
  }

  private toPages(): void {
    const list = this.list!;
    const len = this.listLen;
    this.pages = new Map();
    this.list = null;
    this.listLen = 0;
    for (let i = 0; i < len; i++) this.addKey(list[i], 1);
  }

  /**
   * Calls `fn(value, count)` for each distinct value in ascending order (−0 before 0, NaN last, as
   * Float64Array.prototype.sort orders them).
   */
  forEachRun(fn: (v: number, count: number) => void): void {
    const other = this.other.slice(0, this.otherLen).sort();
    let oi = 0;
    const flushOtherBelow = (g: number) => {
      // Off-grid values that sort before g (equality only for −0 against the key 0).
      while (oi < other.length && other[oi] <= g) {
        let c = 1;
        while (oi + c < other.length && Object.is(other[oi + c], other[oi])) c++;
        fn(other[oi], c);
        oi += c;
      }
    };
    const emit = (k: number, c: number) => {
      const v = k / 1000;
      flushOtherBelow(v);
      fn(v, c);
    };
    if (this.pages) {
      const ids = [...this.pages.keys()].sort((a, b) => a - b);
      for (const p of ids) {
        const page = this.pages.get(p)!;
        for (let i = 0; i < PAGE_MS; i++) if (page[i] > 0) emit(p * PAGE_MS + i, page[i]);
      }
    } else {
      const keys = this.list!.slice(0, this.listLen).sort();
      for (let i = 0; i < keys.length; ) {
        let c = 1;
        while (i + c < keys.length && keys[i + c] === keys[i]) c++;
        emit(keys[i], c);
        i += c;
      }
    }
    flushOtherBelow(Infinity);
    while (oi < other.length) {
      // NaN (never ≤ anything) comes last.
      fn(other[oi], 1);
      oi++;
    }
  }

  /**
   * The sum of the values added in ascending order (so it does not depend on insertion order) and
   * the values at the given 0-based ranks of the sorted sequence.
   */
  sumAndRanks(ranks: readonly number[]): { sum: number; at: number[] } {
    const at = ranks.map(() => NaN);
    let sum = 0;
    let seen = 0;
    this.forEachRun((v, c) => {
      for (let i = 0; i < c; i++) sum += v;
      for (let r = 0; r < ranks.length; r++) if (ranks[r] >= seen && ranks[r] < seen + c) at[r] = v;
      seen += c;
    });
    return { sum, at };
  }
}
