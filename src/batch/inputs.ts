/**
 * The fingerprint of everything that shaped a result: the resolved scene and config, every `--set`
 * as typed, the contents of the data files the scene named (as they were read), the attempts, the
 * seed, the step, whether events were written, and the version. Shards carry it (summary.json,
 * sweep.json) so that `watchline merge` refuses shards of different runs, naming the first field that
 * differs; a sweep's resume record carries it so that a sweep never resumes on edited inputs.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Scenario } from '../config/load.ts';
import { WATCHLINE_VERSION } from '../io/version.ts';
import type { WorldSource } from '../world/build.ts';

export interface InputFingerprint {
  watchline: string;
  /** SHA-256 of the resolved scene (defaults filled, --set applied), as JSON. */
  scene: string;
  /** SHA-256 of the resolved config, as JSON. */
  config: string;
  /** Every `--set key=value` in order (dedicated flags such as --attempts included as theirs). */
  sets: string[];
  /** SHA-256 of each data file read, by file name (a line, an atlas, a DEM), in the order read. */
  dataFiles: Record<string, string>;
  attempts: number;
  seed: number;
  stepS: number;
  events: boolean;
}

/** The fields in the order `merge` compares them: the most telling first (the first difference is named). */
export const FINGERPRINT_FIELDS: readonly (keyof InputFingerprint)[] = ['watchline', 'attempts', 'seed', 'stepS', 'events', 'sets', 'dataFiles', 'scene', 'config'];

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/**
 * A world source that hashes every data file as it is read: the fingerprint then covers the bytes
 * the world was actually built from, not a second read that could see another version of the file.
 */
export function recordingSource(base: WorldSource): { source: WorldSource; dataFiles: () => Record<string, string> } {
  const seen = new Map<string, string>();
  const note = (p: string, digest: string) => {
    // Keyed by file name, so shards run on machines with other folders still agree.
    let key = path.basename(p);
    for (let i = 2; seen.has(key) && seen.get(key) !== digest; i++) key = `${path.basename(p)}#${i}`;
    seen.set(key, digest);
  };
  const io = base.io;
  const source: WorldSource = {
    ...base,
    io: {
      ...io,
      resolve: (sceneFile, ref) => io.resolve(sceneFile, ref),
      readText: async (p) => {
        const t = await io.readText(p);
        note(p, sha256(t));
        return t;
      },
      readBytes: async (p) => {
        const b = await io.readBytes(p);
        note(p, sha256(new Uint8Array(b)));
        return b;
      },
      defaultAtlas: () => io.defaultAtlas(),
      defaultAtlasName: io.defaultAtlasName,
    },
  };
  return { source, dataFiles: () => Object.fromEntries(seen) };
}

/** The fingerprint of a scenario run with these sets, data files, attempts, seed and events. */
export function inputFingerprint(o: { scenario: Pick<Scenario, 'scene' | 'config'>; sets: readonly string[]; dataFiles: Record<string, string>; attempts: number; seed: number; stepS: number; events: boolean }): InputFingerprint {
  return {
    watchline: WATCHLINE_VERSION,
    scene: sha256(JSON.stringify(o.scenario.scene)),
    config: sha256(JSON.stringify(o.scenario.config)),
    sets: [...o.sets],
    dataFiles: o.dataFiles,
    attempts: o.attempts,
    seed: o.seed,
    stepS: o.stepS,
    events: o.events,
  };
}

/** The first field in which two fingerprints differ, or null when they are the same. */
export function firstDifference(a: Partial<InputFingerprint>, b: Partial<InputFingerprint>): keyof InputFingerprint | null {
  for (const k of FINGERPRINT_FIELDS) if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) return k;
  return null;
}
