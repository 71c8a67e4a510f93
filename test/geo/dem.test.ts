import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeArrayBuffer } from 'geotiff';
import { nodeGeoIO } from '../../src/batch/geoFiles.ts';
import { loadScenario } from '../../src/config/load.ts';
import { isInputError } from '../../src/config/errors.ts';
import { createBorder } from '../../src/core/border.ts';
import { groundHeightAt, isTiledGround, prepareGround } from '../../src/core/terrain/ground.ts';
import { createWorld } from '../../src/core/world.ts';
import { demHeightAt, readDem } from '../../src/geo/dem.ts';
import { resolveGeoInputs } from '../../src/geo/resolve.ts';

/**
 * A small GeoTIFF DEM written in the test: `w` × `h` pixels of `step` degrees from (lon0, lat0) at the
 * north-west corner, heights from `f(col, row)`, pixel-is-area (the usual convention).
 */
function demTiff(w: number, h: number, lon0: number, lat0: number, step: number, f: (c: number, r: number) => number, extra: Record<string, unknown> = {}): ArrayBuffer {
  const values = new Float32Array(w * h);
  for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) values[r * w + c] = f(c, r);
  return writeArrayBuffer(values, {
    width: w,
    height: h,
    ModelPixelScale: [step, step, 0],
    ModelTiepoint: [0, 0, 0, lon0, lat0, 0],
    GeographicTypeGeoKey: 4326,
    GTModelTypeGeoKey: 2,
    GTRasterTypeGeoKey: 1,
    ...extra,
  });
}

const dir = mkdtempSync(path.join(tmpdir(), 'watchline-dem-'));
// 0.0005° pixels (≈ 55 m × 46 m at 35° N) over 40.00–40.06° E, 35.00–35.04° N.
const W = 120;
const H = 80;
const STEP = 0.0005;
const LON0 = 40.0;
const LAT0 = 35.04;
// A random-looking but reproducible field (pixel-centre values are checked exactly) …
const bumpy = (c: number, r: number) => 200 + 30 * Math.sin(c * 0.37) * Math.cos(r * 0.23) + ((c * 7 + r * 13) % 11);
// … and a plane in longitude/latitude, which bilinear resampling reproduces everywhere.
const plane = (lon: number, lat: number) => 150 + 2000 * (lon - 40) - 3000 * (lat - 35);
const planeAt = (c: number, r: number) => plane(LON0 + (c + 0.5) * STEP, LAT0 - (r + 0.5) * STEP);

writeFileSync(path.join(dir, 'bumpy.tif'), new Uint8Array(demTiff(W, H, LON0, LAT0, STEP, bumpy)));
writeFileSync(path.join(dir, 'plane.tif'), new Uint8Array(demTiff(W, H, LON0, LAT0, STEP, planeAt)));
// A line 4 km long, west to east through the middle of the DEM (the home side is north).
writeFileSync(path.join(dir, 'line.geojson'), JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[40.008, 35.02], [40.03, 35.021], [40.052, 35.02]] } }));

function scene(dem: string, extra = '', line = 'line.geojson'): string {
  const p = path.join(dir, `scene-${dem}-${extra.length}-${line}.yaml`);
  writeFileSync(
    p,
    `border:\n  line: { type: geojson, file: ${line} }\nterrain: { type: dem, file: ${dem}${extra} }\nthreats: [ { kind: foot, share: 1 } ]\nstrip: { approachM: 800, depthM: 600 }\n`,
  );
  return p;
}

function config(scenePath: string): string {
  const p = `${scenePath}.config.yaml`;
  writeFileSync(p, `scene: ${path.basename(scenePath)}\ntowers: { spacingM: 1000, setbackM: 50, heightM: 15 }\ncameras: [ { sensor: ideal, rangeM: 800, headingDeg: 0, fovDeg: 360 } ]\nrun: { attempts: 50, seed: 1, stepS: 1 }\n`);
  return p;
}

async function worldOf(dem: string, extra = '', line = 'line.geojson') {
  const s = loadScenario({ configPath: config(scene(dem, extra, line)) });
  const geo = await resolveGeoInputs(s, nodeGeoIO);
  const world = createWorld(s.scene, s.config, { border: createBorder(geo.borderXY!), ground: geo.ground });
  return { world, geo };
}

describe('DEM terrain from a GeoTIFF', () => {
  it('reads the raster, its georeferencing and pixel centres as written', async () => {
    const dem = await readDem(demTiff(W, H, LON0, LAT0, STEP, bumpy), { file: 's', path: 'terrain.file' });
    expect([dem.width, dem.height]).toEqual([W, H]);
    expect(dem.lon0).toBeCloseTo(LON0 + STEP / 2, 12);
    expect(dem.lat0).toBeCloseTo(LAT0 - STEP / 2, 12);
    for (const [c, r] of [[0, 0], [17, 33], [W - 1, H - 1]]) {
      expect(demHeightAt(dem, dem.lon0 + c * STEP, dem.lat0 - r * STEP)).toBeCloseTo(Math.fround(bumpy(c, r)), 4);
    }
  });

  it('resamples into the ground: heights at pixel centres equal the values written', async () => {
    const { world, geo } = await worldOf('bumpy.tif', ', cellM: 5');
    const pr = geo.projection!;
    let checked = 0;
    for (let r = 10; r < H - 10; r += 3) {
      for (let c = 10; c < W - 10; c += 3) {
        const [x, y] = pr.forward(LON0 + (c + 0.5) * STEP, LAT0 - (r + 0.5) * STEP);
        // Only the strip is resampled (approach 800 m south, depth 600 m north, 300 m margin).
        if (y < -900 || y > 700 || Math.abs(x) > 1900) continue;
        // The ground interpolates between 5 m samples, themselves bilinear in the DEM: at a pixel
        // centre it differs from the written value by at most the DEM's steepest slope (10 m over a
        // 46 m pixel) times the distance to the nearest sample (≤ 3.6 m): < 1 m.
        expect(Math.abs(groundHeightAt(world.ground, x, y) - Math.fround(bumpy(c, r)))).toBeLessThan(1);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
    // Every ground sample is the bilinear interpolation of the written pixels at its longitude and
    // latitude (computed here independently of src/geo/dem.ts).
    const hf = world.heightfield;
    const bilinear = (lon: number, lat: number) => {
      const fx = (lon - LON0) / STEP - 0.5;
      const fy = (LAT0 - lat) / STEP - 0.5;
      const c = Math.floor(fx);
      const r = Math.floor(fy);
      const u = fx - c;
      const v = fy - r;
      const p = (cc: number, rr: number) => Math.fround(bumpy(cc, rr));
      return (1 - v) * ((1 - u) * p(c, r) + u * p(c + 1, r)) + v * ((1 - u) * p(c, r + 1) + u * p(c + 1, r + 1));
    };
    let nodes = 0;
    for (let j = 0; j < hf.ny; j += 17) {
      for (let i = 0; i < hf.nx; i += 13) {
        const x = hf.originX + i * hf.cellM;
        const y = hf.originY + j * hf.cellM;
        const [lon, lat] = pr.inverse(x, y);
        expect(hf.heights[j * hf.nx + i]).toBeCloseTo(bilinear(lon, lat), 3);
        nodes++;
      }
    }
    expect(nodes).toBeGreaterThan(500);
  });

  it('a plane in longitude/latitude comes out as that plane everywhere on the strip', async () => {
    const { world, geo } = await worldOf('plane.tif');
    const pr = geo.projection!;
    for (let k = 0; k < 400; k++) {
      const x = -1800 + ((k * 37) % 3600);
      const y = -700 + ((k * 53) % 1200);
      const [lon, lat] = pr.inverse(x, y);
      expect(groundHeightAt(world.ground, x, y)).toBeCloseTo(plane(lon, lat), 2);
    }
    // The default cell is the DEM's pixel size (≈ 46 m, at least 10 m).
    expect(isTiledGround(world.ground)).toBe(false);
    expect((world.ground as { cellM: number }).cellM).toBe(46);
  });

  it('nodata pixels are skipped by the interpolation', async () => {
    const withHoles = demTiff(W, H, LON0, LAT0, STEP, (c, r) => ((c + r) % 5 === 0 ? -9999 : 300), { GDAL_NODATA: '-9999' });
    const dem = await readDem(withHoles, { file: 's', path: 'terrain.file' });
    for (let k = 0; k < 200; k++) expect(demHeightAt(dem, LON0 + 0.001 + k * 0.00027, 35.01 + k * 0.0001)).toBeCloseTo(300, 4);
  });

  it('a DEM that does not cover the strip, a projected DEM and a DEM with a straight line are input errors', async () => {
    // Only the western half of the line.
    writeFileSync(path.join(dir, 'half.tif'), new Uint8Array(demTiff(60, H, LON0, LAT0, STEP, bumpy)));
    await expect(worldOf('half.tif')).rejects.toThrow(/field terrain\.file: the DEM does not cover the strip: .* longitude 40\.0000 to 40\.0300/);
    writeFileSync(path.join(dir, 'utm.tif'), new Uint8Array(demTiff(W, H, 500000, 3800000, 30, bumpy, { GeographicTypeGeoKey: undefined, ProjectedCSTypeGeoKey: 32637, GTModelTypeGeoKey: 1 })));
    await expect(worldOf('utm.tif')).rejects.toThrow(/projected coordinate system \(EPSG 32637\)/);
    const straight = path.join(dir, 'straight.yaml');
    writeFileSync(straight, 'border:\n  line: { type: straight, lengthKm: 3 }\nterrain: { type: dem, file: bumpy.tif }\nthreats: [ { kind: foot, share: 1 } ]\n');
    const s = loadScenario({ scenePath: straight });
    const e = await resolveGeoInputs(s, nodeGeoIO).catch((x) => x);
    expect(isInputError(e)).toBe(true);
    expect(String(e.message)).toMatch(/straight\.yaml, field terrain\.type: a DEM is placed by longitude and latitude/);
  });

  it('on a long bent line the ground is tiled along the strip and still resampled from the DEM', async () => {
    // An L: 20 km east along 35.05° N, then 20 km north; a plane DEM of 0.002° pixels around it.
    const big = (c: number, r: number) => plane(39.9 + (c + 0.5) * 0.002, 35.5 - (r + 0.5) * 0.002);
    writeFileSync(path.join(dir, 'big.tif'), new Uint8Array(demTiff(250, 250, 39.9, 35.5, 0.002, big)));
    writeFileSync(path.join(dir, 'ell.geojson'), JSON.stringify({ type: 'LineString', coordinates: [[40.0, 35.05], [40.22, 35.05], [40.22, 35.23]] }));
    const { world, geo } = await worldOf('big.tif', ', cellM: 10', 'ell.geojson');
    expect(isTiledGround(world.ground)).toBe(true);
    const pr = geo.projection!;
    const b = world.border;
    for (let k = 0; k <= 200; k++) {
      const st = { x: 0, y: 0 };
      const sM = (k / 200) * b.lengthM;
      const i = Math.min(b.vertexCount - 2, sM < b.cumM[1] ? 0 : 1);
      const u = (sM - b.cumM[i]) / (b.cumM[i + 1] - b.cumM[i]);
      st.x = b.xy[2 * i] + u * (b.xy[2 * i + 2] - b.xy[2 * i]);
      st.y = b.xy[2 * i + 1] + u * (b.xy[2 * i + 3] - b.xy[2 * i + 1]);
      const [lon, lat] = pr.inverse(st.x, st.y);
      expect(groundHeightAt(world.ground, st.x, st.y)).toBeCloseTo(plane(lon, lat), 2);
    }
  });
});
