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
});
