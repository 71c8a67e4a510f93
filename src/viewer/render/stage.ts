/**
 * The stage: renderer, camera, lights, sky and map controls (z up: x east, y north). It owns the
 * render loop; per-frame hooks run before each render and must not allocate.
 */
import * as THREE from 'three';
import { MapControls } from 'three/addons/controls/MapControls.js';
import { SKY_HORIZON_HEX, SKY_ZENITH_HEX } from './palette.ts';

/** A vertical gradient for the background: deep blue at the top of the screen to haze at the bottom. */
function skyTexture(): THREE.Texture {
  const c = document.createElement('canvas');
  c.width = 2;
  c.height = 256;
  const g = c.getContext('2d')!;
  const grad = g.createLinearGradient(0, 0, 0, 256);
  grad.addColorStop(0, SKY_ZENITH_HEX);
  grad.addColorStop(0.75, SKY_HORIZON_HEX);
  grad.addColorStop(1, SKY_HORIZON_HEX);
  g.fillStyle = grad;
  g.fillRect(0, 0, 2, 256);
  const t = new THREE.CanvasTexture(c);
  t.colorSpace = THREE.SRGBColorSpace;
  return t;
}

/** Runs before each frame; returns true when it changed something that must be drawn. */
export type FrameHook = (nowMs: number, dtMs: number) => boolean;

export interface StageOptions {
  antialias?: boolean;
  maxPixelRatio?: number;
}

export class Stage {
  readonly renderer: THREE.WebGLRenderer;
  readonly scene = new THREE.Scene();
  readonly camera: THREE.PerspectiveCamera;
  readonly controls: MapControls;
  readonly sun: THREE.DirectionalLight;
  readonly hemi: THREE.HemisphereLight;
  private readonly hooks: FrameHook[] = [];
  private lastMs = 0;
  /** Something changed since the last render (render on demand: an idle map costs no CPU). */
  private dirty = true;
  /** Wall time of the last frame's render work (hooks + render), milliseconds. */
  lastFrameWorkMs = 0;
  frames = 0;

  constructor(readonly canvas: HTMLCanvasElement, opts: StageOptions = {}) {
    this.renderer = new THREE.WebGLRenderer({ canvas, antialias: opts.antialias ?? true, powerPreference: 'high-performance', preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, opts.maxPixelRatio ?? 2));
    this.renderer.outputColorSpace = THREE.SRGBColorSpace;
    // No tone mapping: the palette's colours (bands, threat kinds) must show as the legend shows them.
    this.renderer.toneMapping = THREE.NoToneMapping;
    // Render calls are counted per frame by us (info.autoReset off), so the HUD and the benchmark see a whole frame.
    this.renderer.info.autoReset = false;

    this.camera = new THREE.PerspectiveCamera(42, 1, 1, 100_000);
    this.camera.up.set(0, 0, 1);
    this.camera.position.set(0, -8000, 6000);

    this.scene.background = skyTexture();
    this.scene.fog = new THREE.Fog(SKY_HORIZON_HEX, 20_000, 120_000);

    this.hemi = new THREE.HemisphereLight('#cfdcec', '#7a6448', 0.95);
    this.hemi.position.set(0, 0, 1);
    this.scene.add(this.hemi);
    this.sun = new THREE.DirectionalLight('#fff0d8', 2.6);
    // Low sun from the west-south-west: slopes facing it light up, wadi banks facing away fall into
    // shade, so relief reads at a glance.
    this.sun.position.set(-0.75, -0.35, 0.42).normalize();
    this.scene.add(this.sun);
    this.scene.add(this.sun.target);

    this.controls = new MapControls(this.camera, canvas);
    this.controls.addEventListener('change', () => this.invalidate());
    this.controls.enableDamping = true;
    this.controls.dampingFactor = 0.12;
    this.controls.screenSpacePanning = false;
    this.controls.maxPolarAngle = Math.PI * 0.47;
    this.controls.minDistance = 15;
    this.controls.zoomToCursor = true;

    this.resize();
    window.addEventListener('resize', () => this.resize());
  }

  resize(): void {
    const w = this.canvas.clientWidth || window.innerWidth;
    const h = this.canvas.clientHeight || window.innerHeight;
    this.renderer.setSize(w, h, false);
    this.camera.aspect = w / Math.max(1, h);
    this.camera.updateProjectionMatrix();
    this.invalidate();
  }

  /** Asks for a render at the next animation frame. */
  invalidate(): void {
    this.dirty = true;
  }

  onFrame(hook: FrameHook): void {
    this.hooks.push(hook);
  }

  /** Sets the depth range (and fog) to the distance being looked at: close work keeps precision, overviews keep the horizon. */
  private fitClipPlanes(): void {
    const d = this.camera.position.distanceTo(this.controls.target);
    const fog = this.scene.fog as THREE.Fog;
    fog.near = d * 1.6;
    fog.far = d * 7;
    const near = Math.min(200, Math.max(0.5, d * 0.004));
    const far = Math.max(5000, d * 12);
    if (Math.abs(near - this.camera.near) > near * 0.05 || Math.abs(far - this.camera.far) > far * 0.05) {
      this.camera.near = near;
      this.camera.far = far;
      this.camera.updateProjectionMatrix();
    }
  }

  private readonly loop = (nowMs: number) => {
    const t0 = performance.now();
    const dt = this.lastMs ? nowMs - this.lastMs : 16;
    this.lastMs = nowMs;
    for (let i = 0; i < this.hooks.length; i++) if (this.hooks[i](nowMs, dt)) this.dirty = true;
    // Damped controls keep moving after the pointer lets go: update() says whether they did.
    if (this.controls.update()) this.dirty = true;
    if (!this.dirty) return;
    this.dirty = false;
    this.fitClipPlanes();
    this.renderer.info.reset();
    this.renderer.render(this.scene, this.camera);
    this.frames++;
    this.lastFrameWorkMs = performance.now() - t0;
  };

  start(): void {
    this.renderer.setAnimationLoop(this.loop);
  }

  /** Distance from the camera to the point it orbits, metres. */
  viewDistance(): number {
    return this.camera.position.distanceTo(this.controls.target);
  }
}
