/**
 * Border lines in longitude/latitude from the two file-based sources a scene may name: a GeoJSON file
 * holding one line, and the shared boundary of two countries in a TopoJSON atlas (Natural Earth via
 * npm `world-atlas` by default). Both yield one polyline, interleaved lon0, lat0, lon1, lat1, …
 *
 * Pure: takes parsed JSON, reads no file (the caller does), so Node and the browser share it. Bad
 * content throws InputError naming the scene file, the field that pointed at the data and what was
 * found, like every other input problem.
 */
import { feature, mesh } from 'topojson-client';
import type { GeometryObject, Topology } from 'topojson-specification';
import { InputError, type Problem } from '../config/errors.ts';

/** Where a problem is reported: the scene file and the field naming the data file. */
export interface Blame {
  file: string;
  path: string;
}

/** Consecutive parts of a MultiLineString must meet within this distance (degrees, ≈ 1 m). */
const JOIN_TOLERANCE_DEG = 1e-5;

function fail(blame: Blame, message: string, allowed?: string, got?: string): never {
  const p: Problem = { file: blame.file, path: blame.path, message, ...(allowed && { allowed }), ...(got !== undefined && { got }) };
  throw InputError.of(p);
}

function isPosition(p: unknown): p is number[] {
  return Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number';
}

/** Checks and appends one GeoJSON LineString's positions; drops repeated points. */
function appendPositions(out: number[], coords: unknown, blame: Blame, where: string): void {
  if (!Array.isArray(coords)) fail(blame, `${where}: "coordinates" is not an array of positions`, 'an array of [longitude, latitude] pairs');
  coords.forEach((p, i) => {
    if (!isPosition(p)) fail(blame, `${where}: position ${i} is not a [longitude, latitude] pair`, 'an array of [longitude, latitude] numbers', JSON.stringify(p)?.slice(0, 60));
    const [lon, lat] = p;
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
      fail(blame, `${where}: position ${i} is not a longitude/latitude in degrees`, 'longitude in [-180, 180] and latitude in [-90, 90] (GeoJSON is longitude first)', `[${lon}, ${lat}]`);
    }
    const n = out.length;
    if (n >= 2 && out[n - 2] === lon && out[n - 1] === lat) return;
    out.push(lon, lat);
  });
}

/** Joins parts end to start, in the order given; consecutive parts must touch. */
function joinParts(parts: number[][], blame: Blame, what: string): number[] {
  const out: number[] = [];
  parts.forEach((part, k) => {
    if (part.length === 0) return;
    if (out.length > 0) {
      const gapDeg = Math.hypot(part[0] - out[out.length - 2], part[1] - out[out.length - 1]);
      if (gapDeg > JOIN_TOLERANCE_DEG) {
        fail(
          blame,
          `${what}: part ${k} does not start where part ${k - 1} ends (${gapDeg.toFixed(5)}° apart), so the parts do not form one line`,
          'one LineString, or a MultiLineString whose parts continue one another in order',
        );
      }
      part = part.slice(2);
    }
    for (const v of part) out.push(v);
  });
  return out;
}

function lineOfGeometry(g: unknown, blame: Blame, where: string): number[] {
  const geom = g as { type?: unknown; coordinates?: unknown } | null;
  if (geom?.type === 'LineString') {
    const out: number[] = [];
    appendPositions(out, geom.coordinates, blame, where);
    return out;
  }
  if (geom?.type === 'MultiLineString') {
    if (!Array.isArray(geom.coordinates)) fail(blame, `${where}: "coordinates" is not an array of lines`, 'an array of arrays of [longitude, latitude] pairs');
    const parts = (geom.coordinates as unknown[]).map((c, k) => {
      const part: number[] = [];
      appendPositions(part, c, blame, `${where}, part ${k}`);
      return part;
    });
    return joinParts(parts, blame, where);
  }
  return fail(blame, `${where} is a ${JSON.stringify(geom?.type ?? null)}, not a line`, 'a LineString or MultiLineString geometry');
}

/**
 * The one line of a GeoJSON document: a LineString or MultiLineString geometry, a Feature holding
 * one, or a FeatureCollection with exactly one line feature. Chainage runs in the file's order; the
 * home side is on the left of it.
 */
export function lineFromGeoJSON(doc: unknown, blame: Blame): Float64Array {
  const d = doc as { type?: unknown; geometry?: unknown; features?: unknown } | null;
  let line: number[];
  if (d?.type === 'FeatureCollection') {
    const features = Array.isArray(d.features) ? (d.features as { geometry?: { type?: unknown } }[]) : [];
    const lines = features.filter((f) => f?.geometry?.type === 'LineString' || f?.geometry?.type === 'MultiLineString');
    if (lines.length !== 1) {
      fail(blame, `the FeatureCollection holds ${lines.length} line features`, 'exactly one LineString or MultiLineString feature (the border)');
    }
    line = lineOfGeometry(lines[0].geometry, blame, 'the line feature');
  } else if (d?.type === 'Feature') line = lineOfGeometry(d.geometry, blame, 'the feature\'s geometry');
  else line = lineOfGeometry(d, blame, 'the GeoJSON document');
  if (line.length < 4) fail(blame, 'the line has fewer than two distinct positions', 'a line of at least two distinct positions');
  return Float64Array.from(line);
}

interface CountryRef {
  id: string;
  name: string;
}

/** The countries of an atlas, by id and name. */
function countriesOf(topology: Topology, objectName: string, blame: Blame): { geoms: GeometryObject[]; list: CountryRef[] } {
  const obj = topology?.objects?.[objectName] as { type?: string; geometries?: GeometryObject[] } | undefined;
  if (topology?.type !== 'Topology' || !obj || obj.type !== 'GeometryCollection' || !Array.isArray(obj.geometries)) {
    fail(blame, `the atlas is not a TopoJSON topology with a "${objectName}" geometry collection`, 'a TopoJSON file like world-atlas countries-10m.json');
  }
  const geoms = obj.geometries;
  const list = geoms.map((g) => ({ id: String(g.id ?? ''), name: String((g.properties as { name?: unknown } | undefined)?.name ?? '') }));
  return { geoms, list };
}

function findCountry(list: CountryRef[], wanted: string, blame: { file: string }, field: string): number {
  const w = wanted.trim().toLowerCase();
  // An ISO 3166 numeric id ("368") or a Natural Earth name ("Iraq"), case-insensitive.
  const bare = w.replace(/^0+(?=\d)/, '');
  let i = list.findIndex((c) => c.id.replace(/^0+(?=\d)/, '') === bare && bare !== '');
  if (i < 0) i = list.findIndex((c) => c.name.toLowerCase() === w);
  if (i < 0) {
    const near = list.filter((c) => c.name.toLowerCase().includes(w.slice(0, 4))).slice(0, 5);
    throw InputError.of({
      file: blame.file,
      path: field,
      message: `no country named or numbered ${JSON.stringify(wanted)} in the atlas`,
      got: JSON.stringify(wanted),
      allowed: `a Natural Earth country name or ISO numeric id${near.length ? `, e.g. ${near.map((c) => `"${c.name}" (${c.id})`).join(', ')}` : ', e.g. "Iraq" or "368"'}`,
    });
  }
  return i;
}

/** Is (lon, lat) inside a GeoJSON Polygon or MultiPolygon (even-odd rule over all rings)? */
function insidePolygon(geometry: { type: string; coordinates: number[][][] | number[][][][] }, lon: number, lat: number): boolean {
  const polys = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as number[][][][];
  let inside = false;
  for (const poly of polys) {
    for (const ring of poly) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

/**
 * The boundary shared by countries A and B of a TopoJSON atlas, as one line with A (the home side,
 * where towers stand) on its left. The shared arcs are merged with topojson-client's `mesh`; when
 * the boundary comes in several pieces (enclaves, or a river boundary split by a third country) the
 * longest is used and the others are reported in `droppedParts`.
 */
export function sharedBorder(
  topology: Topology,
  between: readonly [string, string],
  blame: { file: string; atlasPath: string; betweenPath: string },
  objectName = 'countries',
): { lonlat: Float64Array; names: [string, string]; droppedParts: number } {
  const { geoms, list } = countriesOf(topology, objectName, { file: blame.file, path: blame.atlasPath });
  const betweenPath = blame.betweenPath;
  const ia = findCountry(list, between[0], blame, `${betweenPath}.0`);
  const ib = findCountry(list, between[1], blame, `${betweenPath}.1`);
  if (ia === ib) fail({ ...blame, path: betweenPath }, 'the two countries are the same', 'two different countries');
  const ga = geoms[ia];
  const gb = geoms[ib];
  const shared = mesh(topology, topology.objects[objectName] as GeometryObject, (a, b) => (a === ga && b === gb) || (a === gb && b === ga));
  const parts = (shared.coordinates ?? []).filter((l) => l.length >= 2);
  if (parts.length === 0) {
    fail({ ...blame, path: betweenPath }, `${list[ia].name} and ${list[ib].name} share no boundary in the atlas`, 'two neighbouring countries');
  }
  // The longest piece (in degrees; only used to rank pieces).
  const lengthDeg = (l: number[][]) => l.reduce((acc, p, i) => (i === 0 ? 0 : acc + Math.hypot(p[0] - l[i - 1][0], p[1] - l[i - 1][1])), 0);
  const main = parts.reduce((best, l) => (lengthDeg(l) > lengthDeg(best) ? l : best));
  const line: number[] = [];
  appendPositions(line, main, { file: blame.file, path: betweenPath }, 'the shared boundary');
  // Orientation: A must be on the left. Probe a small step left of the middle segment.
  const aFeature = feature(topology, ga) as unknown as { geometry: { type: string; coordinates: number[][][] } };
  const m = Math.max(0, Math.floor(line.length / 4) - 1);
  const [x0, y0, x1, y1] = [line[2 * m], line[2 * m + 1], line[2 * m + 2], line[2 * m + 3]];
  const coslat = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const tx = (x1 - x0) * coslat;
  const ty = y1 - y0;
  const norm = Math.hypot(tx, ty) || 1;
  const stepDeg = 1e-3; // ≈ 100 m, well inside either country
  const px = (x0 + x1) / 2 + ((-ty / norm) * stepDeg) / coslat;
  const py = (y0 + y1) / 2 + (tx / norm) * stepDeg;
  const out = Float64Array.from(line);
  if (!insidePolygon(aFeature.geometry, px, py)) reverseLine(out);
  return { lonlat: out, names: [list[ia].name, list[ib].name], droppedParts: parts.length - 1 };
}

/** Reverses an interleaved x, y line in place (swaps the home and far sides). */
export function reverseLine(xy: Float64Array): Float64Array {
  const n = xy.length / 2;
  for (let i = 0, j = n - 1; i < j; i++, j--) {
    const x = xy[2 * i];
    const y = xy[2 * i + 1];
    xy[2 * i] = xy[2 * j];
    xy[2 * i + 1] = xy[2 * j + 1];
    xy[2 * j] = x;
    xy[2 * j + 1] = y;
  }
  return xy;
}
