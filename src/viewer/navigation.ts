/**
 * Where the camera goes: the overview of the whole border, a tower, a gap, a stretch of chainage, a
 * detection. Each is a framing rule (distance, pitch, heading) turned into a smooth flight.
 */
import * as THREE from 'three';
import type { DetectionEvent } from '../core/attemptRow.ts';
import { CameraFlight } from './render/cameraFlight.ts';
import type { Stage } from './render/stage.ts';
import type { WorldScene } from './render/worldScene.ts';

export class Navigator {
  readonly flight: CameraFlight;
  private readonly v = new THREE.Vector3();

  constructor(stage: Stage) {
    this.flight = new CameraFlight(stage.camera, stage.controls);
    stage.controls.addEventListener('start', () => this.flight.cancel());
  }

  /** Ends any flight at its destination at once (scripts and screenshots). */
  jump(): void {
    if (this.flight.active) this.flight.jump();
  }

  /**
   * The whole border from the far side's start end, looking along it: the near towers and the wall
   * read in 3D and the line recedes to its far end, so the scale and the layout both show. The
   * heading follows the line's general direction, so a border drawn any way round is seen from its
   * far side; a strongly bent line is framed on its bounding box instead.
   */
  overview(w: WorldScene, instant = false): void {
    const L = w.lengthM;
    const xy = w.view.borderXY;
    const n = xy.length / 2;
    const dx = xy[2 * n - 2] - xy[0];
    const dy = xy[2 * n - 1] - xy[1];
    const chord = Math.hypot(dx, dy);
    let span = chord;
    if (chord > 0.8 * L) w.chainagePoint(L * 0.42, this.v);
    else {
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (let i = 0; i < n; i++) {
        x0 = Math.min(x0, xy[2 * i]);
        x1 = Math.max(x1, xy[2 * i]);
        y0 = Math.min(y0, xy[2 * i + 1]);
        y1 = Math.max(y1, xy[2 * i + 1]);
      }
      w.groundPoint((x0 + x1) / 2, (y0 + y1) / 2, this.v);
      span = 1.25 * Math.hypot(x1 - x0, y1 - y0);
    }
    const azimuthDeg = (Math.atan2(dy, dx) * 180) / Math.PI - 118;
    this.flight.to(this.v.x, this.v.y, this.v.z, Math.max(2500, 0.36 * span), performance.now(), { elevationDeg: 27, azimuthDeg });
    if (instant) this.flight.jump();
  }

  /** Tower t from the far side, over the wall, low: its beams come towards the viewer and its footprint spreads out in front. */
  tower(w: WorldScene, t: number): void {
    w.groundPoint(w.view.towers.x[t], w.view.towers.y[t], this.v);
    this.flight.to(this.v.x, this.v.y, this.v.z + 10, 260, performance.now(), { elevationDeg: 15, azimuthDeg: -72 });
  }

  /** Gap i of the wall, from above the far side. */
  gap(w: WorldScene, i: number): void {
    this.chainage(w, (w.view.gapsM[2 * i] + w.view.gapsM[2 * i + 1]) / 2, 500, 32);
  }

  /** A stretch of border `spanM` long centred on chainage sM. */
  chainage(w: WorldScene, sM: number, spanM: number, elevationDeg = 40): void {
    w.chainagePoint(sM, this.v);
    this.flight.to(this.v.x, this.v.y, this.v.z, Math.max(600, spanM * 1.4), performance.now(), { elevationDeg, azimuthDeg: -90 });
  }

  /** Where a detection happened, far enough back to see the camera's line to it. */
  event(w: WorldScene, e: DetectionEvent): void {
    w.groundPoint(e.x, e.y, this.v);
    this.flight.to(this.v.x, this.v.y, this.v.z, Math.max(700, e.rangeM * 1.3), performance.now(), { elevationDeg: 42 });
  }
}
