import { describe, expect, it } from 'vitest';
import { DoubleSide, Mesh, MeshBasicMaterial, PlaneGeometry, Raycaster, Vector3 } from 'three';
import { StreamCursor } from '../../../src/core/rng.ts';
import type { Heightfield } from '../../../src/core/terrain/heightfield.ts';
import { createHeightfield, flatHeightfield, heightAt } from '../../../src/core/terrain/heightfield.ts';
import { buildTerrainIndex, groundAt, terrainLineOfSight } from '../../../src/core/terrain/los.ts';
import { reliefHeights } from '../../../src/core/terrain/procedural.ts';
import { denseMinClearance, denseSamplingError, exactMinClearance } from './reference.ts';

/** Seeded test heightfields: awkward sizes and origins, covering the cases that break marches. */
function fields(): { name: string; hf: Heightfield }[] {
  const c = new StreamCursor(77, 1);
  // White noise 0–10 m on 5 m cells: a ridge or pit in every cell.
  const noise = new Float32Array(41 * 29).map(() => 10 * c.next());
  // Heights rounded to whole metres: plateaus and exactly level ridges, i.e. many ties.
  const steps = new Float32Array(37 * 37).map(() => Math.round(4 * c.next()));
  const rolling = reliefHeights(9, 0, 0, 10, 200, 130, { reliefM: 60, wavelengthM: 800, octaves: 5 });
  return [
    { name: 'white noise 41×29', hf: createHeightfield(-123.5, 56.25, 5, 41, 29, noise) },
    { name: 'stepped 37×37', hf: createHeightfield(0, 0, 2, 37, 37, steps) },
    { name: 'rolling 200×130', hf: createHeightfield(1000, -500, 10, 200, 130, rolling) },
  ];
}

const ranges = new WeakMap<Heightfield, { zMin: number; zMax: number }>();
function heightRange(hf: Heightfield): { zMin: number; zMax: number } {
  let r = ranges.get(hf);
  if (!r) {
    r = { zMin: Math.min(...hf.heights), zMax: Math.max(...hf.heights) };
    ranges.set(hf, r);
  }
  return r;
}

/** A random segment around and across the grid, with special cases mixed in. */
function randomSegment(hf: Heightfield, c: StreamCursor, out: number[]): void {
  const w = (hf.nx - 1) * hf.cellM;
  const h = (hf.ny - 1) * hf.cellM;
  const { zMin, zMax } = heightRange(hf);
  const kind = Math.floor(c.next() * 10);
  // Ends mostly over the grid, sometimes up to 20 % beyond it (the clipped path).
  const px = () => hf.originX + (kind === 9 ? -0.2 + 1.4 * c.next() : c.next()) * w;
  const py = () => hf.originY + (kind === 9 ? -0.2 + 1.4 * c.next() : c.next()) * h;
  const pz = () => zMin - 1 + (zMax - zMin + 6) * c.next();
  let ax = px();
  let ay = py();
  let bx = px();
  let by = py();
  if (kind === 1) bx = ax; // along y
  if (kind === 2) by = ay; // along x
  if (kind === 3) {
    // exactly along a grid line
    ax = hf.originX + Math.floor(c.next() * hf.nx) * hf.cellM;
    bx = ax;
  }
  if (kind === 4) {
    // along a cell diagonal (the triangles' shared edge)
    const i = Math.floor(c.next() * (hf.nx - 1));
    const j = Math.floor(c.next() * (hf.ny - 1));
    const n = 1 + Math.floor(c.next() * Math.min(hf.nx - 1 - i, hf.ny - 1 - j));
    ax = hf.originX + i * hf.cellM;
    ay = hf.originY + j * hf.cellM;
    bx = ax + n * hf.cellM;
    by = ay + n * hf.cellM;
  }
  if (kind === 5) {
    // ends on the grid's edges
    ax = hf.originX;
    bx = hf.originX + w;
  }
  out[0] = ax;
  out[1] = ay;
  out[2] = pz();
  out[3] = bx;
  out[4] = by;
  out[5] = kind === 6 ? out[2] : pz(); // level segments too
}

describe('terrainLineOfSight against an exact reference', () => {
  // The reference evaluates the clearance at every grid-line and diagonal crossing (reference.ts).
  // Only segments whose exact minimum clearance is within 1 µm of zero may disagree: a ray that
  // touches the surface, where rounding decides.
  for (const { name, hf } of fields()) {
    it(`agrees on 4000 random segments over ${name}`, () => {
      const index = buildTerrainIndex(hf);
      const c = new StreamCursor(5, hf.nx);
      const s = [0, 0, 0, 0, 0, 0];
      let ties = 0;
      let blocked = 0;
      for (let k = 0; k < 4000; k++) {
        randomSegment(hf, c, s);
        const got = terrainLineOfSight(index, s[0], s[1], s[2], s[3], s[4], s[5]);
        const min = exactMinClearance(hf, s[0], s[1], s[2], s[3], s[4], s[5]);
        if (!got) blocked++;
        if (Math.abs(min) <= 1e-6) {
          ties++;
          continue;
        }
        if (got !== min >= 0) throw new Error(`segment ${k} [${s.join(', ')}]: los ${got}, exact min clearance ${min}`);
      }
      // Both answers are common, and ties are rare.
      expect(blocked).toBeGreaterThan(400);
      expect(blocked).toBeLessThan(3600);
      expect(ties).toBeLessThan(40);
    });
  }

  it('is symmetric: A→B and B→A agree', () => {
    for (const { hf } of fields()) {
      const index = buildTerrainIndex(hf);
      const c = new StreamCursor(8, hf.ny);
      const s = [0, 0, 0, 0, 0, 0];
      for (let k = 0; k < 2000; k++) {
        randomSegment(hf, c, s);
        const ab = terrainLineOfSight(index, s[0], s[1], s[2], s[3], s[4], s[5]);
        const ba = terrainLineOfSight(index, s[3], s[4], s[5], s[0], s[1], s[2]);
        if (ab !== ba && Math.abs(exactMinClearance(hf, s[0], s[1], s[2], s[3], s[4], s[5])) > 1e-6) {
          throw new Error(`segment ${k} [${s.join(', ')}]: A→B ${ab}, B→A ${ba}`);
        }
      }
    }
  });
});

describe('terrainLineOfSight against dense sampling (brute force)', () => {
  it('agrees on 3000 camera→target segments over rolling relief, except near-ties within the sampling error', () => {
    const hf = fields()[2].hf;
    const index = buildTerrainIndex(hf);
    const c = new StreamCursor(21, 3);
    const w = (hf.nx - 1) * hf.cellM;
    const h = (hf.ny - 1) * hf.cellM;
    let nearTies = 0;
    let visible = 0;
    for (let k = 0; k < 3000; k++) {
      // Cameras 10–30 m up, targets 1.8 m up, anywhere over the grid: the simulator's queries.
      const ax = hf.originX + c.next() * w;
      const ay = hf.originY + c.next() * h;
      const bx = hf.originX + c.next() * w;
      const by = hf.originY + c.next() * h;
      const az = heightAt(hf, ax, ay) + 10 + 20 * c.next();
      const bz = heightAt(hf, bx, by) + 1.8;
      const got = terrainLineOfSight(index, ax, ay, az, bx, by, bz);
      if (got) visible++;
      const sampled = denseMinClearance(hf, ax, ay, az, bx, by, bz);
      // The sampled minimum is an upper bound; the true one is at most `err` lower.
      const err = denseSamplingError(hf, ax, ay, az, bx, by, bz);
      if (sampled >= 0 && sampled < err) {
        nearTies++;
        continue;
      }
      if (got !== sampled >= 0) throw new Error(`segment ${k}: los ${got}, sampled min clearance ${sampled} (error bound ${err})`);
    }
    expect(visible).toBeGreaterThan(300);
    expect(visible).toBeLessThan(2700);
    expect(nearTies).toBeLessThan(30);
  });
});

describe('terrainLineOfSight: hand-calculated cases', () => {
  // Flat ground at 0 with one ridge: the sample column i = 50 (x = 500 m) at height H. Along a path
  // crossing it the ground is a tent peaking at H on x = 500, so the segment clears it exactly when
  // its height at x = 500 is at least H.
  function ridge(H: number) {
    const heights = new Float32Array(101 * 21);
    for (let j = 0; j < 21; j++) heights[j * 101 + 50] = H;
    return buildTerrainIndex(createHeightfield(0, 0, 10, 101, 21, heights));
  }

  it('a 5 m ridge midway between a 10 m mast and a target at 0 m: the line passes at 5 m', () => {
    // z(x) = 10 − x/100 along A = (0, 100, 10) → B = (1000, 100, 0); z(500) = 5.
    expect(terrainLineOfSight(ridge(4.9), 0, 100, 10, 1000, 100, 0)).toBe(true);
    expect(terrainLineOfSight(ridge(5.1), 0, 100, 10, 1000, 100, 0)).toBe(false);
    // Touching the crest counts as visible (5 is exact in float32 and in the line's arithmetic).
    expect(terrainLineOfSight(ridge(5), 0, 100, 10, 1000, 100, 0)).toBe(true);
  });

  it('an oblique crossing is judged by the height where the track meets the ridge', () => {
    // A = (100, 20, 2) → B = (700, 180, 14): the track meets x = 500 at t = 2/3, z = 2 + 12·2/3 = 10.
    // The ridge is level along y, so the ground there is H whatever the cell and triangle.
    expect(terrainLineOfSight(ridge(9.9), 100, 20, 2, 700, 180, 14)).toBe(true);
    expect(terrainLineOfSight(ridge(10.1), 100, 20, 2, 700, 180, 14)).toBe(false);
    // Same, reversed.
    expect(terrainLineOfSight(ridge(10.1), 700, 180, 14, 100, 20, 2)).toBe(false);
  });

  it('a segment that stops short of the ridge is not blocked by it', () => {
    expect(terrainLineOfSight(ridge(50), 0, 100, 10, 480, 100, 1)).toBe(true);
    expect(terrainLineOfSight(ridge(50), 0, 100, 10, 520, 100, 1)).toBe(false);
  });

  it('flat ground: every segment at or above zero is visible, one dipping below is not', () => {
    const index = buildTerrainIndex(flatHeightfield(-5000, -2000, 5000, 2000));
    const c = new StreamCursor(3, 3);
    for (let k = 0; k < 1000; k++) {
      const ax = -6000 + 12000 * c.next();
      const ay = -3000 + 6000 * c.next();
      const bx = -6000 + 12000 * c.next();
      const by = -3000 + 6000 * c.next();
      expect(terrainLineOfSight(index, ax, ay, 30 * c.next(), bx, by, 30 * c.next())).toBe(true);
      expect(terrainLineOfSight(index, ax, ay, 0, bx, by, 0)).toBe(true);
      expect(terrainLineOfSight(index, ax, ay, 10, bx, by, -0.001)).toBe(false);
    }
    // O(1): the flat index is a single cell, and the answer comes from its height range alone.
    expect(index.levels).toBe(1);
    expect(index.maxM).toBe(0);
  });

  it('the cell diagonal runs from sample (i, j) to (i + 1, j + 1): a crest along it, seen by heightAt and the march alike', () => {
    // One 10 m cell, corners (0,0) and (1,1) at 10 m, (1,0) and (0,1) at 0. Split along (0,0)–(1,1)
    // the surface is two planes meeting in a 10 m crest on that diagonal; split the other way it
    // would be a valley with its floor at 0 on the other diagonal.
    const hf = createHeightfield(0, 0, 10, 2, 2, Float32Array.from([10, 0, 0, 10]));
    const index = buildTerrainIndex(hf);
    expect(heightAt(hf, 5, 5)).toBe(10);
    expect(heightAt(hf, 7.5, 2.5)).toBe(5); // lower triangle: 10 − 10u + 10v
    expect(heightAt(hf, 2.5, 7.5)).toBe(5); // upper triangle: 10 + 10u − 10v
    expect(groundAt(index, 5, 5)).toBe(10);
    // A level segment along the other diagonal, from corner (10, 0) to (0, 10), crosses the crest at (5, 5).
    expect(terrainLineOfSight(index, 10, 0, 10, 0, 10, 10)).toBe(true); // touches it
    expect(terrainLineOfSight(index, 10, 0, 9.999, 0, 10, 9.999)).toBe(false);
    // Its ends stand on 0 m corners, so only the interior crest decides: the exact test, not an end check.
    expect(terrainLineOfSight(index, 10, 0, 0.5, 0, 10, 0.5)).toBe(false);
    // Along the crest itself at 10 m: touching all the way.
    expect(terrainLineOfSight(index, 0, 0, 10, 10, 10, 10)).toBe(true);
    expect(terrainLineOfSight(index, 0, 0, 10, 10, 10, 9.999)).toBe(false);
  });

  it('groundAt is heightAt on the indexed heightfield', () => {
    const hf = fields()[0].hf;
    const index = buildTerrainIndex(hf);
    const c = new StreamCursor(4, 4);
    for (let k = 0; k < 1000; k++) {
      const x = hf.originX - 20 + c.next() * ((hf.nx - 1) * hf.cellM + 40);
      const y = hf.originY - 20 + c.next() * ((hf.ny - 1) * hf.cellM + 40);
      expect(groundAt(index, x, y)).toBe(heightAt(hf, x, y));
    }
  });

  it('a segment leaving the grid sees the edge heights continued outward', () => {
    // Edge column x = 0 is 8 m high, all else 0: beyond the grid (x < 0) the ground stays at 8 m.
    const heights = new Float32Array(11 * 11);
    for (let j = 0; j < 11; j++) heights[j * 11] = 8;
    const index = buildTerrainIndex(createHeightfield(0, 0, 10, 11, 11, heights));
    expect(terrainLineOfSight(index, -500, 50, 7, -100, 50, 7.5)).toBe(false);
    expect(terrainLineOfSight(index, -500, 50, 9, -100, 50, 8.5)).toBe(true);
    // Crossing the edge at x = 0: z(0) = 9 − 8·(500/600) = 2.33 m, under the 8 m edge.
    expect(terrainLineOfSight(index, -500, 50, 9, 100, 50, 1)).toBe(false);
    // Level at 9 m, from outside to inside: clears the 8 m edge and the flat interior.
    expect(terrainLineOfSight(index, -500, 50, 9, 100, 50, 9)).toBe(true);
    // Entirely outside, beyond a corner (ground = the corner sample, 8 m).
    expect(terrainLineOfSight(index, -300, -300, 8.5, -100, -50, 8.2)).toBe(true);
    expect(terrainLineOfSight(index, -300, -300, 8.5, -100, -50, 7.9)).toBe(false);
  });
});

describe('terrainLineOfSight is the surface three.js draws', () => {
  it('matches THREE.Raycaster on a PlaneGeometry mesh of the heightfield (the viewer’s mesh) on 1500 segments', () => {
    const hf = fields()[0].hf;
    const index = buildTerrainIndex(hf);
    const w = (hf.nx - 1) * hf.cellM;
    const h = (hf.ny - 1) * hf.cellM;
    // Vertex (ix, iy) of the plane carries grid sample (ix, ny − 1 − iy): plane rows run north→south.
    const geometry = new PlaneGeometry(w, h, hf.nx - 1, hf.ny - 1);
    const pos = geometry.getAttribute('position');
    for (let iy = 0; iy < hf.ny; iy++) for (let ix = 0; ix < hf.nx; ix++) pos.setZ(iy * hf.nx + ix, hf.heights[(hf.ny - 1 - iy) * hf.nx + ix]);
    geometry.translate(hf.originX + w / 2, hf.originY + h / 2, 0);
    geometry.computeBoundingSphere();
    const mesh = new Mesh(geometry, new MeshBasicMaterial({ side: DoubleSide }));
    mesh.updateMatrixWorld(true);
    const raycaster = new Raycaster();
    const origin = new Vector3();
    const dir = new Vector3();
    const c = new StreamCursor(12, 12);
    let compared = 0;
    let blocked = 0;
    for (let k = 0; k < 1500; k++) {
      // Both ends over the grid and above the ground (a ray starting underground has no meaning for a mesh).
      const ax = hf.originX + c.next() * w;
      const ay = hf.originY + c.next() * h;
      const bx = hf.originX + c.next() * w;
      const by = hf.originY + c.next() * h;
      const az = heightAt(hf, ax, ay) + 0.5 + 4 * c.next();
      const bz = heightAt(hf, bx, by) + 0.5 + 4 * c.next();
      const min = exactMinClearance(hf, ax, ay, az, bx, by, bz);
      if (Math.abs(min) < 1e-5) continue;
      origin.set(ax, ay, az);
      dir.set(bx - ax, by - ay, bz - az);
      const len = dir.length();
      raycaster.set(origin, dir.normalize());
      raycaster.far = len;
      const visibleThree = raycaster.intersectObject(mesh, false).length === 0;
      const visible = terrainLineOfSight(index, ax, ay, az, bx, by, bz);
      if (!visible) blocked++;
      compared++;
      if (visible !== visibleThree) throw new Error(`segment ${k}: los ${visible}, three.js ${visibleThree}, min clearance ${min}`);
    }
    expect(compared).toBeGreaterThan(1400);
    expect(blocked).toBeGreaterThan(200);
  });
});
