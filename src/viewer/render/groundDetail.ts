/**
 * The ground's shader additions, on a Lambert material:
 * - grain: a tiling noise texture modulating the colour at two scales (tens and hundreds of metres),
 *   so close-ups read as sand and gravel; mipmapping averages it to neutral from afar;
 * - overlay: a per-vertex RGBA colour (the coverage bands) mixed into the diffuse colour in the same
 *   pass — no second full-screen layer of transparent triangles — with a uniform opacity for the
 *   layer toggle and for dimming.
 */
import * as THREE from 'three';

/** Seeded value noise, smoothed, in [0, 255] per texel (RGBA): pure, so the texture is the same on every load. */
export function grainNoise(size: number, seed = 7): Uint8Array {
  let s = seed >>> 0;
  const rand = () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    s ^= s >>> 13;
    return (s >>> 0) / 4294967296;
  };
  const base = new Float32Array(size * size).map(() => rand());
  const out = new Uint8Array(size * size * 4);
  // Two octaves: fine grain plus blotches 8 texels wide, wrapped so the texture tiles.
  const cell = 8;
  const n = size / cell;
  const coarse = new Float32Array(n * n).map(() => rand());
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const u = i / cell;
      const v = j / cell;
      const i0 = Math.floor(u) % n;
      const j0 = Math.floor(v) % n;
      const i1 = (i0 + 1) % n;
      const j1 = (j0 + 1) % n;
      const fu = u - Math.floor(u);
      const fv = v - Math.floor(v);
      const su = fu * fu * (3 - 2 * fu);
      const sv = fv * fv * (3 - 2 * fv);
      const c = (coarse[j0 * n + i0] * (1 - su) + coarse[j0 * n + i1] * su) * (1 - sv) + (coarse[j1 * n + i0] * (1 - su) + coarse[j1 * n + i1] * su) * sv;
      const b = Math.round(255 * (0.6 * c + 0.4 * base[j * size + i]));
      const k = 4 * (j * size + i);
      out[k] = out[k + 1] = out[k + 2] = b;
      out[k + 3] = 255;
    }
  }
  return out;
}

export function grainTexture(size = 256): THREE.DataTexture {
  const t = new THREE.DataTexture(grainNoise(size), size, size, THREE.RGBAFormat);
  t.wrapS = t.wrapT = THREE.RepeatWrapping;
  t.magFilter = THREE.LinearFilter;
  t.minFilter = THREE.LinearMipmapLinearFilter;
  t.generateMipmaps = true;
  t.needsUpdate = true;
  return t;
}

export interface GroundUniforms {
  uGrain: { value: THREE.Texture | null };
  /** 0 hides the overlay, 1 shows it at its vertex alpha. */
  uOverlayOpacity: { value: number };
}

/**
 * Adds grain (when `grain` is given) and the optional `overlay` vertex attribute (vec4) to a Lambert
 * material whose geometry has positions in metres (scene frame).
 */
export function groundMaterial(params: THREE.MeshLambertMaterialParameters, grain: THREE.Texture | null, withOverlay: boolean): { material: THREE.MeshLambertMaterial; uniforms: GroundUniforms } {
  const m = new THREE.MeshLambertMaterial(params);
  const uniforms: GroundUniforms = { uGrain: { value: grain }, uOverlayOpacity: { value: 0 } };
  m.onBeforeCompile = (shader) => {
    Object.assign(shader.uniforms, uniforms);
    const vDecl = ['varying vec2 vGroundXY;', withOverlay ? 'attribute vec4 overlay;\nvarying vec4 vOverlay;' : ''].join('\n');
    const vBody = ['vGroundXY = position.xy;', withOverlay ? 'vOverlay = overlay;' : ''].join('\n');
    shader.vertexShader = shader.vertexShader.replace('#include <common>', `#include <common>\n${vDecl}`).replace('#include <begin_vertex>', `#include <begin_vertex>\n${vBody}`);
    const fDecl = ['varying vec2 vGroundXY;', grain ? 'uniform sampler2D uGrain;' : '', withOverlay ? 'varying vec4 vOverlay;\nuniform float uOverlayOpacity;' : ''].join('\n');
    const fBody = [
      grain
        ? `float g1 = texture2D( uGrain, vGroundXY / 640.0 ).r;
           float g2 = texture2D( uGrain, vGroundXY / 4100.0 + 0.37 ).r;
           // Grain is a close-range cue: it fades out with distance, so overviews stay clean.
           float grainFade = 1.0 - smoothstep( 2500.0, 12000.0, length( vViewPosition ) );
           diffuseColor.rgb *= 1.0 + grainFade * ( 0.42 * ( g1 - 0.5 ) + 0.3 * ( g2 - 0.5 ) - 0.03 );`
        : '',
      withOverlay ? 'diffuseColor.rgb = mix( diffuseColor.rgb, vOverlay.rgb, vOverlay.a * uOverlayOpacity );' : '',
    ].join('\n');
    shader.fragmentShader = shader.fragmentShader.replace('#include <common>', `#include <common>\n${fDecl}`).replace('#include <color_fragment>', `#include <color_fragment>\n${fBody}`);
  };
  m.customProgramCacheKey = () => `watchline-ground-${grain ? 'g' : ''}${withOverlay ? 'o' : ''}`;
  return { material: m, uniforms };
}
