/**
 * The rule for a scene's data files in the CLI (src/config/dataRefs.ts, load.ts): a relative path
 * inside the scene file's folder, also after symbolic links; no URLs, absolute paths or `..` out.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeGeoIO } from '../../src/batch/geoFiles.ts';
import { dataRefProblem, resolveDataRef } from '../../src/config/dataRefs.ts';
import { loadScenario, loadSceneFile } from '../../src/config/load.ts';
import { problemsOf, tempDir } from './helpers.ts';

const root = tempDir('watchline-datarefs-');
const sceneDir = path.join(root, 'scenes');
mkdirSync(path.join(sceneDir, 'data'), { recursive: true });
const LINE = JSON.stringify({ type: 'LineString', coordinates: [[40, 35], [40.05, 35.01]] });
writeFileSync(path.join(sceneDir, 'data', 'b.geojson'), LINE);
writeFileSync(path.join(root, 'outside.geojson'), LINE);
symlinkSync(path.join(root, 'outside.geojson'), path.join(sceneDir, 'data', 'link.geojson'));
symlinkSync(path.join(sceneDir, 'data', 'b.geojson'), path.join(sceneDir, 'data', 'inner-link.geojson'));

function scene(ref: string): string {
  const f = path.join(sceneDir, `s-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(f, `border:\n  line: { type: geojson, file: ${JSON.stringify(ref)} }\n  barrier: {}\nterrain: { type: flat }\nthreats: [ { kind: foot, share: 1 } ]\n`);
  return f;
}

describe('a scene\'s data files (CLI)', () => {
  it('the rule on the text of a reference', () => {
    expect(dataRefProblem('data/b.geojson')).toBeNull();
    expect(dataRefProblem('./data/../data/b.geojson')).toBeNull();
    expect(dataRefProblem('../b.geojson')).toMatch(/climbs out/);
    expect(dataRefProblem('data/../../b.geojson')).toMatch(/climbs out/);
    expect(dataRefProblem('/etc/passwd')).toMatch(/absolute path/);
    expect(dataRefProblem('file:///etc/passwd')).toMatch(/not URLs/);
    expect(dataRefProblem('HTTPS://x/y')).toMatch(/not URLs/);
    expect(dataRefProblem('c:\\x')).toMatch(/drive letter/);
    expect(dataRefProblem('a\\b')).toMatch(/backslash/);
    expect(dataRefProblem('.')).toMatch(/folder itself/);
    expect(resolveDataRef('scenes/x.yaml', 'data/./b.geojson')).toEqual({ path: 'scenes/data/b.geojson' });
    expect(resolveDataRef('/abs/scenes/x.yaml', 'b.geojson')).toEqual({ path: '/abs/scenes/b.geojson' });
  });

  it('a file beside the scene or below it loads; a link that stays inside is fine', async () => {
    expect(loadSceneFile(scene('data/b.geojson')).border.line).toMatchObject({ type: 'geojson' });
    const s = loadScenario({ scenePath: scene('data/inner-link.geojson') });
    expect(nodeGeoIO.resolve(s.sceneFile!, 'data/inner-link.geojson')).toBe(path.join(sceneDir, 'data', 'inner-link.geojson'));
  });

  it('escapes are refused with the file, the field and the rule', () => {
    const cases: [string, RegExp][] = [
      ['../outside.geojson', /climbs out of the scene file's folder/],
      [path.join(root, 'outside.geojson'), /an absolute path is not allowed/],
      ['https://example.org/b.geojson', /not URLs/],
      ['data/link.geojson', /through a symbolic link, outside the scene file's folder/],
    ];
    for (const [ref, why] of cases) {
      const f = scene(ref);
      const p = problemsOf(() => loadScenario({ scenePath: f })).find((q) => q.path === 'border.line.file');
      expect(p, ref).toBeDefined();
      expect(p!.file).toBe(f);
      expect(p!.message, ref).toMatch(why);
      expect(p!.allowed).toMatch(/a relative path to a file in the scene file's folder or below it/);
    }
  });

  it('the reader refuses them too (defence in depth behind validation)', () => {
    const f = path.join(sceneDir, 'x.yaml');
    expect(() => nodeGeoIO.resolve(f, '../outside.geojson')).toThrow(/the data file "\.\.\/outside\.geojson" is refused: the path climbs out/);
    expect(() => nodeGeoIO.resolve(f, 'data/link.geojson')).toThrow(/symbolic link/);
    expect(nodeGeoIO.resolve(f, 'data/b.geojson')).toBe(path.join(sceneDir, 'data', 'b.geojson'));
  });
});
