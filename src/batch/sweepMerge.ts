/**
 * Merges the folders of `sweep --shard K/N` into exactly what the unsharded sweep writes: the shards
 * hold contiguous slices of the grid's points; their points are joined in id order and the outputs
 * (with the recommendation and the plots, which need every point) are written by the same function
 * the unsharded sweep uses.
 */
import path from 'node:path';
import { InputError, type Problem } from '../config/errors.ts';
import { stageOutDir } from './outputFolder.ts';
import type { SweepHeader } from './sweepOutputs.ts';
import { readSweepDocument, writeSweepOutputs, type SweepDocument } from './sweepOutputs.ts';

const SHARED: (keyof SweepHeader)[] = ['watchline', 'scene', 'config', 'seed', 'repetitions', 'stepS', 'targetRate', 'frontierKm', 'response', 'axes', 'pointsTotal'];

export async function mergeSweepShards(dirs: readonly string[], outDir: string, force: boolean): Promise<SweepDocument> {
  const shards = dirs.map((dir) => {
    let doc: SweepDocument;
    try {
      doc = readSweepDocument(dir);
    } catch (e) {
      throw InputError.of({ file: path.join(dir, 'sweep.json'), path: '', message: `cannot read a sweep shard: ${(e as Error).message}`, allowed: 'a folder written by `watchline sweep --shard K/N`' });
    }
    const m = typeof doc.shard === 'string' ? /^(\d+)\/(\d+)$/.exec(doc.shard) : null;
    if (!m) throw InputError.of({ file: path.join(dir, 'sweep.json'), path: 'shard', message: 'this sweep folder is not a shard', allowed: 'folders written by `watchline sweep --shard K/N`' });
    return { dir, doc, k: Number(m[1]), n: Number(m[2]) };
  });
  shards.sort((a, b) => a.k - b.k);
  const first = shards[0];
  const problems: Problem[] = [];
  for (const s of shards) {
    if (s.n !== first.n) problems.push({ file: s.dir, path: 'shard', message: `shard counts differ (${first.doc.shard} vs ${s.doc.shard})`, allowed: `shards of one sweep, all K/${first.n}` });
    for (const key of SHARED) {
      if (JSON.stringify(s.doc[key]) !== JSON.stringify(first.doc[key])) {
        problems.push({ file: s.dir, path: key, got: JSON.stringify(s.doc[key]), message: `differs from shard ${first.doc.shard}`, allowed: 'shards of one and the same sweep' });
      }
    }
  }
  for (let k = 1; k <= first.n; k++) {
    const count = shards.filter((s) => s.k === k).length;
    if (count !== 1) problems.push({ file: dirs.join(', '), path: 'shard', message: count === 0 ? `shard ${k}/${first.n} is missing` : `shard ${k}/${first.n} is given ${count} times`, allowed: `each of the shards 1/${first.n} … ${first.n}/${first.n} exactly once` });
  }
  if (problems.length) throw new InputError(problems);
  const points = shards.flatMap((s) => s.doc.points).sort((a, b) => a.id - b.id);
  if (points.length !== first.doc.pointsTotal || points.some((p, i) => p.id !== i)) {
    throw InputError.of({ file: dirs.join(', '), path: 'points', message: `the shards hold ${points.length} points, expected ids 0 … ${first.doc.pointsTotal - 1}`, allowed: 'complete shard folders of one sweep' });
  }
  const header = Object.fromEntries(SHARED.map((k) => [k, first.doc[k]])) as unknown as SweepHeader;
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
