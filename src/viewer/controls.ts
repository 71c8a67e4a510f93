/**
 * The control panel (lil-gui): scenario files, run settings, live deployment changes (each restarts
 * the run with a `--set` override, so the URL carries it), layer toggles and fly-to shortcuts.
 */
import GUI from 'lil-gui';
import type { Controller } from 'lil-gui';
import { PRESET_NAMES } from '../core/sensors/presets.ts';
import type { WorldView } from './protocol.ts';
import type { LayerToggles } from './render/worldScene.ts';

export const BUILT_IN = '(built-in default)';
export const FROM_CONFIG = '(the config’s scene)';

export interface ControlHandlers {
  pickScene(path: string | null): void;
  pickConfig(path: string | null): void;
  setSeed(seed: number): void;
  setAttempts(n: number): void;
  /** A live deployment change as a `--set` key and value. */
  override(key: string, value: string | number): void;
  openFile(): void;
  copyLink(): void;
  restart(): void;
  toggles(t: LayerToggles): void;
  exaggeration(x: number): void;
  overview(): void;
  flyToTower(index: number): void;
  flyToGap(index: number): void;
}

export class Controls {
  readonly gui: GUI;
  private readonly files = { scene: FROM_CONFIG, config: BUILT_IN };
  private readonly run = { seed: 1, attempts: 10000 };
  private readonly deploy = { spacingM: 2000, towerHeightM: 15, preset: 'mid-range-640', visibility: 'clear', timeOfDay: 'mixed' };
  private readonly goto = { tower: 1, gap: '' };
  readonly toggles: LayerToggles & { exaggeration: number };
  private sceneCtl: Controller;
  private configCtl: Controller;
  private readonly spacingCtl: Controller;
  private readonly presetCtl: Controller;
  private towerCtl: Controller;
  private gapCtl: Controller;
  private readonly folderGo: GUI;

  constructor(container: HTMLElement, toggles: LayerToggles & { exaggeration: number }, private readonly h: ControlHandlers) {
    this.toggles = toggles;
    this.gui = new GUI({ container, title: 'Scenario & view', width: 290 });
    const fs = this.gui.addFolder('Scenario');
    this.sceneCtl = fs.add(this.files, 'scene', [FROM_CONFIG]).name('scene');
    this.configCtl = fs.add(this.files, 'config', [BUILT_IN]).name('sim-config');
    fs.add(this.run, 'seed', 0, 0xffffffff, 1).name('seed').onFinishChange((v: number) => h.setSeed(Math.round(v)));
    fs.add(this.run, 'attempts', 1, 1_000_000, 1).name('attempts').onFinishChange((v: number) => h.setAttempts(Math.round(v)));
    fs.add({ open: () => h.openFile() }, 'open').name('Open a YAML file…');
    // The same picker: an optimize.json is told from a scene or config by its keys.
    fs.add({ open: () => h.openFile() }, 'open').name('Open an optimize.json…');
    fs.add({ link: () => h.copyLink() }, 'link').name('Copy link to this view');
    fs.add({ restart: () => h.restart() }, 'restart').name('Restart the run');

    const fd = this.gui.addFolder('Deployment (live)');
    this.spacingCtl = fd.add(this.deploy, 'spacingM', 250, 10_000, 50).name('tower spacing m').onFinishChange((v: number) => h.override('towers.spacingM', v));
    fd.add(this.deploy, 'towerHeightM', 3, 80, 1).name('tower height m').onFinishChange((v: number) => h.override('towers.heightM', v));
    this.presetCtl = fd.add(this.deploy, 'preset', [...PRESET_NAMES]).name('camera preset').onFinishChange((v: string) => h.override('cameras.*.preset', v));
    fd.add(this.deploy, 'visibility', ['clear', 'haze', 'dust', 'fog']).name('visibility').onFinishChange((v: string) => h.override('scene.environment.visibility', v));
    fd.add(this.deploy, 'timeOfDay', ['night', 'day', 'dawn', 'dusk', 'mixed']).name('time of day').onFinishChange((v: string) => h.override('scene.environment.timeOfDay', v));

    const fv = this.gui.addFolder('Layers');
    const tog = () => h.toggles(this.toggles);
    fv.add(this.toggles, 'coverage').name('P∞ coverage').onChange(tog);
    fv.add(this.toggles, 'footprints').name('camera footprints').onChange(tog);
    fv.add(this.toggles, 'beams').name('camera beams (≤ ×30)').onChange(tog);
    fv.add(this.toggles, 'deadZone').name('wall dead zone').onChange(tog);
    fv.add(this.toggles, 'trails').name('trails').onChange(tog);
    fv.add(this.toggles, 'crossings').name('undetected crossings').onChange(tog);
    fv.add(this.toggles, 'labels').name('labels').onChange(tog);
    fv.add(this.toggles, 'exaggeration', 1, 10, 0.5).name('relief ×').onFinishChange((v: number) => h.exaggeration(v));

    this.folderGo = this.gui.addFolder('Go to');
    this.folderGo.add({ overview: () => h.overview() }, 'overview').name('Overview');
    this.towerCtl = this.folderGo.add(this.goto, 'tower', 1, 1, 1).name('tower T');
    this.folderGo.add({ fly: () => h.flyToTower(this.goto.tower - 1) }, 'fly').name('Fly to tower');
    this.gapCtl = this.folderGo.add(this.goto, 'gap', ['']).name('gap');
    this.folderGo.add({ fly: () => h.flyToGap(this.gapIndex()) }, 'fly').name('Fly to gap');
    // The folders a planner uses most stay open; the rest fold away to leave the map visible.
    fv.close();
    this.folderGo.close();
    if (window.innerWidth < 1200) this.gui.close();
  }

  private gapNames: string[] = [];
  private gapIndex(): number {
    return this.gapNames.indexOf(this.goto.gap);
  }

  /** Refreshes the file lists from the server's listing. */
  setFiles(scenes: string[], configs: string[]): void {
    this.sceneCtl = this.sceneCtl.options([FROM_CONFIG, ...scenes]).onFinishChange((v: string) => this.h.pickScene(v === FROM_CONFIG ? null : v));
    this.configCtl = this.configCtl.options([BUILT_IN, ...configs]).onFinishChange((v: string) => this.h.pickConfig(v === BUILT_IN ? null : v));
  }

  /** Shows what is running. */
  setCurrent(view: WorldView, scenePath: string | null, configPath: string | null): void {
    this.files.scene = scenePath ?? FROM_CONFIG;
    this.files.config = configPath ?? BUILT_IN;
    this.run.seed = view.seed;
    this.run.attempts = view.attempts;
    const towers = view.config.towers;
    const spaced = 'spacingM' in towers;
    if (spaced) this.deploy.spacingM = towers.spacingM;
    this.spacingCtl.disable(!spaced);
    this.deploy.towerHeightM = towers.heightM;
    const thermal = view.config.cameras.find((c) => c.sensor === 'thermal');
    if (thermal && thermal.sensor === 'thermal' && thermal.preset) this.deploy.preset = thermal.preset;
    this.presetCtl.disable(!thermal);
    this.deploy.visibility = view.scene.environment.visibility;
    this.deploy.timeOfDay = view.scene.environment.timeOfDay;
    this.towerCtl = this.towerCtl.max(Math.max(1, view.towers.count));
    this.goto.tower = Math.min(this.goto.tower, Math.max(1, view.towers.count));
    this.gapNames = [];
    for (let i = 0; i < view.gapsM.length; i += 2) this.gapNames.push(`${(view.gapsM[i] / 1000).toFixed(2)}–${(view.gapsM[i + 1] / 1000).toFixed(2)} km`);
    this.goto.gap = this.gapNames[0] ?? '';
    this.gapCtl = this.gapCtl.options(this.gapNames.length ? this.gapNames : ['(no gaps)']);
    this.gui.controllersRecursive().forEach((c) => c.updateDisplay());
  }
}
