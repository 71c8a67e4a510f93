/**
 * The ground: the lit terrain mesh with the coverage overlay mixed into its own shader (toggleable,
 * dimmable), and a plain desert floor around it.
 */
import * as THREE from 'three';
import type { Border } from '../../core/border.ts';
import type { CoverageRaster } from '../protocol.ts';
import { coverageVertexColors } from './coverageColors.ts';
import type { GroundUniforms } from './groundDetail.ts';
import { grainTexture, groundMaterial } from './groundDetail.ts';
import { SKIRT_HEX } from './palette.ts';
import type { SceneFrame } from './sceneFrame.ts';
import type { TerrainBuffers } from './terrainGeometry.ts';
import { buildTerrainBuffers } from './terrainGeometry.ts';

export interface TerrainQuality {
  /** Vertex budget of the terrain mesh. */
  maxVertices: number;
  /** Sand-grain detail texture. */
  grain: boolean;
}

export class TerrainLayer {
  readonly group = new THREE.Group();
  readonly mesh: THREE.Mesh;
  readonly buffers: TerrainBuffers;
  private readonly grain: THREE.Texture | null;
  private readonly uniforms: GroundUniforms;
  private hasOverlay = false;
  private overlayVisible = true;
  private dimmed = false;

  constructor(
    private readonly frame: SceneFrame,
    private readonly border: Border,
    private readonly strip: { approachM: number; depthM: number },
    quality: TerrainQuality,
  ) {
    this.buffers = buildTerrainBuffers(frame, border, { ...strip, maxVertices: quality.maxVertices });
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(this.buffers.positions, 3));
    g.setAttribute('normal', new THREE.BufferAttribute(this.buffers.normals, 3));
    g.setAttribute('color', new THREE.BufferAttribute(this.buffers.colors, 3));
    // Until the coverage worker reports, the overlay is transparent everywhere.
    g.setAttribute('overlay', new THREE.BufferAttribute(new Float32Array((this.buffers.positions.length / 3) * 4), 4));
    g.setIndex(new THREE.BufferAttribute(this.buffers.indices, 1));
    g.computeBoundingSphere();
    g.computeBoundingBox();
    this.grain = quality.grain ? grainTexture() : null;
    const { material, uniforms } = groundMaterial({ vertexColors: true }, this.grain, true);
    this.uniforms = uniforms;
    this.mesh = new THREE.Mesh(g, material);
    this.mesh.name = 'terrain';
    this.group.add(this.mesh, this.skirt());
  }

  /**
   * A plain desert floor around the modelled terrain, just below its lowest point, fading into the
   * fog: the strip sits in a landscape instead of floating in the sky.
   */
  private skirt(): THREE.Mesh {
    const hf = this.frame.hf;
    const w = (hf.nx - 1) * hf.cellM;
    const h = (hf.ny - 1) * hf.cellM;
    const size = 4 * Math.max(w, h, 20_000);
    let lo = Infinity;
    for (let k = 0; k < hf.heights.length; k++) lo = Math.min(lo, hf.heights[k]);
    // Pushed back in depth and sunk with the extent: seen from hundreds of kilometres, a floor a metre
    // under the terrain's flat margins would fight it for every pixel.
    const { material } = groundMaterial({ color: SKIRT_HEX, polygonOffset: true, polygonOffsetFactor: 4, polygonOffsetUnits: 8 }, this.grain, false);
    const mesh = new THREE.Mesh(new THREE.PlaneGeometry(size, size), material);
    mesh.position.set(0, 0, this.frame.exaggeration * lo - Math.max(1.5, 5e-4 * Math.max(w, h)));
    mesh.name = 'skirt';
    return mesh;
  }

  private applyOpacity(): void {
    this.uniforms.uOverlayOpacity.value = this.hasOverlay && this.overlayVisible ? (this.dimmed ? 0.3 : 1) : 0;
  }

  /** Colours the terrain's vertices by the coverage raster's P∞ bands. */
  setCoverage(raster: CoverageRaster): void {
    const colors = coverageVertexColors(this.frame, this.buffers.positions, raster, this.border, this.strip.approachM, this.strip.depthM);
    const attr = this.mesh.geometry.getAttribute('overlay') as THREE.BufferAttribute;
    (attr.array as Float32Array).set(colors);
    attr.needsUpdate = true;
    this.hasOverlay = true;
    this.applyOpacity();
  }

  get hasCoverage(): boolean {
    return this.hasOverlay;
  }

  /** Fades the overlay (while a tower's own footprint is shown on top of it). */
  setCoverageDimmed(dim: boolean): void {
    this.dimmed = dim;
    this.applyOpacity();
  }

  setCoverageVisible(v: boolean): void {
    this.overlayVisible = v;
    this.applyOpacity();
  }

  dispose(): void {
    this.grain?.dispose();
    for (const o of this.group.children) {
      const m = o as THREE.Mesh;
      m.geometry.dispose();
      (m.material as THREE.Material).dispose();
    }
  }
}
