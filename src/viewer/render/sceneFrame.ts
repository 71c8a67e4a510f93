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
  /**
   * The ground objects stand on, world metres, when it is finer than `hf`: for a tiled world `hf` is
   * a coarse overview and this reads the strip's tiles (render/groundLod.ts). Default: `hf`.
   */
  readonly groundAt?: (x: number, y: number) => number;
}

export function createSceneFrame(hf: Heightfield, exaggeration = 1, groundAt?: (x: number, y: number) => number): SceneFrame {
  return {
    originX: hf.originX + ((hf.nx - 1) * hf.cellM) / 2,
    originY: hf.originY + ((hf.ny - 1) * hf.cellM) / 2,
    exaggeration,
    hf,
    ...(groundAt && { groundAt }),
  };
}

function groundHeight(f: SceneFrame, x: number, y: number): number {
  return f.groundAt ? f.groundAt(x, y) : heightAt(f.hf, x, y);
}

/** Scene z of the ground at world (x, y). */
export function groundZ(f: SceneFrame, x: number, y: number): number {
  return f.exaggeration * groundHeight(f, x, y);
}

/** Scene z of a world point `zWorld` metres high at (x, y): its height above ground is kept. */
export function sceneZ(f: SceneFrame, x: number, y: number, zWorld: number): number {
  return zWorld + (f.exaggeration - 1) * groundHeight(f, x, y);
}

/** Extent of the terrain, metres. */
export function terrainExtent(hf: Heightfield): { widthM: number; heightM: number } {
  return { widthM: (hf.nx - 1) * hf.cellM, heightM: (hf.ny - 1) * hf.cellM };
}
