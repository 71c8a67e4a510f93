import { describe, expect, it } from 'vitest';
import { EventKernel } from '../../src/core/events.ts';
import { StreamCursor } from '../../src/core/rng.ts';

interface Entry {
  t: number;
  k: number;
  name: string;
}

/** Entries with many ties: times on a coarse grid, keys from a small set. */
function entries(n: number, seed: number): Entry[] {
  const u = new StreamCursor(seed, 3);
  return Array.from({ length: n }, (_, i) => ({ t: Math.floor(u.next() * 20) * 0.5, k: Math.floor(u.next() * 5), name: `e${i}` }));
}

function drain(kernel: EventKernel<Entry>, until = Infinity): Entry[] {
  const out: Entry[] = [];
  kernel.run(until, (e) => out.push(e));
  return out;
}

describe('EventKernel', () => {
  it('hands events out by time, then key, then scheduling order (a stable sort of the input)', () => {
    const input = entries(2000, 1);
    const k = new EventKernel<Entry>();
    for (const e of input) k.schedule(e.t, e.k, e);
    const expected = [...input].sort((a, b) => a.t - b.t || a.k - b.k); // Array.prototype.sort is stable
    expect(drain(k).map((e) => e.name)).toEqual(expected.map((e) => e.name));
    expect(k.size).toBe(0);
  });

  it('gives the same sequence whatever the order of scheduling when (time, key) pairs are distinct', () => {
    const base = entries(500, 2).map((e, i) => ({ ...e, k: i })); // unique keys: a canonical order
    const orders = [base, [...base].reverse(), [...base].sort((a, b) => a.name.localeCompare(b.name))];
    const runs = orders.map((list) => {
      const k = new EventKernel<Entry>();
      for (const e of list) k.schedule(e.t, e.k, e);
      return drain(k).map((e) => e.name);
    });
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });

  it('runs events a handler schedules, including at the current time after lower keys', () => {
    const k = new EventKernel<string>();
    const seen: string[] = [];
    k.schedule(1, 5, 'a');
    k.schedule(2, 0, 'c');
    k.run(Infinity, (e, t) => {
      seen.push(`${e}@${t}`);
      if (e === 'a') {
        k.schedule(1, 9, 'b'); // same time, larger key: runs next
        k.schedule(3, 0, 'd');
      }
    });
    expect(seen).toEqual(['a@1', 'b@1', 'c@2', 'd@3']);
  });

  it('stops at the horizon, advances now to it, and resumes where it stopped', () => {
    const k = new EventKernel<number>();
    for (const t of [5, 1, 10, 10.5, 3]) k.schedule(t, 0, t);
    const first: number[] = [];
    expect(k.run(10, (e) => first.push(e))).toBe(4);
    expect(first).toEqual([1, 3, 5, 10]);
    expect(k.now).toBe(10);
    expect(k.peekTime()).toBe(10.5);
    expect(() => k.schedule(9, 0, 9)).toThrow(RangeError);
    const rest: number[] = [];
    k.run(Infinity, (e) => rest.push(e));
    expect(rest).toEqual([10.5]);
    expect(k.now).toBe(10.5);
    expect(k.peekTime()).toBe(Infinity);
  });

  it('hands out one event at a time with next, in the same order as run, up to a horizon', () => {
    const input = entries(300, 4);
    const a = new EventKernel<Entry>();
    const b = new EventKernel<Entry>();
    for (const e of input) {
      a.schedule(e.t, e.k, e);
      b.schedule(e.t, e.k, e);
    }
    const stepped: string[] = [];
    for (let e = b.next(5); e !== undefined; e = b.next(5)) {
      stepped.push(e.name);
      expect(b.now).toBe(e.t);
    }
    expect(b.peekTime()).toBeGreaterThan(5);
    for (let e = b.next(); e !== undefined; e = b.next()) stepped.push(e.name);
    expect(stepped).toEqual(drain(a).map((e) => e.name));
    expect(b.next()).toBeUndefined();
  });

  it('merges lists handed over in order with scheduled events, as if each list event had been scheduled', () => {
    // Two lists of numeric events and scheduled ones on a coarse grid of times: many ties. A list
    // event i has key key0 + i; scheduled keys are drawn from the same range.
    const u = new StreamCursor(7, 5);
    const listA = Float64Array.from({ length: 300 }, () => Math.floor(u.next() * 40) * 0.5).sort();
    const listB = Float64Array.from({ length: 200 }, () => Math.floor(u.next() * 40) * 0.5).sort();
    // Scheduled keys interleave with the lists' (x.25 never equals a list key): each (time, key) is one event's.
    const scheduled = Array.from({ length: 400 }, (_, i) => ({ t: Math.floor(u.next() * 40) * 0.5, k: Math.floor(u.next() * 1200) + 0.25, e: 10_000 + i }));
    const merged = new EventKernel<number>();
    merged.addList(listA, 0, 0, 2); // events 0, 2, 4, …; keys 0 …
    merged.addList(listB, 50.5, 1, 2); // events 1, 3, 5, …; keys 50.5 …: at one time, before list A's early on, after them later
    const plain = new EventKernel<number>();
    listA.forEach((t, i) => plain.schedule(t, i, 2 * i));
    listB.forEach((t, i) => plain.schedule(t, 50.5 + i, 1 + 2 * i));
    for (const x of scheduled) {
      merged.schedule(x.t, x.k, x.e);
      plain.schedule(x.t, x.k, x.e);
    }
    expect(merged.size).toBe(900);
    expect(merged.peekTime()).toBe(plain.peekTime());
    const a: number[] = [];
    const b: number[] = [];
    expect(merged.run(10, (e) => a.push(e))).toBe(plain.run(10, (e) => b.push(e)));
    expect(merged.now).toBe(10);
    merged.run(Infinity, (e) => a.push(e));
    plain.run(Infinity, (e) => b.push(e));
    expect(a).toEqual(b);
    expect(a.length).toBe(900);
    expect(merged.size).toBe(0);
  });

  it('runs a scheduled event before a list event of the same time and key, and refuses a list out of order', () => {
    const k = new EventKernel<number>();
    k.addList(Float64Array.of(1, 2, 2), 5, 100, 1); // (1, 5) 100, (2, 6) 101, (2, 7) 102
    k.schedule(2, 6, 7);
    k.schedule(2, 7.5, 8);
    const seen: number[] = [];
    k.run(Infinity, (e, t) => seen.push(e, t));
    expect(seen).toEqual([100, 1, 7, 2, 101, 2, 102, 2, 8, 2]);
    expect(() => k.addList(Float64Array.of(3, 2.5), 0, 0, 1)).toThrow(RangeError);
    expect(() => k.addList(Float64Array.of(1), 0, 0, 1)).toThrow(RangeError); // before now (2 s)
  });
});
