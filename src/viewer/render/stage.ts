/**
 * The stage: renderer, camera, lights, sky and map controls (z up: x east, y north). It owns the
 * render loop; per-frame hooks run before each render and must not allocate.
 */
import * as THREE from 'three';
import { MapControls } from 'three/addons/controls/MapControls.js';

export type FrameHook = (nowMs: number, dtMs: number) => void;

export interface StageOptions {
  antialias?: boolean;
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
  /** Wall time of the last frame's render work (hooks + render), milliseconds. */
  lastFrameWorkMs = 0;
  frames = 0;

  constructor(readonly canvas: HTMLCanvasElement, opts: StageOptions = {}) {
    this.renderer = new THREE.WebGLRenderer({ canvas, antialias: opts.antialias ?? true, powerPreference: 'high-performance', preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
    this.renderer.outputColorSpace = THREE.SRGBColorSpace;
    this.renderer.toneMapping = THREE.ACESFilmicToneMapping;
    this.renderer.toneMappingExposure = 1.05;
    // Render calls are counted per frame by us (info.autoReset off), so the HUD and the benchmark see a whole frame.
    this.renderer.info.autoReset = false;

    this.camera = new THREE.PerspectiveCamera(42, 1, 1, 100_000);
    this.camera.up.set(0, 0, 1);
    this.camera.position.set(0, -8000, 6000);

    this.scene.background = new THREE.Color('#9fb7cc');
    this.scene.fog = new THREE.Fog('#9fb7cc', 20_000, 120_000);

    this.hemi = new THREE.HemisphereLight('#dfe9f5', '#6b5a44', 1.1);
    this.hemi.position.set(0, 0, 1);
    this.scene.add(this.hemi);
    this.sun = new THREE.DirectionalLight('#fff1dc', 2.2);
    // Low sun from the south-west: slopes facing it light up, wadi banks facing away fall into shade.
    this.sun.position.set(-0.55, -0.6, 0.45).normalize();
    this.scene.add(this.sun);
    this.scene.add(this.sun.target);

    this.controls = new MapControls(this.camera, canvas);
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
  }

  onFrame(hook: FrameHook): void {
    this.hooks.push(hook);
  }

  /** Sets the depth range to the distance being looked at: close work keeps precision, overviews keep the horizon. */
  private fitClipPlanes(): void {
    const d = this.camera.position.distanceTo(this.controls.target);
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
    this.controls.update();
    this.fitClipPlanes();
    for (let i = 0; i < this.hooks.length; i++) this.hooks[i](nowMs, dt);
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
