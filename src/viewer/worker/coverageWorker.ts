/**
 * The coverage worker: builds its own copy of the world and computes the overlay raster and the dead
 * zone (about a second of line-of-sight work), so the simulation worker never pauses for it.
 */
/// <reference lib="webworker" />
import type { PageMessage, WorkerMessage } from '../protocol.ts';
import { buildRequestWorld, errorText } from './buildWorld.ts';
import { computeCoverage } from './coverageGrid.ts';
import { referenceTarget } from '../../coverage/reference.ts';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (ev: MessageEvent<PageMessage>) => {
  const m = ev.data;
  if (m.type !== 'load') return;
  let msg: WorkerMessage;
  try {
    const { world } = await buildRequestWorld(m.request);
    const coverage = computeCoverage(world, referenceTarget(world));
    msg = { type: 'coverage', gen: m.gen, coverage };
    const transfer: ArrayBuffer[] = [coverage.p.buffer, coverage.deadSM.buffer, coverage.deadDepthM.buffer].map((b) => b as ArrayBuffer);
    if (coverage.tiles) transfer.push(coverage.tiles.p.buffer as ArrayBuffer, coverage.tiles.slot.buffer as ArrayBuffer);
    self.postMessage(msg, transfer);
  } catch (e) {
    msg = { type: 'error', gen: m.gen, message: errorText(e) };
    self.postMessage(msg);
  }
};
