/**
 * World → WorldView: the static part of a world the page needs to draw it, as copies (the worker keeps
 * its world), with each camera model's P∞ band ranges for the reference target.
 */
import { SENSOR_IDEAL } from '../../core/cameras.ts';
import type { SensorModel } from '../../core/cameras.ts';
import type { Session } from '../../core/session.ts';
import { rangeForProbability } from '../../core/sensors/thermal.ts';
import type { TimeOfDay } from '../../core/spec.ts';
import { isTiledGround } from '../../core/terrain/ground.ts';
import type { World } from '../../core/world.ts';
import type { ReferenceTarget } from '../../coverage/reference.ts';
import { referenceTarget } from '../../coverage/reference.ts';
import type { ModelView, ReferenceView, WorldView } from '../protocol.ts';
import { P_BANDS } from '../protocol.ts';
import { groundTilesView } from './groundTiles.ts';

/** When the reference target crosses, for the legend: the hour src/coverage/reference.ts evaluates it at. */
function whenText(timeOfDay: TimeOfDay, hourOfDay: number): string {
  if (timeOfDay === 'night' || timeOfDay === 'mixed') return 'at night';
  const minutes = Math.round(hourOfDay * 60);
  const clock = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${timeOfDay === 'day' ? 'by day' : `at ${timeOfDay}`} (${clock})`;
}

/**
 * The reference target of the coverage overlay and the footprints: the analytic coverage's own
 * (docs/model.md §6: the scene's `foot` overrides, at the hour its `timeOfDay` pins), with a label.
 */
export function referenceView(world: World): ReferenceView {
  const ref = referenceTarget(world);
  const env = world.scene.environment;
  return { ...ref, label: `person on foot ${whenText(env.timeOfDay, ref.hourOfDay)}, ${env.visibility} air` };
}

/** Range (metres) at which P∞ of the reference target falls to p for this model; ideal: its range. */
export function bandRangeM(model: SensorModel, ref: ReferenceTarget, p: number): number {
  if (model.type === SENSOR_IDEAL || !model.thermal) return model.rangeM;
  return rangeForProbability(model.thermal, model.thermal.johnson.detect, ref.criticalDimM, ref.effectiveDeltaTK, ref.sigmaPerKm, p, 100_000);
}

export function modelView(model: SensorModel, ref: ReferenceTarget): ModelView {
  const fovDeg = (model.fovRad * 180) / Math.PI;
  const ranges = P_BANDS.map((p) => bandRangeM(model, ref, p));
  const km = (m: number) => (m / 1000).toFixed(m < 10_000 ? 2 : 1);
  const description =
    model.type === SENSOR_IDEAL
      ? `ideal sensor, ${km(model.rangeM)} km, ${fovDeg.toFixed(0)}°`
      : `${model.label}, ${fovDeg >= 359.5 ? '360°' : `${fovDeg.toFixed(1)}°`}, P∞ ${P_BANDS.map((p, i) => `${p}: ${km(ranges[i])} km`).join(' · ')}`;
  return { label: model.label, sensor: model.type === SENSOR_IDEAL ? 'ideal' : 'thermal', bandRangesM: ranges, fovDeg, description };
}

/** Bin width of the viewer's per-segment chart: about 10–25 bars whatever the border's length, km. */
export function segmentKmFor(lengthKm: number): number {
  const steps = [0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100];
  for (const s of steps) if (lengthKm / s <= 25) return s;
  return 100;
}

export function worldView(world: World, session: Session): WorldView {
  const ref = referenceView(world);
  const hf = world.heightfield;
  const t = world.towers;
  const c = world.cameras;
  return {
    name: world.scene.name ?? 'scenario',
    scene: world.scene,
    config: world.config,
    seed: session.seed,
    attempts: session.attempts,
    stepS: session.stepS,
    firstStartS: session.firstStartS,
    lengthM: world.border.lengthM,
    approachM: world.approachM,
    depthM: world.depthM,
    borderXY: world.border.xy.slice(),
    borderCumM: world.border.cumM.slice(),
    barrierHeightM: world.barrier.heightM,
    barrierWidthM: world.barrier.widthM,
    gapsM: world.barrier.gapsM.slice(),
    heightfield: { originX: hf.originX, originY: hf.originY, cellM: hf.cellM, nx: hf.nx, ny: hf.ny, heights: hf.heights.slice() },
    ...(isTiledGround(world.ground) && { groundTiles: groundTilesView(world.ground) }),
    wadiKm: [...world.wadiKm],
    towers: { count: t.count, sM: t.sM.slice(), x: t.x.slice(), y: t.y.slice(), groundM: t.groundM.slice(), heightM: t.heightM.slice(), setbackM: t.setbackM.slice() },
    cameras: {
      count: c.count,
      tower: c.tower.slice(),
      model: c.model.slice(),
      headingRad: c.headingRad.slice(),
      halfFovRad: c.halfFovRad.slice(),
      scanHalfSectorRad: c.scanHalfSectorRad.slice(),
      scanPeriodS: c.scanPeriodS.slice(),
      fullTurn: c.fullTurn.slice(),
    },
    models: world.models.map((m) => modelView(m, ref)),
    threats: world.threats.map((th) => ({ kind: th.kind, share: th.share, heightM: th.heightM, speedMps: th.speedMps })),
    reference: ref,
    segmentKm: segmentKmFor(world.border.lengthM / 1000),
  };
}

/** The buffers of a view, for postMessage's transfer list. */
export function viewTransferables(v: WorldView): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [
    v.borderXY, v.borderCumM, v.gapsM, v.heightfield.heights,
    v.towers.sM, v.towers.x, v.towers.y, v.towers.groundM, v.towers.heightM, v.towers.setbackM,
    v.cameras.tower, v.cameras.model, v.cameras.headingRad, v.cameras.halfFovRad, v.cameras.scanHalfSectorRad, v.cameras.scanPeriodS, v.cameras.fullTurn,
  ];
  if (v.groundTiles) arrays.push(v.groundTiles.slot, v.groundTiles.positions, v.groundTiles.samples);
  return arrays.map((a) => a.buffer as ArrayBuffer);
}
