import { Subject, map } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { runAttempts } from '../../src/core/run.ts';
import type { SessionBatch } from '../../src/core/session.ts';
import { advanceSession, createSession } from '../../src/core/session.ts';
import type { SimCommand } from '../../src/stream/simulation.ts';
import { simulate } from '../../src/stream/simulation.ts';
import { createWorld } from '../../src/core/world.ts';
import { flatScene, spacedConfig } from '../core/fixtures.ts';

// A small world where rates are intermediate: fixed narrow thermal cameras, 20 km of flat border.
const scene = flatScene(20);
const config = spacedConfig(2000, [{ sensor: 'thermal', preset: 'short-range-320', headingDeg: 0 }], 120);
const world = createWorld(scene, config);

function batchOutcomes() {
  let detected = 0;
  let before = 0;
  runAttempts(world, 0, 120, (o) => {
    if (o.detected) detected++;
    if (o.beforeBarrier) before++;
  });
  return { detected, before };
}

describe('session', () => {
  it('ends with the same counts as the batch run (the viewer matches the CLI)', () => {
    const s = createSession(world, 120);
    let last: SessionBatch | null = null;
    const seen = new Set<number>();
    for (let t = s.clockS; !last?.done; t += 600) {
      last = advanceSession(s, t);
      for (const e of last.events) {
        expect(seen.has(e.attempt)).toBe(false);
        seen.add(e.attempt);
      }
    }
    const want = batchOutcomes();
    expect(last!.totals.started).toBe(120);
    expect(last!.totals.finished).toBe(120);
    expect(last!.totals.detected).toBe(want.detected);
    expect(last!.totals.detectedBeforeBarrier).toBe(want.before);
    expect(seen.size).toBe(want.detected);
  });

  it('emits each event once, when the clock passes its time, in time order', () => {
    const s = createSession(world, 120);
    let prev = -Infinity;
    let clock = s.clockS;
    for (let b = advanceSession(s, clock); !b.done; b = advanceSession(s, (clock += 97))) {
      for (const e of b.events) {
        expect(e.t).toBeGreaterThanOrEqual(prev);
        expect(e.t).toBeLessThanOrEqual(b.tS);
        prev = e.t;
      }
      // Active intruders are inside the strip.
      for (let i = 0; i < b.intruders.count; i++) expect(Math.abs(b.intruders.y[i])).toBeLessThanOrEqual(2000 + 1e-3);
    }
  });
});

describe('simulate() stream under virtual time', () => {
  it('marble: one batch per 10 ms frame on the injected scheduler, completing with the last attempt', () => {
    // The same session stepped by hand says how many ticks of 20,000 simulated seconds it takes.
    const probe = createSession(world, 5);
    const t0 = probe.clockS;
    const expected: number[] = [];
    for (let done = false; !done; ) {
      const b = advanceSession(probe, probe.clockS + 20_000);
      expected.push(b.tS - t0);
      done = b.done;
    }
    expect(expected.length).toBeGreaterThan(1);
    expect(expected.length).toBeLessThan(26);
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const marble = expected.map((_, i) => `${i === 0 ? '10ms' : '9ms'} ${i === expected.length - 1 ? `(${letters[i]}|)` : letters[i]}`).join(' ');
    const values = Object.fromEntries(expected.map((t, i) => [letters[i], t]));
    const scheduler = new TestScheduler((x, y) => expect(x).toEqual(y));
    scheduler.run(({ expectObservable }) => {
      const s = createSession(world, 5);
      // 10 ms frames at 2e6 simulated s per second: 20,000 s per tick.
      expectObservable(simulate(s, { scheduler, frameMs: 10, speed: 2_000_000 }).pipe(map((b) => b.tS - t0))).toBe(marble, values);
    });
  });

  it('marble: ticks every frame, pause holds, step advances once, resume continues', () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    scheduler.run(({ cold }) => {
      const s = createSession(world, 120);
      const t0 = s.clockS;
      const commands$ = cold<SimCommand>('-------p---s-----r', {
        p: { type: 'pause' },
        s: { type: 'step', seconds: 5 },
        r: { type: 'resume' },
      });
      // 2 ms frames at 1000 simulated s per second: 2 s per tick.
      const clock$ = simulate(s, { scheduler, frameMs: 2, speed: 1000 }, commands$);
      const times: number[] = [];
      const sub = clock$.subscribe((b) => times.push(b.tS - t0));
      scheduler.schedule(() => sub.unsubscribe(), 24);
      scheduler.flush();
      // Ticks at 2, 4, 6 ms (2, 4, 6 s); pause at 7 ms; the step at 11 ms is applied at the 12 ms
      // tick (+5 s); resume at 17 ms → ticks at 18, 20, 22, 24 ms continue at 2 s each.
      expect(times).toEqual([2, 4, 6, 11, 13, 15, 17]);
    });
  });

  it('speed commands change the simulated time per tick', () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    scheduler.run(() => {
      const s = createSession(world, 120);
      const t0 = s.clockS;
      const commands$ = new Subject<SimCommand>();
      const times: number[] = [];
      const sub = simulate(s, { scheduler, frameMs: 10, speed: 100 }, commands$).subscribe((b) => times.push(b.tS - t0));
      scheduler.schedule(() => commands$.next({ type: 'speed', value: 1000 }), 25);
      scheduler.schedule(() => sub.unsubscribe(), 41);
      scheduler.flush();
      expect(times).toEqual([1, 2, 12, 22]);
    });
  });
});
