/**
 * Campaign runs end to end, in process: the same bytes whatever the worker count or sharding (the
 * merge re-runs the event pass over every shard's rows), and the fates, figures and files agree.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/config/load.ts';
import { mergeShards } from '../../src/batch/merge.ts';
import { runJob, type RunOptions } from '../../src/batch/runJob.ts';
import { runSweep } from '../../src/batch/sweepRun.ts';
import { nodeWorldSource } from '../../src/batch/geoFiles.ts';
import { inputFingerprint } from '../../src/batch/inputs.ts';
import { resolveWorldJob } from '../../src/world/build.ts';
import { formatRunSummary } from '../../src/cli/report.ts';

const root = path.resolve(import.meta.dirname, '../..');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'watchline-campaign-'));

/** Ideal 1 km sensors every 2 km on the flat 10 km scene, analytics, one overloaded operator, one team. */
function configFile(campaign = 'campaign: { days: 2, attemptsPerDay: 45 }'): string {
  const file = path.join(tmp(), 'campaign.yaml');
  writeFileSync(
    file,
    [
      `scene: ${path.join(root, 'scenes/flat-10km.yaml')}`,
      'towers: { spacingM: 2000, setbackM: 50, heightM: 15 }',
      'cameras: [ { sensor: ideal, rangeM: 1000, headingDeg: 0, fovDeg: 360 } ]',
      'run: { attempts: 50, seed: 4, stepS: 1 }',
      'watch: { mode: analytics, operators: 1, assessS: 60, maxWaitS: 120, analytics: { nuisancePerCameraHour: 12 } }',
      'response: { teams: 1, delayS: 120, speedMps: 8, busyS: 900 }',
      campaign,
    ].join('\n'),
  );
  return file;
}

async function run(file: string, outDir: string, over: Partial<RunOptions> = {}) {
  const scenario = loadScenario({ configPath: file });
  const { seed, stepS, attempts } = scenario.config.run;
  const events = over.events ?? true;
  // What the CLI records for merge to check (inputs.ts): the same for every shard of one run.
  const inputs = inputFingerprint({ scenario, sets: [], dataFiles: {}, attempts, seed, stepS, events });
  return runJob({ scenario, job: await resolveWorldJob(scenario, nodeWorldSource), attempts, seed, stepS, workers: 1, outDir, force: false, events, inputs, ...over });
}

/** Every file of a folder and its text. */
function files(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}

describe('campaign runs', () => {
  it('are byte-identical across worker counts and shards', async () => {
    const file = configFile();
    const base = tmp();
    await run(file, path.join(base, 'w1'));
    await run(file, path.join(base, 'w2'), { workers: 2 });
    const shards = [1, 2, 3].map((k) => path.join(base, `s${k}`));
    for (const [i, dir] of shards.entries()) await run(file, dir, { shard: { k: i + 1, n: 3 } });
    // Shards carry the campaign's frame, not its decisions.
    expect(readdirSync(shards[0]).sort()).toEqual(['attempts.csv', 'campaign.json', 'events.jsonl', 'summary.json']);
    await mergeShards([shards[2], shards[0], shards[1]], path.join(base, 'merged'), false);
    const one = files(path.join(base, 'w1'));
    expect(Object.keys(one)).toEqual(['attempts.csv', 'campaign-log.json', 'campaign.json', 'events.jsonl', 'summary.json', 'timeline.csv']);
    expect(files(path.join(base, 'w2'))).toEqual(one);
    expect(files(path.join(base, 'merged'))).toEqual(one);
  });

  it('decides every attempt once, and its figures add up', async () => {
    const out = path.join(tmp(), 'run');
    const { summary: s } = await run(configFile(), out);
    const campaign = s.campaign as { shared: boolean; attempts: number };
    expect(campaign.shared).toBe(true);
    expect(s.attempts).toBe(campaign.attempts);
    // Poisson(90) attempts, not run.attempts.
    expect(s.attempts).not.toBe(50);
    const alarms = s.alarms as { total: number; real: number; nuisance: number; lost: number };
    expect(alarms.real).toBe(s.detected);
    expect(alarms.total).toBe(alarms.real + alarms.nuisance);
    // 5 cameras × 12 an hour × 48 h ≈ 2 880 nuisance alarms for one operator assessing 60 s each: overloaded.
    expect(alarms.nuisance).toBeGreaterThan(2500);
    expect(alarms.lost).toBeGreaterThan(100);
    const lost = s.lost as Record<string, number>;
    const sum = Object.values(lost).reduce((a, b) => a + b, 0);
    expect(s.interdicted! + sum).toBe(s.attempts);
    expect(lost.late).toBe(0);
    expect(lost.queue).toBeGreaterThan(0);
    const lines = readFileSync(path.join(out, 'attempts.csv'), 'utf8').trim().split('\n');
    const head = lines[0].split(',');
    const col = (name: string) => head.indexOf(name);
    let interdicted = 0;
    for (const line of lines.slice(1)) {
      const f = line.split(',');
      const lostAt = f[col('lostAt')];
      if (f[col('interdicted')] === '1') {
        interdicted++;
        expect(lostAt).toBe('');
        expect(f[col('assessedTimeS')]).not.toBe('');
        expect(f[col('team')]).toBe('0');
      } else expect(lostAt).not.toBe('');
      if (f[col('detected')] === '0') expect(['unsensed', 'outage', 'unnoticed']).toContain(lostAt);
    }
    expect(interdicted).toBe(s.interdicted);
    // The campaign's own settings are listed with their sources: given, or assumed.
    const assumed = Object.fromEntries((s.assumptions ?? []).map((a) => [a.name, a.source]));
    expect(assumed).toMatchObject({ 'watch.operators': 'config', 'watch.recognizeP': 'default', 'response.teams': 'config', 'response.busyS': 'config' });
    // timeline.csv: 2 days of 10-minute bins, one operator at most.
    const timeline = readFileSync(path.join(out, 'timeline.csv'), 'utf8').trim().split('\n');
    expect(timeline).toHaveLength(1 + 288);
    expect(timeline.slice(1).every((l) => Number(l.split(',')[3]) <= 1)).toBe(true);
    // The terminal summary: alarms per operator-hour to one decimal (1 operator × 48 h).
    const text = formatRunSummary(s, out, true);
    expect(text).toContain(` · ${(alarms.total / 48).toFixed(1)} per operator-hour · `);
  });

  it('without a campaign, says that attempts were independent', async () => {
    const { summary: s } = await run(configFile(''), path.join(tmp(), 'run'), { events: false });
    expect(s.attempts).toBe(50);
    expect((s.campaign as { shared: boolean }).shared).toBe(false);
    expect(s.interdictionRate).toBeUndefined();
    expect(s.alarms).toBeUndefined();
  });
});

describe('campaign sweeps', () => {
  it('sweep operators × teams, report the campaign figures and recommend on interdiction', async () => {
    const file = configFile(
      'campaign: { days: 2, attemptsPerDay: 45 }\nsweep: { watch.operators: [1, 3], response.teams: [1, 2] }\nsweepOptions: { metric: interdiction, targetRate: 0.05 }',
    );
    const out = path.join(tmp(), 'sweep');
    const { doc } = await runSweep({ scenario: loadScenario({ configPath: file }), outDir: out, force: false, workers: 1 });
    const csv = readFileSync(path.join(out, 'sweep.csv'), 'utf8').trim().split('\n');
    const head = csv[0].split(',');
    for (const c of ['interdictionRate', 'assessedRate', 'alarmsLost', 'teamUtilisation']) expect(head).toContain(c);
    const rows = csv.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [head[i], v])));
    expect(rows).toHaveLength(4);
    // Common random numbers: the same alarms and assessment times at every point, so a second and third
    // operator can only take each alarm sooner (FIFO): never more lost alarms.
    for (const teams of ['1', '2']) {
      const lost = (ops: string) => Number(rows.find((r) => r['watch.operators'] === ops && r['response.teams'] === teams)!.alarmsLost);
      expect(lost('3')).toBeLessThanOrEqual(lost('1'));
      expect(lost('1')).toBeGreaterThan(0);
    }
    expect(doc.metric).toBe('interdiction');
    const rec = doc.recommendation!;
    expect(rec.metric).toBe('interdiction');
    expect(rec.met).toBe(true);
    // The cheapest point that meets the target: fewest teams, then fewest operators.
    const ok = doc.points.filter((p) => (p.pooled as { interdictionRateCI95?: [number, number] }).interdictionRateCI95![0] >= 0.05);
    const cheapest = [...ok].sort((a, b) => (a.params['response.teams'] as number) - (b.params['response.teams'] as number) || (a.params['watch.operators'] as number) - (b.params['watch.operators'] as number))[0];
    expect(rec.point).toBe(cheapest.id);
  });
});
