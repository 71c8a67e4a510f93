/**
 * The page's handle on one simulation worker: its messages as an rxjs Observable, commands going the
 * other way, and frame buffers handed back for reuse. `startSimulation` resolves once the worker has
 * built its world (or rejects with the error text, terminating the worker), so a caller can keep the
 * previous run going until the new one is ready.
 */
import type { Observable } from 'rxjs';
import { Subject, filter, map } from 'rxjs';
import type { SimCommand } from '../stream/simulation.ts';
import type { BatchMessage, CoverageRaster, PageMessage, ScenarioRequest, WorkerMessage, WorldView } from './protocol.ts';

export class SimClient {
  private readonly messages = new Subject<WorkerMessage>();
  /** Every tick's batch, in order. */
  readonly batches$: Observable<BatchMessage>;
  /** A failure of the running simulation (after it was ready): its message. */
  readonly errors$: Observable<string>;
  private closed = false;

  constructor(
    private readonly worker: Worker,
    readonly gen: number,
    readonly view: WorldView,
    readonly request: ScenarioRequest,
  ) {
    this.batches$ = this.messages.pipe(filter((m): m is BatchMessage => m.type === 'batch' && m.gen === gen));
    this.errors$ = this.messages.pipe(
      filter((m): m is Extract<WorkerMessage, { type: 'error' }> => m.type === 'error' && m.gen === gen),
      map((m) => m.message),
    );
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => this.messages.next(e.data);
    worker.onerror = (e) => this.messages.next({ type: 'error', gen, message: `internal error: the simulation worker failed (${e.message || 'no message'})` });
  }

  command(command: SimCommand): void {
    if (!this.closed) this.post({ type: 'command', command });
  }

  recycle(buffer: ArrayBuffer): void {
    if (!this.closed && buffer.byteLength > 0) this.post({ type: 'recycle', buffer }, [buffer]);
  }

  private post(m: PageMessage, transfer: Transferable[] = []): void {
    this.worker.postMessage(m, transfer);
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.worker.terminate();
    this.messages.complete();
  }
}

export type WorkerFactory = () => Worker;

export const simWorkerFactory: WorkerFactory = () => new Worker(new URL('./worker/simWorker.ts', import.meta.url), { type: 'module', name: 'watchline-sim' });
export const coverageWorkerFactory: WorkerFactory = () => new Worker(new URL('./worker/coverageWorker.ts', import.meta.url), { type: 'module', name: 'watchline-coverage' });

/** Starts a worker on `request`; resolves when its world is ready, rejects with the error text. */
export function startSimulation(request: ScenarioRequest, gen: number, factory: WorkerFactory = simWorkerFactory): Promise<SimClient> {
  return new Promise((resolve, reject) => {
    const worker = factory();
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
      const m = e.data;
      if (m.gen !== gen) return;
      if (m.type === 'ready') resolve(new SimClient(worker, gen, m.view, request));
      else if (m.type === 'error') {
        worker.terminate();
        reject(new Error(m.message));
      }
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(`internal error: the simulation worker failed (${e.message || 'no message'})`));
    };
    const msg: PageMessage = { type: 'load', gen, request };
    worker.postMessage(msg);
  });
}

/** Computes the coverage overlay in its own short-lived worker. */
export function computeCoverageAsync(request: ScenarioRequest, gen: number, factory: WorkerFactory = coverageWorkerFactory): { result: Promise<CoverageRaster>; cancel: () => void } {
  const worker = factory();
  const result = new Promise<CoverageRaster>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
      const m = e.data;
      worker.terminate();
      if (m.type === 'coverage') resolve(m.coverage);
      else reject(new Error(m.type === 'error' ? m.message : 'unexpected message'));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message));
    };
  });
  const msg: PageMessage = { type: 'load', gen, request };
  worker.postMessage(msg);
  return { result, cancel: () => worker.terminate() };
}
