/**
 * The worst-case breach paths of an optimize result (placed and evenly spaced layouts) as lines draped
 * on the ground: a few pixels wide at any zoom (three's fat lines), each in its own colour, the active
 * layout's drawn bold and on top, the other thin and faded so the two routes can be compared.
 */
import * as THREE from 'three';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { LineSegments2 } from 'three/examples/jsm/lines/LineSegments2.js';
import { LineSegmentsGeometry } from 'three/examples/jsm/lines/LineSegmentsGeometry.js';
import type { LayoutName } from '../optimizeDoc.ts';
import type { SceneFrame } from './sceneFrame.ts';
import { groundZ } from './sceneFrame.ts';

/** Colours of the two paths (kept off the coverage bands and the strip's line colours). */
export const BREACH_PATH_HEX: Readonly<Record<LayoutName, string>> = { placed: '#d03cff', uniform: '#14181f' };

/** Draped points at most this far apart, metres: the line follows the relief between the path's corners. */
const DRAPE_STEP_M = 25;
/** Height above the ground, metres: clears the terrain mesh's facets. */
const LIFT_M = 3;
const ACTIVE_PX = 5;
const INACTIVE_PX = 2.5;

/** Segment end points (pairs of xyz, scene frame) of a polyline draped on the ground. */
export function drapedSegments(frame: SceneFrame, x: ArrayLike<number>, y: ArrayLike<number>): Float32Array {
  const pts: number[] = [];
  for (let i = 0; i + 1 < x.length; i++) {
    const dx = x[i + 1] - x[i];
    const dy = y[i + 1] - y[i];
    const n = Math.max(1, Math.ceil(Math.hypot(dx, dy) / DRAPE_STEP_M));
    for (let k = 0; k < n; k++) {
      const ax = x[i] + (dx * k) / n;
      const ay = y[i] + (dy * k) / n;
      const bx = x[i] + (dx * (k + 1)) / n;
      const by = y[i] + (dy * (k + 1)) / n;
      pts.push(ax - frame.originX, ay - frame.originY, groundZ(frame, ax, ay) + LIFT_M, bx - frame.originX, by - frame.originY, groundZ(frame, bx, by) + LIFT_M);
    }
  }
  return new Float32Array(pts);
}

export class BreachPathsLayer {
  readonly group = new THREE.Group();
  private readonly lines = new Map<LayoutName, LineSegments2>();

  constructor(frame: SceneFrame, paths: Partial<Record<LayoutName, { x: ArrayLike<number>; y: ArrayLike<number> } | null>>) {
    this.group.name = 'breach-paths';
    for (const name of ['uniform', 'placed'] as const) {
      const p = paths[name];
      if (!p || p.x.length < 2) continue;
      const geometry = new LineSegmentsGeometry();
      geometry.setPositions(drapedSegments(frame, p.x, p.y));
      const material = new LineMaterial({ color: new THREE.Color(BREACH_PATH_HEX[name]).getHex(), linewidth: ACTIVE_PX, transparent: true, depthTest: false });
      const line = new LineSegments2(geometry, material);
      line.name = `breach-path-${name}`;
      line.frustumCulled = false;
      this.lines.set(name, line);
      this.group.add(line);
    }
  }

  /** Draws `active` bold and on top, the other thin and faded. */
  setActive(active: LayoutName): void {
    for (const [name, line] of this.lines) {
      const on = name === active;
      line.material.linewidth = on ? ACTIVE_PX : INACTIVE_PX;
      line.material.opacity = on ? 1 : 0.55;
      line.renderOrder = on ? 12 : 11;
    }
  }

  /** The drawing buffer's size in pixels (fat lines are sized in screen pixels). */
  setResolution(widthPx: number, heightPx: number): void {
    for (const line of this.lines.values()) line.material.resolution.set(widthPx, heightPx);
  }

  dispose(): void {
    for (const line of this.lines.values()) {
      line.geometry.dispose();
      line.material.dispose();
    }
    this.lines.clear();
    this.group.clear();
  }
}
