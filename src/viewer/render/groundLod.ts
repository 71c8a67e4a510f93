/**
 * Level of detail for the ground of long, bent borders (a tiled world: core/terrain/tiled.ts), so the
 * camera can fly the whole 600 km of the Iraq–Syria frontier smoothly.
 *
 * The strip's tiles arrive decimated (worker/groundTiles.ts: 1.28 km tiles of 20 m samples). From
 * afar (view distance above FAR_VIEW_M) the single overview mesh of the terrain layer is drawn: one
 * draw call for the whole frontier. Closer, the overview is hidden and the tiles near the camera are
 * drawn instead, each at a level chosen by its distance: level L keeps every 2^L-th sample (20 m next
 * to the camera, 40, 80, 160 and 320 m farther out), so the on-screen size of a mesh cell stays
 * roughly constant. Meshes are built on demand within a per-frame budget (a finer level shows as soon
 * as it is built; meanwhile a cached level of the tile stands in), kept in an LRU cache, and hang a
 * skirt below their edges so tiles at different levels join without cracks.
 *
 * `heightAt` is the ground these meshes draw (triangulated like the core's surface): the scene frame
 * uses it to stand towers, the wall and intruders on the same ground.
 */
import * as THREE from 'three';
import type { Border, Projection } from '../../core/border.ts';
import { createBorder, projectOnBorder } from '../../core/border.ts';
import type { Heightfield } from '../../core/terrain/heightfield.ts';
import { createHeightfield, heightAt } from '../../core/terrain/heightfield.ts';
import type { CoverageRaster, GroundTilesView } from '../protocol.ts';
import { coverageVertexColors } from './coverageColors.ts';
import { FAR_TINT, OUTSIDE_STRIP_SHADE } from './palette.ts';
import type { SceneFrame } from './sceneFrame.ts';
import { terrainColor } from './terrainGeometry.ts';

/** Beyond this view distance the overview mesh alone is drawn, metres. */
export const FAR_VIEW_M = 30_000;
/** Coarsest level: a tile of 64 cells keeps 64 / 2^4 = 4. */
const MAX_LEVEL = 4;
/** Distance (metres) up to which level 0 is used; each further doubling of distance adds a level. */
const LEVEL0_M = 1_500;
/** Tiles built per frame at most: about 1 ms each at level 0. */
const BUILDS_PER_FRAME = 6;
/** Coarsest-level stand-ins built per frame at most (25 vertices each): entering detail mode fills in over a few frames. */
const STAND_INS_PER_FRAME = 48;
/** Meshes kept (visible or cached). */
const CACHE_MESHES = 900;

/** Heights of a tiled ground as the page draws it. */
export class TiledHeights {
  readonly tiles: Heightfield[] = [];
  private readonly tileM: number;

  constructor(readonly view: GroundTilesView) {
    const n = view.tileCells + 1;
    this.tileM = view.tileCells * view.cellM;
    for (let s = 0; s < view.positions.length / 2; s++) {
      const ox = view.originX + view.positions[2 * s] * this.tileM;
      const oy = view.originY + view.positions[2 * s + 1] * this.tileM;
      this.tiles.push(createHeightfield(ox, oy, view.cellM, n, n, view.samples.subarray(s * n * n, (s + 1) * n * n)));
    }
  }

  slotAt(x: number, y: number): number {
    const tx = Math.floor((x - this.view.originX) / this.tileM);
    const ty = Math.floor((y - this.view.originY) / this.tileM);
    if (tx < 0 || ty < 0 || tx >= this.view.tilesX || ty >= this.view.tilesY) return -1;
    return this.view.slot[ty * this.view.tilesX + tx];
  }

  /** Ground height at world (x, y), metres; the fill height where no tile exists. */
  heightAt(x: number, y: number): number {
    const s = this.slotAt(x, y);
    return s < 0 ? this.view.fillM : heightAt(this.tiles[s], x, y);
  }
}

interface Entry {
  mesh: THREE.Mesh;
  usedFrame: number;
}

export class GroundLod {
  readonly group = new THREE.Group();
  readonly heights: TiledHeights;
  /** Until `useMaterial`: plain Lambert with vertex colours. */
  private material: THREE.Material = new THREE.MeshLambertMaterial({ vertexColors: true });
  private ownMaterial = true;
  private coverage: CoverageRaster | null = null;
  private readonly cache = new Map<number, Entry>();
  private readonly shown = new Set<number>();
  private frameNo = 0;
  private readonly lo: number;
  private readonly span: number;
  private readonly tileM: number;
  /** Tiles currently drawn, for tests and the HUD. */
  drawnTiles = 0;
  detailActive = false;

  constructor(
    private readonly frame: SceneFrame,
    view: GroundTilesView,
    private readonly border: Border,
    private readonly strip: { approachM: number; depthM: number },
  ) {
    this.heights = new TiledHeights(view);
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < view.samples.length; k++) {
      const v = view.samples[k];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    this.lo = lo;
    this.span = hi - lo > 1e-6 ? hi - lo : 1;
    this.tileM = view.tileCells * view.cellM;
    this.group.name = 'ground-lod';
    this.group.visible = false;
  }

  /**
   * Draws the tiles with the terrain layer's own material (grain, and the coverage overlay with its
   * toggle and dimming), so near and far ground look alike and follow the same switches.
   */
  useMaterial(material: THREE.Material): void {
    if (this.ownMaterial) this.material.dispose();
    this.material = material;
    this.ownMaterial = false;
    for (const e of this.cache.values()) e.mesh.material = material;
  }

  /** Drapes the coverage raster on the tiles (the `overlay` attribute, as on the terrain mesh). */
  setCoverage(raster: CoverageRaster): void {
    this.coverage = raster;
    for (const e of this.cache.values()) this.paintOverlay(e.mesh.geometry);
  }

  private paintOverlay(g: THREE.BufferGeometry): void {
    const attr = g.getAttribute('overlay') as THREE.BufferAttribute;
    if (!this.coverage) return;
    const positions = g.getAttribute('position').array as Float32Array;
    (attr.array as Float32Array).set(coverageVertexColors(this.frame, positions, this.coverage, this.border, this.strip.approachM, this.strip.depthM));
    attr.needsUpdate = true;
  }

  /**
   * Per frame: picks the overview or the detailed tiles for this view, and the tiles' levels.
   * `overview` is the terrain layer's mesh, hidden while the tiles are drawn. Returns true when the
   * picture changed (or is still being refined), so an on-demand renderer draws again.
   */
  update(camera: THREE.Camera, viewDistM: number, overview: THREE.Object3D | null): boolean {
    this.frameNo++;
    const near = viewDistM < FAR_VIEW_M;
    const switched = near !== this.detailActive;
    this.detailActive = near;
    this.group.visible = near;
    if (overview) overview.visible = !near;
    if (!near) return switched;
    let changed = switched;
    const v = this.heights.view;
    const f = this.frame;
    // The camera in world metres; distances are 3-D so looking down from high up coarsens everything.
    const cx = camera.position.x + f.originX;
    const cy = camera.position.y + f.originY;
    const cz = camera.position.z;
    const radius = Math.min(Math.max(6 * viewDistM, 8_000), 60_000);
    const tx0 = Math.max(0, Math.floor((cx - radius - v.originX) / this.tileM));
    const tx1 = Math.min(v.tilesX - 1, Math.floor((cx + radius - v.originX) / this.tileM));
    const ty0 = Math.max(0, Math.floor((cy - radius - v.originY) / this.tileM));
    const ty1 = Math.min(v.tilesY - 1, Math.floor((cy + radius - v.originY) / this.tileM));
    let budget = BUILDS_PER_FRAME;
    let standIns = STAND_INS_PER_FRAME;
    const want = new Set<number>();
    for (let ty = ty0; ty <= ty1; ty++) {
      for (let tx = tx0; tx <= tx1; tx++) {
        const slot = v.slot[ty * v.tilesX + tx];
        if (slot < 0) continue;
        const mx = v.originX + (tx + 0.5) * this.tileM;
        const my = v.originY + (ty + 0.5) * this.tileM;
        const dh = Math.max(0, Math.hypot(mx - cx, my - cy) - this.tileM * 0.71);
        if (dh > radius) continue;
        const d = Math.hypot(dh, cz - f.exaggeration * this.lo);
        const level = Math.min(MAX_LEVEL, Math.max(0, Math.floor(Math.log2(d / LEVEL0_M)) + 1));
        let key = slot * 8 + level;
        let entry = this.cache.get(key);
        if (!entry && budget > 0) {
          entry = this.build(slot, level);
          budget--;
          changed = true;
        }
        // A finer level still to build: keep drawing frames until it is there.
        if (!entry) changed = true;
        if (!entry) {
          // Stand-in: any cached level of this tile, else the coarsest (cheap: 25 vertices).
          for (let l = 0; l <= MAX_LEVEL && !entry; l++) {
            entry = this.cache.get(slot * 8 + l);
            if (entry) key = slot * 8 + l;
          }
          if (!entry && standIns > 0) {
            key = slot * 8 + MAX_LEVEL;
            entry = this.build(slot, MAX_LEVEL);
            standIns--;
          }
          // Nothing yet for this tile: it appears in one of the next frames.
          if (!entry) continue;
        }
        entry.usedFrame = this.frameNo;
        want.add(key);
      }
    }
    for (const key of this.shown) {
      if (!want.has(key)) {
        this.cache.get(key)!.mesh.visible = false;
        changed = true;
      }
    }
    for (const key of want) {
      const mesh = this.cache.get(key)!.mesh;
      if (!mesh.visible) changed = true;
      mesh.visible = true;
    }
    this.shown.clear();
    for (const key of want) this.shown.add(key);
    this.drawnTiles = want.size;
    this.evict();
    return changed;
  }

  private evict(): void {
    if (this.cache.size <= CACHE_MESHES) return;
    const old = [...this.cache.entries()].filter(([k]) => !this.shown.has(k)).sort((a, b) => a[1].usedFrame - b[1].usedFrame);
    for (let i = 0; i < old.length && this.cache.size > CACHE_MESHES * 0.8; i++) {
      const [key, e] = old[i];
      this.group.remove(e.mesh);
      e.mesh.geometry.dispose();
      this.cache.delete(key);
    }
  }

  /** The mesh of tile `slot` at `level`, with a skirt; added to the group and the cache. */
  private build(slot: number, level: number): Entry {
    const hf = this.heights.tiles[slot];
    const step = 1 << level;
    const m = Math.floor((hf.nx - 1) / step) + 1;
    const f = this.frame;
    const ex = f.exaggeration;
    // Grid vertices, then a skirt ring (one vertex below each edge vertex).
    const ring = 4 * (m - 1);
    const nv = m * m + ring;
    const positions = new Float32Array(3 * nv);
    const normals = new Float32Array(3 * nv);
    const colors = new Float32Array(3 * nv);
    const col = [0, 0, 0];
    const proj: Projection = { sM: 0, dM: 0 };
    const near = this.nearbyLine(hf);
    const cell = hf.cellM * step;
    const h = hf.heights;
    const n = hf.nx;
    const at = (i: number, j: number) => h[Math.min(j, n - 1) * n + Math.min(i, n - 1)];
    for (let b = 0; b < m; b++) {
      for (let a = 0; a < m; a++) {
        const i = a * step;
        const j = b * step;
        const x = hf.originX + i * hf.cellM;
        const y = hf.originY + j * hf.cellM;
        const z = at(i, j);
        const k = b * m + a;
        positions[3 * k] = x - f.originX;
        positions[3 * k + 1] = y - f.originY;
        positions[3 * k + 2] = ex * z;
        // Normals from the decimated neighbours (one-sided at the tile's edge).
        const il = Math.max(0, i - step);
        const ir = Math.min(n - 1, i + step);
        const jd = Math.max(0, j - step);
        const ju = Math.min(n - 1, j + step);
        const dzdx = (ex * (at(ir, j) - at(il, j))) / ((ir - il) * hf.cellM);
        const dzdy = (ex * (at(i, ju) - at(i, jd))) / ((ju - jd) * hf.cellM);
        const inv = 1 / Math.sqrt(dzdx * dzdx + dzdy * dzdy + 1);
        normals[3 * k] = -dzdx * inv;
        normals[3 * k + 1] = -dzdy * inv;
        normals[3 * k + 2] = inv;
        terrainColor((z - this.lo) / this.span, col);
        if (near) projectOnBorder(near, x, y, proj);
        else proj.dM = Infinity;
        const far = Math.min(1, Math.max(0, 0.5 - proj.dM / 40));
        const outside = proj.dM < -this.strip.approachM || proj.dM > this.strip.depthM ? OUTSIDE_STRIP_SHADE : 1;
        for (let c = 0; c < 3; c++) colors[3 * k + c] = col[c] * (1 + far * (FAR_TINT[c] - 1)) * outside;
      }
    }
    // Edge vertices in ring order (south edge west→east, east edge south→north, north east→west,
    // west north→south), each duplicated below by enough to hide a crack between levels.
    const edge: number[] = [];
    for (let a = 0; a < m - 1; a++) edge.push(a);
    for (let b = 0; b < m - 1; b++) edge.push(b * m + m - 1);
    for (let a = m - 1; a > 0; a--) edge.push((m - 1) * m + a);
    for (let b = m - 1; b > 0; b--) edge.push(b * m);
    const drop = ex * (2 + 0.25 * cell);
    edge.forEach((k, r) => {
      const s = m * m + r;
      positions[3 * s] = positions[3 * k];
      positions[3 * s + 1] = positions[3 * k + 1];
      positions[3 * s + 2] = positions[3 * k + 2] - drop;
      for (let c = 0; c < 3; c++) {
        normals[3 * s + c] = normals[3 * k + c];
        colors[3 * s + c] = colors[3 * k + c];
      }
    });
    const indices = new Uint32Array(6 * (m - 1) * (m - 1) + 12 * ring);
    let q = 0;
    // The same diagonal as the core's surface: (i, j)–(i + 1, j + 1).
    for (let b = 0; b < m - 1; b++) {
      for (let a = 0; a < m - 1; a++) {
        const k00 = b * m + a;
        const k10 = k00 + 1;
        const k01 = k00 + m;
        const k11 = k01 + 1;
        indices[q++] = k00;
        indices[q++] = k10;
        indices[q++] = k11;
        indices[q++] = k00;
        indices[q++] = k11;
        indices[q++] = k01;
      }
    }
    for (let r = 0; r < ring; r++) {
      const top0 = edge[r];
      const top1 = edge[(r + 1) % ring];
      const bot0 = m * m + r;
      const bot1 = m * m + ((r + 1) % ring);
      // Both windings: the skirt is seen from outside and, through a crack, from inside (the ground
      // material draws front faces only).
      indices[q++] = top0;
      indices[q++] = bot0;
      indices[q++] = top1;
      indices[q++] = top1;
      indices[q++] = bot0;
      indices[q++] = bot1;
      indices[q++] = top0;
      indices[q++] = top1;
      indices[q++] = bot0;
      indices[q++] = top1;
      indices[q++] = bot1;
      indices[q++] = bot0;
    }
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(positions, 3));
    g.setAttribute('normal', new THREE.BufferAttribute(normals, 3));
    g.setAttribute('color', new THREE.BufferAttribute(colors, 3));
    // The coverage overlay (RGBA per vertex) that the terrain layer's material mixes in.
    g.setAttribute('overlay', new THREE.BufferAttribute(new Float32Array(4 * nv), 4));
    this.paintOverlay(g);
    g.setIndex(new THREE.BufferAttribute(indices, 1));
    g.computeBoundingSphere();
    const mesh = new THREE.Mesh(g, this.material);
    mesh.name = `ground-tile-${slot}-L${level}`;
    mesh.visible = false;
    this.group.add(mesh);
    const entry = { mesh, usedFrame: this.frameNo };
    this.cache.set(slot * 8 + level, entry);
    return entry;
  }

  /**
   * The stretch of the line that can matter for shading tile `hf` (segments within the strip's reach
   * of it), as a Border of its own: projecting each vertex on 2 or 3 segments instead of the whole
   * line keeps a tile's build to about a millisecond. Null when no segment is that close.
   */
  private nearbyLine(hf: Heightfield): Border | null {
    const b = this.border;
    const reach = Math.max(this.strip.approachM, this.strip.depthM) + 200;
    const x0 = hf.originX - reach;
    const y0 = hf.originY - reach;
    const x1 = hf.originX + (hf.nx - 1) * hf.cellM + reach;
    const y1 = hf.originY + (hf.ny - 1) * hf.cellM + reach;
    let first = -1;
    let last = -1;
    for (let i = 0; i + 1 < b.vertexCount; i++) {
      const ax = b.xy[2 * i];
      const ay = b.xy[2 * i + 1];
      const bx = b.xy[2 * i + 2];
      const by = b.xy[2 * i + 3];
      if (Math.max(ax, bx) < x0 || Math.min(ax, bx) > x1 || Math.max(ay, by) < y0 || Math.min(ay, by) > y1) continue;
      if (first < 0) first = i;
      last = i;
    }
    if (first < 0) return null;
    return createBorder(b.xy.subarray(2 * first, 2 * (last + 2)));
  }

  dispose(): void {
    for (const e of this.cache.values()) e.mesh.geometry.dispose();
    this.cache.clear();
    if (this.ownMaterial) this.material.dispose();
  }
}
