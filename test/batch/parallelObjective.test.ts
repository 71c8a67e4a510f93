/**
 * The placement objective shared with worker threads (src/batch/parallelObjective.ts): after any
 * sequence of layouts, moves (gated or not) and undos its values are bit for bit those of one
 * PlacementObjective in this thread, a whole search takes the same course, and its threads stop.
 */
import fc from 'fast-check';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { workerEntry, workerExecArgv } from '../../src/batch/workerEntry.ts';
import { ParallelObjective, sharedContributions } from '../../src/batch/parallelObjective.ts';
import { coverageWatch } from '../../src/coverage/watch.ts';
import { candidateOf } from '../../src/optimize/candidates.ts';
import { PlacementObjective, type SearchObjective } from '../../src/optimize/objective.ts';
import { searchPlacement } from '../../src/optimize/search.ts';
import { contributionsOf, desertConfig as config, desertScene as scene } from '../optimize/helpers.ts';

const k = sharedContributions(contributionsOf(scene, config, { stepM: 200, cellM: 60, heightsM: [15, 25] }));
const opts = { attention: coverageWatch(config, 8).attention, windowM: 1000, marginM: 500 };

/** Every thread a test started, so that afterEach can check none outlives it. */
let spawned: Worker[] = [];
const spawn = () => {
  const w = new Worker(workerEntry('worker'), { execArgv: workerExecArgv() });
  spawned.push(w);
  return w;
};
const exited = (w: Worker) => w.threadId === -1;

afterEach(() => {
  expect(spawned.filter((w) => !exited(w))).toEqual([]);
  spawned = [];
});

/** Everything the search reads, as plain values. */
function state(o: SearchObjective) {
  return { towers: [...o.towers()], windowP: Array.from(o.windowP), pinnedP: Array.from(o.pinnedP), score: o.score(), mean: o.mean() };
}

describe('sharedContributions', () => {
  it('moves every candidate into two shared buffers, values unchanged', () => {
    const plain = contributionsOf(scene, config, { stepM: 500, cellM: 60 });
    const shared = sharedContributions(plain);
    expect(shared.pInf[0].buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.rate[0].buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(new Set(shared.pInf.map((a) => a.buffer)).size).toBe(1);
    for (let c = 0; c < plain.cand.count; c++) {
      expect(Array.from(shared.pInf[c])).toEqual(Array.from(plain.pInf[c]));
      expect(Array.from(shared.rate[c])).toEqual(Array.from(plain.rate[c]));
    }
  });
});

describe('ParallelObjective', () => {
  it('has more windows than replicas here, so every replica owns some', () => {
    expect(new PlacementObjective(k, opts).windows).toBeGreaterThanOrEqual(6);
  });

  it('any layout, moves (with and without a gate) and undos: bit-identical to one thread, on 2 and 3 threads', async () => {
    const slots = k.cand.slots;
    const par2 = await ParallelObjective.create(k, opts, 2, spawn);
    const par3 = await ParallelObjective.create(k, opts, 3, spawn);
    try {
      expect([par2.replicas, par3.replicas]).toEqual([2, 3]);
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(fc.integer({ min: 0, max: slots - 1 }), { minLength: 2, maxLength: 6 }),
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: slots - 1 }), fc.nat(1), fc.constantFrom('keep', 'undo', 'gate-refuse', 'gate-pass')), { minLength: 1, maxLength: 8 }),
          async (startSlots, moves) => {
            const one = new PlacementObjective(k, opts);
            const objs: SearchObjective[] = [one, par2, par3];
            const start = startSlots.map((s) => candidateOf(k.cand, s, 0));
            for (const o of objs) await o.setLayout(start);
            for (const o of objs.slice(1)) expect(state(o)).toEqual(state(one));
            for (const [pick, slot, h, what] of moves) {
              const towers = one.towers();
              const remove = towers[pick % towers.length];
              const add = candidateOf(k.cand, slot, h);
              if (towers.includes(add)) continue;
              const gate = what === 'gate-refuse' ? () => false : what === 'gate-pass' ? () => true : undefined;
              const moved = await Promise.all(objs.map((o) => o.move(remove, add, gate)));
              expect(moved).toEqual(objs.map(() => what !== 'gate-refuse'));
              if (what === 'gate-refuse' || what === 'undo') for (const o of objs) o.undo();
              for (const o of objs.slice(1)) expect(state(o)).toEqual(state(one));
            }
          },
        ),
        { numRuns: 25, seed: 14 },
      );
    } finally {
      await Promise.all([par2.close(), par3.close()]);
    }
  });

  it('a pinned path counts on every thread count alike', async () => {
    const one = new PlacementObjective(k, opts);
    const par = await ParallelObjective.create(k, opts, 2, spawn);
    try {
      const R = k.grid.R;
      const chain = Array.from({ length: R }, (_, j) => 20 * R + j);
      const layout = [3, 9, 14].map((s) => candidateOf(k.cand, s, 0));
      for (const o of [one, par] as SearchObjective[]) {
        await o.setLayout(layout);
        o.pinPath(chain);
        await o.move(layout[1], candidateOf(k.cand, 11, 1));
      }
      expect(par.pinnedCount).toBe(1);
      expect(state(par)).toEqual(state(one));
    } finally {
      await par.close();
    }
  });

  it('a whole search takes the same course on 2 threads as on one: towers, scores, changes kept, windows computed', async () => {
    const search = (obj: SearchObjective) => searchPlacement(obj, { towers: 4, seed: 5, iterations: 150, meanIterations: 150 });
    const alone = await search(new PlacementObjective(k, opts));
    const par = await ParallelObjective.create(k, opts, 2, spawn);
    try {
      const shared = await search(par);
      expect(shared).toEqual(alone);
      // The worker thread computed its share of the windows.
      expect(par.windowEvaluations).toBeGreaterThan(par.local.windowEvaluations);
    } finally {
      await par.close();
    }
  });

  it('a thread that dies makes the next call reject, and close stops the rest', async () => {
    const par = await ParallelObjective.create(k, opts, 3, spawn);
    await par.setLayout([1, 5, 9].map((s) => candidateOf(k.cand, s, 0)));
    await spawned[spawned.length - 1].terminate();
    await expect(par.move(par.towers()[0], candidateOf(k.cand, 12, 0))).rejects.toThrow(/exited/);
    await par.close();
  });

  it('a thread that cannot start fails create, and no thread is left', async () => {
    const broken = () => {
      const w = new Worker('process.exit(3)', { eval: true });
      spawned.push(w);
      return w;
    };
    await expect(ParallelObjective.create(k, opts, 3, broken)).rejects.toThrow(/exited \(code 3\)/);
  });
});
