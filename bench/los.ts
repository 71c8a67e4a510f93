/**
 * Bench section `los`: terrain line-of-sight throughput and agreement.
 *
 * 200 000 camera→target queries (camera 10–30 m above ground, target 1.8 m above ground, 0.2–6 km
 * apart, both on the grid) on a seeded 1024 × 1024 heightfield at 10 m, once on gentle and once on
 * rough relief, answered by
 *   (a) THREE.Raycaster.intersectObject on the terrain mesh (PlaneGeometry, 2.1 M triangles) — it tests
 *       every triangle, ~0.1 s a query, so only a small subset is timed and compared;
 *   (b) three-mesh-bvh: the same mesh with a MeshBVH, acceleratedRaycast and firstHitOnly (and, for
 *       reference, MeshBVH.raycastFirst called directly, its fastest use);
 *   (c) Watchline's terrainLineOfSight (src/core/terrain/los.ts).
 * (b) and (c) run all queries in interleaved rounds; the best round of each counts, so a burst of load
 * from other processes on the machine does not decide the ratio. The rounds are also timed by process
 * CPU time (`cpuTime`), which descheduling does not inflate. The mesh is built as the viewer
 * builds it (heightfield.ts documents the shared diagonal), so the three methods test one surface;
 * disagreements are listed with the segment's exact minimum clearance, to show they are grazing ties.
 */
import { DoubleSide, Mesh, MeshBasicMaterial, PlaneGeometry, Ray, Raycaster, Vector3 } from 'three';
import type { Intersection } from 'three';
import { MeshBVH, acceleratedRaycast } from 'three-mesh-bvh';
import { StreamCursor } from '../src/core/rng.ts';
import type { Heightfield } from '../src/core/terrain/heightfield.ts';
import { createHeightfield, heightAt } from '../src/core/terrain/heightfield.ts';
import { buildTerrainIndex, terrainLineOfSight } from '../src/core/terrain/los.ts';
import type { TerrainIndex } from '../src/core/terrain/los.ts';
import { reliefHeights } from '../src/core/terrain/procedural.ts';
import type { ReliefOptions } from '../src/core/terrain/procedural.ts';
import { denseMinClearance } from '../test/core/terrain/reference.ts';
import type { BenchOptions, BenchSection } from './types.ts';

const GRID = 1024;
const CELL_M = 10;
const SEED = 20240611;
const QUERIES = 200_000;
const RAYCASTER_QUERIES = 30;
const ROUNDS = 5;
/** A disagreement whose segment passes within this of the surface is a tie on the surface, metres. */
const TIE_M = 1e-3;

/** The two reliefs. Gentle: 20 m rolling desert; rough: 120 m hills with ridges down to ~50 m across. */
const RELIEFS: { name: 'gentle' | 'rough'; relief: ReliefOptions }[] = [
  { name: 'gentle', relief: { reliefM: 20, wavelengthM: 3000, octaves: 5 } },
  { name: 'rough', relief: { reliefM: 120, wavelengthM: 1500, octaves: 6 } },
];

interface CaseResult {
  relief: ReliefOptions;
  queries: number;
  visibleFraction: number;
  raycasterQueries: number;
  raycasterQps: number;
  bvhQps: number;
  watchlineQps: number;
  ratioVsRaycaster: number;
  ratioVsBvh: number;
  /** Share of all queries where Watchline and the BVH raycast agree. */
  agreement: number;
  /** Share of the raycaster subset where Watchline and THREE.Raycaster agree. */
  agreementRaycaster: number;
  /** Share of the raycaster subset where the BVH and THREE.Raycaster agree (the BVH is a faithful proxy). */
  agreementBvhRaycaster: number;
  disagreements: { query: number; watchline: boolean; bvh: boolean; minClearanceM: number }[];
  /** Every disagreement is a grazing tie (|minimum clearance| ≤ TIE_M). */
  disagreementsAreTies: boolean;
  indexBuildMs: number;
  bvhBuildMs: number;
  rounds: { bvhQps: number[]; watchlineQps: number[] };
  /** three-mesh-bvh's raycastFirst called directly (no Raycaster): the BVH at its fastest. */
  bvhDirect: { qps: number; ratioVsBvhDirect: number; agreementWithBvh: number };
  /** The same rounds timed by process CPU time (user + system): less sensitive to other load on the machine. */
  cpuTime: { bvhQps: number; watchlineQps: number; ratioVsBvh: number };
}

/** Queries as x, y, z of the camera then of the target, six numbers each. */
function makeQueries(hf: Heightfield, count: number, seed: number): Float64Array {
  const q = new Float64Array(count * 6);
  const cursor = new StreamCursor(seed, 0x105);
  const sizeX = (hf.nx - 1) * hf.cellM;
  const sizeY = (hf.ny - 1) * hf.cellM;
  for (let k = 0; k < count; k++) {
    for (;;) {
      const x = hf.originX + cursor.next() * sizeX;
      const y = hf.originY + cursor.next() * sizeY;
      const rangeM = 200 + cursor.next() * 5800;
      const bearing = cursor.next() * 2 * Math.PI;
      const tx = x + rangeM * Math.cos(bearing);
      const ty = y + rangeM * Math.sin(bearing);
      const mastM = 10 + cursor.next() * 20;
      if (tx < hf.originX || ty < hf.originY || tx > hf.originX + sizeX || ty > hf.originY + sizeY) continue;
      q[6 * k] = x;
      q[6 * k + 1] = y;
      q[6 * k + 2] = heightAt(hf, x, y) + mastM;
      q[6 * k + 3] = tx;
      q[6 * k + 4] = ty;
      q[6 * k + 5] = heightAt(hf, tx, ty) + 1.8;
      break;
    }
  }
  return q;
}

/**
 * The terrain mesh as the viewer draws it: PlaneGeometry with vertex (ix, iy) at grid sample
 * (ix, ny − 1 − iy), i.e. plane row iy is grid row ny − 1 − iy, in the local frame (z up).
 */
function terrainMesh(hf: Heightfield): Mesh {
  const w = (hf.nx - 1) * hf.cellM;
  const h = (hf.ny - 1) * hf.cellM;
  const geometry = new PlaneGeometry(w, h, hf.nx - 1, hf.ny - 1);
  const pos = geometry.getAttribute('position');
  for (let iy = 0; iy < hf.ny; iy++) {
    for (let ix = 0; ix < hf.nx; ix++) pos.setZ(iy * hf.nx + ix, hf.heights[(hf.ny - 1 - iy) * hf.nx + ix]);
  }
  geometry.translate(hf.originX + w / 2, hf.originY + h / 2, 0);
  geometry.computeBoundingBox();
  geometry.computeBoundingSphere();
  const mesh = new Mesh(geometry, new MeshBasicMaterial({ side: DoubleSide }));
  mesh.updateMatrixWorld(true);
  return mesh;
}

/** Scratch shared by the three.js queries: one raycaster, vectors and hit list, reused. */
const origin = new Vector3();
const direction = new Vector3();
const hits: Intersection[] = [];

/** Query k by a three.js raycast: visible when nothing is hit between camera and target. */
function threeVisible(raycaster: Raycaster, mesh: Mesh, q: Float64Array, k: number): boolean {
  origin.set(q[6 * k], q[6 * k + 1], q[6 * k + 2]);
  direction.set(q[6 * k + 3], q[6 * k + 4], q[6 * k + 5]).sub(origin);
  const length = direction.length();
  direction.multiplyScalar(1 / length);
  raycaster.set(origin, direction);
  raycaster.near = 0;
  raycaster.far = length;
  hits.length = 0;
  raycaster.intersectObject(mesh, false, hits);
  return hits.length === 0;
}

/** The segment's minimum clearance above the surface, by dense sampling (1/64 cell): for reporting ties. */
function minClearance(hf: Heightfield, q: Float64Array, k: number): number {
  const [ax, ay, az, bx, by, bz] = q.subarray(6 * k, 6 * k + 6);
  return denseMinClearance(hf, ax, ay, az, bx, by, bz);
}

/** Wall-clock and process CPU time of a run, milliseconds. */
interface Timing {
  wallMs: number;
  cpuMs: number;
}

function runWatchline(index: TerrainIndex, q: Float64Array, count: number, out: Uint8Array): Timing {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let k = 0; k < count; k++) {
    const o = 6 * k;
    out[k] = terrainLineOfSight(index, q[o], q[o + 1], q[o + 2], q[o + 3], q[o + 4], q[o + 5]) ? 1 : 0;
  }
  return elapsed(t0, c0);
}

function runThree(raycaster: Raycaster, mesh: Mesh, q: Float64Array, count: number, out: Uint8Array): Timing {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let k = 0; k < count; k++) out[k] = threeVisible(raycaster, mesh, q, k) ? 1 : 0;
  return elapsed(t0, c0);
}

const ray = new Ray();

/** (b′) the BVH queried directly (MeshBVH.raycastFirst), without the Raycaster/Object3D layer. */
function runBvhDirect(bvh: MeshBVH, q: Float64Array, count: number, out: Uint8Array): Timing {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let k = 0; k < count; k++) {
    ray.origin.set(q[6 * k], q[6 * k + 1], q[6 * k + 2]);
    ray.direction.set(q[6 * k + 3], q[6 * k + 4], q[6 * k + 5]).sub(ray.origin);
    const length = ray.direction.length();
    ray.direction.multiplyScalar(1 / length);
    out[k] = bvh.raycastFirst(ray, DoubleSide, 0, length) ? 0 : 1;
  }
  return elapsed(t0, c0);
}

function elapsed(t0: number, c0: NodeJS.CpuUsage): Timing {
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wallMs, cpuMs: (c.user + c.system) / 1000 };
}

async function runCase(name: string, relief: ReliefOptions, opts: BenchOptions): Promise<CaseResult> {
  const queries = opts.quick ? 20_000 : QUERIES;
  const rayQueries = opts.quick ? 5 : RAYCASTER_QUERIES;
  const rounds = opts.quick ? 2 : ROUNDS;
  const hf = createHeightfield(0, 0, CELL_M, GRID, GRID, reliefHeights(SEED, 0, 0, CELL_M, GRID, GRID, relief));
  let t0 = performance.now();
  const index = buildTerrainIndex(hf);
  const indexBuildMs = performance.now() - t0;
  const q = makeQueries(hf, queries, SEED + (name === 'rough' ? 1 : 0));
  const mesh = terrainMesh(hf);
  const raycaster = new Raycaster();

  // (a) plain raycaster, before the BVH exists (MeshBVH reorders the index buffer; same triangles).
  opts.log(`los/${name}: THREE.Raycaster on ${rayQueries} queries (tests all ${2 * (GRID - 1) ** 2} triangles each)…`);
  const rayOut = new Uint8Array(rayQueries);
  const rayMs = runThree(raycaster, mesh, q, rayQueries, rayOut).wallMs;

  // (b) three-mesh-bvh.
  t0 = performance.now();
  const bvh = new MeshBVH(mesh.geometry);
  mesh.geometry.boundsTree = bvh;
  const bvhBuildMs = performance.now() - t0;
  mesh.raycast = acceleratedRaycast;
  const bvhRaycaster = new Raycaster();
  bvhRaycaster.firstHitOnly = true;

  const bvhOut = new Uint8Array(queries);
  const directOut = new Uint8Array(queries);
  const wlOut = new Uint8Array(queries);
  // Warm-up so both are JIT-compiled before timing.
  runThree(bvhRaycaster, mesh, q, Math.min(queries, 5000), bvhOut);
  runBvhDirect(bvh, q, Math.min(queries, 5000), directOut);
  runWatchline(index, q, Math.min(queries, 20000), wlOut);
  const directQps: number[] = [];
  const bvhQpsRounds: number[] = [];
  const wlQpsRounds: number[] = [];
  const bvhCpuQps: number[] = [];
  const wlCpuQps: number[] = [];
  for (let r = 0; r < rounds; r++) {
    opts.log(`los/${name}: round ${r + 1}/${rounds} (${queries} queries each)…`);
    const b = runThree(bvhRaycaster, mesh, q, queries, bvhOut);
    directQps.push(queries / (runBvhDirect(bvh, q, queries, directOut).wallMs / 1000));
    const w = runWatchline(index, q, queries, wlOut);
    bvhQpsRounds.push(queries / (b.wallMs / 1000));
    wlQpsRounds.push(queries / (w.wallMs / 1000));
    bvhCpuQps.push(queries / (b.cpuMs / 1000));
    wlCpuQps.push(queries / (w.cpuMs / 1000));
  }

  let agree = 0;
  let directAgree = 0;
  let visible = 0;
  const disagreements: CaseResult['disagreements'] = [];
  for (let k = 0; k < queries; k++) {
    visible += wlOut[k];
    if (directOut[k] === bvhOut[k]) directAgree++;
    if (wlOut[k] === bvhOut[k]) agree++;
    else disagreements.push({ query: k, watchline: wlOut[k] === 1, bvh: bvhOut[k] === 1, minClearanceM: minClearance(hf, q, k) });
  }
  let agreeRay = 0;
  let agreeBvhRay = 0;
  for (let k = 0; k < rayQueries; k++) {
    if (wlOut[k] === rayOut[k]) agreeRay++;
    if (bvhOut[k] === rayOut[k]) agreeBvhRay++;
  }
  mesh.geometry.dispose();

  const raycasterQps = rayQueries / (rayMs / 1000);
  const bvhQps = Math.max(...bvhQpsRounds);
  const watchlineQps = Math.max(...wlQpsRounds);
  return {
    relief,
    queries,
    visibleFraction: visible / queries,
    raycasterQueries: rayQueries,
    raycasterQps,
    bvhQps,
    watchlineQps,
    ratioVsRaycaster: watchlineQps / raycasterQps,
    ratioVsBvh: watchlineQps / bvhQps,
    agreement: agree / queries,
    agreementRaycaster: agreeRay / rayQueries,
    agreementBvhRaycaster: agreeBvhRay / rayQueries,
    disagreements: disagreements.slice(0, 20),
    disagreementsAreTies: disagreements.every((d) => Math.abs(d.minClearanceM) <= TIE_M),
    indexBuildMs,
    bvhBuildMs,
    rounds: { bvhQps: bvhQpsRounds, watchlineQps: wlQpsRounds },
    bvhDirect: {
      qps: Math.max(...directQps),
      ratioVsBvhDirect: watchlineQps / Math.max(...directQps),
      agreementWithBvh: directAgree / queries,
    },
    cpuTime: {
      bvhQps: Math.max(...bvhCpuQps),
      watchlineQps: Math.max(...wlCpuQps),
      ratioVsBvh: Math.max(...wlCpuQps) / Math.max(...bvhCpuQps),
    },
  };
}

async function run(opts: BenchOptions): Promise<Record<string, unknown>> {
  const cases: Record<string, CaseResult> = {};
  for (const { name, relief } of RELIEFS) cases[name] = await runCase(name, relief, opts);
  // Top-level figures: the case where Watchline's lead over the BVH is smaller (the worst case).
  const worst = cases.gentle.ratioVsBvh <= cases.rough.ratioVsBvh ? 'gentle' : 'rough';
  const w = cases[worst];
  const allTies = cases.gentle.disagreementsAreTies && cases.rough.disagreementsAreTies;
  return {
    topLevelCase: worst,
    raycasterQps: w.raycasterQps,
    bvhQps: w.bvhQps,
    watchlineQps: w.watchlineQps,
    agreement: w.agreement,
    ratioVsRaycaster: w.ratioVsRaycaster,
    ratioVsBvh: w.ratioVsBvh,
    goalRatioVsBvh: 4,
    goalMet: cases.gentle.ratioVsBvh >= 4 && cases.rough.ratioVsBvh >= 4,
    disagreementsAreTies: allTies,
    grid: { nx: GRID, ny: GRID, cellM: CELL_M, seed: SEED },
    notes:
      'raycasterQps is timed on a small subset (THREE.Raycaster tests every triangle of the 2.1 M-triangle mesh per ray). ' +
      'bvh = three-mesh-bvh acceleratedRaycast with firstHitOnly. qps figures are the best of interleaved rounds. ' +
      'agreement = share of all queries where Watchline and the BVH raycast agree; agreementRaycaster on the subset. ' +
      'Top-level figures are from topLevelCase (the smaller ratioVsBvh).',
    gentle: cases.gentle,
    rough: cases.rough,
  };
}

const fmtQps = (v: number): string => (v >= 1e6 ? `${(v / 1e6).toFixed(2)} M` : v >= 1e3 ? `${(v / 1e3).toFixed(0)} k` : v.toFixed(1)) + ' q/s';
const pct = (v: number): string => `${(100 * v).toFixed(3)} %`;

function format(result: Record<string, unknown>): string {
  const lines: string[] = [];
  for (const name of ['gentle', 'rough'] as const) {
    const c = result[name] as CaseResult;
    lines.push(
      `${name} relief (${c.relief.reliefM} m, λ ${c.relief.wavelengthM} m): ${c.queries} queries, ${pct(c.visibleFraction)} visible`,
      `  THREE.Raycaster   ${fmtQps(c.raycasterQps).padStart(12)}   (${c.raycasterQueries} queries only: it tests every triangle)`,
      `  three-mesh-bvh    ${fmtQps(c.bvhQps).padStart(12)}   (firstHitOnly; BVH build ${c.bvhBuildMs.toFixed(0)} ms)`,
      `    raycastFirst    ${fmtQps(c.bvhDirect.qps).padStart(12)}   (the BVH called directly, no Raycaster layer)`,
      `  Watchline         ${fmtQps(c.watchlineQps).padStart(12)}   (max-mip march; index build ${c.indexBuildMs.toFixed(0)} ms)`,
      `  ratio: ×${c.ratioVsBvh.toFixed(2)} vs BVH (×${c.bvhDirect.ratioVsBvhDirect.toFixed(2)} vs raycastFirst), ×${c.ratioVsRaycaster.toFixed(0)} vs Raycaster` +
        `  (by CPU time: ${fmtQps(c.cpuTime.watchlineQps)} vs ${fmtQps(c.cpuTime.bvhQps)}, ×${c.cpuTime.ratioVsBvh.toFixed(2)})`,
      `  agreement: ${pct(c.agreement)} with the BVH over all queries, ${pct(c.agreementRaycaster)} with THREE.Raycaster on its subset` +
        (c.disagreements.length ? `; disagreements ${c.disagreementsAreTies ? 'are all grazing ties' : 'include NON-ties'}` : ''),
    );
  }
  lines.push(
    `top level (${String(result.topLevelCase)}, the worse ratio): ×${(result.ratioVsBvh as number).toFixed(2)} vs BVH — goal ×4 ${result.goalMet ? 'met' : 'NOT met'} on both reliefs`,
  );
  return lines.join('\n');
}

export const losSection: BenchSection = {
  name: 'los',
  description: 'terrain line of sight: THREE.Raycaster vs three-mesh-bvh vs terrainLineOfSight, gentle and rough relief',
  run,
  format,
};
