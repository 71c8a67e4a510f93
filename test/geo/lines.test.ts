import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/config/load.ts';
import { lineFromGeoJSON } from '../../src/geo/lines.ts';
import { nodeWorldSource } from '../../src/batch/geoFiles.ts';
import { resolveSceneFiles } from '../../src/world/build.ts';

const blame = { file: 'scenes/x.yaml', path: 'border.line.file' };

describe('GeoJSON border lines', () => {
  it('accept a LineString, a Feature, a one-line FeatureCollection and a joined MultiLineString', () => {
    const ls = { type: 'LineString', coordinates: [[40, 35], [40.1, 35.05], [40.2, 35]] };
    const want = [40, 35, 40.1, 35.05, 40.2, 35];
    expect(Array.from(lineFromGeoJSON(ls, blame))).toEqual(want);
    expect(Array.from(lineFromGeoJSON({ type: 'Feature', properties: {}, geometry: ls }, blame))).toEqual(want);
    expect(Array.from(lineFromGeoJSON({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] } }, { type: 'Feature', geometry: ls }] }, blame))).toEqual(want);
    const multi = { type: 'MultiLineString', coordinates: [[[40, 35], [40.1, 35.05]], [[40.1, 35.05], [40.2, 35]]] };
    expect(Array.from(lineFromGeoJSON(multi, blame))).toEqual(want);
  });

  it('reject what is not one line, naming the file and the field', () => {
    expect(() => lineFromGeoJSON({ type: 'Polygon', coordinates: [] }, blame)).toThrow(/scenes\/x\.yaml, field border\.line\.file: the GeoJSON document is a "Polygon", not a line/);
    expect(() => lineFromGeoJSON({ type: 'MultiLineString', coordinates: [[[40, 35], [40.1, 35]], [[41, 35], [41.1, 35]]] }, blame)).toThrow(/part 1 does not start where part 0 ends/);
    expect(() => lineFromGeoJSON({ type: 'FeatureCollection', features: [] }, blame)).toThrow(/holds 0 line features/);
    expect(() => lineFromGeoJSON({ type: 'LineString', coordinates: [[35, 140], [36, 141]] }, blame)).toThrow(/not a longitude\/latitude in degrees.*longitude first/);
    expect(() => lineFromGeoJSON({ type: 'LineString', coordinates: [[40, 35], [40, 35]] }, blame)).toThrow(/fewer than two distinct positions/);
  });
});

describe('scene files naming border data', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'watchline-line-'));
  const write = (name: string, text: string) => {
    writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  const sceneWith = (line: string) => write(`s${line.length}.yaml`, `border:\n  line: ${line}\nthreats: [ { kind: foot, share: 1 } ]\n`);

  it('refuse URLs and report missing files relative to the scene file', () => {
    expect(() => loadScenario({ scenePath: sceneWith('{ type: geojson, file: "https://example.org/b.geojson" }') })).toThrow(/field border\.line\.file: a scene can only name local files, not URLs/);
    expect(() => loadScenario({ scenePath: sceneWith('{ type: geojson, file: nowhere.geojson }') })).toThrow(/field border\.line\.file: the file "nowhere\.geojson" does not exist/);
    expect(() => loadScenario({ scenePath: sceneWith('{ type: countries, between: [Iraq, Syria], file: atlas-missing.json }') })).toThrow(/field border\.line\.file: the file "atlas-missing\.json" does not exist/);
  });

  it('resolve a GeoJSON line with reverse: true to the same line run backwards', async () => {
    write('b.geojson', JSON.stringify({ type: 'LineString', coordinates: [[40, 35], [40.1, 35.05], [40.2, 35]] }));
    const fwd = await resolveSceneFiles(loadScenario({ scenePath: sceneWith('{ type: geojson, file: b.geojson }') }), nodeWorldSource);
    const rev = await resolveSceneFiles(loadScenario({ scenePath: sceneWith('{ type: geojson, file: b.geojson, reverse: true }') }), nodeWorldSource);
    expect(fwd.frontier?.geodesicKm).toBeCloseTo(rev.frontier!.geodesicKm, 9);
    expect(fwd.borderXY!.length).toBe(6);
    expect(rev.borderXY![0]).toBeGreaterThan(fwd.borderXY![0]);
  });

  it('check gaps and towers against the real length', async () => {
    const scenePath = write('g.yaml', 'border:\n  line: { type: countries, between: [Iraq, Syria] }\n  barrier: { gaps: [ { fromKm: 650, toKm: 651 } ] }\nthreats: [ { kind: foot, share: 1 } ]\n');
    const e = await resolveSceneFiles(loadScenario({ scenePath }), nodeWorldSource).catch((x: Error) => x);
    expect(String(e)).toMatch(/g\.yaml, field border\.barrier\.gaps\.0\.toKm: the gap ends beyond the end of the border line \(599\.295 km long\)/);
  });
});
