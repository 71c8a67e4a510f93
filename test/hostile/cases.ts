/**
 * The hostile corpus (issue 15), as data: every case is its files, the commands that prepare it, the
 * command under test, the exit code and the words the message must hold. A refusal (exit 2) must also
 * leave nothing at `{d}/out`. Classes 1–8 are the issue's; the rest are our own families of the kinds
 * a careless user or an attacker tries.
 */
import { CONFIG, DEM_SCENE, GEO_SCENE, LINE, SCENE, SWEEP, demTiff, lineOf, utf16, type HostileCase } from './harness.ts';

const BASE = { 'scene.yaml': SCENE, 'config.yaml': CONFIG };
const GEO = { 'scene.yaml': GEO_SCENE, 'config.yaml': CONFIG, 'line.geojson': LINE };
const DEM = { 'scene.yaml': DEM_SCENE, 'config.yaml': CONFIG, 'line.geojson': LINE, 'dem.tif': demTiff() };
const run = (...extra: string[]) => ['run', '--config', '{d}/config.yaml', '--workers', '1', '--out', '{d}/out', ...extra];
const cov = (...extra: string[]) => ['coverage', '--config', '{d}/config.yaml', '--out', '{d}/out', ...extra];
const sweep = (...extra: string[]) => ['sweep', '--config', '{d}/config.yaml', '--workers', '1', '--out', '{d}/out', ...extra];
const shard = (k: number, dir: string, ...extra: string[]) => ['run', '--config', '{d}/config.yaml', '--workers', '1', '--shard', `${k}/2`, '--out', `{d}/${dir}`, ...extra];
const merge = ['merge', '{d}/s1', '{d}/s2', '--out', '{d}/out'];
const SHARDS = [shard(1, 's1'), shard(2, 's2')];
const validate = (f = '{d}/config.yaml') => ['validate', f];

const damagedTiff = (() => {
  const t = demTiff();
  return t.subarray(0, Math.floor(t.length / 2));
})();
/** A GeoTIFF whose header claims 100,000 × 100,000 pixels (its strip offsets point nowhere). */
const lyingTiff = (() => {
  const t = Buffer.from(demTiff());
  const le = t.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (le ? t.readUInt16LE(o) : t.readUInt16BE(o));
  const w16 = (v: number, o: number) => (le ? t.writeUInt16LE(v, o) : t.writeUInt16BE(v, o));
  const w32 = (v: number, o: number) => (le ? t.writeUInt32LE(v, o) : t.writeUInt32BE(v, o));
  // ImageWidth (256) and ImageLength (257): rewritten as LONG 100000 in place.
  const ifd = le ? t.readUInt32LE(4) : t.readUInt32BE(4);
  for (let e = 0; e < u16(ifd); e++) {
    const at = ifd + 2 + 12 * e;
    const tag = u16(at);
    if (tag === 256 || tag === 257) {
      w16(4, at + 2);
      w32(1, at + 4);
      w32(100_000, at + 8);
    }
  }
  return new Uint8Array(t);
})();

export const CASES: HostileCase[] = [
  // ---- 1. work that grows without bound ------------------------------------------------------
  { name: 'default deployment, pan period 1e-9 s, 20 attempts', class: '1 work', argv: ['run', '--attempts', '20', '--workers', '1', '--out', '{d}/out', '--set', 'cameras.0.scan.periodS=1e-9'], exit: 0, produces: '{d}/out/summary.json', timeoutMs: 60_000 },
  { name: 'default deployment, pan period 1e-300 s', class: '1 work', argv: ['run', '--attempts', '5', '--workers', '1', '--out', '{d}/out', '--set', 'cameras.1.scan.periodS=1e-300'], exit: 0, produces: '{d}/out/summary.json', timeoutMs: 60_000 },
  { name: 'sweep of three 10,000-value axes', class: '1 work', files: { ...BASE, 'config.yaml': CONFIG + 'sweep:\n  towers.spacingM: { first: 100, step: 1, last: 10099 }\n  towers.heightM: { first: 1, step: 1, last: 10000 }\n  towers.setbackM: { first: 1, step: 1, last: 10000 }\n' }, argv: sweep(), exit: 2, words: ['point-repetitions', 'sweep'] },
  { name: 'sweep repetitions 1,000,000', class: '1 work', files: { ...BASE, 'config.yaml': SWEEP + 'sweepOptions: { repetitions: 1000000 }\n' }, argv: sweep(), exit: 2, words: ['sweepOptions.repetitions', 'point-repetitions'] },
  { name: 'sweep 400 × 300 points', class: '1 work', files: { ...BASE, 'config.yaml': CONFIG + 'sweep:\n  towers.spacingM: { first: 100, step: 1, last: 499 }\n  towers.heightM: { first: 1, step: 0.1, last: 30.9 }\n' }, argv: sweep(), exit: 2, words: ['point-repetitions'] },
  { name: 'sweep range axis of 10^6 values', class: '1 work', files: { ...BASE, 'config.yaml': CONFIG + 'sweep:\n  towers.spacingM: { first: 100, step: 0.001, last: 1100 }\n' }, argv: sweep(), exit: 2, words: ['at most 10000 values per axis'] },
  { name: 'coverage --cell-m 1', class: '1 work', files: BASE, argv: cov('--cell-m', '1'), exit: 2, words: ['--cell-m', 'cells'] },
  { name: 'coverage --cell-m 0.5 (below the flag range)', class: '1 work', files: BASE, argv: cov('--cell-m', '0.5'), exit: 2, words: ['--cell-m'] },
  { name: 'coverage --step-m 0.1 --bin-m 1 on 4 km', class: '1 work', files: BASE, argv: cov('--step-m', '0.1', '--bin-m', '1'), exit: 2, words: ['--step-m', 'steps'] },
  { name: 'coverage --cell-m 3 on the default 10 km', class: '1 work', argv: ['coverage', '--out', '{d}/out', '--cell-m', '3'], exit: 2, words: ['--cell-m'] },
  { name: 'stepS 1e-9 s', class: '1 work', files: BASE, argv: run('--set', 'run.stepS=1e-9'), exit: 2, words: ['run.stepS', 'steps'] },
  { name: 'spacing 1 mm on 20,000 km', class: '1 work', files: BASE, argv: run('--set', 'scene.border.line.lengthKm=20000', '--set', 'towers.spacingM=0.001'), exit: 2, words: ['towers.spacingM', 'cameras'] },
  { name: 'procedural ground at 0.01 m cells', class: '1 work', files: { ...BASE, 'scene.yaml': SCENE.replace('terrain: { type: flat }', 'terrain: { type: procedural, cellM: 0.01 }') }, argv: run(), exit: 2, words: ['terrain.cellM'] },
  { name: '--attempts 10^9', class: '1 work', files: BASE, argv: run('--attempts', '1000000000'), exit: 2, words: ['--attempts'] },
  { name: 'run.attempts 10^12 in the file', class: '1 work', files: BASE, argv: run('--set', 'run.attempts=1000000000000'), exit: 2, words: ['run.attempts'] },
  { name: 'wadis 10^6', class: '1 work', files: { ...BASE, 'scene.yaml': SCENE.replace('terrain: { type: flat }', 'terrain: { type: procedural, wadis: 1000000 }') }, argv: run(), exit: 2, words: ['terrain.wadis'] },
  { name: 'a crawler at 1 µm/s', class: '1 work', files: { ...BASE, 'scene.yaml': SCENE.replace('kind: foot, share: 1', 'kind: foot, share: 1, speedMps: 0.000001') }, argv: run(), exit: 2, words: ['run.stepS'] },
  { name: '100,000 listed towers (a 2 MiB config)', class: '1 work', files: { ...BASE, 'config.yaml': CONFIG.replace('towers: { spacingM: 1000 }', `towers: { at: [${Array.from({ length: 100_000 }, (_, i) => `{ km: ${(i / 25_000).toFixed(5)} }`).join(', ')}] }`) }, argv: run(), exit: 2, words: ['1 MiB'] },

  // ---- 2. paths that are not regular files ---------------------------------------------------
  { name: 'validate /dev/zero', class: '2 files', argv: ['validate', '/dev/zero'], exit: 2, words: ['/dev/zero', 'device'] },
  { name: 'validate /dev/null', class: '2 files', argv: ['validate', '/dev/null'], exit: 2, words: ['/dev/null', 'device'] },
  { name: '--config /dev/zero', class: '2 files', argv: ['run', '--config', '/dev/zero', '--out', '{d}/out'], exit: 2, words: ['/dev/zero', 'device'] },
  { name: '--scene /dev/urandom', class: '2 files', argv: ['run', '--scene', '/dev/urandom', '--out', '{d}/out'], exit: 2, words: ['/dev/urandom', 'device'] },
  { name: 'a FIFO as --config', class: '2 files', files: { 'config.yaml': { fifo: true } }, argv: run(), exit: 2, words: ['config.yaml', 'FIFO'] },
  { name: 'a FIFO as --scene', class: '2 files', files: { ...BASE, 'scene.yaml': { fifo: true } }, argv: ['run', '--scene', '{d}/scene.yaml', '--out', '{d}/out'], exit: 2, words: ['scene.yaml', 'FIFO'] },
  { name: 'a FIFO named by scene:', class: '2 files', files: { ...BASE, 'scene.yaml': { fifo: true } }, argv: run(), exit: 2, words: ['scene.yaml', 'FIFO'] },
  { name: 'a FIFO as the GeoJSON line', class: '2 files', files: { ...GEO, 'line.geojson': { fifo: true } }, argv: run(), exit: 2, words: ['line.geojson', 'FIFO', 'border.line.file'] },
  { name: 'a FIFO as the DEM', class: '2 files', files: { ...DEM, 'dem.tif': { fifo: true } }, argv: run(), exit: 2, words: ['dem.tif', 'FIFO', 'terrain.file'] },
  { name: 'a FIFO as the atlas', class: '2 files', files: { ...BASE, 'scene.yaml': SCENE.replace('type: straight, lengthKm: 4', 'type: countries, between: [Iraq, Syria], file: atlas.json'), 'atlas.json': { fifo: true } }, argv: run(), exit: 2, words: ['atlas.json', 'FIFO'] },
  { name: 'validate a FIFO', class: '2 files', files: { 'x.yaml': { fifo: true } }, argv: validate('{d}/x.yaml'), exit: 2, words: ['FIFO'] },
  { name: 'a folder as --config', class: '2 files', files: { 'config.yaml': { dir: true } }, argv: run(), exit: 2, words: ['config.yaml', 'folder'] },
  { name: 'a folder as --scene', class: '2 files', files: { 'd.yaml': { dir: true } }, argv: ['run', '--scene', '{d}/d.yaml', '--out', '{d}/out'], exit: 2, words: ['folder'] },
  { name: 'a folder as the GeoJSON line', class: '2 files', files: { ...GEO, 'line.geojson': { dir: true } }, argv: run(), exit: 2, words: ['line.geojson', 'folder'] },
  { name: 'a folder as the DEM', class: '2 files', files: { ...DEM, 'dem.tif': { dir: true } }, argv: run(), exit: 2, words: ['dem.tif', 'folder'] },
  { name: 'a 2 MiB config', class: '2 files', files: { 'config.yaml': CONFIG + '#'.repeat(2 * 1024 * 1024) + '\n' }, argv: run(), exit: 2, words: ['bytes long', '1 MiB'] },
  { name: 'a missing config', class: '2 files', argv: run(), exit: 2, words: ['config.yaml', 'does not exist'] },
  { name: 'a missing scene named by scene:', class: '2 files', files: { 'config.yaml': CONFIG }, argv: run(), exit: 2, words: ['scene.yaml', 'does not exist'] },
  { name: 'a missing GeoJSON line', class: '2 files', files: { 'scene.yaml': GEO_SCENE, 'config.yaml': CONFIG }, argv: run(), exit: 2, words: ['line.geojson', 'does not exist'] },
  { name: 'a config under a file (a.yaml/b.yaml)', class: '2 files', files: { 'a.yaml': 'x: 1\n' }, argv: ['run', '--config', '{d}/a.yaml/b.yaml', '--out', '{d}/out'], exit: 2, words: ['a.yaml/b.yaml'] },
  { name: 'a symbolic-link loop as --config', class: '2 files', files: { 'config.yaml': { symlink: '{d}/loop.yaml' }, 'loop.yaml': { symlink: '{d}/config.yaml' } }, argv: run(), exit: 2, words: ['config.yaml', 'loop'] },
  { name: 'a link to /dev/zero as --config', class: '2 files', files: { 'config.yaml': { symlink: '/dev/zero' } }, argv: run(), exit: 2, words: ['config.yaml', 'device'] },
  { name: 'a dangling link as --config', class: '2 files', files: { 'config.yaml': { symlink: '{d}/nowhere.yaml' } }, argv: run(), exit: 2, words: ['does not exist'] },
  { name: 'an empty --config', class: '2 files', argv: ['run', '--config', '', '--out', '{d}/out'], exit: 2, words: ['empty'] },
  { name: 'an unreadable config (mode 000)', class: '2 files', files: BASE, edits: [{ chmod: 'config.yaml', mode: 0 }], argv: run(), exit: 2, words: ['permission denied'], notRoot: true },
  { name: 'a FIFO as a shard\'s summary.json', class: '2 files', files: BASE, pre: SHARDS, edits: [{ write: 's1/summary.json', content: { fifo: true } }], argv: merge, exit: 2, words: ['summary.json', 'FIFO'] },
  { name: 'a FIFO as a shard\'s attempts.csv', class: '2 files', files: BASE, pre: SHARDS, edits: [{ write: 's2/attempts.csv', content: { fifo: true } }], argv: merge, exit: 2, words: ['attempts.csv', 'FIFO'] },
  { name: 'a folder as a shard\'s attempts.csv', class: '2 files', files: BASE, pre: SHARDS, edits: [{ write: 's2/attempts.csv', content: { dir: true } }], argv: merge, exit: 2, words: ['attempts.csv', 'folder'] },
  { name: 'a link to /dev/zero as a shard\'s summary.json', class: '2 files', files: BASE, pre: SHARDS, edits: [{ write: 's1/summary.json', content: { symlink: '/dev/zero' } }], argv: merge, exit: 2, words: ['device'] },
  { name: 'a data file linking to /dev/zero', class: '2 files', files: { ...GEO, 'line.geojson': { symlink: '/dev/zero' } }, argv: run(), exit: 2, words: ['line.geojson', 'outside'] },

  // ---- 3. parser failures ---------------------------------------------------------------------
  { name: 'a GeoTIFF cut to half its bytes', class: '3 parser', files: { ...DEM, 'dem.tif': damagedTiff }, argv: run(), exit: 2, words: ['terrain.file', 'GeoTIFF'] },
  { name: 'a GeoTIFF header claiming 10^10 pixels', class: '3 parser', files: { ...DEM, 'dem.tif': lyingTiff }, argv: run(), exit: 2, words: ['terrain.file', 'pixels'] },
  { name: 'a GeoTIFF of 16 random bytes', class: '3 parser', files: { ...DEM, 'dem.tif': new Uint8Array([0x49, 0x49, 42, 0, 8, 0, 0, 0, 255, 255, 1, 2, 3, 4, 5, 6]) }, argv: run(), exit: 2, words: ['terrain.file', 'GeoTIFF'] },
  { name: 'an empty DEM file', class: '3 parser', files: { ...DEM, 'dem.tif': '' }, argv: run(), exit: 2, words: ['terrain.file'] },
  { name: 'a text file as the DEM', class: '3 parser', files: { ...DEM, 'dem.tif': 'not a tiff\n' }, argv: run(), exit: 2, words: ['terrain.file', 'GeoTIFF'] },
  { name: 'a GeoTIFF cut to its first 200 bytes', class: '3 parser', files: { ...DEM, 'dem.tif': demTiff().subarray(0, 200) }, argv: run(), exit: 2, words: ['terrain.file'] },
  { name: 'DEM heights of +1e30 m', class: '3 parser', files: { ...DEM, 'dem.tif': demTiff((c) => (c === 5 ? 1e30 : 100)) }, argv: run(), exit: 2, words: ['terrain.file', 'heights'] },
  { name: 'DEM heights of -1e30 m', class: '3 parser', files: { ...DEM, 'dem.tif': demTiff((c, r) => (r === 7 ? -1e30 : 100)) }, argv: run(), exit: 2, words: ['terrain.file', 'heights'] },
  { name: 'a DEM all nodata', class: '3 parser', files: { ...DEM, 'dem.tif': demTiff(() => NaN) }, argv: run(), exit: 2, words: ['nodata'] },
  { name: 'a DEM that misses the strip', class: '3 parser', files: { ...DEM, 'dem.tif': demTiff(() => 100, 10, 10) }, argv: run(), exit: 2, words: ['does not cover'] },
  { name: 'a projected DEM', class: '3 parser', files: { ...DEM, 'dem.tif': demTiff(undefined, 120, 80, { GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32637 }) }, argv: run(), exit: 2, words: ['projected'] },
  { name: 'a GeoJSON that is not JSON', class: '3 parser', files: { ...GEO, 'line.geojson': '{"type": "LineString", "coordinates": [[40, 35], ' }, argv: run(), exit: 2, words: ['border.line.file', 'not valid JSON'] },
  { name: 'a GeoJSON Point', class: '3 parser', files: { ...GEO, 'line.geojson': '{"type": "Point", "coordinates": [40, 35]}' }, argv: run(), exit: 2, words: ['border.line.file'] },
  { name: 'an empty FeatureCollection', class: '3 parser', files: { ...GEO, 'line.geojson': '{"type": "FeatureCollection", "features": []}' }, argv: run(), exit: 2, words: ['border.line.file'] },
  { name: 'a GeoJSON latitude of 91', class: '3 parser', files: { ...GEO, 'line.geojson': lineOf([[40.0, 35.0], [40.05, 91]]) }, argv: run(), exit: 2, words: ['latitude'] },
  { name: 'a GeoJSON position as strings', class: '3 parser', files: { ...GEO, 'line.geojson': '{"type": "LineString", "coordinates": [["40", "35"], [40.05, 35]]}' }, argv: run(), exit: 2, words: ['position 0'] },
  { name: 'a GeoJSON line of one position', class: '3 parser', files: { ...GEO, 'line.geojson': lineOf([[40.0, 35.0]]) }, argv: run(), exit: 2, words: ['border.line.file'] },
  { name: 'a GeoJSON line of one point twice', class: '3 parser', files: { ...GEO, 'line.geojson': lineOf([[40.0, 35.0], [40.0, 35.0]]) }, argv: run(), exit: 2, words: ['border.line.file'] },
  { name: 'a GeoJSON in UTF-16', class: '3 parser', files: { ...GEO, 'line.geojson': utf16(LINE) }, argv: run(), exit: 2, words: ['UTF-16', 'line.geojson'] },
  { name: 'a MultiLineString with parts apart', class: '3 parser', files: { ...GEO, 'line.geojson': JSON.stringify({ type: 'MultiLineString', coordinates: [[[40.0, 35.0], [40.02, 35.0]], [[40.03, 35.0], [40.05, 35.0]]] }) }, argv: run(), exit: 2, words: ['do not form one line'] },
  { name: 'a TopoJSON atlas that is JSON but not an atlas', class: '3 parser', files: { ...BASE, 'scene.yaml': SCENE.replace('type: straight, lengthKm: 4', 'type: countries, between: [Iraq, Syria], file: atlas.json'), 'atlas.json': '{"type": "Topology"}' }, argv: run(), exit: 2, words: ['border.line.file', 'TopoJSON'] },

  // ---- 4. merge trusts its inputs --------------------------------------------------------------
  { name: 'shards with another --set', class: '4 merge', files: BASE, pre: [shard(1, 's1'), shard(2, 's2', '--set', 'scene.environment.visibility=haze')], argv: merge, exit: 2, words: ['inputs.sets', 'differs'] },
  { name: 'shards with another preset by --set', class: '4 merge', files: BASE, pre: [shard(1, 's1', '--set', 'towers.heightM=20'), shard(2, 's2', '--set', 'towers.heightM=30')], argv: merge, exit: 2, words: ['inputs.sets'] },
  { name: 'shards with another seed', class: '4 merge', files: BASE, pre: [shard(1, 's1', '--seed', '1'), shard(2, 's2', '--seed', '2')], argv: merge, exit: 2, words: ['inputs.seed'] },
  { name: 'shards with other attempts', class: '4 merge', files: BASE, pre: [shard(1, 's1', '--attempts', '40'), shard(2, 's2', '--attempts', '60')], argv: merge, exit: 2, words: ['inputs.attempts'] },
  { name: 'one shard with --events, one without', class: '4 merge', files: BASE, pre: [shard(1, 's1', '--events'), shard(2, 's2')], argv: merge, exit: 2, words: ['inputs.events', '--events'] },
  { name: 'shards of an edited config', class: '4 merge', files: BASE, pre: [shard(1, 's1')], edits: [{ replace: 'config.yaml', from: 'rangeM: 800', to: 'rangeM: 700' }], then: [shard(2, 's2')], argv: merge, exit: 2, words: ['inputs.config'] },
  { name: 'shards of two scene files', class: '4 merge', files: { ...BASE, 'scene2.yaml': SCENE.replace('lengthKm: 4', 'lengthKm: 5') }, pre: [shard(1, 's1'), shard(2, 's2', '--scene', '{d}/scene2.yaml')], argv: merge, exit: 2, words: ['differs'] },
  { name: 'shards of an edited GeoJSON line', class: '4 merge', files: GEO, pre: [shard(1, 's1')], edits: [{ replace: 'line.geojson', from: '40.052', to: '40.051' }], then: [shard(2, 's2')], argv: merge, exit: 2, words: ['inputs.dataFiles', 'line.geojson'] },
  { name: 'a truncated attempts.csv', class: '4 merge', files: BASE, pre: SHARDS, edits: [{ truncate: 's2/attempts.csv', keep: 0.5 }], argv: merge, exit: 2, words: ['attempts.csv'] },
  { name: 'attempts.csv cut to its header', class: '4 merge', files: BASE, pre: SHARDS, edits: [{ replace: 's1/attempts.csv', from: /\n[\s\S]*/, to: '\n' }], argv: merge, exit: 2, words: ['attempts.csv', 'rows'] },
  { name: 'an empty attempts.csv', class: '4 merge', files: BASE, pre: SHARDS, edits: [{ write: 's1/attempts.csv', content: '' }], argv: merge, exit: 2, words: ['attempts.csv'] },
  { name: 'a non-numeric crossingKm', class: '4 merge', files: BASE, pre: SHARDS, edits: [{ replace: 's2/attempts.csv', from: /^(\d+,foot,)[^,]+/m, to: '$1abc' }], argv: merge, exit: 2, words: ['crossingKm', 'not a number'] },
  { name: 'an empty crossingKm', class: '4 merge', files: BASE, pre: SHARDS, edits: [{ replace: 's2/attempts.csv', from: /^(\d+,foot,)[^,]+/m, to: '$1' }], argv: merge, exit: 2, words: ['crossingKm'] },
  { name: 'a NaN crossingKm', class: '4 merge', files: BASE, pre: SHARDS, edits: [{ replace: 's1/attempts.csv', from: /^(\d+,foot,)[^,]+/m, to: '$1NaN' }], argv: merge, exit: 2, words: ['crossingKm'] },
  { name: 'a row with a column missing', class: '4 merge', files: BASE, pre: SHARDS, edits: [{ replace: 's1/attempts.csv', from: /^(\d+,foot,)[^,]+,/m, to: '$1' }], argv: merge, exit: 2, words: ['columns'] },
  { name: 'an unknown threat in a row', class: '4 merge', files: BASE, pre: SHARDS, edits: [{ replace: 's1/attempts.csv', from: /^(\d+),foot,/m, to: '$1,alien,' }], argv: merge, exit: 2, words: ['alien'] },
  { name: 'a detected flag of 2', class: '4 merge', files: BASE, pre: SHARDS, edits: [{ replace: 's1/attempts.csv', from: /^(\d+,foot,[^,]+,[^,]+,)[01],/m, to: '$12,' }], argv: merge, exit: 2, words: ['detected'] },
  { name: 'a row deleted', class: '4 merge', files: BASE, pre: SHARDS, edits: [{ replace: 's1/attempts.csv', from: /\n3,[^\n]*/, to: '' }], argv: merge, exit: 2, words: ['attempt 3 was expected'] },
  { name: 'a row duplicated', class: '4 merge', files: BASE, pre: SHARDS, edits: [{ replace: 's1/attempts.csv', from: /\n(3,[^\n]*)/, to: '\n$1\n$1' }], argv: merge, exit: 2, words: ['attempt 4 was expected'] },
  { name: 'a wrong header', class: '4 merge', files: BASE, pre: SHARDS, edits: [{ replace: 's2/attempts.csv', from: 'id,', to: 'ID,' }], argv: merge, exit: 2, words: ['header'] },
  { name: 'a summary.json that is not JSON', class: '4 merge', files: BASE, pre: SHARDS, edits: [{ write: 's1/summary.json', content: '{ not json' }], argv: merge, exit: 2, words: ['summary.json'] },
  { name: 'a summary.json that is a list', class: '4 merge', files: BASE, pre: SHARDS, edits: [{ write: 's1/summary.json', content: '[1, 2]' }], argv: merge, exit: 2, words: ['summary.json'] },
  { name: 'a summary.json without a fingerprint', class: '4 merge', files: BASE, pre: SHARDS, edits: [{ replace: 's2/summary.json', from: '"inputs"', to: '"inputz"' }], argv: merge, exit: 2, words: ['fingerprint'] },
  { name: 'edited attemptIds', class: '4 merge', files: BASE, pre: SHARDS, edits: [{ replace: 's2/summary.json', from: /"attemptIds": \[\s*20,/, to: '"attemptIds": [ 21,' }], argv: merge, exit: 2, words: ['attemptIds'] },
  { name: 'edited attempts count', class: '4 merge', files: BASE, pre: SHARDS, edits: [{ replace: 's2/summary.json', from: '"attempts": 20,', to: '"attempts": 19,' }], argv: merge, exit: 2, words: ['attempts.csv'] },
  { name: 'a missing attempts.csv', class: '4 merge', files: BASE, pre: SHARDS, edits: [{ remove: 's2/attempts.csv' }], argv: merge, exit: 2, words: ['attempts.csv'] },
  { name: 'events.jsonl removed from an --events shard', class: '4 merge', files: BASE, pre: [shard(1, 's1', '--events'), shard(2, 's2', '--events')], edits: [{ remove: 's2/events.jsonl' }], argv: merge, exit: 2, words: ['events.jsonl'] },
  { name: 'events.jsonl added to a shard without --events', class: '4 merge', files: BASE, pre: SHARDS, edits: [{ write: 's2/events.jsonl', content: '' }], argv: merge, exit: 2, words: ['events.jsonl'] },
  { name: 'a malformed event', class: '4 merge', files: BASE, pre: [shard(1, 's1', '--events'), shard(2, 's2', '--events')], edits: [{ write: 's2/events.jsonl', content: '{"t": 1, "attempt": 25\n' }], argv: merge, exit: 2, words: ['events.jsonl', 'malformed'] },
  { name: 'an event of another shard\'s attempt', class: '4 merge', files: BASE, pre: [shard(1, 's1', '--events'), shard(2, 's2', '--events')], edits: [{ write: 's2/events.jsonl', content: '{"t": 1, "attempt": 3}\n' }], argv: merge, exit: 2, words: ['outside the shard'] },
  { name: 'one shard given twice', class: '4 merge', files: BASE, pre: SHARDS, argv: ['merge', '{d}/s1', '{d}/s1', '--out', '{d}/out'], exit: 2, words: ['1/2 is given 2 times'] },
  { name: 'a shard missing', class: '4 merge', files: BASE, pre: [shard(1, 's1')], argv: ['merge', '{d}/s1', '--out', '{d}/out'], exit: 2, words: ['2/2 is missing'] },
  { name: 'shards of 2 and 3', class: '4 merge', files: BASE, pre: [shard(1, 's1'), ['run', '--config', '{d}/config.yaml', '--workers', '1', '--shard', '2/3', '--out', '{d}/s2']], argv: merge, exit: 2, words: ['differ'] },
  { name: 'an unsharded run as a shard', class: '4 merge', files: BASE, pre: [shard(1, 's1'), ['run', '--config', '{d}/config.yaml', '--workers', '1', '--out', '{d}/s2']], argv: merge, exit: 2, words: ['not a shard'] },
  { name: 'a folder with no summary.json', class: '4 merge', files: { ...BASE, 's2/x': 'x' }, pre: [shard(1, 's1')], argv: merge, exit: 2, words: ['summary.json', 'does not exist'] },
  { name: 'a sweep shard with a run shard', class: '4 merge', files: { ...BASE, 'sweep.yaml': SWEEP }, pre: [shard(1, 's1'), ['sweep', '--config', '{d}/sweep.yaml', '--workers', '1', '--shard', '2/2', '--out', '{d}/s2']], argv: merge, exit: 2, words: ['summary.json'] },
  { name: 'sweep shards with another --set', class: '4 merge', files: { ...BASE, 'config.yaml': SWEEP }, pre: [['sweep', '--config', '{d}/config.yaml', '--workers', '1', '--shard', '1/2', '--out', '{d}/s1'], ['sweep', '--config', '{d}/config.yaml', '--workers', '1', '--shard', '2/2', '--out', '{d}/s2', '--set', 'towers.heightM=25']], argv: merge, exit: 2, words: ['inputs.sets'] },
  { name: 'sweep shards with other attempts', class: '4 merge', files: { ...BASE, 'config.yaml': SWEEP }, pre: [['sweep', '--config', '{d}/config.yaml', '--workers', '1', '--shard', '1/2', '--out', '{d}/s1'], ['sweep', '--config', '{d}/config.yaml', '--workers', '1', '--shard', '2/2', '--out', '{d}/s2', '--attempts', '30']], argv: merge, exit: 2, words: ['inputs.attempts'] },
  { name: 'a sweep shard with its point removed', class: '4 merge', files: { ...BASE, 'config.yaml': SWEEP }, pre: [['sweep', '--config', '{d}/config.yaml', '--workers', '1', '--shard', '1/2', '--out', '{d}/s1'], ['sweep', '--config', '{d}/config.yaml', '--workers', '1', '--shard', '2/2', '--out', '{d}/s2']], edits: [{ replace: 's2/sweep.json', from: /"points": \[[\s\S]*\]\s*\}\s*$/, to: '"points": [] }\n' }], argv: merge, exit: 2, words: ['points'] },
  { name: 'a sweep shard with edited counts', class: '4 merge', files: { ...BASE, 'config.yaml': SWEEP }, pre: [['sweep', '--config', '{d}/config.yaml', '--workers', '1', '--shard', '1/2', '--out', '{d}/s1'], ['sweep', '--config', '{d}/config.yaml', '--workers', '1', '--shard', '2/2', '--out', '{d}/s2']], edits: [{ replace: 's2/sweep.json', from: /("repetitions": \[\s*\{[^}]*?"detected": )\d+/, to: '$1-3' }], argv: merge, exit: 2, words: ['malformed counts'] },
  { name: 'merge --out onto a shard', class: '4 merge', files: BASE, pre: SHARDS, argv: ['merge', '{d}/s1', '{d}/s2', '--out', '{d}/s1'], exit: 2, words: ['--out', 'not empty'], nothingAt: false },
  { name: 'merge without --out', class: '4 merge', files: BASE, argv: ['merge', '{d}/s1'], exit: 2, words: ['--out'] },
  { name: 'merge of nothing', class: '4 merge', argv: ['merge', '--out', '{d}/out'], exit: 2, words: ['dirs'] },
  { name: 'a clean merge still works', class: '4 merge', files: BASE, pre: [shard(1, 's1', '--events'), shard(2, 's2', '--events')], argv: merge, exit: 0, produces: '{d}/out/events.jsonl' },

  // ---- 5. resume ------------------------------------------------------------------------------
  // `@interrupted-sweep CONFIG OUT` leaves a sweep interrupted after its first point-repetition.
  { name: 'resume after the GeoJSON line was edited', class: '5 resume', files: { ...GEO, 'config.yaml': SWEEP }, pre: [['@interrupted-sweep', '{d}/config.yaml', '{d}/out']], edits: [{ replace: 'line.geojson', from: '40.052', to: '40.051' }], argv: sweep(), exit: 2, words: ['different inputs', '--force'] },
  { name: 'resume after the DEM was edited', class: '5 resume', files: { ...DEM, 'config.yaml': SWEEP }, pre: [['@interrupted-sweep', '{d}/config.yaml', '{d}/out']], edits: [{ write: 'dem.tif', content: demTiff((c) => 100 + c) }], argv: sweep(), exit: 2, words: ['different inputs'] },
  { name: 'resume after the config was edited', class: '5 resume', files: { ...BASE, 'config.yaml': SWEEP }, pre: [['@interrupted-sweep', '{d}/config.yaml', '{d}/out']], edits: [{ replace: 'config.yaml', from: 'rangeM: 800', to: 'rangeM: 750' }], argv: sweep(), exit: 2, words: ['different inputs'] },
  { name: 'resume with another --set', class: '5 resume', files: { ...BASE, 'config.yaml': SWEEP }, pre: [['@interrupted-sweep', '{d}/config.yaml', '{d}/out']], argv: sweep('--set', 'towers.heightM=30'), exit: 2, words: ['different inputs'] },
  { name: 'resume of unchanged inputs completes', class: '5 resume', files: { ...GEO, 'config.yaml': SWEEP }, pre: [['@interrupted-sweep', '{d}/config.yaml', '{d}/out']], argv: sweep(), exit: 0, produces: '{d}/out/sweep.json' },
  { name: 'resume after an edit, with --force, starts afresh', class: '5 resume', files: { ...GEO, 'config.yaml': SWEEP }, pre: [['@interrupted-sweep', '{d}/config.yaml', '{d}/out']], edits: [{ replace: 'line.geojson', from: '40.052', to: '40.051' }], argv: sweep('--force'), exit: 0, produces: '{d}/out/sweep.json' },

  // ---- 6. output locations ---------------------------------------------------------------------
  { name: '--out ""', class: '6 out', files: BASE, argv: ['run', '--config', '{d}/config.yaml', '--workers', '1', '--out', ''], exit: 2, words: ['--out', 'empty'] },
  { name: '--out .', class: '6 out', files: BASE, argv: ['run', '--config', '{d}/config.yaml', '--workers', '1', '--out', '.'], exit: 2, words: ['--out', 'working folder'] },
  { name: '--out ..', class: '6 out', files: BASE, argv: ['run', '--config', '{d}/config.yaml', '--workers', '1', '--out', '..'], exit: 2, words: ['--out', 'working folder'] },
  { name: '--out /', class: '6 out', files: BASE, argv: ['run', '--config', '{d}/config.yaml', '--workers', '1', '--out', '/', '--force'], exit: 2, words: ['--out'] },
  { name: '--out a dangling symlink', class: '6 out', files: { ...BASE, out: { symlink: '{d}/nowhere' } }, argv: run(), exit: 2, words: ['--out', 'dangling'], nothingAt: '{d}/nowhere' },
  { name: '--out a symlink to a folder', class: '6 out', files: { ...BASE, real: { dir: true }, out: { symlink: '{d}/real' } }, argv: run('--force'), exit: 2, words: ['--out', 'symbolic link'], nothingAt: '{d}/real/summary.json' },
  { name: '--out under a regular file', class: '6 out', files: { ...BASE, file: 'x' }, argv: ['run', '--config', '{d}/config.yaml', '--workers', '1', '--out', '{d}/file/out'], exit: 2, words: ['--out', 'under a file'], nothingAt: '{d}/file/out' },
  { name: '--out deep under a regular file', class: '6 out', files: { ...BASE, file: 'x' }, argv: ['run', '--config', '{d}/config.yaml', '--workers', '1', '--out', '{d}/file/a/b/c'], exit: 2, words: ['--out', 'under a file'], nothingAt: '{d}/file/a' },
  { name: '--out an existing file', class: '6 out', files: { ...BASE, out: 'x' }, argv: run(), exit: 2, words: ['--out', 'not a folder'], nothingAt: false },
  { name: '--out an existing file with --force', class: '6 out', files: { ...BASE, out: 'x' }, argv: run('--force'), exit: 2, words: ['--out', 'not a folder'], nothingAt: false },
  { name: '--out a non-empty folder', class: '6 out', files: { ...BASE, 'out/keep': 'x' }, argv: run(), exit: 2, words: ['--out', 'not empty'], nothingAt: false },
  { name: '--out /proc (read-only)', class: '6 out', files: BASE, argv: ['run', '--config', '{d}/config.yaml', '--workers', '1', '--out', '/proc/watchline-out'], exit: 2, words: ['--out'], nothingAt: false },
  { name: '--out /sys (read-only)', class: '6 out', files: BASE, argv: ['coverage', '--config', '{d}/config.yaml', '--out', '/sys/watchline-out'], exit: 2, words: ['--out'], nothingAt: false },
  { name: '--out in a folder without write permission', class: '6 out', files: { ...BASE, locked: { dir: true } }, edits: [{ chmod: 'locked', mode: 0o555 }], argv: ['run', '--config', '{d}/config.yaml', '--workers', '1', '--out', '{d}/locked/out'], exit: 2, words: ['--out', 'permission'], notRoot: true, nothingAt: '{d}/locked/out' },
  { name: 'coverage --out ""', class: '6 out', files: BASE, argv: ['coverage', '--config', '{d}/config.yaml', '--out', ''], exit: 2, words: ['--out'] },
  { name: 'coverage --out under a file', class: '6 out', files: { ...BASE, file: 'x' }, argv: ['coverage', '--config', '{d}/config.yaml', '--out', '{d}/file/o'], exit: 2, words: ['--out'], nothingAt: '{d}/file/o' },
  { name: 'sweep --out .', class: '6 out', files: { ...BASE, 'config.yaml': SWEEP }, argv: ['sweep', '--config', '{d}/config.yaml', '--workers', '1', '--out', '.'], exit: 2, words: ['--out'] },
  { name: 'sweep --out a dangling symlink', class: '6 out', files: { ...BASE, 'config.yaml': SWEEP, out: { symlink: '{d}/nowhere' } }, argv: sweep(), exit: 2, words: ['--out', 'dangling'], nothingAt: '{d}/nowhere' },
  { name: 'merge --out ""', class: '6 out', files: BASE, pre: SHARDS, argv: ['merge', '{d}/s1', '{d}/s2', '--out', ''], exit: 2, words: ['--out'] },
  { name: 'merge --out under a file', class: '6 out', files: { ...BASE, file: 'x' }, pre: SHARDS, argv: ['merge', '{d}/s1', '{d}/s2', '--out', '{d}/file/m'], exit: 2, words: ['--out'], nothingAt: '{d}/file/m' },
  { name: '--out new nested folders are made', class: '6 out', files: BASE, argv: ['run', '--config', '{d}/config.yaml', '--workers', '1', '--out', '{d}/a/b/c/out'], exit: 0, produces: '{d}/a/b/c/out/summary.json' },
  { name: '--out with a trailing slash', class: '6 out', files: BASE, argv: ['run', '--config', '{d}/config.yaml', '--workers', '1', '--out', '{d}/out/'], exit: 0, produces: '{d}/out/summary.json' },
  { name: '--out an empty folder', class: '6 out', files: { ...BASE, out: { dir: true } }, argv: run(), exit: 0, produces: '{d}/out/summary.json' },
  { name: '--out a non-empty folder with --force', class: '6 out', files: { ...BASE, 'out/old': 'x' }, argv: run('--force'), exit: 0, produces: '{d}/out/summary.json' },

  // ---- 7. geometry -----------------------------------------------------------------------------
  { name: 'a line that doubles back', class: '7 geometry', files: { ...GEO, 'line.geojson': lineOf([[40.0, 35.02], [40.1, 35.02], [40.05, 35.02]]) }, argv: run(), exit: 2, words: ['doubles back', 'border.line.file'] },
  { name: 'a line that doubles back by a hair', class: '7 geometry', files: { ...GEO, 'line.geojson': lineOf([[40.0, 35.02], [40.1, 35.02], [40.05, 35.02001]]) }, argv: run(), exit: 2, words: ['doubles back'] },
  { name: 'a bow-tie line', class: '7 geometry', files: { ...GEO, 'line.geojson': lineOf([[40.0, 35.0], [40.05, 35.04], [40.05, 35.0], [40.0, 35.04]]) }, argv: run(), exit: 2, words: ['crosses or touches itself'] },
  { name: 'a line that touches itself', class: '7 geometry', files: { ...GEO, 'line.geojson': lineOf([[40.0, 35.0], [40.06, 35.0], [40.06, 35.03], [40.03, 35.0], [40.03, 34.97]]) }, argv: run(), exit: 2, words: ['crosses or touches itself'] },
  { name: 'a MultiLineString whose second part runs back', class: '7 geometry', files: { ...GEO, 'line.geojson': JSON.stringify({ type: 'MultiLineString', coordinates: [[[40.0, 35.02], [40.05, 35.02]], [[40.05, 35.02], [40.02, 35.02]]] }) }, argv: run(), exit: 2, words: ['doubles back'] },
  { name: 'a reversed bow-tie', class: '7 geometry', files: { ...GEO, 'scene.yaml': GEO_SCENE.replace('file: line.geojson', 'file: line.geojson, reverse: true'), 'line.geojson': lineOf([[40.0, 35.0], [40.05, 35.04], [40.05, 35.0], [40.0, 35.04]]) }, argv: run(), exit: 2, words: ['crosses or touches itself'] },
  { name: 'a simple zigzag runs', class: '7 geometry', files: { ...GEO, 'line.geojson': lineOf([[40.0, 35.02], [40.01, 35.03], [40.02, 35.02], [40.03, 35.03]]) }, argv: run(), exit: 0, produces: '{d}/out/summary.json' },

  // ---- 8. messages -----------------------------------------------------------------------------
  { name: 'a scene as --config', class: '8 messages', files: BASE, argv: ['run', '--config', '{d}/scene.yaml', '--out', '{d}/out'], exit: 2, words: ['this is a scene file', '--scene'] },
  { name: 'a config as --scene', class: '8 messages', files: BASE, argv: ['run', '--scene', '{d}/config.yaml', '--out', '{d}/out'], exit: 2, words: ['this is a sim-config file'] },
  { name: 'a config whose scene: names itself', class: '8 messages', files: { 'config.yaml': CONFIG.replace('scene: scene.yaml', 'scene: config.yaml') }, argv: run(), exit: 2, words: ['names the config file itself'] },
  { name: 'configs naming each other', class: '8 messages', files: { 'config.yaml': CONFIG.replace('scene: scene.yaml', 'scene: other.yaml'), 'other.yaml': CONFIG.replace('scene: scene.yaml', 'scene: config.yaml') }, argv: run(), exit: 2, words: ['other.yaml', 'sim-config file, not a scene'] },
  { name: 'validate tells a scene given as config apart', class: '8 messages', files: BASE, argv: validate('{d}/scene.yaml'), exit: 0 },
  { name: 'a UTF-16 LE config with a BOM', class: '8 messages', files: { ...BASE, 'config.yaml': utf16(CONFIG) }, argv: run(), exit: 2, words: ['UTF-16', 'UTF-8'] },
  { name: 'a UTF-16 BE config with a BOM', class: '8 messages', files: { ...BASE, 'config.yaml': utf16(CONFIG, true) }, argv: run(), exit: 2, words: ['UTF-16 (big-endian)'] },
  { name: 'a UTF-16 LE config without a BOM', class: '8 messages', files: { ...BASE, 'config.yaml': utf16(CONFIG, false, false) }, argv: run(), exit: 2, words: ['UTF-16'] },
  { name: 'a UTF-16 scene', class: '8 messages', files: { ...BASE, 'scene.yaml': utf16(SCENE) }, argv: run(), exit: 2, words: ['scene.yaml', 'UTF-16'] },
  { name: 'validate a UTF-16 file', class: '8 messages', files: { 'x.yaml': utf16(SCENE) }, argv: validate('{d}/x.yaml'), exit: 2, words: ['UTF-16'] },
  { name: 'a UTF-32 config', class: '8 messages', files: { ...BASE, 'config.yaml': new Uint8Array([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]) }, argv: run(), exit: 2, words: ['UTF-32'] },
  { name: 'a Latin-1 config', class: '8 messages', files: { ...BASE, 'config.yaml': new Uint8Array(Buffer.from('# caf\xe9\n' + CONFIG, 'latin1')) }, argv: run(), exit: 2, words: ['not UTF-8', 'byte 0xe9 at offset 5'] },
  { name: 'a YAML merge key', class: '8 messages', files: { ...BASE, 'config.yaml': 'scene: scene.yaml\nbase: &b { spacingM: 1000 }\ntowers:\n  <<: *b\ncameras: [ { sensor: ideal, rangeM: 800, fovDeg: 360 } ]\nrun: { attempts: 40, seed: 1, stepS: 1 }\n' }, argv: run(), exit: 2, words: ['merge keys (<<) are not supported', 'line 4'] },
  { name: 'a YAML merge key in a scene', class: '8 messages', files: { ...BASE, 'scene.yaml': SCENE + 'x: &x { a: 1 }\ny: { <<: *x }\n' }, argv: run(), exit: 2, words: ['merge keys'] },
  { name: 'two YAML documents', class: '8 messages', files: { ...BASE, 'config.yaml': CONFIG + '---\n' + CONFIG }, argv: run(), exit: 2, words: ['more than one YAML document'] },
  { name: 'a document end and a second document', class: '8 messages', files: { ...BASE, 'scene.yaml': SCENE + '...\n---\nfoo: 1\n' }, argv: run(), exit: 2, words: ['more than one YAML document'] },
  { name: 'no library advice in the message', class: '8 messages', files: { ...BASE, 'config.yaml': CONFIG + '---\nx: 1\n' }, argv: run(), exit: 2, words: [/^(?![\s\S]*parseAllDocuments)/] },
  { name: 'between: [368, 760] validates', class: '8 messages', files: { 'scene.yaml': SCENE.replace('type: straight, lengthKm: 4', 'type: countries, between: [368, 760]') }, argv: validate('{d}/scene.yaml'), exit: 0 },
  { name: 'between: [368, "Syria"] validates', class: '8 messages', files: { 'scene.yaml': SCENE.replace('type: straight, lengthKm: 4', 'type: countries, between: [368, Syria]') }, argv: validate('{d}/scene.yaml'), exit: 0 },
  { name: 'between: [368.5, 760]', class: '8 messages', files: { 'scene.yaml': SCENE.replace('type: straight, lengthKm: 4', 'type: countries, between: [368.5, 760]') }, argv: validate('{d}/scene.yaml'), exit: 2, words: ['border.line.between.0', 'ISO 3166'] },
  { name: 'between one country', class: '8 messages', files: { 'scene.yaml': SCENE.replace('type: straight, lengthKm: 4', 'type: countries, between: [368]') }, argv: validate('{d}/scene.yaml'), exit: 2, words: ['border.line.between'] },
  { name: 'stepS longer than a whole attempt', class: '8 messages', files: BASE, argv: run('--set', 'run.stepS=100000'), exit: 2, words: ['run.stepS', 'longer than a whole'] },
  { name: 'stepS longer than a vehicle attempt', class: '8 messages', files: { ...BASE, 'scene.yaml': SCENE.replace('kind: foot, share: 1', 'kind: foot, share: 0.5 }, { kind: vehicle, share: 0.5').replace('lengthKm: 4 }', 'lengthKm: 4 }\n  barrier: { gaps: [ { fromKm: 1, toKm: 1.2 } ] }') }, argv: run('--set', 'run.stepS=400'), exit: 2, words: ['vehicle', 'run.stepS'] },
  { name: 'a sweep axis on run.seed', class: '8 messages', files: { ...BASE, 'config.yaml': CONFIG + 'sweep: { run.seed: [1, 2, 3] }\n' }, argv: sweep(), exit: 2, words: ['sweep.run.seed', 'common random numbers', 'repetitions'] },
  { name: 'a sweep axis on run.seed with others', class: '8 messages', files: { ...BASE, 'config.yaml': SWEEP.replace('sweep: { ', 'sweep: { run.seed: { first: 1, step: 1, last: 5 }, ') }, argv: sweep(), exit: 2, words: ['run.seed'] },

  // ---- flags ------------------------------------------------------------------------------------
  ...(
    [
      ['--attempts', '0'], ['--attempts', '-1'], ['--attempts', '1.5'], ['--attempts', 'abc'], ['--attempts', '1e3'], ['--attempts', ''], ['--attempts', '0x10'],
      ['--seed', '-1'], ['--seed', '4294967296'], ['--seed', 'x'], ['--workers', '0'], ['--workers', '1000'], ['--workers', '-2'],
      ['--shard', '0/2'], ['--shard', '3/2'], ['--shard', 'a/b'], ['--shard', '1/0'], ['--shard', '1'], ['--shard', '-1/2'],
    ] as const
  ).map(([flag, value]): HostileCase => ({ name: `run ${flag} ${JSON.stringify(value)}`, class: 'flags', files: BASE, argv: ['run', '--config', '{d}/config.yaml', '--out', '{d}/out', flag, value], exit: 2, words: [flag] })),
  { name: 'an unknown flag', class: 'flags', argv: ['run', '--attempt', '5', '--out', '{d}/out'], exit: 2, words: ['unknown option'] },
  { name: 'an unknown command', class: 'flags', argv: ['rnu'], exit: 2, words: ['unknown command'] },
  { name: '--config without a value', class: 'flags', argv: ['run', '--config'], exit: 2, words: ['--config'] },
  { name: 'ranges --preset nope', class: 'flags', argv: ['ranges', '--preset', 'nope'], exit: 2, words: ['nope'] },
  { name: 'ranges --cols 0', class: 'flags', argv: ['ranges', '--cols', '0', '--pitch-um', '12', '--focal-mm', '50'], exit: 2, words: ['--cols'] },
  { name: 'ranges --visibility smog', class: 'flags', argv: ['ranges', '--visibility', 'smog'], exit: 2, words: ['smog'] },
  { name: 'coverage --bin-m 0', class: 'flags', files: BASE, argv: cov('--bin-m', '0'), exit: 2, words: ['--bin-m'] },
  { name: 'coverage --step-m abc', class: 'flags', files: BASE, argv: cov('--step-m', 'abc'), exit: 2, words: ['--step-m'] },
  { name: 'coverage --cell-m Infinity', class: 'flags', files: BASE, argv: cov('--cell-m', 'Infinity'), exit: 2, words: ['--cell-m'] },
  { name: 'validate with no files', class: 'flags', argv: ['validate'], exit: 2, words: ['files'] },

  // ---- --set paths ------------------------------------------------------------------------------
  ...(
    [
      ['towers.spacingM', 'towers.spacingM'], ['towers.spacingM=', 'towers.spacingM'], ['towers.spacingM=-5', 'towers.spacingM'], ['towers.spacingM=.nan', 'towers.spacingM'],
      ['towers.spacingM=.inf', 'towers.spacingM'], ['towers.spacingM=abc', 'towers.spacingM'], ['towers.spacinM=100', 'spacingM'], ['unknown.key=1', 'unknown'],
      ['__proto__.polluted=1', '__proto__'], ['constructor.prototype.x=1', 'constructor'], ['towers.__proto__=1', '__proto__'], ['cameras.99.preset=x', 'cameras.99'],
      ['cameras.-1.preset=x', 'cameras'], ['scene.border.line.lengthKm=0', 'lengthKm'], ['scene.border.line.lengthKm=1e9', 'lengthKm'], ['scene.environment.visibility=smog', 'smog'],
      ['=5', '--set'], ['scene.threats.0.kind=dragon', 'dragon'], ['scene.threats.0.share=2', 'share'], ['run.seed=-1', 'run.seed'],
      ['cameras.0.scan.periodS=0', 'periodS'], ['cameras.0.scan.periodS=-1', 'periodS'], ['towers.heightM=1e400', 'towers.heightM'], ['scene.strip.approachM=0', 'approachM'],
    ] as const
  ).map(([set, word]): HostileCase => ({ name: `--set ${set}`, class: '--set', files: BASE, argv: run('--set', set), exit: 2, words: [word] })),

  // ---- YAML and JSON oddities -------------------------------------------------------------------
  ...(
    [
      ['tab indentation', 'scene: scene.yaml\ntowers:\n\tspacingM: 1000\n', 'YAML'],
      ['duplicate keys', CONFIG + 'towers: { spacingM: 500 }\n', 'keys must be unique'],
      ['an alias bomb', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n', 'alias'],
      ['nesting 100 deep', 'x: ' + '['.repeat(100) + ']'.repeat(100) + '\n', 'nested'],
      ['a mapping of 300 keys', Array.from({ length: 300 }, (_, i) => `k${i}: 1`).join('\n') + '\n', '300 keys'],
      ['a !!js/function tag', CONFIG + 'x: !!js/function "function(){}"\n', 'js/function'],
      ['a custom tag', CONFIG + 'x: !evil 1\n', 'evil'],
      ['an empty file', '', 'empty'],
      ['only comments', '# nothing\n# here\n', 'empty'],
      ['a list at the top', '- a\n- b\n', 'a list'],
      ['a string at the top', 'hello\n', 'a string'],
      ['a number at the top', '42\n', 'a number'],
      ['JSON with a trailing comma', '{"scene": "scene.yaml",}', 'JSON'],
      ['a JSON array', '[1, 2, 3]', 'a list'],
      ['JSON with a duplicate key', '{"scene": "scene.yaml", "scene": "x.yaml"}', 'JSON'],
      ['a NUL byte', CONFIG + 'x: "a\0b"\n', 'config.yaml'],
      ['a 2000-character key', CONFIG + 'k'.repeat(2000) + ': 1\n', 'config.yaml'],
      ['yes as a number', CONFIG.replace('attempts: 40', 'attempts: yes'), 'run.attempts'],
      ['.nan as a range', CONFIG.replace('rangeM: 800', 'rangeM: .nan'), 'rangeM'],
      ['.inf as a spacing', CONFIG.replace('spacingM: 1000', 'spacingM: .inf'), 'spacingM'],
      ['an unclosed flow mapping', CONFIG.replace('towers: { spacingM: 1000 }', 'towers: { spacingM: 1000'), 'YAML'],
      ['an unclosed quote', CONFIG + 'x: "abc\n', 'YAML'],
      ['an undefined alias', CONFIG + 'x: *nothere\n', 'nothere'],
      ['a binary file', '\x7fELF\x02\x01\x01\0\0\0\0\0', 'config.yaml'],
    ] as const
  ).map(([what, text, word]): HostileCase => ({ name: `YAML: ${what}`, class: 'yaml', files: { 'scene.yaml': SCENE, 'config.yaml': text }, argv: run(), exit: 2, words: [word] })),
  { name: 'YAML: a UTF-8 byte-order mark is fine', class: 'yaml', files: { ...BASE, 'config.yaml': '\ufeff' + CONFIG }, argv: validate(), exit: 0 },
  { name: 'YAML: CRLF line ends are fine', class: 'yaml', files: { 'scene.yaml': SCENE.replaceAll('\n', '\r\n'), 'config.yaml': CONFIG.replaceAll('\n', '\r\n') }, argv: validate(), exit: 0 },
  { name: 'YAML: an anchor and alias are fine', class: 'yaml', files: { ...BASE, 'config.yaml': CONFIG.replace('cameras: [ { sensor: ideal, rangeM: 800, fovDeg: 360 } ]', 'cameras: [ &cam { sensor: ideal, rangeM: 800, fovDeg: 360 }, *cam ]') }, argv: validate(), exit: 0 },

  // ---- GeoJSON edge cases -----------------------------------------------------------------------
  ...(
    [
      ['a Polygon', '{"type": "Polygon", "coordinates": [[[40, 35], [40.05, 35], [40.05, 35.03], [40, 35]]]}'],
      ['a FeatureCollection of two lines', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: JSON.parse(lineOf([[40, 35.02], [40.02, 35.02]])) }, { type: 'Feature', geometry: JSON.parse(lineOf([[40.03, 35.02], [40.05, 35.02]])) }] })],
      ['a Feature without geometry', '{"type": "Feature", "properties": {}, "geometry": null}'],
      ['null', 'null'],
      ['a number', '42'],
      ['coordinates as an object', '{"type": "LineString", "coordinates": {"0": [40, 35]}}'],
      ['longitude 181', lineOf([[40, 35], [181, 35]])],
      ['a NaN longitude', '{"type": "LineString", "coordinates": [[40, 35], [NaN, 35]]}'],
      ['an empty line', '{"type": "LineString", "coordinates": []}'],
      ['latitude first (a swap)', lineOf([[35.02, 40.0], [35.02, 40.05], [35.02, 95]])],
      ['a GeometryCollection', '{"type": "GeometryCollection", "geometries": []}'],
    ] as const
  ).map(([what, text]): HostileCase => ({ name: `GeoJSON: ${what}`, class: 'geojson', files: { ...GEO, 'line.geojson': text }, argv: run(), exit: 2, words: ['border.line.file'] })),
  { name: 'GeoJSON: a line with 3D positions runs', class: 'geojson', files: { ...GEO, 'line.geojson': lineOf([[40.008, 35.02, 100], [40.03, 35.021, 120], [40.052, 35.02, 90]]) }, argv: run(), exit: 0, produces: '{d}/out/summary.json' },
  { name: 'GeoJSON: a line across the antimeridian is 2.2 km, not 40,000', class: 'geojson', files: { ...GEO, 'line.geojson': lineOf([[179.99, 0], [-179.99, 0]]) }, argv: run('--json'), exit: 0, produces: '{d}/out/summary.json' },

  // ---- symbolic links and data-file references --------------------------------------------------
  { name: 'a config through a symlink runs', class: 'symlinks', files: { ...BASE, 'link.yaml': { symlink: '{d}/config.yaml' } }, argv: ['run', '--config', '{d}/link.yaml', '--workers', '1', '--out', '{d}/out'], exit: 0, produces: '{d}/out/summary.json' },
  { name: 'a data file linking out of the folder', class: 'symlinks', files: { ...GEO, 'sub/scene.yaml': GEO_SCENE, 'sub/line.geojson': { symlink: '{d}/line.geojson' }, 'config.yaml': CONFIG.replace('scene.yaml', 'sub/scene.yaml') }, argv: run(), exit: 2, words: ['symbolic link', 'outside'] },
  { name: 'a data file by absolute path', class: 'symlinks', files: { ...GEO, 'scene.yaml': GEO_SCENE.replace('file: line.geojson', 'file: /etc/passwd') }, argv: run(), exit: 2, words: ['border.line.file'] },
  { name: 'a data file climbing out', class: 'symlinks', files: { ...GEO, 'scene.yaml': GEO_SCENE.replace('file: line.geojson', 'file: ../line.geojson') }, argv: run(), exit: 2, words: ['border.line.file'] },
  { name: 'a data file by URL', class: 'symlinks', files: { ...GEO, 'scene.yaml': GEO_SCENE.replace('file: line.geojson', 'file: "https://example.com/l.geojson"') }, argv: run(), exit: 2, words: ['border.line.file'] },
  { name: 'a data file with a backslash', class: 'symlinks', files: { ...GEO, 'scene.yaml': GEO_SCENE.replace('file: line.geojson', 'file: "sub\\\\line.geojson"') }, argv: run(), exit: 2, words: ['border.line.file'] },
  { name: 'a dangling data-file link', class: 'symlinks', files: { ...GEO, 'line.geojson': { symlink: '{d}/gone.geojson' } }, argv: run(), exit: 2, words: ['line.geojson'] },
  { name: 'a DEM linking out of the folder', class: 'symlinks', files: { ...DEM, 'sub/scene.yaml': DEM_SCENE, 'sub/line.geojson': LINE, 'sub/dem.tif': { symlink: '{d}/dem.tif' }, 'config.yaml': CONFIG.replace('scene.yaml', 'sub/scene.yaml') }, argv: run(), exit: 2, words: ['terrain.file', 'outside'] },
];
