/**
 * Live intruders: one InstancedMesh per threat kind (one draw call each), coloured by kind until
 * detected, then red; facing their direction of travel; with short trails (one line buffer). Updating
 * from a packed frame writes straight into the instance buffers and allocates nothing.
 */
import * as THREE from 'three';
import { mergeGeometries } from 'three/addons/utils/BufferGeometryUtils.js';
import type { FrameViews, WorldView } from '../protocol.ts';
import { DETECTED_HEX, THREAT_HEX, hexToRgb } from './palette.ts';
import type { SceneFrame } from './sceneFrame.ts';
import { sceneZ } from './sceneFrame.ts';
import type { SymbolScale } from './symbolMaterial.ts';
import { symbolMaterial } from './symbolMaterial.ts';
import { TrailStore } from './trailStore.ts';

/** Marker shapes, feet at the origin, facing +x. */
export function threatGeometry(kind: string): THREE.BufferGeometry {
  const person = (dx: number, dy: number) => new THREE.CapsuleGeometry(0.32, 1.1, 2, 6).rotateX(Math.PI / 2).translate(dx, dy, 0.87);
  const parts: THREE.BufferGeometry[] = [];
  if (kind === 'group') parts.push(person(0.6, 0), person(-0.4, 0.7), person(-0.4, -0.7));
  else if (kind === 'crawler') parts.push(new THREE.CapsuleGeometry(0.28, 1.2, 2, 6).rotateZ(Math.PI / 2).translate(0, 0, 0.3));
  else if (kind === 'vehicle') parts.push(new THREE.BoxGeometry(4.6, 2.0, 1.1).translate(0, 0, 0.75), new THREE.BoxGeometry(2.2, 1.8, 0.8).translate(-0.4, 0, 1.7));
  else parts.push(person(0, 0));
  const flat = parts.map((g) => (g.index ? g.toNonIndexed() : g));
  for (const g of flat) g.deleteAttribute('uv');
  const merged = mergeGeometries(flat, false)!;
  merged.computeVertexNormals();
  return merged;
}

export class IntrudersLayer {
  readonly group = new THREE.Group();
  readonly meshes: THREE.InstancedMesh[];
  readonly trails: THREE.LineSegments;
  private readonly store: TrailStore;
  private readonly counts: Int32Array;
  private readonly kindRgb: Float32Array;
  private readonly detectedRgb = hexToRgb(DETECTED_HEX);
  private readonly rgbScratch: Float32Array;
  private readonly prevX: Float32Array;
  private readonly prevY: Float32Array;
  private readonly yaw: Float32Array;
  private readonly heightM: Float32Array;
  private trailsVisible = true;
  live = 0;

  constructor(
    private readonly frame: SceneFrame,
    view: WorldView,
    scale: SymbolScale,
    maxTrails = 2048,
  ) {
    const cap = Math.max(1, view.attempts);
    const nk = view.threats.length;
    this.counts = new Int32Array(nk);
    this.kindRgb = new Float32Array(3 * nk);
    this.heightM = Float32Array.from(view.threats, (t) => t.heightM);
    this.meshes = view.threats.map((t, k) => {
      const rgb = hexToRgb(THREAT_HEX[t.kind] ?? '#ffffff');
      this.kindRgb.set(rgb, 3 * k);
      const mesh = new THREE.InstancedMesh(threatGeometry(t.kind), symbolMaterial(scale, { color: '#ffffff', emissive: '#222222' }), cap);
      mesh.name = `intruders-${t.kind}`;
      mesh.count = 0;
      mesh.frustumCulled = false;
      mesh.instanceMatrix.setUsage(THREE.DynamicDrawUsage);
      mesh.setColorAt(0, new THREE.Color(1, 1, 1));
      mesh.instanceColor!.setUsage(THREE.DynamicDrawUsage);
      return mesh;
    });
    this.prevX = new Float32Array(cap).fill(NaN);
    this.prevY = new Float32Array(cap);
    this.yaw = new Float32Array(cap);
    this.rgbScratch = new Float32Array(3 * cap);
    const slots = Math.min(cap, maxTrails);
    this.store = new TrailStore(frame, cap, slots);
    const g = new THREE.BufferGeometry();
    const segs = slots * this.store.points;
    g.setAttribute('position', new THREE.BufferAttribute(new Float32Array(segs * 6), 3).setUsage(THREE.DynamicDrawUsage));
    g.setAttribute('color', new THREE.BufferAttribute(new Float32Array(segs * 8), 4).setUsage(THREE.DynamicDrawUsage));
    g.setDrawRange(0, 0);
    this.trails = new THREE.LineSegments(g, new THREE.LineBasicMaterial({ vertexColors: true, transparent: true, depthWrite: false }));
    this.trails.frustumCulled = false;
    this.trails.name = 'trails';
    this.trails.renderOrder = 4;
    this.group.add(...this.meshes, this.trails);
  }

  setTrailsVisible(v: boolean): void {
    this.trailsVisible = v;
    this.trails.visible = v;
  }

  /** Draws a tick's intruders. */
  update(tS: number, count: number, f: FrameViews): void {
    const fr = this.frame;
    this.counts.fill(0);
    const rgbOut = this.rgbScratch;
    for (let i = 0; i < count; i++) {
      const k = f.threat[i];
      const mesh = this.meshes[k];
      if (!mesh) continue;
      const slot = this.counts[k]++;
      const id = f.ids[i];
      const x = f.xyz[3 * i];
      const y = f.xyz[3 * i + 1];
      // Heading from the last position this intruder was drawn at (kept when it has not moved).
      const px = this.prevX[id];
      if (px === px) {
        const dx = x - px;
        const dy = y - this.prevY[id];
        if (dx * dx + dy * dy > 1e-4) this.yaw[id] = Math.atan2(dy, dx);
      }
      this.prevX[id] = x;
      this.prevY[id] = y;
      const c = Math.cos(this.yaw[id]);
      const s = Math.sin(this.yaw[id]);
      const z = sceneZ(fr, x, y, f.xyz[3 * i + 2]) - this.heightM[k];
      const e = mesh.instanceMatrix.array as Float32Array;
      const o = slot * 16;
      e[o] = c; e[o + 1] = s; e[o + 2] = 0; e[o + 3] = 0;
      e[o + 4] = -s; e[o + 5] = c; e[o + 6] = 0; e[o + 7] = 0;
      e[o + 8] = 0; e[o + 9] = 0; e[o + 10] = 1; e[o + 11] = 0;
      e[o + 12] = x - fr.originX; e[o + 13] = y - fr.originY; e[o + 14] = z; e[o + 15] = 1;
      const col = mesh.instanceColor!.array as Float32Array;
      const det = f.detected[i] === 1;
      const r = det ? this.detectedRgb[0] : this.kindRgb[3 * k];
      const g = det ? this.detectedRgb[1] : this.kindRgb[3 * k + 1];
      const b = det ? this.detectedRgb[2] : this.kindRgb[3 * k + 2];
      col[3 * slot] = r;
      col[3 * slot + 1] = g;
      col[3 * slot + 2] = b;
      rgbOut[3 * i] = r;
      rgbOut[3 * i + 1] = g;
      rgbOut[3 * i + 2] = b;
    }
    for (let k = 0; k < this.meshes.length; k++) {
      const mesh = this.meshes[k];
      const n = this.counts[k];
      mesh.count = n;
      mesh.instanceMatrix.clearUpdateRanges();
      mesh.instanceMatrix.addUpdateRange(0, n * 16);
      mesh.instanceMatrix.needsUpdate = true;
      mesh.instanceColor!.clearUpdateRanges();
      mesh.instanceColor!.addUpdateRange(0, n * 3);
      mesh.instanceColor!.needsUpdate = true;
    }
    this.live = count;
    this.store.update(tS, count, f.ids, f.xyz, rgbOut);
    if (this.trailsVisible) this.writeTrails();
  }

  private writeTrails(): void {
    const g = this.trails.geometry;
    const pos = g.getAttribute('position') as THREE.BufferAttribute;
    const col = g.getAttribute('color') as THREE.BufferAttribute;
    const n = this.store.writeSegments(pos.array as Float32Array, col.array as Float32Array);
    g.setDrawRange(0, 2 * n);
    pos.clearUpdateRanges();
    pos.addUpdateRange(0, n * 6);
    pos.needsUpdate = true;
    col.clearUpdateRanges();
    col.addUpdateRange(0, n * 8);
    col.needsUpdate = true;
  }

  clear(): void {
    for (const m of this.meshes) m.count = 0;
    this.store.clear();
    this.trails.geometry.setDrawRange(0, 0);
    this.live = 0;
  }

  dispose(): void {
    for (const m of this.meshes) {
      m.geometry.dispose();
      (m.material as THREE.Material).dispose();
      m.dispose();
    }
    this.trails.geometry.dispose();
    (this.trails.material as THREE.Material).dispose();
  }
}
