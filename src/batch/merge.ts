/**
 * `watchline merge`: the folders of `run --shard K/N` or `sweep --shard K/N` into exactly what the
 * unsharded command writes.
 *  - Run shards are contiguous slices of attempt ids: their rows are concatenated in shard order and
 *    the figures are tallied again from the rows (src/core/figures.ts), as the run tallies them.
 *  - Sweep shards are contiguous slices of the grid's points: their points are joined in id order and
 *    the outputs (with the recommendation and the plots, which need every point) are written by the
 *    function the unsharded sweep uses.
 * Both check first that the folders are all N shards of one and the same run or sweep.
 */
import { createReadStream, createWriteStream, existsSync, readFileSync, writeFileSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { FigureTally, SEGMENT_KM } from '../core/figures.ts';
import type { ChainFacts } from '../core/chainFacts.ts';
import type { ResponseInfo } from '../core/interdiction.ts';
import type { ThreatKind } from '../core/spec.ts';
import { InputError, type Problem } from '../config/errors.ts';
import { stageOutDir } from './outputFolder.ts';
import { CSV_HEADER, parseCsvLine } from './rows.ts';
import { runSummary, type RunMeta, type RunSummary } from './summary.ts';
import type { SweepDocument, SweepHeader } from './sweepOutputs.ts';
import { writeSweepOutputs } from './sweepOutputs.ts';

/** What a kind of shard folder holds: its document, and the fields every shard must share. */
interface ShardKind<D> {
  /** `run` or `sweep`, for messages. */
  name: string;
  /** The document file (summary.json, sweep.json). */
  file: string;
  shared: readonly (keyof D & string)[];
  /** Further checks of one folder (files it must hold). */
  check?(dir: string): void;
}

interface ShardFolder<D> {
  dir: string;
  doc: D;
  k: number;
  n: number;
}

function readShard<D extends { shard?: unknown }>(kind: ShardKind<D>, dir: string): ShardFolder<D> {
  const file = path.join(dir, kind.file);
  const allowed = `a folder written by \`watchline ${kind.name} --shard K/N\``;
  let doc: D;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as D;
  } catch (e) {
    throw InputError.of({ file, path: '', message: `cannot read a ${kind.name} shard: ${(e as Error).message}`, allowed });
  }
  const m = typeof doc.shard === 'string' ? /^(\d+)\/(\d+)$/.exec(doc.shard) : null;
  if (!m) throw InputError.of({ file, path: 'shard', got: JSON.stringify(doc.shard), message: `this ${kind.name} folder is not a shard`, allowed });
  kind.check?.(dir);
  return { dir, doc, k: Number(m[1]), n: Number(m[2]) };
}

/** The shards in order 1 … N; InputError unless they are each of the N shards of one run exactly once. */
export function checkShards<D extends { shard?: unknown }>(kind: ShardKind<D>, dirs: readonly string[]): ShardFolder<D>[] {
  const shards = dirs.map((d) => readShard(kind, d)).sort((a, b) => a.k - b.k);
  const problems: Problem[] = [];
  const first = shards[0];
  const label = (s: ShardFolder<D>) => `${s.k}/${s.n}`;
  for (const s of shards) {
    if (s.n !== first.n) problems.push({ file: s.dir, path: 'shard', got: label(s), message: `shard counts differ (${label(first)} vs ${label(s)})`, allowed: `shards of one ${kind.name}, all K/${first.n}` });
    for (const key of kind.shared) {
      if (JSON.stringify(s.doc[key]) !== JSON.stringify(first.doc[key])) {
        problems.push({ file: s.dir, path: key, got: JSON.stringify(s.doc[key]), message: `differs from shard ${label(first)} (${JSON.stringify(first.doc[key])})`, allowed: `shards of one and the same ${kind.name}` });
      }
    }
  }
  for (let k = 1; k <= first.n; k++) {
    const count = shards.filter((s) => s.k === k).length;
    if (count !== 1) problems.push({ file: dirs.join(', '), path: 'shard', message: count === 0 ? `shard ${k}/${first.n} is missing` : `shard ${k}/${first.n} is given ${count} times`, allowed: `each of the shards 1/${first.n} … ${first.n}/${first.n} exactly once` });
  }
  if (problems.length) throw new InputError(problems);
  return shards;
}

const RUN_SHARDS: ShardKind<RunSummary> = {
  name: 'run',
  file: 'summary.json',
  shared: ['watchline', 'scene', 'config', 'seed', 'stepS', 'frontierKm', 'frontier', 'towers', 'cameras', 'response', 'availability', 'watch', 'assumptions'],
  check(dir) {
    const csv = path.join(dir, 'attempts.csv');
    if (!existsSync(csv)) throw InputError.of({ file: csv, path: '', message: 'the shard has no attempts.csv', allowed: 'a complete shard folder' });
  },
};

const SWEEP_SHARDS: ShardKind<SweepDocument> = {
  name: 'sweep',
  file: 'sweep.json',
  shared: ['watchline', 'scene', 'config', 'seed', 'repetitions', 'stepS', 'targetRate', 'frontierKm', 'response', 'axes', 'pointsTotal'],
};

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

const close = (s: WriteStream) => new Promise<void>((r, j) => s.end((e?: Error | null) => (e ? j(e) : r())));

/** Merges run shards; returns the summary written. */
export async function mergeShards(dirs: readonly string[], outDir: string, force: boolean): Promise<RunSummary> {
  const shards = checkShards(RUN_SHARDS, dirs);
  const first = shards[0].doc;
  const kinds = Object.keys(first.byThreat) as ThreatKind[];
  // Summaries written before interdiction have no response, and their rows no interruption.
  const response = (first.response as ResponseInfo | undefined) ?? null;
  // The chain's settings come from the config, which a shard does not carry: stated by every shard alike
  // (checked above), they are the run's. The lost counts are tallied again from the rows.
  const chain: ChainFacts | null = first.availability && first.watch && first.assumptions ? { availability: first.availability, watch: first.watch, assumptions: first.assumptions } : null;
  const tally = new FigureTally({ kinds, lengthM: first.frontierKm * 1000, segmentKm: SEGMENT_KM, response, chain });
  const withEvents = shards.every((s) => existsSync(path.join(s.dir, 'events.jsonl')));
  const staged = stageOutDir(outDir, force);
  try {
    const csv = createWriteStream(path.join(staged.dir, 'attempts.csv'));
    await write(csv, CSV_HEADER);
    for (const s of shards) await appendLines(path.join(s.dir, 'attempts.csv'), csv, true, (line) => tally.add(parseCsvLine(line, kinds)));
    await close(csv);
    if (withEvents) {
      const ev = createWriteStream(path.join(staged.dir, 'events.jsonl'));
      for (const s of shards) await appendLines(path.join(s.dir, 'events.jsonl'), ev, false);
      await close(ev);
    }
    const { shard: _shard, attemptIds: _ids, ...meta } = first as RunMeta;
    const summary = runSummary(meta, tally.summary());
    writeFileSync(path.join(staged.dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
    staged.commit();
    return summary;
  } catch (e) {
    staged.abort();
    throw e;
  }
}

/** Merges sweep shards; returns the sweep.json document written. */
export async function mergeSweepShards(dirs: readonly string[], outDir: string, force: boolean): Promise<SweepDocument> {
  const shards = checkShards(SWEEP_SHARDS, dirs);
  const first = shards[0].doc;
  const points = shards.flatMap((s) => s.doc.points).sort((a, b) => a.id - b.id);
  if (points.length !== first.pointsTotal || points.some((p, i) => p.id !== i)) {
    throw InputError.of({ file: dirs.join(', '), path: 'points', message: `the shards hold ${points.length} points, expected ids 0 … ${first.pointsTotal - 1}`, allowed: 'complete shard folders of one sweep' });
  }
  const header = Object.fromEntries(SWEEP_SHARDS.shared.map((k) => [k, first[k]])) as unknown as SweepHeader;
  const staged = stageOutDir(outDir, force);
  try {
    const doc = await writeSweepOutputs(staged.dir, header, points);
    staged.commit();
    return doc;
  } catch (e) {
    staged.abort();
    throw e;
  }
}
