/**
 * The render frame: world metres (x east, y north, z up) shifted to a local origin at the centre of the
 * terrain, so 32-bit GPU floats keep centimetre precision on a 600 km border, and the ground's relief
 * optionally exaggerated for legibility. Objects keep their true height above the (exaggerated) ground.
 */
import type { Heightfield } from '../../core/terrain/heightfield.ts';
import { heightAt } from '../../core/terrain/heightfield.ts';

export interface SceneFrame {
  readonly originX: number;
  readonly originY: number;
  /** Vertical exaggeration of the ground (1 = true relief). */
  readonly exaggeration: number;
  readonly hf: Heightfield;
}

export function createSceneFrame(hf: Heightfield, exaggeration = 1): SceneFrame {
  return {
    originX: hf.originX + ((hf.nx - 1) * hf.cellM) / 2,
    originY: hf.originY + ((hf.ny - 1) * hf.cellM) / 2,
    exaggeration,
    hf,
  };
}

/** Scene z of the ground at world (x, y). */
export function groundZ(f: SceneFrame, x: number, y: number): number {
  return f.exaggeration * heightAt(f.hf, x, y);
}

/** Scene z of a world point `zWorld` metres high at (x, y): its height above ground is kept. */
export function sceneZ(f: SceneFrame, x: number, y: number, zWorld: number): number {
  return zWorld + (f.exaggeration - 1) * heightAt(f.hf, x, y);
}

/** Extent of the terrain, metres. */
export function terrainExtent(hf: Heightfield): { widthM: number; heightM: number } {
  return { widthM: (hf.nx - 1) * hf.cellM, heightM: (hf.ny - 1) * hf.cellM };
}
