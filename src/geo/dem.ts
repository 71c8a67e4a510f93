/**
 * Terrain from a digital elevation model: a GeoTIFF in longitude/latitude read with `geotiff`, and
 * resampled into the world's ground (one grid or strip tiles, as terrain/ground.ts chooses) in the
 * local frame of the border.
 *
 * Resampling. Every ground sample (x, y) is taken back to longitude/latitude by the line's projection
 * and the DEM is interpolated bilinearly between its pixel centres. Inverting the projection at every
 * sample would cost seconds for 10⁷ samples, so it is evaluated on control points every 16 samples and
 * interpolated between them: over 160 m the projection's deviation from linear is below a millimetre.
 * A DEM finer than the cell is point-sampled (no averaging); choose `cellM` near the DEM's pixel size.
 *
 * No data. Pixels equal to the GDAL nodata value (or not finite) are skipped by the interpolation;
 * a sample with no valid neighbour gets the DEM's lowest valid height (it then occludes nothing). A
 * sample outside the DEM's extent is an input error: the DEM must cover the strip.
 *
 * Pure apart from the decoder: takes the file's bytes, reads no file.
 */
import { fromArrayBuffer } from 'geotiff';
import { InputError } from '../config/errors.ts';
import type { Border } from '../core/border.ts';
import { newStation, stationAt } from '../core/border.ts';
import type { Heightfield } from '../core/terrain/heightfield.ts';
import { createHeightfield } from '../core/terrain/heightfield.ts';
import type { SceneGroundData } from '../core/terrain/ground.ts';
import { planGround } from '../core/terrain/ground.ts';
import type { Bounds } from '../core/terrain/procedural.ts';
import { MAX_CELLS } from '../core/terrain/procedural.ts';
import type { StripReach } from '../core/terrain/tiled.ts';
import { DEFAULT_TILE_CELLS, allocateTiledGround, finishTiledGround, tilePositions, tileView } from '../core/terrain/tiled.ts';
import type { Blame } from './lines.ts';
import type { LocalProjection } from './projection.ts';

/** A DEM raster in longitude/latitude. */
export interface Dem {
  width: number;
  height: number;
  /** Heights, metres, row-major from the first row of the file; NaN where there is no data. */
  values: Float32Array;
  /** Longitude and latitude of the centre of pixel (0, 0), degrees. */
  lon0: number;
  lat0: number;
  /** Degrees per column and per row (dLat < 0 for the usual north-up raster). */
  dLon: number;
  dLat: number;
  /** Lowest valid height, metres. */
  minM: number;
  maxM: number;
}

/** EPSG codes of geographic (longitude/latitude) coordinate systems on datums within ~1–2 m of WGS 84. */
const WGS84_LIKE = new Set([4326, 4269, 4258, 4283, 4167, 4619]);

function fail(blame: Blame, message: string, allowed?: string): never {
  throw InputError.of({ file: blame.file, path: blame.path, message, ...(allowed && { allowed }) });
}

/** Most pixels a DEM may have: its heights take 4 bytes each, twice while decoded (1.2 GB). */
export const MAX_DEM_PIXELS = 150_000_000;
/** Heights a DEM may hold, m: below the deepest ocean trench, above the highest summit. */
export const DEM_MIN_M = -11_500;
export const DEM_MAX_M = 9_000;

/**
 * Decodes a GeoTIFF DEM (first band of the first image). Throws InputError on anything unusable: a
 * damaged or truncated file fails wherever the decoder notices it (opening, tags, or reading the
 * rasters), and all of it is bad input naming the file, never an internal error.
 */
export async function readDem(bytes: ArrayBuffer, blame: Blame): Promise<Dem> {
  try {
    return await decodeDem(bytes, blame);
  } catch (e) {
    if (e instanceof InputError) throw e;
    return fail(blame, `the file is not a readable GeoTIFF (${(e as Error)?.message ?? String(e)})`, 'an undamaged GeoTIFF elevation model');
  }
}

async function decodeDem(bytes: ArrayBuffer, blame: Blame): Promise<Dem> {
  let tiff;
  let image;
  try {
    tiff = await fromArrayBuffer(bytes);
    image = await tiff.getImage();
  } catch (e) {
    return fail(blame, `the file is not a readable GeoTIFF (${(e as Error).message})`, 'a GeoTIFF elevation model');
  }
  const keys = image.getGeoKeys() ?? {};
  if (keys.ProjectedCSTypeGeoKey !== undefined || keys.GTModelTypeGeoKey === 1) {
    fail(blame, `the DEM is in a projected coordinate system (EPSG ${keys.ProjectedCSTypeGeoKey ?? 'unknown'})`, 'a DEM in longitude/latitude (EPSG:4326); reproject it first, e.g. gdalwarp -t_srs EPSG:4326');
  }
  const geographic = keys.GeographicTypeGeoKey;
  if (geographic !== undefined && geographic !== 32767 && !WGS84_LIKE.has(geographic)) {
    fail(blame, `the DEM's geographic system EPSG:${geographic} is not WGS 84`, 'a DEM in longitude/latitude on WGS 84 (EPSG:4326)');
  }
  let origin: number[];
  let res: number[];
  try {
    origin = image.getOrigin();
    res = image.getResolution();
  } catch {
    return fail(blame, 'the GeoTIFF has no georeferencing (ModelTiepoint and ModelPixelScale)', 'a georeferenced GeoTIFF');
  }
  const mt = image.fileDirectory.getValue?.('ModelTransformation') as number[] | undefined;
  if (mt && (mt[1] !== 0 || mt[4] !== 0)) fail(blame, 'the GeoTIFF is rotated (ModelTransformation with shear terms)', 'a north-up GeoTIFF');
  const width = image.getWidth();
  const height = image.getHeight();
  if (!(width >= 2 && height >= 2)) fail(blame, `the DEM has ${width} × ${height} pixels`, 'a DEM of at least 2 × 2 pixels');
  // What the header claims, checked before any raster is decoded (a lying header would allocate it).
  if (width * height > MAX_DEM_PIXELS) fail(blame, `the DEM's header claims ${width} × ${height} pixels`, `at most ${MAX_DEM_PIXELS.toExponential(1)} pixels; crop the DEM to the strip (gdal_translate -projwin)`);
  if (!(Math.abs(origin[0]) <= 360 && Math.abs(origin[1]) <= 90 && Math.abs(res[0]) < 10 && Math.abs(res[1]) < 10)) {
    fail(blame, `the DEM's origin (${origin[0]}, ${origin[1]}) and pixel size (${res[0]}, ${res[1]}) are not longitude/latitude degrees`, 'a DEM in longitude/latitude (EPSG:4326)');
  }
  const raster = (await image.readRasters({ samples: [0], interleave: true })) as unknown as ArrayLike<number>;
  if (!(raster && raster.length >= width * height)) fail(blame, `the DEM's rasters hold ${raster?.length ?? 0} values for ${width} × ${height} pixels (a truncated file?)`, 'an undamaged GeoTIFF elevation model');
  const noData = image.getGDALNoData();
  const values = new Float32Array(width * height);
  let minM = Infinity;
  let maxM = -Infinity;
  for (let k = 0; k < values.length; k++) {
    const v = raster[k];
    if (!Number.isFinite(v) || (noData !== null && v === noData)) values[k] = NaN;
    else {
      values[k] = v;
      if (v < minM) minM = v;
      if (v > maxM) maxM = v;
    }
  }
  if (!Number.isFinite(minM)) fail(blame, 'every pixel of the DEM is nodata', 'a DEM with heights');
  if (minM < DEM_MIN_M || maxM > DEM_MAX_M) {
    fail(blame, `the DEM holds heights from ${minM} m to ${maxM} m, which no ground has (a nodata value the file does not declare?)`, `heights from ${DEM_MIN_M} m to ${DEM_MAX_M} m (declare the nodata value, e.g. gdal_translate -a_nodata)`);
  }
  // Pixel-is-area rasters tie the corner of pixel (0, 0); pixel-is-point rasters tie its centre.
  const half = image.pixelIsArea() ? 0.5 : 0;
  return { width, height, values, lon0: origin[0] + half * res[0], lat0: origin[1] + half * res[1], dLon: res[0], dLat: res[1], minM, maxM };
}

/**
 * Bilinear height at (lon, lat) over the valid pixel centres around it; NaN outside the DEM (farther
 * than half a pixel beyond its outer centres); the lowest valid height when all four are nodata.
 */
export function demHeightAt(dem: Dem, lon: number, lat: number): number {
  const fx = (lon - dem.lon0) / dem.dLon;
  const fy = (lat - dem.lat0) / dem.dLat;
  if (fx < -0.5 || fy < -0.5 || fx > dem.width - 0.5 || fy > dem.height - 0.5) return NaN;
  const cx = Math.min(Math.max(fx, 0), dem.width - 1);
  const cy = Math.min(Math.max(fy, 0), dem.height - 1);
  const i = Math.min(Math.floor(cx), dem.width - 2);
  const j = Math.min(Math.floor(cy), dem.height - 2);
  const u = cx - i;
  const v = cy - j;
  const w = dem.width;
  const k = j * w + i;
  let sum = 0;
  let weight = 0;
  const add = (h: number, wt: number) => {
    if (wt > 0 && h === h) {
      sum += h * wt;
      weight += wt;
    }
  };
  add(dem.values[k], (1 - u) * (1 - v));
  add(dem.values[k + 1], u * (1 - v));
  add(dem.values[k + w], (1 - u) * v);
  add(dem.values[k + w + 1], u * v);
  if (weight > 0) return sum / weight;
  // On a pixel centre exactly (weights 0 elsewhere) or in a nodata hole.
  const h = dem.values[Math.round(cy) * w + Math.round(cx)];
  return h === h ? h : dem.minM;
}

/** The DEM's pixel size in metres at its centre (the smaller of the two axes). */
export function demPixelM(dem: Dem): number {
  const latC = dem.lat0 + (dem.dLat * (dem.height - 1)) / 2;
  const mPerDegLat = 111_132;
  const mPerDegLon = 111_320 * Math.cos((latC * Math.PI) / 180);
  return Math.min(Math.abs(dem.dLon) * mPerDegLon, Math.abs(dem.dLat) * mPerDegLat);
}

/** Default cell when the scene gives none: the DEM's pixel, rounded, at least 10 m. */
export function defaultDemCellM(dem: Dem): number {
  return Math.max(10, Math.round(demPixelM(dem)));
}

/** Spacing of the control points where the projection is inverted exactly, in samples. */
const CONTROL = 16;

/**
 * Writes the DEM's heights at every sample of `hf` (NaN outside the DEM); returns how many fell outside.
 */
export function fillFromDem(hf: Heightfield, dem: Dem, projection: LocalProjection): number {
  const { nx, ny, cellM, originX, originY } = hf;
  const heights = hf.heights;
  const cx = Math.ceil((nx - 1) / CONTROL) + 1;
  const cy = Math.ceil((ny - 1) / CONTROL) + 1;
  const lon = new Float64Array(cx * cy);
  const lat = new Float64Array(cx * cy);
  for (let b = 0; b < cy; b++) {
    const y = originY + Math.min(b * CONTROL, ny - 1) * cellM;
    for (let a = 0; a < cx; a++) {
      const [lo, la] = projection.inverse(originX + Math.min(a * CONTROL, nx - 1) * cellM, y);
      lon[b * cx + a] = lo;
      lat[b * cx + a] = la;
    }
  }
  let missing = 0;
  for (let j = 0; j < ny; j++) {
    const b = Math.min(Math.floor(j / CONTROL), cy - 2);
    const j0 = b * CONTROL;
    const j1 = Math.min(j0 + CONTROL, ny - 1);
    const v = j1 > j0 ? (j - j0) / (j1 - j0) : 0;
    for (let i = 0; i < nx; i++) {
      const a = Math.min(Math.floor(i / CONTROL), cx - 2);
      const i0 = a * CONTROL;
      const i1 = Math.min(i0 + CONTROL, nx - 1);
      const u = i1 > i0 ? (i - i0) / (i1 - i0) : 0;
      const k00 = b * cx + a;
      const k10 = k00 + 1;
      const k01 = k00 + cx;
      const k11 = k01 + 1;
      const lo = (1 - v) * ((1 - u) * lon[k00] + u * lon[k10]) + v * ((1 - u) * lon[k01] + u * lon[k11]);
      const la = (1 - v) * ((1 - u) * lat[k00] + u * lat[k10]) + v * ((1 - u) * lat[k01] + u * lat[k11]);
      const h = demHeightAt(dem, lo, la);
      if (h !== h) missing++;
      heights[j * nx + i] = h;
    }
  }
  return missing;
}

/**
 * The world's ground from a DEM: the layout `planGround` picks for the strip at `cellM`, every sample
 * resampled from the DEM. `alloc` places the samples (a SharedArrayBuffer to share them with workers).
 */
export function groundFromDem(
  dem: Dem,
  projection: LocalProjection,
  border: Border,
  reach: StripReach,
  bounds: Bounds,
  cellM: number,
  blame: Blame,
  alloc: (n: number) => Float32Array = (n) => new Float32Array(n),
): SceneGroundData {
  const layout = planGround(border, reach, bounds, cellM, DEFAULT_TILE_CELLS);
  if (layout.samples > MAX_CELLS) {
    throw InputError.of({
      file: blame.file,
      path: 'terrain.cellM',
      message: `the strip at ${cellM} m cells needs ${layout.samples.toExponential(2)} samples, more than ${MAX_CELLS.toExponential(1)}`,
      got: String(cellM),
      allowed: 'a larger cell size',
    });
  }
  checkCoverage(dem, projection, border, reach, blame);
  let ground: SceneGroundData['ground'];
  if (layout.kind === 'grid') {
    const hf = createHeightfield(bounds.minX, bounds.minY, cellM, layout.nx, layout.ny, alloc(layout.nx * layout.ny));
    fillFromDem(hf, dem, projection);
    fillMissing(hf.heights, dem.minM);
    ground = hf;
  } else {
    const g = allocateTiledGround(border, reach, cellM, DEFAULT_TILE_CELLS, alloc);
    const pos = tilePositions(g);
    for (let s = 0; s < g.count; s++) fillFromDem(tileView(g, s, pos[2 * s], pos[2 * s + 1]), dem, projection);
    fillMissing(g.samples, dem.minM);
    ground = finishTiledGround(g);
  }
  return { ground, wadiKm: [] };
}

function fillMissing(v: Float32Array, fill: number): void {
  for (let k = 0; k < v.length; k++) if (v[k] !== v[k]) v[k] = fill;
}

/** Step along the line between coverage probes, metres. */
const COVERAGE_STEP_M = 100;

/**
 * The DEM must cover the strip: probes every 100 m along the line (and at every vertex), on the line
 * and at its far and home reach. Throws InputError naming both extents otherwise.
 */
function checkCoverage(dem: Dem, projection: LocalProjection, border: Border, reach: StripReach, blame: Blame): void {
  const st = newStation();
  const lons: number[] = [];
  const lats: number[] = [];
  let outside = 0;
  let probes = 0;
  const probe = (s: number) => {
    stationAt(border, s, st);
    for (const d of [-reach.farM, 0, reach.homeM]) {
      const [lon, lat] = projection.inverse(st.x + st.nx * d, st.y + st.ny * d);
      lons.push(lon);
      lats.push(lat);
      probes++;
      if (Number.isNaN(demHeightAt(dem, lon, lat))) outside++;
    }
  };
  for (let s = 0; s < border.lengthM; s += COVERAGE_STEP_M) probe(s);
  for (let i = 0; i < border.vertexCount; i++) probe(border.cumM[i]);
  if (outside === 0) return;
  const demLon = [dem.lon0 - dem.dLon / 2, dem.lon0 + dem.dLon * (dem.width - 0.5)].sort((a, b) => a - b);
  const demLat = [dem.lat0 - dem.dLat / 2, dem.lat0 + dem.dLat * (dem.height - 0.5)].sort((a, b) => a - b);
  const f = (v: number) => v.toFixed(4);
  fail(
    blame,
    `the DEM does not cover the strip: ${((100 * outside) / probes).toFixed(1)} % of the points probed along it fall outside ` +
      `(DEM: longitude ${f(demLon[0])} to ${f(demLon[1])}, latitude ${f(demLat[0])} to ${f(demLat[1])}; ` +
      `strip: longitude ${f(Math.min(...lons))} to ${f(Math.max(...lons))}, latitude ${f(Math.min(...lats))} to ${f(Math.max(...lats))})`,
    `a DEM covering the line and ${reach.farM} m beyond it on the far side, ${reach.homeM} m on the home side`,
  );
}
