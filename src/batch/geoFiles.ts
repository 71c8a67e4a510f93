/**
 * Node's reader of a scene's data files, injected into the one world builder (src/world/build.ts):
 * paths relative to the scene file, fs reads, the Natural Earth atlas from npm world-atlas, and ground
 * samples on a SharedArrayBuffer so every worker thread reads one copy instead of building its own.
 */
import { createRequire } from 'node:module';
import { resolveSceneData } from '../config/load.ts';
import type { GeoIO } from '../geo/resolve.ts';
import type { WorldSource } from '../world/build.ts';
import { INPUT_CAPS, decodeUtf8, readInputFile } from '../io/inputFile.ts';

const require = createRequire(import.meta.url);

/** Natural Earth 1:10m admin-0 countries as TopoJSON (npm world-atlas). */
export const DEFAULT_ATLAS = 'world-atlas/countries-10m.json';

let atlasCache: Promise<unknown> | null = null;

export const nodeGeoIO: GeoIO = {
  // Only files inside the scene file's folder (src/config/dataRefs.ts); InputError otherwise.
  resolve: (sceneFile, ref) => resolveSceneData(sceneFile, ref),
  // Through the one reader (src/io/inputFile.ts): a regular file, opened once, read up to its cap.
  // Its problems name the path read; the resolver (geo/resolve.ts) restates them for the scene's field.
  readText: async (p) => decodeUtf8(await readInputFile(p, INPUT_CAPS.geometry, { file: p, path: '', kind: 'GeoJSON or TopoJSON file' }), { file: p, path: '' }),
  readBytes: async (p) => {
    const b = await readInputFile(p, INPUT_CAPS.dem, { file: p, path: '', kind: 'GeoTIFF' });
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  },
  defaultAtlas: () =>
    (atlasCache ??= (async () => {
      const p = require.resolve(DEFAULT_ATLAS);
      return JSON.parse(decodeUtf8(await readInputFile(p, INPUT_CAPS.geometry, { file: p, path: '', kind: 'TopoJSON atlas' }), { file: p, path: '' })) as unknown;
    })()),
  defaultAtlasName: `npm ${DEFAULT_ATLAS}`,
};

/** Float32 samples on shared memory: structured clones to worker threads share them. */
export function sharedFloat32(n: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(n * Float32Array.BYTES_PER_ELEMENT));
}

/** Int16 on shared memory (the mip-maps of a tiled ground). */
export function sharedInt16(n: number): Int16Array {
  return new Int16Array(new SharedArrayBuffer(n * Int16Array.BYTES_PER_ELEMENT));
}

/**
 * The CLI's world source: files from disk; the ground and its line-of-sight indexes built once, on
 * shared memory, so that workers neither generate nor hold their own copies.
 */
export const nodeWorldSource: WorldSource = { io: nodeGeoIO, alloc: sharedFloat32, allocIndex: sharedInt16 };
