/**
 * Built things on the ground: the wall (solid, open at gaps), the always-legible line work (crest, gaps,
 * strip edges, chainage ticks) and the wall's dead zone once the coverage worker has computed it.
 */
import * as THREE from 'three';
import type { Border } from '../../core/border.ts';
import type { CoverageRaster } from '../protocol.ts';
import type { BarrierInput, MeshBuffers } from './barrierGeometry.ts';
import { buildBarrierBuffers } from './barrierGeometry.ts';
import { buildDeadZoneBuffers } from './coverageColors.ts';
import type { LineBuffers, LineInput } from './lineGeometry.ts';
import { buildLineBuffers } from './lineGeometry.ts';
import { DEAD_ZONE_HEX, WALL_HEX } from './palette.ts';
import type { SceneFrame } from './sceneFrame.ts';

export function meshFromBuffers(b: MeshBuffers, material: THREE.Material): THREE.Mesh {
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.BufferAttribute(b.positions, 3));
  g.setAttribute('normal', new THREE.BufferAttribute(b.normals, 3));
  g.setIndex(new THREE.BufferAttribute(b.indices, 1));
  g.computeBoundingSphere();
  return new THREE.Mesh(g, material);
}

export function linesFromBuffers(b: LineBuffers, opacity = 1): THREE.LineSegments {
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.BufferAttribute(b.positions, 3));
  g.setAttribute('color', new THREE.BufferAttribute(b.colors, 3));
  g.computeBoundingSphere();
  const m = new THREE.LineBasicMaterial({ vertexColors: true, transparent: opacity < 1, opacity, fog: false });
  return new THREE.LineSegments(g, m);
}

export class StructuresLayer {
  readonly group = new THREE.Group();
  readonly wall: THREE.Mesh;
  readonly lines: THREE.LineSegments;
  private dead: THREE.Mesh | null = null;
  private deadVisible = true;

  constructor(
    private readonly frame: SceneFrame,
    private readonly barrier: BarrierInput,
    lineInput: LineInput,
  ) {
    this.wall = meshFromBuffers(buildBarrierBuffers(frame, barrier), new THREE.MeshLambertMaterial({ color: WALL_HEX }));
    this.wall.name = 'barrier';
    this.lines = linesFromBuffers(buildLineBuffers(frame, lineInput));
    this.lines.name = 'lines';
    this.lines.renderOrder = 2;
    this.group.add(this.wall, this.lines);
  }

  setDeadZone(border: Border, raster: CoverageRaster): void {
    this.clearDeadZone();
    const b = buildDeadZoneBuffers(this.frame, border, this.barrier.widthM, raster);
    if (b.indices.length === 0) return;
    const m = new THREE.MeshBasicMaterial({ color: DEAD_ZONE_HEX, transparent: true, opacity: 0.75, depthWrite: false, polygonOffset: true, polygonOffsetFactor: -3, polygonOffsetUnits: -6, side: THREE.DoubleSide });
    this.dead = meshFromBuffers(b, m);
    this.dead.name = 'deadZone';
    this.dead.renderOrder = 2;
    this.dead.visible = this.deadVisible;
    this.group.add(this.dead);
  }

  clearDeadZone(): void {
    if (!this.dead) return;
    this.group.remove(this.dead);
    this.dead.geometry.dispose();
    (this.dead.material as THREE.Material).dispose();
    this.dead = null;
  }

  setDeadZoneVisible(v: boolean): void {
    this.deadVisible = v;
    if (this.dead) this.dead.visible = v;
  }

  dispose(): void {
    this.clearDeadZone();
    for (const o of [this.wall, this.lines]) {
      o.geometry.dispose();
      (o.material as THREE.Material).dispose();
    }
  }
}
