/**
 * A campaign on the map (issue 13): the response teams as vehicles (one InstancedMesh, coloured by
 * what they are doing, turned to where they drive), each alarm as a brief marker at its camera (a
 * ring of instance slots that shrink over ALARM_MS of wall time: a nuisance alarm yellow, an
 * intruder's red), and each attempt's fate where it was decided (stopped: green where the team met
 * it; seen but through: amber where it crossed; unseen crossings are the effects layer's red cones).
 */
import * as THREE from 'three';
import type { CampaignView, WorldView } from '../protocol.ts';
import { FATE_SEEN_HEX, FATE_STOPPED_HEX, NUISANCE_ALARM_HEX, REAL_ALARM_HEX, TEAM_HEX } from './palette.ts';
import type { SceneFrame } from './sceneFrame.ts';
import { groundZ } from './sceneFrame.ts';
import type { SymbolScale } from './symbolMaterial.ts';
import { symbolMaterial } from './symbolMaterial.ts';

/** An alarm marker lives this long, wall-clock milliseconds (simulated time may run a day a minute). */
export const ALARM_MS = 1400;
const ALARM_SLOTS = 256;

const FATE_STOPPED = 0;
const FATE_SEEN = 1;

export class CampaignLayer {
  readonly group = new THREE.Group();
  readonly teams: THREE.InstancedMesh;
  readonly alarms: THREE.InstancedMesh;
  readonly fates: THREE.InstancedMesh;
  private readonly m = new THREE.Matrix4();
  private readonly q = new THREE.Quaternion();
  private readonly p = new THREE.Vector3();
  private readonly s = new THREE.Vector3();
  private readonly z = new THREE.Vector3(0, 0, 1);
  private readonly colour = new THREE.Color();
  private readonly heading: Float64Array;
  private readonly lastXY: Float64Array;
  private readonly alarmBorn = new Float64Array(ALARM_SLOTS).fill(-Infinity);
  private readonly alarmPos = new Float32Array(3 * ALARM_SLOTS);
  /** Height of each marker's tower, metres (the marker rings its top). */
  private readonly alarmTopM = new Float32Array(ALARM_SLOTS);
  private nextAlarm = 0;
  private alarmsUntilMs = -Infinity;

  constructor(
    private readonly frame: SceneFrame,
    private readonly view: WorldView,
    campaign: CampaignView,
    private readonly towerScale: SymbolScale,
    markerScale: SymbolScale,
  ) {
    // A vehicle: body and cab, 6 m long, its front along +x.
    const body = new THREE.BoxGeometry(6, 2.6, 1.6).translate(0, 0, 1.1);
    const cab = new THREE.BoxGeometry(2.2, 2.4, 1.2).translate(1.6, 0, 2.4);
    const vehicle = mergeBoxes(body, cab);
    const n = Math.max(1, campaign.teams);
    this.teams = new THREE.InstancedMesh(vehicle, symbolMaterial(markerScale, { color: '#ffffff', emissive: '#101820' }), n);
    this.teams.count = campaign.teams;
    this.teams.name = 'teams';
    this.teams.frustumCulled = false;
    this.heading = new Float64Array(n).fill(Math.PI / 2);
    this.lastXY = new Float64Array(2 * n);
    for (let k = 0; k < campaign.teams; k++) {
      this.lastXY[2 * k] = campaign.basesXY[2 * k];
      this.lastXY[2 * k + 1] = campaign.basesXY[2 * k + 1];
      this.colour.set(TEAM_HEX[0]);
      this.teams.setColorAt(k, this.colour);
      this.placeTeam(k, campaign.basesXY[2 * k], campaign.basesXY[2 * k + 1]);
    }
    this.teams.instanceMatrix.needsUpdate = true;

    const ring = new THREE.TorusGeometry(2.2, 0.55, 6, 18);
    this.alarms = new THREE.InstancedMesh(ring, symbolMaterial(towerScale, { color: '#ffffff', emissive: '#403000' }), ALARM_SLOTS);
    this.alarms.name = 'alarms';
    this.alarms.frustumCulled = false;
    this.m.makeScale(0, 0, 0);
    for (let i = 0; i < ALARM_SLOTS; i++) {
      this.alarms.setMatrixAt(i, this.m);
      this.alarms.setColorAt(i, this.colour.set(NUISANCE_ALARM_HEX));
    }

    const marker = new THREE.OctahedronGeometry(1.4).translate(0, 0, 2.2);
    this.fates = new THREE.InstancedMesh(marker, symbolMaterial(markerScale, { color: '#ffffff', emissive: '#102010' }), Math.max(1, view.attempts));
    this.fates.count = 0;
    this.fates.name = 'fates';
    this.fates.frustumCulled = false;
    this.group.add(this.fates, this.teams, this.alarms);
  }

  private placeTeam(k: number, x: number, y: number): void {
    const f = this.frame;
    this.q.setFromAxisAngle(this.z, this.heading[k]);
    this.p.set(x - f.originX, y - f.originY, groundZ(f, x, y));
    this.m.compose(this.p, this.q, this.s.set(1, 1, 1));
    this.teams.setMatrixAt(k, this.m);
  }

  /** Teams at their positions (x, y, state per team), turned to the way they last moved. */
  setTeams(xys: Float32Array): void {
    for (let k = 0; k < this.teams.count; k++) {
      const x = xys[3 * k];
      const y = xys[3 * k + 1];
      const dx = x - this.lastXY[2 * k];
      const dy = y - this.lastXY[2 * k + 1];
      if (dx * dx + dy * dy > 0.01) this.heading[k] = Math.atan2(dy, dx);
      this.lastXY[2 * k] = x;
      this.lastXY[2 * k + 1] = y;
      this.placeTeam(k, x, y);
      this.teams.setColorAt(k, this.colour.set(TEAM_HEX[xys[3 * k + 2]] ?? TEAM_HEX[0]));
    }
    this.teams.instanceMatrix.needsUpdate = true;
    if (this.teams.instanceColor) this.teams.instanceColor.needsUpdate = true;
  }

  /** Starts markers for new alarms (camera, real) pairs, at the cameras' towers. */
  addAlarms(pairs: Int32Array, nowMs: number): void {
    const tw = this.view.towers;
    const f = this.frame;
    for (let i = 0; i < pairs.length; i += 2) {
      const tower = this.view.cameras.tower[pairs[i]];
      if (tower === undefined) continue;
      const slot = this.nextAlarm;
      this.nextAlarm = (slot + 1) % ALARM_SLOTS;
      const x = tw.x[tower];
      const y = tw.y[tower];
      this.alarmPos[3 * slot] = x - f.originX;
      this.alarmPos[3 * slot + 1] = y - f.originY;
      this.alarmPos[3 * slot + 2] = groundZ(f, x, y);
      this.alarmTopM[slot] = tw.heightM[tower];
      this.alarmBorn[slot] = nowMs;
      this.alarms.setColorAt(slot, this.colour.set(pairs[i + 1] ? REAL_ALARM_HEX : NUISANCE_ALARM_HEX));
      this.alarmsUntilMs = nowMs + ALARM_MS;
    }
    if (pairs.length > 0 && this.alarms.instanceColor) this.alarms.instanceColor.needsUpdate = true;
  }

  /** Marks settled fates (x, y, fate triples); unseen ones are left to the effects layer's cones. */
  addFates(triples: Float32Array): void {
    const f = this.frame;
    for (let i = 0; i < triples.length; i += 3) {
      const fate = triples[i + 2];
      if (fate !== FATE_STOPPED && fate !== FATE_SEEN) continue;
      const k = this.fates.count;
      if (k >= this.fates.instanceMatrix.count) return;
      const x = triples[i];
      const y = triples[i + 1];
      this.m.makeTranslation(x - f.originX, y - f.originY, groundZ(f, x, y) + (fate === FATE_SEEN ? this.view.barrierHeightM : 0));
      this.fates.setMatrixAt(k, this.m);
      this.fates.setColorAt(k, this.colour.set(fate === FATE_STOPPED ? FATE_STOPPED_HEX : FATE_SEEN_HEX));
      this.fates.count = k + 1;
    }
    this.fates.instanceMatrix.needsUpdate = true;
    if (this.fates.instanceColor) this.fates.instanceColor.needsUpdate = true;
  }

  /** Grows and then drops the alarm markers with age (rings just above the tower symbol). Returns whether any changed. */
  tick(nowMs: number): boolean {
    if (nowMs > this.alarmsUntilMs + 100) return false;
    const lift = this.towerScale.value;
    for (let s = 0; s < ALARM_SLOTS; s++) {
      const age = nowMs - this.alarmBorn[s];
      const a = age >= 0 && age < ALARM_MS ? 1 - age / ALARM_MS : 0;
      this.p.set(this.alarmPos[3 * s], this.alarmPos[3 * s + 1], this.alarmPos[3 * s + 2] + (this.alarmTopM[s] + 3) * lift);
      const k = a > 0 ? 0.6 + 0.8 * (1 - a) : 0;
      this.m.compose(this.p, this.q.identity(), this.s.set(k, k, k));
      this.alarms.setMatrixAt(s, this.m);
    }
    this.alarms.instanceMatrix.needsUpdate = true;
    return true;
  }

  dispose(): void {
    for (const mesh of [this.teams, this.alarms, this.fates]) {
      mesh.geometry.dispose();
      (mesh.material as THREE.Material).dispose();
      mesh.dispose();
    }
  }
}

/** Two boxes as one geometry (non-indexed, so their attributes concatenate). */
function mergeBoxes(a: THREE.BufferGeometry, b: THREE.BufferGeometry): THREE.BufferGeometry {
  const na = a.toNonIndexed();
  const nb = b.toNonIndexed();
  const out = new THREE.BufferGeometry();
  for (const name of ['position', 'normal'] as const) {
    const x = na.getAttribute(name).array as Float32Array;
    const y = nb.getAttribute(name).array as Float32Array;
    const arr = new Float32Array(x.length + y.length);
    arr.set(x);
    arr.set(y, x.length);
    out.setAttribute(name, new THREE.BufferAttribute(arr, 3));
  }
  for (const g of [a, b, na, nb]) g.dispose();
  return out;
}
