/**
 * The viewer application: wires the URL, the scenario sources, the simulation worker's stream, the
 * 3D stage and the HUD together. It holds the only mutable "what is running" state.
 *
 * Stream wiring: SimClient.batches$ (one message per worker tick) → perFrame() (gathered once per
 * animation frame) → applyBatches(): events, finished attempts and statistics are all applied, the
 * newest intruder frame is drawn, and every frame buffer goes straight back to the worker for reuse.
 */
import type { Subscription } from 'rxjs';
import { Vector3 } from 'three';
import type { SegmentRow } from '../core/figures/detection.ts';
import type { RunFigures } from '../core/figures/registry.ts';
import type { DetectionEvent } from '../core/attemptRow.ts';
import { Controls } from './controls.ts';
import { perFrame } from './frameSync.ts';
import { Navigator } from './navigation.ts';
import { CampaignPanel } from './hud/campaignPanel.ts';
import { EventLog } from './hud/eventLog.ts';
import { legend } from './hud/legend.ts';
import { Notices } from './hud/notices.ts';
import { SegmentChart } from './hud/segmentChart.ts';
import { StatsPanel } from './hud/statsPanel.ts';
import { TowerPanel } from './hud/towerPanel.ts';
import type { BatchMessage, CoverageRaster } from './protocol.ts';
import { frameViews } from './protocol.ts';
import type { RenderQuality } from './render/quality.ts';
import { chooseQuality, rendererName } from './render/quality.ts';
import { Stage } from './render/stage.ts';
import type { LayerToggles } from './render/worldScene.ts';
import { DEFAULT_TOGGLES, WorldScene } from './render/worldScene.ts';
import type { SimClient } from './simClient.ts';
import { computeCoverageAsync, startSimulation } from './simClient.ts';
import type { LocalFile } from './sources.ts';
import { resolveRequest } from './sources.ts';
import type { ViewerParams } from './urlState.ts';
import { formatParams, overrideKey, parseParams, withOverride } from './urlState.ts';
import { detectKind } from '../config/scenario.ts';
import { parseSource } from '../config/source.ts';
import { OptimizePanel } from './hud/optimizePanel.ts';
import type { LayoutName, OptimizeView } from './optimizeDoc.ts';
import { isOptimizeDoc, parseOptimizeDoc, scenarioOfDoc, towersBlock } from './optimizeDoc.ts';
import { BreachPathsLayer } from './render/breachPathsLayer.ts';
import { checkUserText, readUserFile, servedScenarioPath } from './fileGate.ts';

/** Default simulated seconds per second: a day in under a minute and a half. */
export const DEFAULT_SPEED = 1000;
/** The "to the end" command: one tick covers any remaining day. */
const END_SPEED = 1e9;
/** Flashes started per frame at most (a burst at high speed would only blur). */
const MAX_FLASHES_PER_FRAME = 48;

async function fetchText(path: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`/${path.replace(/^\/+/, '')}`, { cache: 'no-store' });
  } catch (e) {
    throw new Error(`${path}: cannot read the file (${(e as Error).message}).`);
  }
  if (!res.ok) throw new Error(`${path}: cannot read the file (${res.status === 404 ? 'no such file' : `HTTP ${res.status}`}).`);
  return res.text();
}

export interface ViewerState {
  gen: number;
  loading: boolean;
  done: boolean;
  tS: number;
  speed: number;
  paused: boolean;
  stats: RunFigures | null;
  frames: number;
  batches: number;
  events: number;
  live: number;
  error: string | null;
  coverage: boolean;
}

export class ViewerApp {
  readonly stage: Stage;
  private readonly nav: Navigator;
  private readonly scratch = new Vector3();
  private readonly statsPanel: StatsPanel;
  private readonly campaignPanel = new CampaignPanel();
  private readonly eventLog: EventLog;
  private readonly segments: SegmentChart;
  private readonly towerPanel: TowerPanel;
  private readonly notices = new Notices();
  private readonly controls: Controls;
  private readonly legendSlot: HTMLElement;
  private readonly fileInput: HTMLInputElement;
  private readonly optimizePanel: OptimizePanel;
  /** The optimize result shown (its layouts replace the config's towers), or null. */
  private optimize: OptimizeView | null = null;
  private breachPaths: BreachPathsLayer | null = null;

  private params: ViewerParams;
  private local: LocalFile | null = null;
  private client: SimClient | null = null;
  private world: WorldScene | null = null;
  private sub: Subscription | null = null;
  private coverage: CoverageRaster | null = null;
  private cancelCoverage: (() => void) | null = null;
  private towerDetections: Int32Array | null = null;
  private toggles: LayerToggles & { exaggeration: number } = { ...DEFAULT_TOGGLES, exaggeration: 2 };
  readonly state: ViewerState = { gen: 0, loading: false, done: false, tS: 0, speed: DEFAULT_SPEED, paused: false, stats: null, frames: 0, batches: 0, events: 0, live: 0, error: null, coverage: false };
  private nextGen = 1;
  readonly quality: RenderQuality;

  constructor(private readonly host: HTMLElement) {
    this.params = parseParams(location.search);
    this.state.speed = this.params.speed ?? DEFAULT_SPEED;
    this.state.paused = this.params.paused;
    const canvas = host.querySelector('canvas')!;
    this.quality = chooseQuality(new URLSearchParams(location.search).get('quality'), rendererName());
    this.stage = new Stage(canvas, { antialias: this.quality.antialias, maxPixelRatio: this.quality.maxPixelRatio });
    this.nav = new Navigator(this.stage);
    this.statsPanel = new StatsPanel({
      togglePause: () => this.setPaused(!this.state.paused),
      step: () => this.step(),
      setSpeed: (x) => this.setSpeed(x),
      toEnd: () => this.toEnd(),
    });
    this.eventLog = new EventLog((e) => this.pickEvent(e));
    this.segments = new SegmentChart((a, b) => this.flyToChainage((a + b) * 500, (b - a) * 1000));
    this.towerPanel = new TowerPanel(
      () => this.selectTower(-1),
      (t) => this.flyToTower(t),
    );
    this.legendSlot = document.createElement('div');
    const hud = host.querySelector<HTMLElement>('#hud')!;
    const left = document.createElement('div');
    left.className = 'left-col';
    this.optimizePanel = new OptimizePanel(
      (l) => void this.setLayout(l),
      () => this.flyToBreachPaths(),
    );
    left.append(this.statsPanel.root, this.legendSlot);
    const right = document.createElement('div');
    right.className = 'right-col';
    const guiSlot = document.createElement('div');
    guiSlot.className = 'gui-slot';
    // The campaign's live lines and an optimize result's panel sit above the detections list, which gives up the room.
    right.append(guiSlot, this.campaignPanel.root, this.optimizePanel.root, this.eventLog.root);
    hud.append(left, right, this.segments.root, this.towerPanel.root, this.notices.root);

    this.fileInput = document.createElement('input');
    this.fileInput.type = 'file';
    this.fileInput.accept = '.yaml,.yml,.json,text/yaml,application/json';
    this.fileInput.style.display = 'none';
    this.fileInput.setAttribute('data-testid', 'file-input');
    this.fileInput.onchange = () => this.onFilePicked();
    hud.append(this.fileInput);

    this.controls = new Controls(guiSlot, this.toggles, {
      pickScene: (p) => this.restartWith({ ...this.params, scene: p, optimize: null, layout: null }, null, null),
      pickConfig: (p) => this.restartWith({ ...this.params, config: p, scene: null, optimize: null, layout: null }, null, null),
      setSeed: (s) => this.restartWith({ ...this.params, seed: s }, this.local),
      setAttempts: (n) => this.restartWith({ ...this.params, sets: withOverride(this.params.sets, 'run.attempts', n) }, this.local),
      override: (k, v) => this.applyOverride(k, v),
      openFile: () => this.fileInput.click(),
      copyLink: () => void navigator.clipboard?.writeText(location.href).catch(() => undefined),
      restart: () => this.restartWith(this.params, this.local),
      toggles: (t) => {
        this.world?.setToggles(t);
        this.world?.setBeamsShown(t, this.state.speed, this.state.paused);
        this.stage.invalidate();
      },
      exaggeration: () => this.rebuildWorldScene(),
      overview: () => this.overview(),
      flyToTower: (i) => this.flyToTower(i),
      flyToGap: (i) => this.flyToGap(i),
    });

    this.stage.onFrame((now) => this.onFrame(now));
    canvas.addEventListener('pointerdown', (e) => this.onPointerDown(e));
    canvas.addEventListener('pointerup', (e) => this.onPointerUp(e));
    window.addEventListener('keydown', (e) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
      if (e.code === 'Space') {
        e.preventDefault();
        this.setPaused(!this.state.paused);
      }
    });
    window.addEventListener('resize', () => {
      this.world?.resize(this.stage.canvas.clientHeight, this.stage.camera.fov);
      this.breachPaths?.setResolution(this.stage.canvas.clientWidth, this.stage.canvas.clientHeight);
    });
  }

  /** Loads the scenario the URL names and starts drawing. */
  async start(): Promise<void> {
    this.stage.start();
    void this.refreshFileList();
    if (this.params.optimize) {
      await this.openServedOptimize(this.params.optimize);
      return;
    }
    await this.restartWith(this.params, null);
  }

  private async refreshFileList(): Promise<void> {
    try {
      const res = await fetch('/api/scenarios', { cache: 'no-store' });
      if (!res.ok) return;
      const list = (await res.json()) as { scenes: string[]; configs: string[] };
      this.controls.setFiles(list.scenes, list.configs);
    } catch {
      // A static host without the listing: the panel keeps the built-in choices and the file picker.
    }
  }

  private applyOverride(key: string, value: string | number): void {
    let sets = this.params.sets;
    if (key === 'cameras.*.preset') {
      const cams = this.client?.view.config.cameras ?? [];
      cams.forEach((c, i) => {
        if (c.sensor === 'thermal') sets = withOverride(sets, `cameras.${i}.preset`, value);
      });
    } else sets = withOverride(sets, key, value);
    void this.restartWith({ ...this.params, sets }, this.local);
  }

  /**
   * Starts a run of `params` (and a local file); the current run keeps going until the new one is
   * ready, and keeps going for good if the new one fails, with the error on screen.
   */
  async restartWith(params: ViewerParams, local: LocalFile | null, optimize: OptimizeView | null = this.optimize): Promise<boolean> {
    const gen = this.nextGen++;
    this.state.loading = true;
    this.notices.setStatus(local ? `Loading ${local.name}…` : 'Building the world…');
    let client: SimClient;
    try {
      const request = await resolveRequest(params, fetchText, { speed: this.state.speed, paused: this.state.paused, local });
      // An optimize result's layout takes the place of the config's towers (the simulation and the overlay).
      if (optimize) request.towers = towersBlock(optimize, params.layout ?? 'placed');
      client = await startSimulation(request, gen);
    } catch (e) {
      if (gen !== this.nextGen - 1) return false;
      this.state.loading = false;
      this.notices.setStatus(null);
      const msg = (e as Error).message;
      this.state.error = msg;
      this.notices.showError(msg, this.client !== null);
      return false;
    }
    if (gen !== this.nextGen - 1) {
      // A newer request overtook this one while it was loading.
      client.dispose();
      return false;
    }
    this.params = optimize ? { ...params, layout: params.layout ?? 'placed' } : { ...params, optimize: null, layout: null };
    this.local = local;
    // A newly opened optimize result shows its whole line; a toggle keeps the camera where it is.
    const newResult = optimize !== null && optimize !== this.optimize;
    this.optimize = optimize;
    this.optimizePanel.show(optimize, this.params.layout ?? 'placed');
    this.state.error = null;
    this.notices.clearError();
    this.notices.setStatus(null);
    this.adopt(client);
    if (newResult) {
      this.flyToBreachPaths();
      this.jumpCamera();
    }
    this.writeUrl();
    return true;
  }

  /** Makes `client` the running simulation: new scene, fresh HUD, subscription to its stream. */
  private adopt(client: SimClient): void {
    this.sub?.unsubscribe();
    this.client?.dispose();
    this.cancelCoverage?.();
    const first = this.world === null;
    this.client = client;
    this.coverage = null;
    this.state.coverage = false;
    this.towerDetections = null;
    const view = client.view;
    Object.assign(this.state, { gen: client.gen, loading: false, done: false, tS: view.firstStartS, stats: null, batches: 0, events: 0, live: 0 });
    this.rebuildWorldScene();
    this.statsPanel.setScenario(view, this.scenarioLabel());
    this.campaignPanel.setCampaign(view.campaign);
    this.statsPanel.setClock(view.firstStartS, false, this.state.paused);
    this.statsPanel.setSpeed(this.state.speed, this.state.paused);
    this.segments.setLayout(view.lengthM / 1000, view.segmentKm);
    this.eventLog.clear();
    this.selectTower(-1);
    this.controls.setCurrent(view, this.local?.kind === 'scene' ? null : this.params.scene, this.local?.kind === 'config' ? null : this.params.config);
    if (first) this.overview(true);
    this.sub = client.batches$.pipe(perFrame()).subscribe((batches) => this.applyBatches(batches));
    this.sub.add(
      client.errors$.subscribe((message) => {
        this.state.error = message;
        this.notices.showError(message, false);
      }),
    );
    const cov = computeCoverageAsync(client.request, client.gen);
    this.cancelCoverage = cov.cancel;
    cov.result.then(
      (raster) => {
        if (this.client !== client) return;
        this.coverage = raster;
        this.world?.setCoverage(raster);
        this.world?.setToggles(this.toggles);
        this.state.coverage = true;
        this.stage.invalidate();
      },
      () => undefined,
    );
  }

  private scenarioLabel(): string {
    const view = this.client!.view;
    const file = this.local ? `${this.local.name} (local file)` : (this.params.config ?? this.params.scene ?? 'built-in default');
    return `${view.name} — ${file}`;
  }

  /** (Re)builds the drawn world from the running view, e.g. after a relief change. */
  private rebuildWorldScene(): void {
    if (!this.client) return;
    if (this.world) {
      this.stage.scene.remove(this.world.root);
      this.world.dispose();
    }
    this.world = new WorldScene(this.client.view, this.toggles.exaggeration, { maxVertices: this.quality.terrainMaxVertices, grain: this.quality.grain });
    this.stage.scene.add(this.world.root);
    this.breachPaths?.dispose();
    this.breachPaths = null;
    if (this.optimize) {
      const doc = this.optimize;
      this.breachPaths = new BreachPathsLayer(this.world.frame, { placed: doc.placed.breachPath, uniform: doc.uniform.breachPath });
      this.breachPaths.setActive(this.params.layout ?? 'placed');
      this.breachPaths.setResolution(this.stage.canvas.clientWidth, this.stage.canvas.clientHeight);
      this.world.root.add(this.breachPaths.group);
    }
    if (this.coverage) this.world.setCoverage(this.coverage);
    this.world.setToggles(this.toggles);
    this.world.setBeamsShown(this.toggles, this.state.speed, this.state.paused);
    this.world.resize(this.stage.canvas.clientHeight, this.stage.camera.fov);
    this.legendSlot.replaceChildren(legend(this.client.view.reference.label, this.toggles.exaggeration, this.client.view.campaign !== undefined));
    const t = this.towerPanel.shown;
    if (t >= 0) this.world.towers.select(t);
    this.stage.invalidate();
  }

  private applyBatches(batches: BatchMessage[]): void {
    const world = this.world;
    const client = this.client;
    if (!world || !client) return;
    const now = performance.now();
    let stats: RunFigures | null = null;
    let chartSegments: SegmentRow[] | null = null;
    let flashes = 0;
    const allEvents: DetectionEvent[] = [];
    for (const b of batches) {
      for (let i = b.events.length - 1; i >= 0 && flashes < MAX_FLASHES_PER_FRAME; i--, flashes++) world.applyEvent(b.events[i], now);
      for (const e of b.events) allEvents.push(e);
      for (const f of b.finished) world.applyFinished(f);
      if (b.stats) stats = b.stats;
      if (b.chartSegments) chartSegments = b.chartSegments;
      if (b.towerDetections) this.towerDetections = b.towerDetections;
      if (b.campaign && world.campaign) {
        world.campaign.addAlarms(b.campaign.newAlarms, now);
        world.campaign.addFates(b.campaign.newFates);
      }
    }
    const tick = batches[batches.length - 1].campaign;
    if (tick) {
      world.campaign?.setTeams(tick.teams);
      this.campaignPanel.update(tick);
    }
    const last = batches[batches.length - 1];
    world.applyFrame(last.tS, last.frame.count, frameViews(last.frame.buffer, last.frame.cap));
    for (const b of batches) client.recycle(b.frame.buffer);
    this.eventLog.add(allEvents);
    const s = this.state;
    s.batches += batches.length;
    s.events += allEvents.length;
    s.tS = last.tS;
    s.live = last.live;
    s.done = last.done;
    if (stats) {
      s.stats = stats;
      this.statsPanel.setStats(stats, last.live, last.liveDetected);
      this.campaignPanel.setFigures(stats);
      if (chartSegments) this.segments.update(chartSegments);
      this.updateTowerPanel();
    }
    this.statsPanel.setClock(last.tS, last.done, s.paused);
    this.stage.invalidate();
  }

  private updateTowerPanel(): void {
    const t = this.towerPanel.shown;
    if (t < 0 || !this.towerDetections) return;
    let total = 0;
    for (let i = 0; i < this.towerDetections.length; i++) total += this.towerDetections[i];
    this.towerPanel.setDetections(this.towerDetections[t] ?? 0, total);
  }

  private onFrame(now: number): boolean {
    let changed = this.nav.flight.tick(now);
    const w = this.world;
    if (w && w.tick(now, this.stage.camera, this.stage.viewDistance(), this.stage.canvas.clientHeight)) changed = true;
    this.state.frames = this.stage.frames;
    return changed;
  }

  // ---- commands -------------------------------------------------------------------------------

  setPaused(paused: boolean): void {
    this.state.paused = paused;
    this.client?.command({ type: paused ? 'pause' : 'resume' });
    this.statsPanel.setSpeed(this.state.speed, paused);
    this.statsPanel.setClock(this.state.tS, this.state.done, paused);
    this.world?.setBeamsShown(this.toggles, this.state.speed, paused);
    this.writeUrl();
  }

  setSpeed(x: number): void {
    this.state.speed = x;
    this.client?.command({ type: 'speed', value: x });
    if (this.state.paused) this.setPaused(false);
    this.statsPanel.setSpeed(x, this.state.paused);
    this.world?.setBeamsShown(this.toggles, x, this.state.paused);
    this.writeUrl();
  }

  step(): void {
    if (!this.state.paused) this.setPaused(true);
    this.client?.command({ type: 'step', seconds: 60 });
  }

  /** Runs every remaining attempt at once (one enormous tick). */
  toEnd(): void {
    this.client?.command({ type: 'speed', value: END_SPEED });
    if (this.state.paused) {
      this.state.paused = false;
      this.client?.command({ type: 'resume' });
    }
    this.state.speed = END_SPEED;
    this.statsPanel.setSpeed(-1, false);
    this.world?.setBeamsShown(this.toggles, END_SPEED, false);
  }

  // ---- files ----------------------------------------------------------------------------------

  private async onFilePicked(): Promise<void> {
    const file = this.fileInput.files?.[0];
    this.fileInput.value = '';
    if (!file) return;
    // fileGate.ts: never more than the size limit is read; the text is checked before it is parsed.
    await this.loadLocalFile(file.name, await readUserFile(file));
  }

  /**
   * Loads a user's file: an optimize result (told by its keys), else a scene or config text (the kind
   * is told from its keys; a config by default).
   */
  async loadLocalFile(name: string, text: string): Promise<boolean> {
    let kind: 'scene' | 'config' = 'config';
    let value: unknown = undefined;
    try {
      value = parseSource(text, name).value;
      kind = detectKind(value) ?? 'config';
    } catch {
      // Unparseable: the worker reports the syntax error with the CLI's message.
    }
    if (isOptimizeDoc(value)) return this.loadOptimizeText(name, text, null);
    const params = kind === 'scene' ? { ...this.params, scene: null, optimize: null, layout: null } : { ...this.params, config: null, scene: this.local?.kind === 'scene' ? null : this.params.scene, optimize: null, layout: null };
    return this.restartWith(params, { name, text, kind }, null);
  }

  /** Opens an optimize.json the server serves (the page's `?optimize=` path). */
  private async openServedOptimize(p: string): Promise<boolean> {
    let path: string;
    let text: string;
    try {
      path = servedScenarioPath(p, 'the page address (?optimize=)');
      text = await fetchText(path);
    } catch (e) {
      this.showLoadError((e as Error).message);
      return false;
    }
    return this.loadOptimizeText(path, text, path);
  }

  /**
   * Shows an optimize result: its scene and config (which must be served files, or the built-in
   * defaults), its seed, and the layout the URL asks for (the placed one by default). A bad document
   * shows its error and leaves the running view as it was.
   */
  async loadOptimizeText(name: string, text: string, servedPath: string | null): Promise<boolean> {
    let doc: OptimizeView;
    let params: ViewerParams;
    try {
      checkUserText(name, text);
      doc = parseOptimizeDoc(text, name);
      const sc = scenarioOfDoc(doc);
      params = {
        ...this.params,
        scene: sc.scene === null ? null : servedScenarioPath(sc.scene, `${name}, field scene`),
        config: sc.config === null ? null : servedScenarioPath(sc.config, `${name}, field config`),
        seed: doc.seed,
        optimize: servedPath,
        layout: servedPath !== null && this.params.optimize === servedPath ? (this.params.layout ?? 'placed') : 'placed',
      };
    } catch (e) {
      this.showLoadError((e as Error).message);
      return false;
    }
    return this.restartWith(params, null, doc);
  }

  /** Draws the placed or the evenly spaced layout of the optimize result shown (re-runs the simulation). */
  async setLayout(layout: LayoutName): Promise<boolean> {
    if (!this.optimize) return false;
    return this.restartWith({ ...this.params, layout }, this.local, this.optimize);
  }

  private showLoadError(msg: string): void {
    this.state.error = msg;
    this.notices.showError(msg, this.client !== null);
  }

  // ---- URL ------------------------------------------------------------------------------------

  private writeUrl(): void {
    const speed = this.state.speed === DEFAULT_SPEED || this.state.speed >= END_SPEED ? null : this.state.speed;
    const p: ViewerParams = { ...this.params, speed, paused: this.state.paused };
    const url = `${location.pathname}${formatParams(p)}`;
    if (url !== `${location.pathname}${location.search}`) history.replaceState(null, '', url);
  }

  // ---- picking and flying ---------------------------------------------------------------------

  private down: { x: number; y: number; t: number } | null = null;

  private onPointerDown(e: PointerEvent): void {
    this.down = { x: e.clientX, y: e.clientY, t: performance.now() };
  }

  private onPointerUp(e: PointerEvent): void {
    const d = this.down;
    this.down = null;
    if (!d || !this.world || Math.hypot(e.clientX - d.x, e.clientY - d.y) > 5 || performance.now() - d.t > 600) return;
    const rect = this.stage.canvas.getBoundingClientRect();
    const t = this.world.towers.pick(this.stage.camera, e.clientX - rect.left, e.clientY - rect.top, rect.width, rect.height);
    this.selectTower(t);
  }

  selectTower(t: number): void {
    if (!this.world || !this.client) return;
    this.world.towers.select(t);
    this.world.terrain.setCoverageDimmed(t >= 0);
    this.towerPanel.show(this.client.view, t);
    this.updateTowerPanel();
    this.stage.invalidate();
  }

  flyToTower(t: number): void {
    const w = this.world;
    if (!w || t < 0 || t >= w.view.towers.count) return;
    this.selectTower(t);
    this.nav.tower(w, t);
  }

  flyToGap(i: number): void {
    const w = this.world;
    if (w && i >= 0 && 2 * i + 1 < w.view.gapsM.length) this.nav.gap(w, i);
  }

  /** From high above, the stretch of line both breach paths of the optimize result cross. */
  flyToBreachPaths(): void {
    const doc = this.optimize;
    const w = this.world;
    if (!doc || !w) return;
    let from = Infinity;
    let to = -Infinity;
    for (const p of [doc.placed.breachPath, doc.uniform.breachPath]) {
      if (p) [from, to] = [Math.min(from, p.kmFrom), Math.max(to, p.kmTo)];
    }
    if (from > to) return;
    // Wide enough to show the strip's depth too, so a path's run along the wall and its exits both show.
    const spanM = Math.max((to - from) * 1000, w.view.approachM + w.view.depthM);
    this.nav.chainage(w, ((from + to) / 2) * 1000, spanM, 62);
  }

  flyToChainage(sM: number, spanM: number): void {
    if (this.world) this.nav.chainage(this.world, sM, spanM);
  }

  private pickEvent(e: DetectionEvent): void {
    const w = this.world;
    if (!w) return;
    w.effects.flash(e, performance.now(), true);
    this.stage.invalidate();
    this.nav.event(w, e);
  }

  overview(instant = false): void {
    if (this.world) this.nav.overview(this.world, instant);
  }

  /** Ends a camera flight at its destination at once (scripts, screenshots). */
  jumpCamera(): void {
    this.nav.jump();
  }

  /** For scripts and tests: where tower t's top is on the page (client pixels), or null when off screen. */
  towerScreenPoint(t: number): { x: number; y: number } | null {
    const w = this.world;
    if (!w || t < 0 || t >= w.view.towers.count) return null;
    this.stage.controls.update();
    this.stage.camera.updateMatrixWorld();
    // Half-way up the mast: the part of the symbol that is there at any zoom.
    const p = w.towers.topOf(t, this.scratch);
    p.z -= 0.5 * w.view.towers.heightM[t] * w.towerScale.value;
    p.project(this.stage.camera);
    if (p.z > 1 || Math.abs(p.x) > 1 || Math.abs(p.y) > 1) return null;
    const r = this.stage.canvas.getBoundingClientRect();
    return { x: r.left + ((p.x + 1) / 2) * r.width, y: r.top + ((1 - p.y) / 2) * r.height };
  }

  /** For tests and benchmarks: what the renderer did in the last frame. */
  renderInfo(): { calls: number; triangles: number; frameWorkMs: number } {
    const r = this.stage.renderer.info.render;
    return { calls: r.calls, triangles: r.triangles, frameWorkMs: this.stage.lastFrameWorkMs };
  }

  /** For tests: the chainages of the towers drawn, km. */
  towerKm(): number[] {
    return this.client ? Array.from(this.client.view.towers.sM, (s) => s / 1000) : [];
  }

  /** For tests: the override keys in force. */
  overrideKeys(): string[] {
    return this.params.sets.map(overrideKey);
  }
}
