import { describe, expect, it } from 'vitest';
import { normalizePath, resolveRequest, resolveSceneRef } from '../../src/viewer/sources.ts';
import { parseParams } from '../../src/viewer/urlState.ts';

const files: Record<string, string> = {
  'sim-configs/a.yaml': 'scene: ../scenes/s.yaml\ntowers: { spacingM: 1000, setbackM: 50, heightM: 15 }\n',
  'sim-configs/b.yaml': 'towers: { spacingM: 1000, setbackM: 50, heightM: 15 }\n',
  'scenes/s.yaml': 'border: {}\n',
  'scenes/t.yaml': 'border: {}\n',
};
const fetchText = async (p: string) => {
  if (!(p in files)) throw new Error(`${p}: cannot read the file (no such file).`);
  return files[p];
};
const opts = { speed: 1000, paused: false };

describe('scenario sources', () => {
  it('normalises paths and resolves a config’s scene against its folder', () => {
    expect(normalizePath('a/./b/../c//d')).toBe('a/c/d');
    expect(normalizePath('../x')).toBe('../x');
    expect(resolveSceneRef('sim-configs/a.yaml', '../scenes/s.yaml')).toBe('scenes/s.yaml');
    expect(resolveSceneRef('a.yaml', 'scenes/s.yaml')).toBe('scenes/s.yaml');
  });

  it('uses the built-in defaults without parameters', async () => {
    const r = await resolveRequest(parseParams(''), fetchText, opts);
    expect(r.configText).toBeUndefined();
    expect(r.sceneText).toBeUndefined();
    expect(r.sets).toEqual([]);
  });

  it('fetches the config and the scene it names; the URL’s scene wins', async () => {
    const r = await resolveRequest(parseParams('?config=sim-configs/a.yaml&seed=5'), fetchText, opts);
    expect(r.configName).toBe('sim-configs/a.yaml');
    expect(r.sceneName).toBe('scenes/s.yaml');
    expect(r.sets).toEqual(['run.seed=5']);
    const r2 = await resolveRequest(parseParams('?config=sim-configs/a.yaml&scene=scenes/t.yaml'), fetchText, opts);
    expect(r2.sceneName).toBe('scenes/t.yaml');
  });

  it('fails with the file’s name when a named file cannot be read', async () => {
    await expect(resolveRequest(parseParams('?config=sim-configs/nope.yaml'), fetchText, opts)).rejects.toThrow('sim-configs/nope.yaml');
    await expect(resolveRequest(parseParams('?scene=scenes/nope.yaml'), fetchText, opts)).rejects.toThrow('scenes/nope.yaml');
  });

  it('puts a local file in place of the scene or the config', async () => {
    const r = await resolveRequest(parseParams('?config=sim-configs/b.yaml'), fetchText, { ...opts, local: { name: 'mine.yaml', text: 'border: {}', kind: 'scene' } });
    expect(r.sceneName).toBe('mine.yaml');
    expect(r.configName).toBe('sim-configs/b.yaml');
    const r2 = await resolveRequest(parseParams(''), fetchText, { ...opts, local: { name: 'a.yaml', text: files['sim-configs/a.yaml'], kind: 'config' } });
    expect(r2.configName).toBe('a.yaml');
    expect(r2.sceneName).toBe('scenes/s.yaml');
  });
});
