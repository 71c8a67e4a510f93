/**
 * Watchtowers as one InstancedMesh (one draw call), their cameras' footprints as one line buffer
 * (toggleable), the selected tower's footprint filled, and picking by screen distance — a mast a few
 * pixels wide is hard to hit with a ray, its symbol is easy to click.
 */
import * as THREE from 'three';
import { mergeGeometries } from 'three/addons/utils/BufferGeometryUtils.js';
import type { WorldView } from '../protocol.ts';
import { buildFootprintFill, buildFootprintLines } from './footprintGeometry.ts';
import { TOWER_HEX, TOWER_SELECTED_HEX } from './palette.ts';
import type { SceneFrame } from './sceneFrame.ts';
import { groundZ } from './sceneFrame.ts';
import { linesFromBuffers } from './structuresLayer.ts';
import type { SymbolScale } from './symbolMaterial.ts';
import { symbolMaterial } from './symbolMaterial.ts';

/** Height the tower model is built at, metres; instances scale it to their own height. */
const MODEL_HEIGHT_M = 15;

export function towerGeometry(): THREE.BufferGeometry {
  const mast = new THREE.BoxGeometry(0.9, 0.9, 13).translate(0, 0, 6.5);
  const legs = new THREE.CylinderGeometry(0.15, 2.2, 8, 4, 1, true).rotateX(Math.PI / 2).translate(0, 0, 4);
  const cabin = new THREE.BoxGeometry(3.2, 3.2, 2.4).translate(0, 0, 14.2);
  const roof = new THREE.ConeGeometry(2.6, 1.4, 4).rotateX(Math.PI / 2).rotateZ(Math.PI / 4).translate(0, 0, 16.1);
  const parts = [mast, legs, cabin, roof].map((g) => (g.index ? g.toNonIndexed() : g));
  for (const p of parts) p.deleteAttribute('uv');
  const merged = mergeGeometries(parts, false)!;
  merged.computeVertexNormals();
  return merged;
}

export class TowersLayer {
  readonly group = new THREE.Group();
  readonly mesh: THREE.InstancedMesh;
  readonly footprints: THREE.LineSegments;
  private fill: THREE.Mesh | null = null;
  private selected = -1;
  private readonly white = new THREE.Color(TOWER_HEX);
  private readonly highlight = new THREE.Color(TOWER_SELECTED_HEX);
  private readonly v = new THREE.Vector3();

  constructor(
    private readonly frame: SceneFrame,
    private readonly view: WorldView,
    private readonly scale: SymbolScale,
  ) {
    const t = view.towers;
    this.mesh = new THREE.InstancedMesh(towerGeometry(), symbolMaterial(scale, { color: '#ffffff' }), Math.max(1, t.count));
    this.mesh.name = 'towers';
    this.mesh.count = t.count;
    const m = new THREE.Matrix4();
    for (let i = 0; i < t.count; i++) {
      m.makeScale(1, 1, t.heightM[i] / MODEL_HEIGHT_M);
      m.setPosition(t.x[i] - frame.originX, t.y[i] - frame.originY, groundZ(frame, t.x[i], t.y[i]));
      this.mesh.setMatrixAt(i, m);
      this.mesh.setColorAt(i, this.white);
    }
    this.mesh.instanceMatrix.needsUpdate = true;
    if (this.mesh.instanceColor) this.mesh.instanceColor.needsUpdate = true;
    this.mesh.computeBoundingSphere();
    // Symbols grow with distance beyond their true size: the bounding sphere cannot know, so never cull.
    this.mesh.frustumCulled = false;
    this.footprints = linesFromBuffers(buildFootprintLines(frame, view), 0.85);
    this.footprints.name = 'footprints';
    this.footprints.renderOrder = 2;
    this.group.add(this.mesh, this.footprints);
  }

  setFootprintsVisible(v: boolean): void {
    this.footprints.visible = v;
  }

  get selectedTower(): number {
    return this.selected;
  }

  /** Highlights tower t and fills its footprint; −1 clears. */
  select(t: number): void {
    if (this.selected >= 0) this.mesh.setColorAt(this.selected, this.white);
    if (this.fill) {
      this.group.remove(this.fill);
      this.fill.geometry.dispose();
      (this.fill.material as THREE.Material).dispose();
      this.fill = null;
    }
    this.selected = t;
    if (t >= 0) {
      this.mesh.setColorAt(t, this.highlight);
      const b = buildFootprintFill(this.frame, this.view, t);
      const g = new THREE.BufferGeometry();
      g.setAttribute('position', new THREE.BufferAttribute(b.positions, 3));
      g.setAttribute('color', new THREE.BufferAttribute(b.colors, 4));
      g.setIndex(new THREE.BufferAttribute(b.indices, 1));
      g.computeBoundingSphere();
      const mat = new THREE.MeshBasicMaterial({ vertexColors: true, transparent: true, depthWrite: false, side: THREE.DoubleSide, polygonOffset: true, polygonOffsetFactor: -4, polygonOffsetUnits: -8 });
      this.fill = new THREE.Mesh(g, mat);
      this.fill.renderOrder = 3;
      this.group.add(this.fill);
    }
    if (this.mesh.instanceColor) this.mesh.instanceColor.needsUpdate = true;
  }

  /** Scene position of tower t's top (cabin), accounting for the symbol's growth. */
  topOf(t: number, out: THREE.Vector3): THREE.Vector3 {
    const f = this.frame;
    const tw = this.view.towers;
    return out.set(tw.x[t] - f.originX, tw.y[t] - f.originY, groundZ(f, tw.x[t], tw.y[t]) + tw.heightM[t] * this.scale.value);
  }

  /**
   * The tower whose symbol is nearest to the canvas point (px, py) within maxPx pixels, or −1.
   * Tests the foot, the middle and the top of each mast.
   */
  pick(camera: THREE.Camera, px: number, py: number, widthPx: number, heightPx: number, maxPx = 16): number {
    let best = -1;
    let bestD = maxPx * maxPx;
    const tw = this.view.towers;
    const f = this.frame;
    for (let t = 0; t < tw.count; t++) {
      const g = groundZ(f, tw.x[t], tw.y[t]);
      for (let k = 0; k <= 2; k++) {
        this.v.set(tw.x[t] - f.originX, tw.y[t] - f.originY, g + (k / 2) * tw.heightM[t] * this.scale.value).project(camera);
        if (this.v.z > 1) continue;
        const sx = (this.v.x * 0.5 + 0.5) * widthPx;
        const sy = (-this.v.y * 0.5 + 0.5) * heightPx;
        const d = (sx - px) ** 2 + (sy - py) ** 2;
        if (d < bestD) {
          bestD = d;
          best = t;
        }
      }
    }
    return best;
  }

  dispose(): void {
    this.select(-1);
    this.mesh.geometry.dispose();
    (this.mesh.material as THREE.Material).dispose();
    this.mesh.dispose();
    this.footprints.geometry.dispose();
    (this.footprints.material as THREE.Material).dispose();
  }
}
