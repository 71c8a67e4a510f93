/**
 * The placement objective (src/optimize/objective.ts) shared between this thread and worker threads,
 * so that the search's moves are scored on every core.
 *
 * Every replica — this thread's and one per worker thread — holds the whole layout and its columns (a
 * move refreshes only its two blocks, a small share of the work) and computes the windows it owns:
 * window w belongs to replica w mod replicas. A move is sent to the threads as soon as its columns
 * say it is worth scoring; while they compute their windows this thread computes its own, then it
 * takes their values before the score is read. A window is always computed by the same replica, from
 * the same columns and with its own chains, so every value — and the search's whole course — is bit
 * for bit what one thread computes, whatever the number of threads (tested).
 *
 * The candidates' contributions move to shared memory once; the threads read them, never copy them.
 * `close()` stops every thread; a thread that fails or exits makes every later call reject.
 */
import { Worker } from 'node:worker_threads';
import type { Contributions } from '../optimize/candidates.ts';
import { PlacementObjective, type ObjectiveOptions, type Score, type SearchObjective } from '../optimize/objective.ts';
import { workerEntry, workerExecArgv } from './workerEntry.ts';

/** A message to a replica on a worker thread (worker.ts hands it to `objectiveReplica`). */
export type ReplicaMessage = { kind: 'objective' } & (
  | { op: 'init'; k: Contributions; opts: Omit<ObjectiveOptions, 'owns'>; replica: number; replicas: number }
  | { op: 'layout'; cands: number[] }
  | { op: 'move'; remove: number; add: number }
  | { op: 'undo' }
);

/** A replica's answer: the values of the windows it computed, and its work so far. */
export interface ReplicaAnswer {
  kind: 'objective';
  windows: number[];
  values: number[];
  evaluations: number;
  pops: number;
}

/** The contributions with every candidate's arrays moved into two shared buffers. */
export function sharedContributions(k: Contributions): Contributions {
  let n = 0;
  for (const a of k.pInf) n += a.length;
  const pBuf = new SharedArrayBuffer(4 * n);
  const rBuf = new SharedArrayBuffer(4 * n);
  const pInf: Float32Array[] = [];
  const rate: Float32Array[] = [];
  let at = 0;
  for (let c = 0; c < k.pInf.length; c++) {
    const len = k.pInf[c].length;
    if (k.rate[c].length !== len) throw new Error(`candidate ${c}: ${len} P∞ values but ${k.rate[c].length} rates`);
    const p = new Float32Array(pBuf, 4 * at, len);
    const r = new Float32Array(rBuf, 4 * at, len);
    p.set(k.pInf[c]);
    r.set(k.rate[c]);
    pInf.push(p);
    rate.push(r);
    at += len;
  }
  return { ...k, pInf, rate };
}

const owner = (replica: number, replicas: number) => (w: number) => w % replicas === replica;

/** The replica of this worker thread (at most one: a thread serves one objective). */
let replica: PlacementObjective | null = null;

/** In a worker thread: applies one message to this thread's replica; the answer to post, or null (undo has none). */
export function objectiveReplica(m: ReplicaMessage): ReplicaAnswer | null {
  if (m.op === 'init') {
    replica = new PlacementObjective(m.k, { ...m.opts, owns: owner(m.replica, m.replicas) });
    return answer(replica, []);
  }
  const obj = replica;
  if (!obj) throw new Error('worker: an objective message before its init');
  const own = (w: number) => obj.ownsWindow(w);
  switch (m.op) {
    case 'layout': {
      obj.setLayout(m.cands);
      const ws: number[] = [];
      for (let w = 0; w < obj.windows; w++) if (own(w)) ws.push(w);
      return answer(obj, ws);
    }
    case 'move':
      obj.move(m.remove, m.add);
      return answer(obj, obj.movedWindows().filter(own));
    case 'undo':
      obj.undo();
      return null;
  }
}

function answer(obj: PlacementObjective, windows: number[]): ReplicaAnswer {
  return { kind: 'objective', windows, values: windows.map((w) => obj.windowP[w]), evaluations: obj.windowEvaluations, pops: obj.nodesPopped };
}

/** One worker thread and the answers it still owes, in order. */
interface Thread {
  worker: Worker;
  waiting: { resolve: (a: ReplicaAnswer) => void; reject: (e: unknown) => void }[];
  evaluations: number;
  pops: number;
}

export class ParallelObjective implements SearchObjective {
  /** This thread's replica: it owns window 0, holds the pinned paths, and every value after a call. */
  readonly local: PlacementObjective;
  private readonly threads: Thread[];
  private failure: unknown = null;
  /** Whether the threads hold the last move (a move its gate refused never reaches them). */
  private threadsMoved = false;

  private constructor(local: PlacementObjective, threads: Thread[]) {
    this.local = local;
    this.threads = threads;
  }

  /**
   * The objective on `replicas` threads in all: this one and replicas − 1 workers. `k` should be
   * shared (sharedContributions), or every thread gets a copy.
   */
  static async create(k: Contributions, opts: Omit<ObjectiveOptions, 'owns'>, replicas: number, spawn?: () => Worker): Promise<ParallelObjective> {
    const n = Math.max(1, Math.floor(replicas));
    const local = new PlacementObjective(k, { ...opts, owns: owner(0, n) });
    const threads: Thread[] = [];
    const obj = new ParallelObjective(local, threads);
    for (let r = 1; r < n; r++) {
      const worker = (spawn ?? (() => new Worker(workerEntry('worker'), { execArgv: workerExecArgv() })))();
      const t: Thread = { worker, waiting: [], evaluations: 0, pops: 0 };
      threads.push(t);
      worker.on('message', (a: ReplicaAnswer | { ready: true }) => {
        if ('ready' in a) return;
        const next = t.waiting.shift();
        if (next) next.resolve(a);
        else obj.fail(new Error('a worker thread answered an objective message it was not sent'));
      });
      worker.on('error', (e) => obj.fail(e));
      worker.on('exit', (code) => obj.fail(new Error(`an objective's worker thread exited (code ${code})`)));
    }
    try {
      obj.take(await obj.send((r) => ({ kind: 'objective', op: 'init', k, opts, replica: r, replicas: n })));
    } catch (e) {
      await obj.close();
      throw e;
    }
    return obj;
  }

  get k(): Contributions {
    return this.local.k;
  }
  get windowP(): Float64Array {
    return this.local.windowP;
  }
  get pinnedP(): Float64Array {
    return this.local.pinnedP;
  }
  get pinnedCount(): number {
    return this.local.pinnedCount;
  }
  /** Windows computed by every replica so far. */
  get windowEvaluations(): number {
    return this.threads.reduce((s, t) => s + t.evaluations, this.local.windowEvaluations);
  }
  /** Nodes the window searches of every replica popped so far. */
  get nodesPopped(): number {
    return this.threads.reduce((s, t) => s + t.pops, this.local.nodesPopped);
  }
  /** Threads computing windows, this one included. */
  get replicas(): number {
    return this.threads.length + 1;
  }

  towers(): readonly number[] {
    return this.local.towers();
  }
  miss(c: number): Float64Array {
    return this.local.miss(c);
  }
  score(): Score {
    return this.local.score();
  }
  mean(): number {
    return this.local.mean();
  }
  weakestRangeM(): [number, number] {
    return this.local.weakestRangeM();
  }
  pinPath(chain: readonly number[]): void {
    this.local.pinPath(chain);
  }
  pinSample(...a: Parameters<PlacementObjective['pinSample']>): void {
    this.local.pinSample(...a);
  }

  async setLayout(cands: readonly number[]): Promise<void> {
    const answers = this.send({ kind: 'objective', op: 'layout', cands: [...cands] });
    this.local.setLayout(cands);
    this.threadsMoved = false;
    this.take(await answers);
  }

  async move(remove: number, add: number, gate?: (mean: number) => boolean): Promise<boolean> {
    // Without a gate the threads start at once; with one, only once this thread's columns pass it.
    let answers = gate ? null : this.send({ kind: 'objective', op: 'move', remove, add });
    this.threadsMoved = !gate;
    this.local.beginMove(remove, add);
    if (gate && !gate(this.local.mean())) return false;
    answers ??= this.send({ kind: 'objective', op: 'move', remove, add });
    this.threadsMoved = true;
    this.local.finishMove();
    this.take(await answers);
    return true;
  }

  undo(): void {
    this.local.undo();
    if (this.threadsMoved) for (const t of this.threads) t.worker.postMessage({ kind: 'objective', op: 'undo' } satisfies ReplicaMessage);
    this.threadsMoved = false;
  }

  /** Stops every worker thread. */
  async close(): Promise<void> {
    this.failure ??= new Error('the objective is closed');
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }

  /** Sends a message to every thread (or thread r its own); resolves with their answers. */
  private send(m: ReplicaMessage | ((r: number) => ReplicaMessage)): Promise<ReplicaAnswer[]> {
    if (this.failure) return Promise.reject(this.failure);
    return Promise.all(
      this.threads.map(
        (t, i) =>
          new Promise<ReplicaAnswer>((resolve, reject) => {
            t.waiting.push({ resolve, reject });
            t.worker.postMessage(typeof m === 'function' ? m(i + 1) : m);
          }),
      ),
    );
  }

  /** The threads' window values into this thread's replica. */
  private take(answers: ReplicaAnswer[]): void {
    answers.forEach((a, i) => {
      const t = this.threads[i];
      t.evaluations = a.evaluations;
      t.pops = a.pops;
      for (let q = 0; q < a.windows.length; q++) this.local.setWindowValue(a.windows[q], a.values[q]);
    });
  }

  private fail(e: unknown): void {
    if (this.failure) return;
    this.failure = e;
    for (const t of this.threads) for (const w of t.waiting.splice(0)) w.reject(e);
  }
}
