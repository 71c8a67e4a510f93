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
import { CampaignPlayback } from './campaignPlayback.ts';
import { runViewerCampaign } from './campaignRun.ts';
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
  // A campaign is decided first, as `watchline run` decides it (all sensor passes, then the one event
  // pass); the session then plays its attempts on their days and the playback its log.
  let campaign;
  try {
    campaign = runViewerCampaign(world);
  } catch (e) {
    post({ type: 'error', gen, message: errorText(e) });
    return;
  }
  const attempts = campaign ? campaign.frame.attempts : run.attempts;
  const session = createSession(world, attempts, campaign?.days);
  const view = worldView(world, session);
  const playback = campaign ? new CampaignPlayback(campaign.frame, campaign.rows, campaign.result) : null;
  if (campaign) {
    const f = campaign.frame;
    view.campaign = {
      days: f.days, durationS: f.durationS, mode: f.room.mode, operators: f.room.operators, teams: f.response.bases.length,
      basesXY: Float64Array.from(f.response.bases.flatMap((b) => [b.x, b.y])),
    };
  }
  post({ type: 'ready', gen, view }, viewTransferables(view));

  pool = new FramePool(Math.max(1, attempts));
  const stats = new LiveStats(world, view.segmentKm, campaign !== null);
  const towerDetections = session.totals.towerDetections;
  let lastStatsMs = -Infinity;
  let finishedSinceStats = 0;
  // The clock shown once everything is through: the last attempt's exit, not the tick that overshot it
  // (the "to the end" command takes one enormous step).
  let lastThroughS = view.firstStartS;

  const toMessage = (b: SessionBatch): { msg: BatchMessage; transfer: Transferable[] } => {
    const finished: FinishedView[] = b.finished.map((f) => {
      if (campaign) {
        // The decided row (its fate in the campaign columns), through on its own day.
        const row = campaign.rows[f.attempt];
        const threat = stats.onFinished({ ...f, row });
        lastThroughS = Math.max(lastThroughS, session.startS[f.attempt] + row.throughTimeS);
        const { row: _row, ...view } = f;
        return { ...view, threat };
      }
      const threat = stats.onFinished(f);
      lastThroughS = Math.max(lastThroughS, stats.lastThroughS);
      // The page draws the crossing; the row stays here, tallied.
      const { row: _row, ...view } = f;
      return { ...view, threat };
    });
    finishedSinceStats += finished.length;
    let liveDetected = 0;
    const fr = b.intruders;
    // The clock shown; a finished campaign is shown at its end (its nuisance alarms run on after the last attempt).
    const tS = b.done ? (campaign ? Math.max(Math.min(b.tS, lastThroughS), campaign.frame.durationS - 0.001) : Math.min(b.tS, lastThroughS)) : b.tS;
    if (playback) dropStopped(fr, (id) => playback.stoppedBy(id, tS));
    for (let i = 0; i < fr.count; i++) liveDetected += fr.detected[i];
    const frame = pool!.pack(b.intruders);
    // A campaign's detection times are on the attempt's day.
    const events = campaign ? b.events.map((e) => ({ ...e, t: e.t + campaign.days[e.attempt] * DAY_S })) : b.events;
    const msg: BatchMessage = {
      type: 'batch',
      gen,
      tS,
      done: b.done,
      frame,
      events,
      finished,
      started: b.totals.started,
      live: b.totals.started - b.totals.finished,
      liveDetected,
    };
    const transfer: Transferable[] = [frame.buffer];
    if (playback) {
      // Once every attempt is through, the whole campaign is over: every fate and alarm counted (rounded
      // row times may put the last fate a hair after the clock shown).
      msg.campaign = playback.look(b.done ? Infinity : tS);
      transfer.push(msg.campaign.newAlarms.buffer, msg.campaign.teams.buffer, msg.campaign.newFates.buffer);
    }
    const now = performance.now();
    if (b.done || (finishedSinceStats > 0 && now - lastStatsMs >= STATS_EVERY_MS) || lastStatsMs === -Infinity) {
      // A finished campaign's figures are the run's (its alarms, operators and teams included).
      msg.stats = b.done && campaign ? campaign.figures : stats.result();
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

const DAY_S = 86_400;

/** Removes from the frame the intruders a team has stopped (in place; the frame is the session's scratch). */
function dropStopped(fr: SessionBatch['intruders'], stopped: (id: number) => boolean): void {
  let n = 0;
  for (let i = 0; i < fr.count; i++) {
    if (stopped(fr.id[i])) continue;
    if (n !== i) {
      fr.id[n] = fr.id[i];
      fr.x[n] = fr.x[i];
      fr.y[n] = fr.y[i];
      fr.z[n] = fr.z[i];
      fr.threat[n] = fr.threat[i];
      fr.detected[n] = fr.detected[i];
    }
    n++;
  }
  fr.count = n;
}

self.onmessage = (ev: MessageEvent<PageMessage>) => {
  const m = ev.data;
  if (m.type === 'load') void start(m.gen, m.request);
  else if (m.type === 'command') commands$.next(m.command);
  else if (m.type === 'recycle') pool?.recycle(m.buffer);
};
