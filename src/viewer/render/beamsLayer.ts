/**
 * Where each camera looks right now: a translucent wedge from the camera down to the ground at the
 * range where the reference target's P∞ falls to 0.5, fading out towards it, turned to the camera's current bearing (its
 * pan is cameras.ts `viewCentreRad`, the one the simulation uses). One InstancedMesh per sensor model (the
 * wedge's angle is the model's field of view); updating writes matrices in place, no allocation.
 * All-round staring cameras have no beam: their footprint is the whole circle.
 */
import * as THREE from 'three';
import { viewCentreRad } from '../../core/cameras.ts';
import { P_BANDS } from '../protocol.ts';
import type { WorldView } from '../protocol.ts';
import type { SceneFrame } from './sceneFrame.ts';
import { groundZ } from './sceneFrame.ts';

/**
 * A wedge of half-angle `half` (radians): apex at (0, 0, 1), far arc of radius 1 on z = 0, centred
 * on +x. Vertex alpha fades from the camera outwards, so it reads as a beam rather than a sheet.
 */
export function wedgeGeometry(half: number, segments = 12): THREE.BufferGeometry {
  const pos: number[] = [0, 0, 1];
  const col: number[] = [1, 1, 1, 1];
  for (let i = 0; i <= segments; i++) {
    const a = -half + (2 * half * i) / segments;
    pos.push(Math.cos(a), Math.sin(a), 0);
    col.push(1, 1, 1, 0);
  }
  const idx: number[] = [];
  for (let i = 1; i <= segments; i++) idx.push(0, i, i + 1);
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.Float32BufferAttribute(pos, 3));
  g.setAttribute('color', new THREE.Float32BufferAttribute(col, 4));
  g.setIndex(idx);
  return g;
}

export class BeamsLayer {
  readonly group = new THREE.Group();
  private readonly meshes: THREE.InstancedMesh[] = [];
  /** Per mesh: the cameras it draws. */
  private readonly cams: Int32Array[] = [];
  private readonly rangeM: Float64Array;

  constructor(
    private readonly frame: SceneFrame,
    private readonly view: WorldView,
  ) {
    const c = view.cameras;
    const half = P_BANDS.indexOf(0.5);
    this.rangeM = Float64Array.from(view.models, (m) => m.bandRangesM[half]);
    view.models.forEach((m, mi) => {
      const half = (m.fovDeg * Math.PI) / 360;
      if (half >= Math.PI - 1e-6) return;
      const ids: number[] = [];
      for (let k = 0; k < c.count; k++) if (c.model[k] === mi) ids.push(k);
      if (ids.length === 0) return;
      const mat = new THREE.MeshBasicMaterial({ color: '#7fe6ff', vertexColors: true, transparent: true, opacity: 0.3, depthWrite: false, side: THREE.DoubleSide, fog: false });
      const mesh = new THREE.InstancedMesh(wedgeGeometry(half), mat, ids.length);
      mesh.instanceMatrix.setUsage(THREE.DynamicDrawUsage);
      mesh.frustumCulled = false;
      mesh.renderOrder = 6;
      mesh.name = `beams-${m.label}`;
      this.meshes.push(mesh);
      this.cams.push(Int32Array.from(ids));
      this.group.add(mesh);
    });
  }

  get count(): number {
    return this.meshes.length;
  }

  /** Turns every beam to where its camera looks at simulated time tS. */
  update(tS: number): void {
    const f = this.frame;
    const v = this.view;
    for (let m = 0; m < this.meshes.length; m++) {
      const mesh = this.meshes[m];
      const ids = this.cams[m];
      const e = mesh.instanceMatrix.array as Float32Array;
      for (let i = 0; i < ids.length; i++) {
        const k = ids[i];
        const t = v.cameras.tower[k];
        const a = viewCentreRad(v.cameras, k, tS);
        const r = this.rangeM[v.cameras.model[k]];
        const h = v.towers.heightM[t];
        const g = groundZ(f, v.towers.x[t], v.towers.y[t]);
        const c = Math.cos(a);
        const s = Math.sin(a);
        const o = i * 16;
        // Rotation about z by a, scaled (r, r, h), at the tower's foot.
        e[o] = c * r; e[o + 1] = s * r; e[o + 2] = 0; e[o + 3] = 0;
        e[o + 4] = -s * r; e[o + 5] = c * r; e[o + 6] = 0; e[o + 7] = 0;
        e[o + 8] = 0; e[o + 9] = 0; e[o + 10] = h; e[o + 11] = 0;
        e[o + 12] = v.towers.x[t] - f.originX; e[o + 13] = v.towers.y[t] - f.originY; e[o + 14] = g; e[o + 15] = 1;
      }
      mesh.instanceMatrix.needsUpdate = true;
    }
  }

  setVisible(v: boolean): void {
    this.group.visible = v;
  }

  dispose(): void {
    for (const m of this.meshes) {
      m.geometry.dispose();
      (m.material as THREE.Material).dispose();
      m.dispose();
    }
  }
}
