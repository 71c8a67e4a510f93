/**
 * Everything drawn for one scenario, built from its WorldView: ground, structures, towers, intruders,
 * effects and labels, plus the symbol scales that keep markers visible when zoomed out. The app swaps
 * the whole WorldScene when the scenario changes.
 */
import * as THREE from 'three';
import type { Border } from '../../core/border.ts';
import { createBorder, newStation, stationAt } from '../../core/border.ts';
import type { DetectionEvent } from '../../core/attemptRow.ts';
import { createHeightfield } from '../../core/terrain/heightfield.ts';
import type { CoverageRaster, FinishedView, FrameViews, WorldView } from '../protocol.ts';
import { BeamsLayer } from './beamsLayer.ts';
import { CampaignLayer } from './campaignLayer.ts';
import { EffectsLayer } from './effectsLayer.ts';
import { GroundLod, TiledHeights } from './groundLod.ts';
import { IntrudersLayer } from './intrudersLayer.ts';
import { LabelSprites } from './labelSprites.ts';
import { APPROACH_LINE_HEX, GAP_HEX, THROUGH_LINE_HEX } from './palette.ts';
import type { SceneFrame } from './sceneFrame.ts';
import { createSceneFrame, groundZ } from './sceneFrame.ts';
import { StructuresLayer } from './structuresLayer.ts';
import type { SymbolScale } from './symbolMaterial.ts';
import { symbolScaleFor } from './symbolMaterial.ts';
import type { TerrainQuality } from './terrainLayer.ts';
import { TerrainLayer } from './terrainLayer.ts';
import { TowersLayer } from './towersLayer.ts';

export interface LayerToggles {
  coverage: boolean;
  footprints: boolean;
  trails: boolean;
  deadZone: boolean;
  crossings: boolean;
  labels: boolean;
  /** Live camera beams (drawn only at speeds where a pan can be followed). */
  beams: boolean;
}

export const DEFAULT_TOGGLES: LayerToggles = { coverage: true, footprints: true, trails: true, deadZone: true, crossings: true, labels: true, beams: true };

/** Above this many simulated seconds per second a 30 s pan strobes: beams are hidden. */
export const BEAMS_MAX_SPEED = 30;
/** Beams are drawn only when the camera is this close to what it looks at, metres. */
export const BEAMS_MAX_VIEW_M = 6000;

export class WorldScene {
  readonly root = new THREE.Group();
  readonly frame: SceneFrame;
  readonly border: Border;
  readonly terrain: TerrainLayer;
  readonly structures: StructuresLayer;
  readonly towers: TowersLayer;
  readonly intruders: IntrudersLayer;
  readonly effects: EffectsLayer;
  readonly beams: BeamsLayer;
  /** Teams, alarm markers and fates of a campaign; null without one. */
  readonly campaign: CampaignLayer | null;
  readonly labels = new LabelSprites();
  /** Level-of-detail ground of a tiled world; null for a single-grid world. */
  readonly groundLod: GroundLod | null;
  readonly towerScale: SymbolScale = { value: 1 };
  readonly markerScale: SymbolScale = { value: 1 };

  constructor(
    readonly view: WorldView,
    exaggeration: number,
    quality: TerrainQuality = { maxVertices: 250_000, grain: true },
  ) {
    const h = view.heightfield;
    this.border = createBorder(view.borderXY);
    // A tiled world (long bent border): `heightfield` is a coarse overview; objects stand on the
    // strip's tiles, which groundLod.ts draws with level of detail near the camera.
    const tiled = view.groundTiles ? new TiledHeights(view.groundTiles) : null;
    this.frame = createSceneFrame(createHeightfield(h.originX, h.originY, h.cellM, h.nx, h.ny, h.heights), exaggeration, tiled ? (x, y) => tiled.heightAt(x, y) : undefined);
    this.groundLod = view.groundTiles ? new GroundLod(this.frame, view.groundTiles, this.border, { approachM: view.approachM, depthM: view.depthM }) : null;
    const barrier = { border: this.border, heightM: view.barrierHeightM, widthM: view.barrierWidthM, gapsM: view.gapsM };
    this.terrain = new TerrainLayer(this.frame, this.border, { approachM: view.approachM, depthM: view.depthM }, quality);
    this.groundLod?.useMaterial(this.terrain.mesh.material as THREE.Material);
    this.structures = new StructuresLayer(this.frame, barrier, { border: this.border, barrierHeightM: view.barrierHeightM, gapsM: view.gapsM, approachM: view.approachM, depthM: view.depthM });
    this.towers = new TowersLayer(this.frame, view, this.towerScale);
    this.intruders = new IntrudersLayer(this.frame, view, this.markerScale);
    this.effects = new EffectsLayer(this.frame, view, this.towerScale, this.markerScale);
    this.beams = new BeamsLayer(this.frame, view);
    this.beams.update(view.firstStartS);
    this.campaign = view.campaign ? new CampaignLayer(this.frame, view, view.campaign, this.towerScale, this.markerScale) : null;
    this.addLabels();
    this.root.add(this.terrain.group, this.structures.group, this.towers.group, this.intruders.group, this.effects.group, this.beams.group, this.labels.group);
    if (this.campaign) this.root.add(this.campaign.group);
    if (this.groundLod) this.root.add(this.groundLod.group);
  }

  private addLabels(): void {
    const v = this.view;
    const st = newStation();
    const L = this.border.lengthM;
    const f = this.frame;
    const at = (s: number, d: number, lift: number) => {
      stationAt(this.border, s, st);
      const x = st.x + st.nx * d;
      const y = st.y + st.ny * d;
      return [x - f.originX, y - f.originY, groundZ(f, x, y) + lift] as const;
    };
    const dark = 'rgba(10,14,20,0.72)';
    const sMid = L * 0.5;
    this.labels.add(`FAR SIDE · attempts start ${(v.approachM / 1000).toFixed(1)} km out`, ...at(sMid, -v.approachM, 5), { color: APPROACH_LINE_HEX, background: dark, bold: true });
    this.labels.add(`HOME SIDE · through at ${(v.depthM / 1000).toFixed(1)} km`, ...at(sMid, v.depthM, 5), { color: THROUGH_LINE_HEX, background: dark, bold: true });
    for (let i = 0; i < v.gapsM.length; i += 2) {
      const a = v.gapsM[i] / 1000;
      const b = v.gapsM[i + 1] / 1000;
      this.labels.add(`gap ${a.toFixed(1)}–${b.toFixed(1)} km`, ...at((v.gapsM[i] + v.gapsM[i + 1]) / 2, 0, 8), { color: GAP_HEX, background: dark, sizePx: 12 });
    }
    const tickKm = L > 200_000 ? 50 : 10;
    for (let km = 0; km * 1000 <= L + 1e-6; km += tickKm) this.labels.add(`${km} km`, ...at(km * 1000, 160, 3), { color: '#f4efe6', sizePx: 11, background: 'rgba(10,14,20,0.45)' });
    // Wadis are named only where they are few; along a long frontier the relief shows them anyway.
    if (v.wadiKm.length <= 12) for (const km of v.wadiKm) this.labels.add('wadi', ...at(km * 1000, -600, 3), { color: '#e8d9b5', sizePx: 11, background: 'rgba(60,40,20,0.55)' });
  }

  /** Beams show when asked for and when the pan can be followed at this speed. */
  setBeamsShown(t: LayerToggles, speed: number, paused: boolean): void {
    this.beamsWanted = t.beams && (paused || speed <= BEAMS_MAX_SPEED);
  }

  private beamsWanted = false;
  private lastTS = 0;

  setToggles(t: LayerToggles): void {
    this.terrain.setCoverageVisible(t.coverage);
    this.towers.setFootprintsVisible(t.footprints);
    this.intruders.setTrailsVisible(t.trails);
    this.structures.setDeadZoneVisible(t.deadZone);
    this.effects.setCrossingsVisible(t.crossings);
    this.labels.group.visible = t.labels;
  }

  setCoverage(raster: CoverageRaster): void {
    this.terrain.setCoverage(raster);
    this.groundLod?.setCoverage(raster);
    this.structures.setDeadZone(this.border, raster);
  }

  applyFrame(tS: number, count: number, f: FrameViews): void {
    this.intruders.update(tS, count, f);
    this.lastTS = tS;
    if (this.beamsWanted) this.beams.update(tS);
  }

  applyEvent(e: DetectionEvent, nowMs: number): void {
    this.effects.flash(e, nowMs);
  }

  applyFinished(f: FinishedView): void {
    this.effects.addFinished(f);
  }

  /** Per frame: symbol growth for the current view distance, flash fades. Allocation-free. Returns whether anything changed. */
  tick(nowMs: number, camera: THREE.PerspectiveCamera, viewDistM: number, heightPx: number): boolean {
    const t0 = this.towerScale.value;
    const m0 = this.markerScale.value;
    const b0 = this.beams.group.visible;
    this.towerScale.value = Math.min(60, symbolScaleFor(viewDistM, camera.fov, heightPx, 4));
    this.markerScale.value = Math.min(400, symbolScaleFor(viewDistM, camera.fov, heightPx, 1.5));
    const flashing = this.effects.tick(nowMs);
    const alarms = this.campaign?.tick(nowMs) ?? false;
    const ground = this.groundLod?.update(camera, viewDistM, this.terrain.mesh) ?? false;
    // Beams are a close-range picture: from afar they would only hatch the map.
    this.beams.setVisible(this.beamsWanted && viewDistM < BEAMS_MAX_VIEW_M);
    return ground || flashing || alarms || t0 !== this.towerScale.value || m0 !== this.markerScale.value || b0 !== this.beams.group.visible;
  }

  resize(heightPx: number, fovDeg: number): void {
    this.labels.resize(heightPx, fovDeg);
  }

  /** Scene-frame point on the ground at world (x, y). */
  groundPoint(x: number, y: number, out: THREE.Vector3): THREE.Vector3 {
    return out.set(x - this.frame.originX, y - this.frame.originY, groundZ(this.frame, x, y));
  }

  /** Scene-frame point on the line at chainage sM. */
  chainagePoint(sM: number, out: THREE.Vector3): THREE.Vector3 {
    const st = stationAt(this.border, sM, newStation());
    return this.groundPoint(st.x, st.y, out);
  }

  /** Length of the border in scene units (metres). */
  get lengthM(): number {
    return this.border.lengthM;
  }

  dispose(): void {
    this.groundLod?.dispose();
    this.terrain.dispose();
    this.structures.dispose();
    this.towers.dispose();
    this.intruders.dispose();
    this.effects.dispose();
    this.beams.dispose();
    this.campaign?.dispose();
    this.labels.dispose();
  }
}
