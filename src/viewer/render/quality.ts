/**
 * Render quality: full quality on a GPU; on a software rasteriser (SwiftShader, llvmpipe — headless
 * browsers, VMs without a GPU) every pixel and vertex costs CPU time, so multisampling and the grain
 * texture go and the terrain keeps a quarter of its vertex budget. `?quality=high|low` overrides the
 * guess (the screenshots use high).
 */
export interface RenderQuality {
  name: 'high' | 'low';
  antialias: boolean;
  maxPixelRatio: number;
  terrainMaxVertices: number;
  grain: boolean;
}

export const HIGH_QUALITY: RenderQuality = { name: 'high', antialias: true, maxPixelRatio: 2, terrainMaxVertices: 250_000, grain: true };
export const LOW_QUALITY: RenderQuality = { name: 'low', antialias: false, maxPixelRatio: 1, terrainMaxVertices: 60_000, grain: false };

/** The WebGL renderer's name, from a throwaway context ('' when WebGL is unavailable). */
export function rendererName(): string {
  const c = document.createElement('canvas');
  const gl = (c.getContext('webgl2') ?? c.getContext('webgl')) as WebGLRenderingContext | null;
  if (!gl) return '';
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return name;
}

export function isSoftwareRenderer(name: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(name);
}

export function chooseQuality(param: string | null, name: string): RenderQuality {
  if (param === 'high') return HIGH_QUALITY;
  if (param === 'low') return LOW_QUALITY;
  return isSoftwareRenderer(name) ? LOW_QUALITY : HIGH_QUALITY;
}
