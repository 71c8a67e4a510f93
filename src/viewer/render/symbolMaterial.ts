/**
 * Map symbols: instanced meshes drawn at true size close up and grown with distance so a tower or an
 * intruder never shrinks below a few pixels. The growth is one shared uniform applied in the vertex
 * shader, so zooming rewrites no instance matrix.
 */
import * as THREE from 'three';

export interface SymbolScale {
  value: number;
}

/** Pixels a symbol of nominal size `nominalM` should at least cover. */
const MIN_PIXELS = 9;

/**
 * The scale for symbols of nominal size nominalM seen at distance distM through a vertical FOV of
 * fovDeg on a viewport heightPx tall: 1 when they are big enough already.
 */
export function symbolScaleFor(distM: number, fovDeg: number, heightPx: number, nominalM: number): number {
  const metresPerPixel = (2 * distM * Math.tan((fovDeg * Math.PI) / 360)) / Math.max(1, heightPx);
  return Math.max(1, (MIN_PIXELS * metresPerPixel) / nominalM);
}

/** A Lambert material whose geometry is scaled by `scale.value` about each instance's origin. */
export function symbolMaterial(scale: SymbolScale, params: THREE.MeshLambertMaterialParameters): THREE.MeshLambertMaterial {
  const m = new THREE.MeshLambertMaterial(params);
  m.onBeforeCompile = (shader) => {
    shader.uniforms.uSymbolScale = scale;
    shader.vertexShader = shader.vertexShader
      .replace('#include <common>', '#include <common>\nuniform float uSymbolScale;')
      .replace('#include <begin_vertex>', 'vec3 transformed = vec3( position ) * uSymbolScale;');
  };
  m.customProgramCacheKey = () => 'watchline-symbol';
  return m;
}
