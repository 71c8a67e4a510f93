/**
 * The ground: the lit terrain mesh and, sharing its vertices, the coverage overlay (toggleable).
 */
import * as THREE from 'three';
import type { Border } from '../../core/border.ts';
import type { CoverageRaster } from '../protocol.ts';
import { coverageVertexColors } from './coverageColors.ts';
import type { SceneFrame } from './sceneFrame.ts';
import type { TerrainBuffers } from './terrainGeometry.ts';
import { buildTerrainBuffers } from './terrainGeometry.ts';

export class TerrainLayer {
  readonly group = new THREE.Group();
  readonly mesh: THREE.Mesh;
  readonly buffers: TerrainBuffers;
  private overlay: THREE.Mesh | null = null;
  private overlayVisible = true;

  constructor(
    private readonly frame: SceneFrame,
    private readonly border: Border,
    private readonly strip: { approachM: number; depthM: number },
  ) {
    this.buffers = buildTerrainBuffers(frame, border, strip);
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(this.buffers.positions, 3));
    g.setAttribute('normal', new THREE.BufferAttribute(this.buffers.normals, 3));
    g.setAttribute('color', new THREE.BufferAttribute(this.buffers.colors, 3));
    g.setIndex(new THREE.BufferAttribute(this.buffers.indices, 1));
    g.computeBoundingSphere();
    g.computeBoundingBox();
    const m = new THREE.MeshLambertMaterial({ vertexColors: true });
    this.mesh = new THREE.Mesh(g, m);
    this.mesh.name = 'terrain';
    this.group.add(this.mesh);
  }

  /** Drapes the coverage raster on the terrain (replacing any earlier one). */
  setCoverage(raster: CoverageRaster): void {
    this.clearCoverage();
    const colors = coverageVertexColors(this.frame, this.buffers.positions, raster, this.border, this.strip.approachM, this.strip.depthM);
    const src = this.mesh.geometry;
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', src.getAttribute('position'));
    g.setAttribute('color', new THREE.BufferAttribute(colors, 4));
    g.setIndex(src.getIndex());
    g.boundingSphere = src.boundingSphere;
    const m = new THREE.MeshBasicMaterial({
      vertexColors: true,
      transparent: true,
      depthWrite: false,
      polygonOffset: true,
      polygonOffsetFactor: -2,
      polygonOffsetUnits: -4,
    });
    this.overlay = new THREE.Mesh(g, m);
    this.overlay.name = 'coverage';
    this.overlay.renderOrder = 1;
    this.overlay.visible = this.overlayVisible;
    this.group.add(this.overlay);
  }

  clearCoverage(): void {
    if (!this.overlay) return;
    this.group.remove(this.overlay);
    // Disposing the overlay's geometry frees the shared position/index buffers too; the terrain
    // re-uploads them on its next draw if it is still shown (only when the overlay is replaced).
    this.overlay.geometry.dispose();
    (this.overlay.material as THREE.Material).dispose();
    this.overlay = null;
  }

  get hasCoverage(): boolean {
    return this.overlay !== null;
  }

  setCoverageVisible(v: boolean): void {
    this.overlayVisible = v;
    if (this.overlay) this.overlay.visible = v;
  }

  dispose(): void {
    this.clearCoverage();
    this.mesh.geometry.dispose();
    (this.mesh.material as THREE.Material).dispose();
  }
}
