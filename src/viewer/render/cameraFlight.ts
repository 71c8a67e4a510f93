/**
 * Smooth camera moves: fly the map camera and its orbit target to a new point of interest in about a
 * second, keeping the current viewing direction. Scratch vectors only; ticking allocates nothing.
 */
import * as THREE from 'three';
import type { MapControls } from 'three/addons/controls/MapControls.js';

function easeInOutCubic(t: number): number {
  return t < 0.5 ? 4 * t * t * t : 1 - Math.pow(-2 * t + 2, 3) / 2;
}

export class CameraFlight {
  private readonly fromPos = new THREE.Vector3();
  private readonly fromTarget = new THREE.Vector3();
  private readonly toPos = new THREE.Vector3();
  private readonly toTarget = new THREE.Vector3();
  private readonly dir = new THREE.Vector3();
  private startMs = 0;
  private durationMs = 0;
  active = false;

  constructor(
    private readonly camera: THREE.PerspectiveCamera,
    private readonly controls: MapControls,
  ) {}

  /**
   * Flies to look at (x, y, z) from `distance` metres. `elevationDeg` sets the view's pitch when
   * given; otherwise the current pitch and heading are kept.
   */
  to(x: number, y: number, z: number, distance: number, nowMs: number, opts: { elevationDeg?: number; azimuthDeg?: number; durationMs?: number } = {}): void {
    this.fromPos.copy(this.camera.position);
    this.fromTarget.copy(this.controls.target);
    this.toTarget.set(x, y, z);
    this.dir.subVectors(this.camera.position, this.controls.target);
    if (opts.elevationDeg !== undefined || opts.azimuthDeg !== undefined) {
      const az = opts.azimuthDeg !== undefined ? (opts.azimuthDeg * Math.PI) / 180 : Math.atan2(this.dir.y, this.dir.x);
      const el = ((opts.elevationDeg ?? 45) * Math.PI) / 180;
      this.dir.set(Math.cos(el) * Math.cos(az), Math.cos(el) * Math.sin(az), Math.sin(el));
    }
    this.dir.normalize().multiplyScalar(distance);
    this.toPos.copy(this.toTarget).add(this.dir);
    this.startMs = nowMs;
    this.durationMs = opts.durationMs ?? 1200;
    this.active = true;
  }

  /** Jumps without animation. */
  jump(): void {
    this.camera.position.copy(this.toPos);
    this.controls.target.copy(this.toTarget);
    this.active = false;
  }

  /** Moves the camera along the flight; returns whether it moved. */
  tick(nowMs: number): boolean {
    if (!this.active) return false;
    const t = this.durationMs > 0 ? Math.min(1, (nowMs - this.startMs) / this.durationMs) : 1;
    const e = easeInOutCubic(Math.max(0, t));
    this.camera.position.lerpVectors(this.fromPos, this.toPos, e);
    this.controls.target.lerpVectors(this.fromTarget, this.toTarget, e);
    if (t >= 1) this.active = false;
    return true;
  }

  cancel(): void {
    this.active = false;
  }
}
