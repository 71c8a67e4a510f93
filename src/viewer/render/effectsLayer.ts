/**
 * Transient and cumulative marks: a detection flashes a line from the detecting camera to the target
 * (fading over FLASH_MS; a ring of line slots, one draw call), and every attempt that got through
 * undetected leaves a marker where it crossed the line (one InstancedMesh).
 */
import * as THREE from 'three';
import type { DetectionEvent } from '../../core/attemptRow.ts';
import type { FinishedView, WorldView } from '../protocol.ts';
import { FLASH_HEX, UNDETECTED_CROSSING_HEX, hexToRgb } from './palette.ts';
import type { SceneFrame } from './sceneFrame.ts';
import { groundZ } from './sceneFrame.ts';
import type { SymbolScale } from './symbolMaterial.ts';
import { symbolMaterial } from './symbolMaterial.ts';

export const FLASH_MS = 1600;
const FLASH_SLOTS = 512;
/** A line the user asked for (clicking an event) stays this long. */
const PINNED_MS = 8000;

export class EffectsLayer {
  readonly group = new THREE.Group();
  readonly flashes: THREE.LineSegments;
  readonly crossings: THREE.InstancedMesh;
  private readonly bornMs = new Float64Array(FLASH_SLOTS).fill(-Infinity);
  private readonly lifeMs = new Float64Array(FLASH_SLOTS).fill(FLASH_MS);
  private next = 0;
  private activeUntilMs = -Infinity;
  private readonly flashRgb = hexToRgb(FLASH_HEX);
  private readonly pinnedRgb = hexToRgb('#ffffff');
  undetectedCrossings = 0;

  constructor(
    private readonly frame: SceneFrame,
    private readonly view: WorldView,
    private readonly towerScale: SymbolScale,
    markerScale: SymbolScale,
  ) {
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(new Float32Array(FLASH_SLOTS * 6), 3).setUsage(THREE.DynamicDrawUsage));
    g.setAttribute('color', new THREE.BufferAttribute(new Float32Array(FLASH_SLOTS * 8), 4).setUsage(THREE.DynamicDrawUsage));
    this.flashes = new THREE.LineSegments(g, new THREE.LineBasicMaterial({ vertexColors: true, transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, fog: false }));
    this.flashes.frustumCulled = false;
    this.flashes.renderOrder = 5;
    this.flashes.name = 'flashes';
    // An inverted cone, its tip on the ground where the undetected attempt crossed.
    const cone = new THREE.ConeGeometry(1.1, 3.2, 12).rotateX(-Math.PI / 2).translate(0, 0, 1.6);
    this.crossings = new THREE.InstancedMesh(cone, symbolMaterial(markerScale, { color: UNDETECTED_CROSSING_HEX, emissive: '#5a0016' }), Math.max(1, view.attempts));
    this.crossings.count = 0;
    this.crossings.frustumCulled = false;
    this.crossings.name = 'undetectedCrossings';
    this.group.add(this.flashes, this.crossings);
  }

  /** World position of the detecting camera's optical centre, drawn at the tower symbol's top. */
  private cameraTop(tower: number, out: { x: number; y: number; z: number }): void {
    const tw = this.view.towers;
    out.x = tw.x[tower] - this.frame.originX;
    out.y = tw.y[tower] - this.frame.originY;
    out.z = groundZ(this.frame, tw.x[tower], tw.y[tower]) + tw.heightM[tower] * this.towerScale.value;
  }

  private readonly top = { x: 0, y: 0, z: 0 };

  /** Starts a flash for a detection; `pinned` keeps it longer and white (the user picked it). */
  flash(e: DetectionEvent, nowMs: number, pinned = false): void {
    if (e.tower < 0) return;
    const slot = this.next;
    this.next = (this.next + 1) % FLASH_SLOTS;
    this.cameraTop(e.tower, this.top);
    const pos = this.flashes.geometry.getAttribute('position').array as Float32Array;
    const o = slot * 6;
    pos[o] = this.top.x;
    pos[o + 1] = this.top.y;
    pos[o + 2] = this.top.z;
    pos[o + 3] = e.x - this.frame.originX;
    pos[o + 4] = e.y - this.frame.originY;
    pos[o + 5] = groundZ(this.frame, e.x, e.y) + 1.5;
    this.flashes.geometry.getAttribute('position').needsUpdate = true;
    this.bornMs[slot] = nowMs;
    this.lifeMs[slot] = pinned ? PINNED_MS : FLASH_MS;
    const rgb = pinned ? this.pinnedRgb : this.flashRgb;
    const col = this.flashes.geometry.getAttribute('color').array as Float32Array;
    col[slot * 8] = col[slot * 8 + 4] = rgb[0];
    col[slot * 8 + 1] = col[slot * 8 + 5] = rgb[1];
    col[slot * 8 + 2] = col[slot * 8 + 6] = rgb[2];
    this.activeUntilMs = Math.max(this.activeUntilMs, nowMs + this.lifeMs[slot]);
  }

  /** Fades the flashes; cheap no-op when none is alive. Returns whether any flash changed. */
  tick(nowMs: number): boolean {
    if (nowMs > this.activeUntilMs + 100) return false;
    const attr = this.flashes.geometry.getAttribute('color') as THREE.BufferAttribute;
    const col = attr.array as Float32Array;
    for (let s = 0; s < FLASH_SLOTS; s++) {
      const age = nowMs - this.bornMs[s];
      const a = age >= 0 && age < this.lifeMs[s] ? 1 - age / this.lifeMs[s] : 0;
      // Bright at the camera end, a little softer at the target.
      col[s * 8 + 3] = a;
      col[s * 8 + 7] = a * 0.8;
    }
    attr.needsUpdate = true;
    return true;
  }

  addFinished(f: FinishedView): void {
    if (f.detected) return;
    const i = this.crossings.count;
    if (i >= this.crossings.instanceMatrix.count) return;
    const e = this.crossings.instanceMatrix.array as Float32Array;
    const o = i * 16;
    e.fill(0, o, o + 16);
    e[o] = e[o + 5] = e[o + 10] = e[o + 15] = 1;
    e[o + 12] = f.x - this.frame.originX;
    e[o + 13] = f.y - this.frame.originY;
    e[o + 14] = groundZ(this.frame, f.x, f.y) + this.view.barrierHeightM;
    this.crossings.count = i + 1;
    this.crossings.instanceMatrix.clearUpdateRanges();
    this.crossings.instanceMatrix.needsUpdate = true;
    this.undetectedCrossings++;
  }

  setCrossingsVisible(v: boolean): void {
    this.crossings.visible = v;
  }

  dispose(): void {
    this.flashes.geometry.dispose();
    (this.flashes.material as THREE.Material).dispose();
    this.crossings.geometry.dispose();
    (this.crossings.material as THREE.Material).dispose();
    this.crossings.dispose();
  }
}
