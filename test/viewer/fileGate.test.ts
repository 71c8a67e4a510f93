/**
 * Files from users in the browser (issue 7): huge, binary or malformed files, YAML bombs and paths
 * pointing outside the project are refused with a message; a scene's data files are fetched only
 * from the project's served folders, never from a URL the file chose; nothing is evaluated as code.
 */
import { describe, expect, it, vi } from 'vitest';
import { InputError } from '../../src/config/errors.ts';
import { parseScenario } from '../../src/config/scenario.ts';
import { checkUserText, MAX_USER_FILE_BYTES, readUserFile, servedDataPath, servedScenarioPath, userFileRefusal } from '../../src/viewer/fileGate.ts';
import { resolveRequest } from '../../src/viewer/sources.ts';
import { parseParams } from '../../src/viewer/urlState.ts';

const message = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
};

const bomb = (levels: number) => {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
  return lines.join('\n') + '\n';
};

describe('a user\'s file', () => {
  it('is refused by name and size before it is read', () => {
    expect(userFileRefusal('scene.yaml', 2_000)).toBeNull();
    expect(userFileRefusal('huge.yaml', 5 * 1024 ** 3)).toMatch(/huge\.yaml: the file is 5368709120 bytes long\. Allowed: .* at most 1048576 bytes/);
    expect(userFileRefusal('photo.png', 10)).toMatch(/not a scene or config file/);
  });

  it('over the limit is read only up to the limit plus one byte, then refused', async () => {
    const big = new Blob([new Uint8Array(MAX_USER_FILE_BYTES * 3).fill(0x61)]);
    const sliced = vi.spyOn(big, 'slice');
    const text = await readUserFile(big);
    expect(sliced).toHaveBeenCalledWith(0, MAX_USER_FILE_BYTES + 1);
    expect(text.length).toBe(MAX_USER_FILE_BYTES + 1);
    expect(message(() => checkUserText('big.yaml', text))).toMatch(/big\.yaml: the file is larger than 1 MiB/);
    expect(await readUserFile(new Blob(['run: {}\n']))).toBe('run: {}\n');
  });

  it('binary content, a YAML bomb, deep nesting and huge mappings are refused with the file\'s name', () => {
    expect(message(() => checkUserText('x.yaml', 'a: 1\u0000\u0001'))).toMatch(/x\.yaml: the file is not UTF-8 text/);
    expect(message(() => checkUserText('x.yaml', 'a: \uFFFD'))).toMatch(/not UTF-8 text/);
    expect(message(() => checkUserText('bomb.yaml', bomb(12)))).toMatch(/bomb\.yaml: the file uses 108 YAML aliases .* at most 100 aliases/);
    // A small bomb has few aliases: the real parse refuses its expansion.
    checkUserText('small-bomb.yaml', bomb(5));
    expect(() => parseScenario({ configText: bomb(5), configName: 'small-bomb.yaml' })).toThrow(/small-bomb\.yaml: cannot read the YAML: Excessive alias count.* at most 100 alias expansions/);
    expect(message(() => checkUserText('deep.yaml', 'a: ' + '['.repeat(500) + ']'.repeat(500)))).toMatch(/deep\.yaml, line 1: mappings and lists are nested more than 64 levels deep/);
    const wide = Array.from({ length: 2000 }, (_, i) => `k${i}: 1`).join('\n');
    expect(message(() => checkUserText('wide.yaml', wide))).toMatch(/wide\.yaml, line 1: a mapping has 2000 keys/);
  });

  it('is refused in the request the page sends to the worker (shown as the page\'s error)', async () => {
    const fetchText = vi.fn(async () => '');
    const req = resolveRequest(parseParams(''), fetchText, { speed: 1, paused: false, local: { name: 'bomb.yaml', text: bomb(12), kind: 'config' } });
    await expect(req).rejects.toThrow(/bomb\.yaml: the file uses 108 YAML aliases/);
    expect(fetchText).not.toHaveBeenCalled();
  });

  it('is data, never code: tags and prototype keys are refused or stay inert', () => {
    expect(() => parseScenario({ configText: 'towers: !!js/function "function () { globalThis.pwned = 1 }"\n', configName: 'evil.yaml' })).toThrow(/evil\.yaml, line 1: YAML syntax error: Unresolved tag/);
    expect(() => parseScenario({ configText: '__proto__: { polluted: 1 }\ntowers: { spacingM: 1000 }\ncameras: [ { sensor: ideal, rangeM: 500 } ]\n', configName: 'p.yaml' })).toThrow(/p\.yaml, line 1, field __proto__: unknown key "__proto__"/);
    expect(() => parseScenario({ sets: ['__proto__.polluted=1'] })).toThrow(/"__proto__" is not a field/);
    expect(() => parseScenario({ sets: ['constructor.prototype.polluted=1'] })).toThrow(/"constructor" is not a field/);
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('paths the page fetches', () => {
  it('scene and config paths must name served scenario files', () => {
    expect(servedScenarioPath('sim-configs/default.yaml', 'url')).toBe('sim-configs/default.yaml');
    expect(servedScenarioPath('/scenes/./x/../flat-10km.yaml', 'url')).toBe('scenes/flat-10km.yaml');
    for (const bad of ['../package.json', 'scenes/../package.json', 'src/viewer/main.ts', 'https://evil.example/x.yaml', '//evil.example/scenes/x.yaml', 'scenes/x.yaml?x=1', 'scenes/%2e%2e/x.yaml', '@fs/etc/passwd.yaml', 'scenes']) {
      expect(message(() => servedScenarioPath(bad, 'the page address (?scene=)'))).toMatch(/the page address \(\?scene=\): the path .* is not a served scene or config/);
    }
  });

  it('a URL or config pointing outside is refused before anything is fetched', async () => {
    const fetchText = vi.fn(async () => 'towers: { spacingM: 1000 }\n');
    await expect(resolveRequest(parseParams('?scene=../../etc/passwd'), fetchText, { speed: 1, paused: false })).rejects.toThrow(/\?scene=.*not a served scene or config/);
    await expect(resolveRequest(parseParams('?config=https://evil.example/c.yaml'), fetchText, { speed: 1, paused: false })).rejects.toThrow(/\?config=.*not a served scene or config/);
    expect(fetchText).not.toHaveBeenCalled();
    const local = { name: 'mine.yaml', text: 'scene: ../../../../etc/passwd.yaml\ntowers: { spacingM: 1000 }\n', kind: 'config' as const };
    await expect(resolveRequest(parseParams(''), fetchText, { speed: 1, paused: false, local })).rejects.toThrow(/mine\.yaml, field scene: the path "\.\.\/\.\.\/\.\.\/etc\/passwd\.yaml" is not a served scene or config/);
    expect(fetchText).not.toHaveBeenCalled();
  });

  it('a scene\'s data files resolve inside its served folder only, never to a URL', () => {
    expect(servedDataPath('scenes/iraq.yaml', 'data/border.geojson')).toBe('scenes/data/border.geojson');
    expect(servedDataPath('scenes/sub/x.yaml', './dem.tif')).toBe('scenes/sub/dem.tif');
    // A scene opened from disk (a bare file name) counts as lying in scenes/.
    expect(servedDataPath('mine.yaml', 'line.geojson')).toBe('scenes/line.geojson');
    const refused = [
      ['https://evil.example/b.geojson', /not URLs/],
      ['https:evil.example/b.geojson', /not URLs/], // what `fetch` would take for an absolute URL
      ['//evil.example/b.geojson', /absolute path/],
      ['blob:http://x/1', /not URLs/],
      ['data:application/json,{}', /not URLs/],
      ['javascript:alert(1)', /not URLs/],
      ['/etc/passwd', /absolute path/],
      ['../package.json', /climbs out/],
      ['a/../../src/x.geojson', /climbs out/],
      ['..\\..\\x.geojson', /backslash/],
      ['C:/x.tif', /drive letter/],
      ['line\u0000.geojson', /control character/],
      ['notes.txt', /not a GeoJSON, TopoJSON or GeoTIFF/],
      ['x.geojson?v=1', /not a GeoJSON/],
    ] as const;
    for (const [ref, why] of refused) {
      const m = message(() => servedDataPath('scenes/s.yaml', ref));
      expect(m, ref).toMatch(/^scenes\/s\.yaml: the data file .* is refused: /);
      expect(m, ref).toMatch(why);
    }
    // A scene in a folder the server does not serve cannot reach data either.
    expect(message(() => servedDataPath('elsewhere/s.yaml', 'b.geojson'))).toMatch(/does not lie in a folder the viewer serves/);
  });
});
