import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import geodesic from 'geographiclib-geodesic';
import type { Topology } from 'topojson-specification';
import { createBorder, newStation, stationAt } from '../../src/core/border.ts';
import { sharedBorder } from '../../src/geo/lines.ts';
import { azimuthalEquidistant, geodesicLengthM, projectLine } from '../../src/geo/projection.ts';

const require = createRequire(import.meta.url);
const atlas = JSON.parse(readFileSync(require.resolve('world-atlas/countries-10m.json'), 'utf8')) as Topology;
const blame = { file: 'scenes/x.yaml', atlasPath: 'border.line', betweenPath: 'border.line.between' };
const WGS84 = geodesic.Geodesic.WGS84;

describe('the Iraq–Syria line from Natural Earth 1:10m', () => {
  const iq = sharedBorder(atlas, ['Iraq', 'Syria'], blame);
  const p = projectLine(iq.lonlat);

  it('is one piece about 599 km long (geodesic, WGS 84)', () => {
    expect(iq.names).toEqual(['Iraq', 'Syria']);
    expect(iq.droppedParts).toBe(0);
    expect(p.geodesicM / 1000).toBeGreaterThan(598);
    expect(p.geodesicM / 1000).toBeLessThan(600);
  });

  it('keeps its length through the projection within 0.1 % (in fact 0.002 %)', () => {
    expect(Math.abs(p.lengthM / p.geodesicM - 1)).toBeLessThan(1e-3);
    expect(Math.abs(p.lengthM / p.geodesicM - 1)).toBeLessThan(2e-5);
  });

  it('runs from the Turkish tripoint to the Jordanian one, Iraq on the left (home side)', () => {
    expect(iq.lonlat[1]).toBeGreaterThan(37); // starts in the north
    expect(iq.lonlat[iq.lonlat.length - 1]).toBeLessThan(33.5); // ends in the south-west
    const b = createBorder(p.xy);
    const st = stationAt(b, b.lengthM / 2, newStation());
    // 5 km along the home normal lies east of the line: Iraq.
    const [lonHome] = p.projection.inverse(st.x + st.nx * 5000, st.y + st.ny * 5000);
    const [lonLine] = p.projection.inverse(st.x, st.y);
    expect(lonHome).toBeGreaterThan(lonLine);
  });

  it('by ISO numeric ids (368, 760) it is the same line; [Syria, Iraq] reverses it', () => {
    const byId = sharedBorder(atlas, ['368', '760'], blame);
    expect(Array.from(byId.lonlat)).toEqual(Array.from(iq.lonlat));
    const rev = sharedBorder(atlas, ['syria', 'IRAQ'], blame);
    expect(rev.lonlat[0]).toBe(iq.lonlat[iq.lonlat.length - 2]);
    expect(rev.lonlat[1]).toBe(iq.lonlat[iq.lonlat.length - 1]);
  });

  it('names an unknown country and a pair with no common boundary as input errors', () => {
    expect(() => sharedBorder(atlas, ['Irak', 'Syria'], blame)).toThrow(/border\.line\.between\.0: no country named or numbered "Irak"/);
    expect(() => sharedBorder(atlas, ['Iraq', 'Egypt'], blame)).toThrow(/border\.line\.between: Iraq and Egypt share no boundary/);
  });
});

describe('azimuthal equidistant projection centred on the line', () => {
  it('keeps a 1,000 km diagonal line and a 600 km meridian line within 0.1 % of geodesic', () => {
    for (const line of [
      [30, 20, 36, 27],
      [40, 32, 40, 37.4],
      [-5, 55, 10, 52],
    ]) {
      // Densified, as borders are: 200 vertices along the geodesic.
      const inv = WGS84.Inverse(line[1], line[0], line[3], line[2]);
      const pts: number[] = [];
      for (let i = 0; i <= 200; i++) {
        const d = WGS84.Direct(line[1], line[0], inv.azi1!, (inv.s12! * i) / 200);
        pts.push(d.lon2!, d.lat2!);
      }
      const p = projectLine(pts);
      expect(Math.abs(p.geodesicM - inv.s12!) / inv.s12!).toBeLessThan(1e-9);
      expect(Math.abs(p.lengthM / p.geodesicM - 1)).toBeLessThan(1e-3);
    }
  });

  it('maps its centre to the origin, east to +x and north to +y, and inverts exactly', () => {
    const pr = azimuthalEquidistant(41, 35);
    const [x0, y0] = pr.forward(41, 35);
    expect(Math.hypot(x0, y0)).toBeLessThan(1e-6);
    const [xe, ye] = pr.forward(41.01, 35);
    expect(xe).toBeGreaterThan(900);
    expect(Math.abs(ye)).toBeLessThan(10);
    const [, yn] = pr.forward(41, 35.01);
    expect(yn).toBeCloseTo(WGS84.Inverse(35, 41, 35.01, 41).s12!, 3);
    const [lon, lat] = pr.inverse(12_345, -67_890);
    const [x, y] = pr.forward(lon, lat);
    expect(x).toBeCloseTo(12_345, 5);
    expect(y).toBeCloseTo(-67_890, 5);
  });

  it('geodesicLengthM sums Karney geodesics', () => {
    expect(geodesicLengthM([0, 0, 1, 0])).toBeCloseTo(111_319.49, 1);
  });
});
