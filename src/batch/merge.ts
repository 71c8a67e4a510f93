/**
 * `watchline merge`: the folders of `run --shard K/N` or `sweep --shard K/N` into exactly what the
 * unsharded command writes.
 *  - Run shards are contiguous slices of attempt ids: their rows are concatenated in shard order and
 *    the figures are tallied again from the rows (src/core/figures/registry.ts), as the run tallies them.
 *  - Sweep shards are contiguous slices of the grid's points: their points are joined in id order and
 *    the outputs (with the recommendation and the plots, which need every point) are written by the
 *    function the unsharded sweep uses.
 * Both check first that the folders are all N shards of one and the same run or sweep.
 */
import { createWriteStream, existsSync, writeFileSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { SEGMENT_KM, type FigureContext } from '../core/figures/reporter.ts';
import { FigureTally } from '../core/figures/tally.ts';
import { newRow, type AttemptRow } from '../core/attemptRow.ts';
import type { CampaignFrame } from '../core/campaign/frame.ts';
import { CAMPAIGN_CSV_HEADER, CAMPAIGN_FILE, campaignCsvLine, campaignEventLine, decideCampaign, writeCampaignOutputs } from './campaign.ts';
import type { ChainFacts } from '../core/chainFacts.ts';
import type { ResponseInfo } from '../core/interdiction.ts';
import type { ThreatKind } from '../core/spec.ts';
import { InputError, type Problem } from '../config/errors.ts';
import { stageOutDir } from './outputFolder.ts';
import { CSV_HEADER, parseCsvLine } from './rows.ts';
import { INPUT_CAPS, decodeUtf8, inputFileStream, readInputFileSync } from '../io/inputFile.ts';
import { WATCHLINE_VERSION } from '../io/version.ts';
import { firstDifference, type InputFingerprint } from './inputs.ts';
import { shardRange } from './runJob.ts';
import { shardPoints } from './sweep.ts';
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
  /** Checks of one shard against its own fingerprint, once all shards agree. */
  checkFolder?(s: ShardFolder<D>): void;
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
  // Through the one reader: a regular file, opened once, at most INPUT_CAPS.record bytes.
  const text = decodeUtf8(readInputFileSync(file, INPUT_CAPS.record, { file, path: '', kind: `${kind.file} of a ${kind.name} shard` }), { file, path: '' });
  let doc: D;
  try {
    doc = JSON.parse(text) as D;
  } catch (e) {
    throw InputError.of({ file, path: '', message: `cannot read a ${kind.name} shard: ${(e as Error).message}`, allowed });
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw InputError.of({ file, path: '', message: `this is not a ${kind.name} shard's ${kind.file} (not a JSON object)`, allowed });
  const m = typeof doc.shard === 'string' ? /^(\d+)\/(\d+)$/.exec(doc.shard) : null;
  if (!m) throw InputError.of({ file, path: 'shard', got: JSON.stringify(doc.shard), message: `this ${kind.name} folder is not a shard`, allowed });
  const inputs = (doc as { inputs?: unknown }).inputs;
  if (inputs === null || typeof inputs !== 'object' || Array.isArray(inputs)) {
    throw InputError.of({ file, path: 'inputs', message: 'the shard carries no fingerprint of its inputs (written by an older watchline, or edited)', allowed: `shards written by this version (${WATCHLINE_VERSION}): run them again` });
  }
  kind.check?.(dir);
  return { dir, doc, k: Number(m[1]), n: Number(m[2]) };
}

/** Says how two shards' fingerprints differ in their first differing field, for the message. */
function describeDifference(field: keyof InputFingerprint, a: InputFingerprint, b: InputFingerprint): string {
  const v = (x: unknown) => JSON.stringify(x);
  switch (field) {
    case 'scene':
      return 'the resolved scene differs (another scene file, another version of it, or another --set)';
    case 'config':
      return 'the resolved config differs (another config file, another version of it, or another --set)';
    case 'dataFiles':
      return `the data files the scene names differ in content (${v(a.dataFiles)} vs ${v(b.dataFiles)})`;
    case 'events':
      return `one shard was run with --events and the other without (events ${v(a.events)} vs ${v(b.events)})`;
    default:
      return `${field} ${v(a[field])} vs ${v(b[field])}`;
  }
}

/** The shards in order 1 … N; InputError unless they are each of the N shards of one run exactly once. */
export function checkShards<D extends { shard?: unknown }>(kind: ShardKind<D>, dirs: readonly string[]): ShardFolder<D>[] {
  const shards = dirs.map((d) => readShard(kind, d)).sort((a, b) => a.k - b.k);
  const problems: Problem[] = [];
  const first = shards[0];
  const label = (s: ShardFolder<D>) => `${s.k}/${s.n}`;
  const fp = (s: ShardFolder<D>) => (s.doc as unknown as { inputs: InputFingerprint }).inputs;
  for (const s of shards) {
    // Everything that shaped the shard, compared first: the first field that differs is named.
    const diff = firstDifference(fp(first), fp(s));
    if (diff !== null) {
      problems.push({ file: s.dir, path: `inputs.${diff}`, message: `shard ${label(s)} differs from shard ${label(first)} (${first.dir}): ${describeDifference(diff, fp(first), fp(s))}`, allowed: `shards of one and the same ${kind.name}: the same files, --set values, attempts, seed and --events` });
      continue;
    }
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
  for (const s of shards) kind.checkFolder?.(s);
  return shards;
}

const RUN_SHARDS: ShardKind<RunSummary> = {
  name: 'run',
  file: 'summary.json',
  shared: ['watchline', 'scene', 'config', 'seed', 'stepS', 'frontierKm', 'frontier', 'towers', 'cameras', 'response', 'availability', 'watch', 'assumptions', 'campaign'],
  check(dir) {
    const csv = path.join(dir, 'attempts.csv');
    if (!existsSync(csv)) throw InputError.of({ file: csv, path: '', message: 'the shard has no attempts.csv', allowed: 'a complete shard folder' });
  },
  checkFolder(s) {
    const inputs = (s.doc as unknown as { inputs: InputFingerprint }).inputs;
    const ev = path.join(s.dir, 'events.jsonl');
    if (inputs.events === true && !existsSync(ev)) throw InputError.of({ file: ev, path: '', message: 'the shard was run with --events but has no events.jsonl', allowed: 'a complete shard folder' });
    if (inputs.events !== true && existsSync(ev)) throw InputError.of({ file: ev, path: '', message: 'the shard has an events.jsonl its summary does not account for (run without --events)', allowed: 'an unedited shard folder' });
    const want = shardRange(Number(inputs.attempts), { k: s.k, n: s.n });
    const ids = s.doc.attemptIds;
    if (!Array.isArray(ids) || ids[0] !== want[0] || ids[1] !== want[1]) {
      throw InputError.of({ file: path.join(s.dir, 'summary.json'), path: 'attemptIds', got: JSON.stringify(ids), message: `shard ${s.k}/${s.n} of ${inputs.attempts} attempts holds ids ${want[0]} to ${want[1] - 1}`, allowed: 'an unedited shard' });
    }
  },
};

const SWEEP_SHARDS: ShardKind<SweepDocument> = {
  name: 'sweep',
  file: 'sweep.json',
  checkFolder(s) {
    // The points a shard holds: its slice of the grid, each with every repetition's counts.
    const file = path.join(s.dir, 'sweep.json');
    const want = shardPoints(Number(s.doc.pointsTotal), { k: s.k, n: s.n });
    const ids = (s.doc as { pointIds?: unknown }).pointIds;
    const points = Array.isArray(s.doc.points) ? s.doc.points : [];
    const bad = (message: string, at: string) => InputError.of({ file, path: at, message, allowed: 'an unedited shard of `watchline sweep --shard K/N`' });
    if (!Array.isArray(ids) || ids[0] !== want[0] || ids[1] !== want[1]) throw bad(`shard ${s.k}/${s.n} of ${s.doc.pointsTotal} points holds points ${want[0]} to ${want[1] - 1}, but says ${JSON.stringify(ids)}`, 'pointIds');
    if (points.length !== want[1] - want[0]) throw bad(`the shard holds ${points.length} points, expected ${want[1] - want[0]} (a truncated or edited file)`, 'points');
    points.forEach((p, i) => {
      if (p?.id !== want[0] + i) throw bad(`point ${want[0] + i} was expected here, found ${JSON.stringify(p?.id)}`, `points.${i}.id`);
      const reps = p.repetitions;
      if (!Array.isArray(reps) || reps.length !== s.doc.repetitions) throw bad(`the point holds ${Array.isArray(reps) ? reps.length : 'no'} repetitions, expected ${s.doc.repetitions}`, `points.${i}.repetitions`);
      reps.forEach((r, j) => {
        if (!Number.isSafeInteger(r?.attempts) || !Number.isSafeInteger(r?.detected) || r.detected > r.attempts || r.detected < 0) {
          throw bad(`repetition ${j} has malformed counts (attempts ${JSON.stringify(r?.attempts)}, detected ${JSON.stringify(r?.detected)})`, `points.${i}.repetitions.${j}`);
        }
      });
    });
  },
  shared: ['watchline', 'scene', 'config', 'seed', 'repetitions', 'stepS', 'targetRate', 'metric', 'frontierKm', 'response', 'axes', 'pointsTotal'],
};

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/**
 * Copies a shard's rows to `out`, checking each as it passes (`check` throws on a bad line; it gets
 * the 1-based line number). The file is opened once through the one reader.
 */
async function appendLines(file: string, out: WriteStream | null, skipHeader: boolean, check: (line: string, lineNo: number) => void): Promise<number> {
  const input = inputFileStream(file, INPUT_CAPS.rows, { file, path: '', kind: 'rows file of a shard' });
  const rl = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let rows = 0;
  let buf = '';
  try {
    for await (const line of rl) {
      lineNo++;
      if (lineNo === 1 && skipHeader) {
        if (line + '\n' !== CSV_HEADER) throw InputError.of({ file, path: '', line: 1, message: 'unexpected attempts.csv header', allowed: CSV_HEADER.trim() });
        continue;
      }
      if (line === '') continue;
      check(line, lineNo);
      rows++;
      if (!out) continue;
      buf += line + '\n';
      if (buf.length > 1 << 20) {
        await write(out, buf);
        buf = '';
      }
    }
  } finally {
    input.destroy();
  }
  if (buf && out) await write(out, buf);
  return rows;
}

const close = (s: WriteStream) => new Promise<void>((r, j) => s.end((e?: Error | null) => (e ? j(e) : r())));

/** Merges run shards; returns the summary written. */
/**
 * Reads a run shard's attempts.csv (copied to `out` when given), checking every row: well formed, ids
 * in order over the shard's slice, and as many rows as its summary.json says. Each row is parsed into
 * `into()` (the same object again for a streaming tally, a new one for rows that are kept) and handed
 * to `onRow`. A failed check is bad input naming the file and line.
 */
async function readShardRows(
  s: { dir: string; doc: RunSummary },
  kinds: readonly ThreatKind[],
  out: WriteStream | null,
  into: () => AttemptRow,
  onRow: (row: AttemptRow) => void,
): Promise<void> {
  const file = path.join(s.dir, 'attempts.csv');
  const [from, to] = s.doc.attemptIds ?? [NaN, NaN];
  let next = from;
  const count = await appendLines(file, out, true, (line, lineNo) => {
    let row: AttemptRow;
    try {
      row = parseCsvLine(line, kinds, into());
    } catch (e) {
      throw InputError.of({ file, path: '', line: lineNo, message: `a malformed row: ${(e as Error).message}`, allowed: 'rows as `watchline run` writes them' });
    }
    if (row.id !== next) throw InputError.of({ file, path: '', line: lineNo, got: String(row.id), message: `attempt ${next} was expected here (the shard holds attempts ${from} to ${to - 1} in order)`, allowed: 'a complete, unedited shard' });
    next++;
    onRow(row);
  });
  if (next !== to || count !== s.doc.attempts) {
    throw InputError.of({ file, path: '', message: `the shard holds ${count} rows, but its summary.json says ${s.doc.attempts} attempts (ids ${from} to ${to - 1}): the file is truncated or was edited`, allowed: 'a complete, unedited shard' });
  }
}

export async function mergeShards(dirs: readonly string[], outDir: string, force: boolean): Promise<RunSummary> {
  const shards = checkShards(RUN_SHARDS, dirs);
  const first = shards[0].doc;
  const kinds = Object.keys(first.byThreat) as ThreatKind[];
  // Summaries written before interdiction have no response, and their rows no interruption.
  const response = (first.response as ResponseInfo | undefined) ?? null;
  // The chain's settings come from the config, which a shard does not carry: stated by every shard alike
  // (checked above), they are the run's. The lost counts are tallied again from the rows.
  const chain: ChainFacts | null = first.availability && first.watch && first.assumptions ? { availability: first.availability, watch: first.watch, assumptions: first.assumptions } : null;
  const tally = new FigureTally({ kinds, lengthM: first.frontierKm * 1000, segmentKm: SEGMENT_KM, response, chain, campaign: first.campaign ? null : undefined });
  const withEvents = (first as unknown as { inputs: InputFingerprint }).inputs.events === true;
  const frame = campaignFrameOf(shards.map((s) => s.dir));
  if (frame) return mergeCampaign(shards, frame, { kinds, lengthM: first.frontierKm * 1000, segmentKm: SEGMENT_KM, response, chain }, withEvents, outDir, force);
  const row = newRow();
  const staged = stageOutDir(outDir, force);
  try {
    const csv = createWriteStream(path.join(staged.dir, 'attempts.csv'));
    await write(csv, CSV_HEADER);
    for (const s of shards) await readShardRows(s, kinds, csv, () => row, (r) => tally.add(r));
    await close(csv);
    if (withEvents) {
      const ev = createWriteStream(path.join(staged.dir, 'events.jsonl'));
      for (const s of shards) {
        const file = path.join(s.dir, 'events.jsonl');
        const [from, to] = s.doc.attemptIds ?? [NaN, NaN];
        await appendLines(file, ev, false, (line, lineNo) => {
          let e: { attempt?: unknown };
          try {
            e = JSON.parse(line) as { attempt?: unknown };
          } catch (err) {
            throw InputError.of({ file, path: '', line: lineNo, message: `a malformed event: ${(err as Error).message}`, allowed: 'events as `watchline run --events` writes them' });
          }
          const a = e?.attempt;
          if (typeof a !== 'number' || !(a >= from && a < to)) throw InputError.of({ file, path: '', line: lineNo, got: JSON.stringify(a), message: `an event of an attempt outside the shard (${from} to ${to - 1})`, allowed: 'a complete, unedited shard' });
        });
      }
      await close(ev);
    }
    return commitMergedSummary(staged, first as RunMeta, tally);
  } catch (e) {
    staged.abort();
    throw e;
  }
}

/**
 * Writes the merged summary.json (the shards' metadata without their shard fields: what the unsharded
 * run writes) into the staged folder and commits it.
 */
function commitMergedSummary(staged: { dir: string; commit(): void }, first: RunMeta, tally: FigureTally): RunSummary {
  const { shard: _shard, attemptIds: _ids, ...meta } = first;
  const summary = runSummary(meta, tally.summary());
  writeFileSync(path.join(staged.dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  staged.commit();
  return summary;
}

/**
 * The campaign of run shards: every shard's campaign.json, which must be one and the same; null when
 * none has one (not a campaign).
 */
function campaignFrameOf(dirs: readonly string[]): CampaignFrame | null {
  const files = dirs.map((d) => path.join(d, CAMPAIGN_FILE));
  const present = files.filter((f) => existsSync(f));
  if (present.length === 0) return null;
  if (present.length !== files.length) {
    const missing = files.find((f) => !existsSync(f))!;
    throw InputError.of({ file: missing, path: '', message: 'this shard has no campaign.json but others do', allowed: 'shards of one and the same campaign run' });
  }
  const texts = files.map((f) => decodeUtf8(readInputFileSync(f, INPUT_CAPS.record, { file: f, path: '', kind: 'campaign of a shard' }), { file: f, path: '', kind: 'campaign of a shard' }));
  const odd = texts.findIndex((t) => t !== texts[0]);
  if (odd > 0) throw InputError.of({ file: files[odd], path: '', message: `differs from ${files[0]}`, allowed: 'shards of one and the same campaign run' });
  try {
    return JSON.parse(texts[0]) as CampaignFrame;
  } catch (e) {
    throw InputError.of({ file: files[0], path: '', message: `cannot read the campaign: ${(e as Error).message}`, allowed: 'campaign.json as `watchline run --shard K/N` writes it' });
  }
}

/**
 * Merges the shards of a campaign: their rows, in id order, through the event pass the unsharded run
 * makes (batch/campaign.ts), then every figure and file from the decided rows — the same bytes.
 */
async function mergeCampaign(
  shards: readonly { dir: string; doc: RunSummary }[],
  frame: CampaignFrame,
  ctx: FigureContext,
  withEvents: boolean,
  outDir: string,
  force: boolean,
): Promise<RunSummary> {
  const kinds = ctx.kinds as ThreatKind[];
  const rows: AttemptRow[] = [];
  // The rows of every shard, checked as a plain merge checks them (in order, complete), then held.
  for (const s of shards) await readShardRows(s, kinds, null, newRow, (r) => rows.push(r));
  rows.sort((a, b) => a.id - b.id);
  const result = decideCampaign(rows, frame, withEvents);
  const tally = new FigureTally({ ...ctx, campaign: { frame, result } });
  const staged = stageOutDir(outDir, force);
  try {
    let csvText = CAMPAIGN_CSV_HEADER;
    let eventText = '';
    for (const row of rows) {
      tally.add(row);
      csvText += campaignCsvLine(row);
      if (withEvents && row.detected) eventText += campaignEventLine(row);
    }
    writeFileSync(path.join(staged.dir, 'attempts.csv'), csvText);
    if (withEvents) writeFileSync(path.join(staged.dir, 'events.jsonl'), eventText);
    writeCampaignOutputs(staged.dir, frame, result);
    return commitMergedSummary(staged, shards[0].doc as RunMeta, tally);
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
