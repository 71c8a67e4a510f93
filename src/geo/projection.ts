/**
 * Longitude/latitude → the local metric frame (docs/model.md §1): x east, y north, metres, with a
 * projection centred on the line so that lengths along it are true to well within 0.1 %.
 *
 * The projection is an azimuthal equidistant (proj4 `aeqd`, WGS 84) centred on the point half-way
 * along the line. Distances from the centre are exact; across them the scale grows as
 * (ρ/R)/sin(ρ/R) ≈ 1 + ρ²/(6R²): +0.037 % at ρ = 300 km, the ends of a 600 km frontier. A line's
 * projected length therefore never exceeds its geodesic length by more than that, which the tests
 * check against Karney's geodesics (geographiclib) on the Iraq–Syria line.
 *
 * Edge module (the purity rule, test/purity.ts): proj4 and geographiclib stay out of src/core.
 */
import proj4 from 'proj4';
// A CommonJS package: its named exports are reached through the default import.
import geodesic from 'geographiclib-geodesic';

const WGS84 = geodesic.Geodesic.WGS84;

/** A projection of the local frame: forward (lon, lat → x, y) and inverse, both in degrees and metres. */
export interface LocalProjection {
  /** The proj4 definition string, as written into outputs so others can reproduce the frame. */
  readonly definition: string;
  readonly centreLon: number;
  readonly centreLat: number;
  forward(lon: number, lat: number): [number, number];
  inverse(x: number, y: number): [number, number];
}

/** Geodesic length of a lon/lat polyline (interleaved lon0, lat0, lon1, …), metres, on WGS 84 (Karney 2013). */
export function geodesicLengthM(lonlat: ArrayLike<number>): number {
  let total = 0;
  for (let i = 2; i + 1 < lonlat.length; i += 2) {
    total += WGS84.Inverse(lonlat[i - 1], lonlat[i - 2], lonlat[i + 1], lonlat[i]).s12 ?? 0;
  }
  return total;
}

/** The point at geodesic distance `sM` along a lon/lat polyline (clamped to its ends), [lon, lat]. */
export function pointAlongGeodesic(lonlat: ArrayLike<number>, sM: number): [number, number] {
  let left = Math.max(sM, 0);
  for (let i = 2; i + 1 < lonlat.length; i += 2) {
    const inv = WGS84.Inverse(lonlat[i - 1], lonlat[i - 2], lonlat[i + 1], lonlat[i]);
    const len = inv.s12 ?? 0;
    if (left <= len || i + 2 >= lonlat.length) {
      const d = WGS84.Direct(lonlat[i - 1], lonlat[i - 2], inv.azi1 ?? 0, Math.min(left, len));
      return [d.lon2 ?? lonlat[i - 2], d.lat2 ?? lonlat[i - 1]];
    }
    left -= len;
  }
  return [lonlat[0], lonlat[1]];
}

/** An azimuthal equidistant projection on WGS 84 centred at (lon0, lat0). */
export function azimuthalEquidistant(lon0: number, lat0: number): LocalProjection {
  const definition = `+proj=aeqd +lat_0=${lat0} +lon_0=${lon0} +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs`;
  const converter = proj4('EPSG:4326', definition);
  return {
    definition,
    centreLon: lon0,
    centreLat: lat0,
    forward: (lon, lat) => converter.forward([lon, lat]) as [number, number],
    inverse: (x, y) => converter.inverse([x, y]) as [number, number],
  };
}

/** The projection centred half-way along the line (by geodesic length). */
export function projectionForLine(lonlat: ArrayLike<number>): LocalProjection {
  const [lon0, lat0] = pointAlongGeodesic(lonlat, geodesicLengthM(lonlat) / 2);
  return azimuthalEquidistant(lon0, lat0);
}

/** A lon/lat line projected into its local frame. */
export interface ProjectedLine {
  /** Vertices x0, y0, x1, y1, …, metres. */
  xy: Float64Array;
  projection: LocalProjection;
  /** Length in the plane, metres (what chainage runs over). */
  lengthM: number;
  /** Geodesic length on WGS 84, metres. */
  geodesicM: number;
}

/** Projects a lon/lat polyline into the local frame centred on it. */
export function projectLine(lonlat: ArrayLike<number>, projection: LocalProjection = projectionForLine(lonlat)): ProjectedLine {
  const n = lonlat.length / 2;
  const xy = new Float64Array(2 * n);
  let lengthM = 0;
  for (let i = 0; i < n; i++) {
    const [x, y] = projection.forward(lonlat[2 * i], lonlat[2 * i + 1]);
    xy[2 * i] = x;
    xy[2 * i + 1] = y;
    if (i > 0) lengthM += Math.hypot(x - xy[2 * i - 2], y - xy[2 * i - 1]);
  }
  return { xy, projection, lengthM, geodesicM: geodesicLengthM(lonlat) };
}
