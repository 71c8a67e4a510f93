/**
 * Repro (4405369): when the running simulation worker failed (an exception in the worker after its
 * world was ready), the page kept showing the last frame as if the run were going on: nothing listened
 * to the worker's `error` event or to its error messages after start-up. Fixed: SimClient turns both
 * into `errors$`, which the app shows in the error banner. A fake worker stands in for the real one.
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioRequest, WorkerMessage, WorldView } from '../../src/viewer/protocol.ts';
import { SimClient } from '../../src/viewer/simClient.ts';

class FakeWorker {
  onmessage: ((e: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  postMessage(): void {}
  terminate(): void {
    this.terminated = true;
  }
  /** What the worker sends the page. */
  send(m: WorkerMessage): void {
    this.onmessage?.({ data: m } as MessageEvent<WorkerMessage>);
  }
  /** An uncaught exception inside the worker. */
  crash(message: string): void {
    this.onerror?.({ message } as ErrorEvent);
  }
}

function client(gen: number) {
  const worker = new FakeWorker();
  const c = new SimClient(worker as unknown as Worker, gen, {} as WorldView, { sets: [], speed: 1, paused: false } as unknown as ScenarioRequest);
  const errors: string[] = [];
  c.errors$.subscribe((m) => errors.push(m));
  return { worker, c, errors };
}

describe('repro: a failure of the running worker reaches the page', () => {
  it('an uncaught exception in the worker becomes an error message', () => {
    const { worker, errors } = client(3);
    worker.crash('RangeError: Invalid array length');
    expect(errors).toEqual(['internal error: the simulation worker failed (RangeError: Invalid array length)']);
  });

  it('an error the worker reports for this run is passed on; one for an older run is not', () => {
    const { worker, errors } = client(3);
    worker.send({ type: 'error', gen: 2, message: 'stale' } as WorkerMessage);
    worker.send({ type: 'error', gen: 3, message: 'the scene file went away' } as WorkerMessage);
    expect(errors).toEqual(['the scene file went away']);
  });

  it('a failure without a message still says the worker failed', () => {
    const { worker, errors } = client(1);
    worker.crash('');
    expect(errors).toEqual(['internal error: the simulation worker failed (no message)']);
  });
});
