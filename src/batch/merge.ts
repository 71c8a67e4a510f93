/**
 * Merges the folders of `run --shard K/N` into exactly what the unsharded run writes: rows are
 * concatenated in shard order (shards are contiguous id slices) and the summary is recomputed from
 * the rows, the same way the run computes it.
 */
import { createReadStream, createWriteStream, existsSync, readFileSync, writeFileSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { StatsAccumulator } from '../core/metrics.ts';
import type { ThreatKind } from '../core/spec.ts';
import { InputError, type Problem } from '../config/errors.ts';
import { CSV_HEADER, parseCsvLine, statsInput } from './rows.ts';
import type { RunSummary } from './runJob.ts';
import { stageOutDir } from './outputFolder.ts';
import { interdictionStats, type InterdictionStats } from './interdiction.ts';
import { countLost, newLostCounts } from './chainFacts.ts';

interface ShardDir {
  dir: string;
  summary: RunSummary;
  k: number;
  n: number;
}

/** Metadata every shard must share with the others to be parts of one run. */
const SHARED = ['watchline', 'scene', 'config', 'seed', 'stepS', 'frontierKm', 'frontier', 'towers', 'cameras', 'response', 'availability', 'watch', 'assumptions'] as const;

function readShard(dir: string): ShardDir {
  const file = path.join(dir, 'summary.json');
  let summary: RunSummary;
  try {
    summary = JSON.parse(readFileSync(file, 'utf8')) as RunSummary;
  } catch (e) {
    throw InputError.of({ file, path: '', message: `cannot read a shard summary: ${(e as Error).message}`, allowed: 'a folder written by `watchline run --shard K/N`' });
  }
  const m = typeof summary.shard === 'string' ? /^(\d+)\/(\d+)$/.exec(summary.shard) : null;
  if (!m) throw InputError.of({ file, path: 'shard', got: JSON.stringify(summary.shard), message: 'this folder is not a shard', allowed: 'a folder written by `watchline run --shard K/N`' });
  if (!existsSync(path.join(dir, 'attempts.csv'))) throw InputError.of({ file: path.join(dir, 'attempts.csv'), path: '', message: 'the shard has no attempts.csv', allowed: 'a complete shard folder' });
  return { dir, summary, k: Number(m[1]), n: Number(m[2]) };
}

export function checkShards(dirs: readonly string[]): ShardDir[] {
  const shards = dirs.map(readShard).sort((a, b) => a.k - b.k);
  const problems: Problem[] = [];
  const first = shards[0];
  for (const s of shards) {
    if (s.n !== first.n) problems.push({ file: s.dir, path: 'shard', got: s.summary.shard, message: `shard counts differ (${first.summary.shard} vs ${s.summary.shard})`, allowed: `shards of one run, all K/${first.n}` });
    for (const key of SHARED) {
      if (JSON.stringify(s.summary[key]) !== JSON.stringify(first.summary[key])) {
        problems.push({ file: s.dir, path: key, got: JSON.stringify(s.summary[key]), message: `differs from shard ${first.summary.shard} (${JSON.stringify(first.summary[key])})`, allowed: 'shards of one and the same run' });
      }
    }
  }
  const ks = shards.map((s) => s.k);
  for (let k = 1; k <= first.n; k++) {
    const count = ks.filter((x) => x === k).length;
    if (count !== 1) problems.push({ file: dirs.join(', '), path: 'shard', message: count === 0 ? `shard ${k}/${first.n} is missing` : `shard ${k}/${first.n} is given ${count} times`, allowed: `each of the shards 1/${first.n} … ${first.n}/${first.n} exactly once` });
  }
  if (problems.length) throw new InputError(problems);
  return shards;
}

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

async function appendLines(file: string, out: WriteStream, skipHeader: boolean, onLine?: (line: string) => void): Promise<void> {
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let first = true;
  let buf = '';
  for await (const line of rl) {
    if (first && skipHeader) {
      first = false;
      if (line + '\n' !== CSV_HEADER) throw InputError.of({ file, path: '', message: 'unexpected attempts.csv header', allowed: CSV_HEADER.trim() });
      continue;
    }
    first = false;
    if (line === '') continue;
    onLine?.(line);
    buf += line + '\n';
    if (buf.length > 1 << 20) {
      await write(out, buf);
      buf = '';
    }
  }
  if (buf) await write(out, buf);
}

export async function mergeShards(dirs: readonly string[], outDir: string, force: boolean): Promise<RunSummary> {
  const shards = checkShards(dirs);
  const first = shards[0].summary;
  const kinds = Object.keys(first.byThreat) as ThreatKind[];
  const acc = new StatsAccumulator(kinds, first.frontierKm * 1000);
  const withEvents = shards.every((s) => existsSync(path.join(s.dir, 'events.jsonl')));
  const staged = stageOutDir(outDir, force);
  let interrupted = 0;
  const lost = newLostCounts();
  try {
    const csv = createWriteStream(path.join(staged.dir, 'attempts.csv'));
    await write(csv, CSV_HEADER);
    for (const s of shards) {
      const file = path.join(s.dir, 'attempts.csv');
      await appendLines(file, csv, true, (line) => {
        const row = parseCsvLine(line, kinds);
        acc.add(statsInput(row));
        if (row.interrupted) interrupted++;
        countLost(lost, row.lostAt);
      });
    }
    await new Promise<void>((r, j) => csv.end((e?: Error | null) => (e ? j(e) : r())));
    if (withEvents) {
      const ev = createWriteStream(path.join(staged.dir, 'events.jsonl'));
      for (const s of shards) await appendLines(path.join(s.dir, 'events.jsonl'), ev, false);
      await new Promise<void>((r, j) => ev.end((e?: Error | null) => (e ? j(e) : r())));
    }
    const stats = acc.result();
    const head = {
      watchline: first.watchline,
      scene: first.scene,
      config: first.config,
      seed: first.seed,
      attempts: stats.attempts,
      stepS: first.stepS,
      frontierKm: first.frontierKm,
      ...(first.frontier !== undefined && { frontier: first.frontier }),
      towers: first.towers,
      cameras: first.cameras,
    };
    const response = first.response as InterdictionStats['response'] | undefined;
    const chain = first.lost ? { lost, availability: first.availability, watch: first.watch, assumptions: first.assumptions } : {};
    const summary = Object.assign(head, stats, response ? interdictionStats(response, interrupted, stats.attempts) : {}, chain) as RunSummary;
    writeFileSync(path.join(staged.dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
    staged.commit();
    return summary;
  } catch (e) {
    staged.abort();
    throw e;
  }
}
