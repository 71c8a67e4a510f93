/**
 * Bench section `campaign` (issue 13): one week on the whole Iraq–Syria frontier (599 km, 600
 * analytics cameras and their nuisance alarms, dust on two nights; sim-configs/iraq-syria-campaign.yaml).
 *
 * 1. In this thread, on one world: the sensor pass of every attempt (what workers and shards share
 *    out), then the one discrete-event pass over all of them (batch/campaign.ts decideCampaign:
 *    nuisance alarms of every working camera, the control-room queue, the teams). Times are CPU
 *    seconds of this process; the pass's share of the sensor pass is the figure that must stay small
 *    (goal < 10 %), and its events per second. Each pass is measured twice over: its first run (as in
 *    a `watchline run`, which runs the event pass once: the time includes V8 compiling the pass's
 *    code, on this thread and its compiler threads) and its steady state (the median of a few repeats
 *    on the same rows: the work itself, as in a sweep's later points or a long campaign).
 * 2. The product path in a fresh child process (`watchline run` from the sources, 1 worker): wall
 *    time and peak resident set size of the whole campaign run (bench/peakRss.mjs).
 *
 * Also runnable alone: npm run bench -- --only campaign
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { newRow, rowContext, rowOf, type AttemptRow } from '../src/core/attemptRow.ts';
import { campaignFrame } from '../src/core/campaign/frame.ts';
import { runAttempts } from '../src/core/run.ts';
import { loadScenario } from '../src/config/load.ts';
import { decideCampaign } from '../src/batch/campaign.ts';
import type { CampaignResult } from '../src/core/campaign/pass.ts';
import { nodeWorldSource } from '../src/batch/geoFiles.ts';
import { resolveWorldJob } from '../src/world/build.ts';
import { worldFromJob } from '../src/world/job.ts';
import { runChild } from './child.ts';
import type { BenchOptions, BenchSection } from './types.ts';

const root = path.resolve(import.meta.dirname, '..');
const CONFIG = 'sim-configs/iraq-syria-campaign.yaml';

const cpuS = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** The campaign run through the CLI in a child: wall time and peak RSS. */
async function childRun(sets: string[]): Promise<{ wallS: number; peakRssMb: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'watchline-bench-campaign-'));
  try {
    const child = await runChild('bin/watchline-src.js', ['run', '--config', CONFIG, ...sets.flatMap((x) => ['--set', x]), '--workers', '1', '--out', path.join(dir, 'out')]);
    return { wallS: Math.round(child.wallS * 10) / 10, peakRssMb: Math.round(child.peakRssKb / 102.4) / 10 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const campaignSection: BenchSection = {
  name: 'campaign',
  description: 'a week on 600 km with 600 analytics cameras: the event pass (events/s, its time against the sensor pass, goal < 10 %) and peak memory',
  async run(o: BenchOptions) {
    const days = o.quick ? 2 : 7;
    const sets = o.quick ? [`campaign.days=${days}`, 'campaign.dustNights=[1]'] : [];
    const scenario = loadScenario({ configPath: path.join(root, CONFIG), sets });
    const job = await resolveWorldJob(scenario, nodeWorldSource);
    const world = worldFromJob(job);
    const ctx = rowContext(world);

    const repeats = o.quick ? 3 : 11;
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    /** CPU seconds of one call. */
    const timed = (f: () => void) => {
      const c0 = cpuS();
      f();
      return cpuS() - c0;
    };

    /** The sensor pass of a campaign's attempts, then its event pass: first runs, then steady state. */
    const measure = (attemptsPerDay: number) => {
      const config = { ...job.config, campaign: { ...job.config.campaign!, attemptsPerDay } };
      const frame = campaignFrame(job.scene, config, world.border)!;
      const sense = () => {
        const rows: AttemptRow[] = [];
        runAttempts(world, 0, frame.attempts, (out) => rows.push(rowOf(out, ctx, newRow())));
        return rows;
      };
      let rows: AttemptRow[] = [];
      const sensorS = timed(() => (rows = sense()));
      let result: CampaignResult | null = null;
      // The pass writes each fate into its row: every run gets its own copy of the sensed rows.
      const copies = Array.from({ length: repeats + 1 }, () => rows.map((r) => ({ ...r })));
      const passS = timed(() => (result = decideCampaign(copies[0], frame)));
      const sensorSteadyS = median(Array.from({ length: repeats }, () => timed(sense)));
      const passSteadyS = median(copies.slice(1).map((c) => timed(() => decideCampaign(c, frame))));
      const r = result! as CampaignResult;
      o.log(
        `campaign: ${attemptsPerDay}/day, ${frame.attempts} attempts, ${r.events} events, ${r.alarms.total} alarms: first run sensor pass ${r3(sensorS)} s, event pass ${r3(passS)} s; ` +
          `steady state (median of ${repeats}) sensor pass ${r3(sensorSteadyS)} s, event pass ${r3(passSteadyS)} s`,
      );
      return { frame, result: r, sensorS, passS, sensorSteadyS, passSteadyS };
    };
    // The example's load, and ten times as many attempts (the nuisance alarms stay the same).
    const { frame, result, sensorS, passS, sensorSteadyS, passSteadyS } = measure(job.config.campaign!.attemptsPerDay);
    const dense = measure(10 * job.config.campaign!.attemptsPerDay);
    o.log(`campaign: ${frame.cameras} cameras, ${frame.room.operators} operators, ${frame.response.bases.length} teams`);

    // 2. The whole run through the CLI, in a child.
    const child = await childRun(sets);
    o.log(`campaign: watchline run in a child: ${child.wallS} s, peak ${child.peakRssMb} MB`);
    return {
      frontierKm: Math.round(world.border.lengthM / 100) / 10,
      days,
      cameras: frame.cameras,
      attempts: frame.attempts,
      alarms: result.alarms,
      events: result.events,
      sensorPassCpuS: r3(sensorS),
      eventPassCpuS: r3(passS),
      eventsPerS: Math.round(result.events / passS),
      passShareOfSensor: r3(passS / sensorS),
      steady: {
        repeats,
        sensorPassCpuS: r3(sensorSteadyS),
        eventPassCpuS: r3(passSteadyS),
        eventsPerS: Math.round(result.events / passSteadyS),
        passShareOfSensor: r3(passSteadyS / sensorSteadyS),
      },
      tenfoldAttempts: {
        attempts: dense.frame.attempts,
        events: dense.result.events,
        sensorPassCpuS: r3(dense.sensorS),
        eventPassCpuS: r3(dense.passS),
        passShareOfSensor: r3(dense.passS / dense.sensorS),
        steady: { sensorPassCpuS: r3(dense.sensorSteadyS), eventPassCpuS: r3(dense.passSteadyS), passShareOfSensor: r3(dense.passSteadyS / dense.sensorSteadyS) },
      },
      run: child,
    };
  },
  format(r) {
    const a = r.alarms as { total: number; nuisance: number };
    const run = r.run as { wallS: number; peakRssMb: number };
    const steady = r.steady as { repeats: number; sensorPassCpuS: number; eventPassCpuS: number; eventsPerS: number; passShareOfSensor: number } | undefined;
    if (!steady) {
      // A report saved before the steady state was measured (`--from FILE`): its own lines.
      return [
        `  ${r.days} days on ${r.frontierKm} km: ${r.cameras} cameras, ${r.attempts} attempts, ${a.total} alarms (${a.nuisance} nuisance)`,
        `  sensor pass ${r.sensorPassCpuS} s CPU · event pass ${r.eventPassCpuS} s CPU (${r.events} events, ${r.eventsPerS} events/s) = ${(100 * (r.passShareOfSensor as number)).toFixed(1)} % of the sensor pass (goal < 10 %)`,
        `  with ten times the attempts (${(r.tenfoldAttempts as { attempts: number }).attempts}): event pass ${(100 * (r.tenfoldAttempts as { passShareOfSensor: number }).passShareOfSensor).toFixed(1)} % of the sensor pass`,
        `  watchline run (1 worker, child): ${run.wallS} s, peak RSS ${run.peakRssMb} MB`,
      ].join('\n');
    }
    const dense = r.tenfoldAttempts as { attempts: number; passShareOfSensor: number; steady: { passShareOfSensor: number } };
    const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
    return [
      `  ${r.days} days on ${r.frontierKm} km: ${r.cameras} cameras, ${r.attempts} attempts, ${a.total} alarms (${a.nuisance} nuisance), ${r.events} events`,
      `  first run (V8 compiling each pass's code): sensor pass ${r.sensorPassCpuS} s CPU · event pass ${r.eventPassCpuS} s CPU (${r.eventsPerS} events/s) = ${pct(r.passShareOfSensor as number)} of the sensor pass (goal < 10 %)`,
      `  steady state (median of ${steady.repeats}): sensor pass ${steady.sensorPassCpuS} s · event pass ${steady.eventPassCpuS} s (${steady.eventsPerS} events/s) = ${pct(steady.passShareOfSensor)}`,
      `  with ten times the attempts (${dense.attempts}): event pass ${pct(dense.passShareOfSensor)} of the sensor pass on its first run at that load, ${pct(dense.steady.passShareOfSensor)} in steady state`,
      `  watchline run (1 worker, child): ${run.wallS} s, peak RSS ${run.peakRssMb} MB`,
    ].join('\n');
  },
};
