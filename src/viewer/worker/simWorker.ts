/**
 * The simulation worker: builds the world, opens a session and runs the core's rxjs stream
 * (`simulate`, src/stream) on the worker's own timer, posting one message per tick with the intruder
 * positions in a transferable buffer. Commands from the page (pause, speed, step) go into the stream's
 * command subject and take effect at the next tick boundary. One worker runs one scenario: the page
 * starts a fresh worker for a new one and drops the old worker only once the new one is ready, so a
 * bad file never stops what is running.
 */
/// <reference lib="webworker" />
import { Subject, asyncScheduler } from 'rxjs';
import type { SessionBatch } from '../../core/session.ts';
import { createSession } from '../../core/session.ts';
import type { SimCommand } from '../../stream/simulation.ts';
import { simulate } from '../../stream/simulation.ts';
import type { BatchMessage, FinishedView, PageMessage, ScenarioRequest, WorkerMessage } from '../protocol.ts';
import { buildRequestWorld, errorText } from './buildWorld.ts';
import { FramePool } from './framePool.ts';
import { LiveStats } from './runStats.ts';
import { viewTransferables, worldView } from './worldView.ts';

declare const self: DedicatedWorkerGlobalScope;

/** Statistics travel at most this often, milliseconds of wall time (and always with the last batch). */
const STATS_EVERY_MS = 150;

const commands$ = new Subject<SimCommand>();
let pool: FramePool | null = null;

function post(msg: WorkerMessage, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

async function start(gen: number, request: ScenarioRequest): Promise<void> {
  let built;
  try {
    // Async: a scene may name files (a GeoJSON line, a Natural Earth border, a DEM) to fetch first.
    built = await buildRequestWorld(request);
  } catch (e) {
    post({ type: 'error', gen, message: errorText(e) });
    return;
  }
  const { world, scenario } = built;
  const run = scenario.config.run;
  const session = createSession(world, run.attempts);
  const view = worldView(world, session);
  post({ type: 'ready', gen, view }, viewTransferables(view));

  pool = new FramePool(Math.max(1, run.attempts));
  const stats = new LiveStats(world, view.segmentKm);
  const towerDetections = session.totals.towerDetections;
  let lastStatsMs = -Infinity;
  let finishedSinceStats = 0;
  // The clock shown once everything is through: the last attempt's exit, not the tick that overshot it
  // (the "to the end" command takes one enormous step).
  let lastThroughS = view.firstStartS;

  const toMessage = (b: SessionBatch): { msg: BatchMessage; transfer: Transferable[] } => {
    const finished: FinishedView[] = b.finished.map((f) => {
      const threat = stats.onFinished(f);
      lastThroughS = Math.max(lastThroughS, stats.lastThroughS);
      // The page draws the crossing; the row stays here, tallied.
      const { row: _row, ...view } = f;
      return { ...view, threat };
    });
    finishedSinceStats += finished.length;
    let liveDetected = 0;
    const fr = b.intruders;
    for (let i = 0; i < fr.count; i++) liveDetected += fr.detected[i];
    const frame = pool!.pack(b.intruders);
    const msg: BatchMessage = {
      type: 'batch',
      gen,
      tS: b.done ? Math.min(b.tS, lastThroughS) : b.tS,
      done: b.done,
      frame,
      events: b.events,
      finished,
      started: b.totals.started,
      live: b.totals.started - b.totals.finished,
      liveDetected,
    };
    const transfer: Transferable[] = [frame.buffer];
    const now = performance.now();
    if (b.done || (finishedSinceStats > 0 && now - lastStatsMs >= STATS_EVERY_MS) || lastStatsMs === -Infinity) {
      msg.stats = stats.result();
      msg.chartSegments = stats.chartSegments();
      msg.towerDetections = Int32Array.from(towerDetections);
      transfer.push(msg.towerDetections.buffer);
      lastStatsMs = now;
      finishedSinceStats = 0;
    }
    return { msg, transfer };
  };

  simulate(session, { scheduler: asyncScheduler, frameMs: request.frameMs ?? 16, speed: request.speed, paused: request.paused }, commands$).subscribe({
    next: (b) => {
      const { msg, transfer } = toMessage(b);
      post(msg, transfer);
    },
    error: (e) => post({ type: 'error', gen, message: errorText(e) }),
  });
}

self.onmessage = (ev: MessageEvent<PageMessage>) => {
  const m = ev.data;
  if (m.type === 'load') void start(m.gen, m.request);
  else if (m.type === 'command') commands$.next(m.command);
  else if (m.type === 'recycle') pool?.recycle(m.buffer);
};
