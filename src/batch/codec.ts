/**
 * Outcomes packed into one Float64Array for the trip from a worker thread (transferable, no copying,
 * no per-attempt objects on the wire).
 */
import type { AttemptOutcome } from '../core/attempt.ts';
import { newOutcome } from '../core/attempt.ts';

export const FIELDS = 19;

export function encodeOutcome(o: AttemptOutcome, buf: Float64Array, i: number): void {
  const b = i * FIELDS;
  buf[b] = o.id;
  buf[b + 1] = o.threat;
  buf[b + 2] = o.size;
  buf[b + 3] = o.crossingM;
  buf[b + 4] = o.startTimeS;
  buf[b + 5] = o.detected ? 1 : 0;
  buf[b + 6] = o.detectTimeS;
  buf[b + 7] = o.camera;
  buf[b + 8] = o.tower;
  buf[b + 9] = o.rangeM;
  buf[b + 10] = o.p;
  buf[b + 11] = o.x;
  buf[b + 12] = o.y;
  buf[b + 13] = o.beforeBarrier ? 1 : 0;
  buf[b + 14] = o.tBarrierS;
  buf[b + 15] = o.tThroughS;
  buf[b + 16] = o.day;
  buf[b + 17] = o.lost;
  buf[b + 18] = o.alarmTimeS;
}

export function decodeOutcome(buf: Float64Array, i: number, o: AttemptOutcome = newOutcome()): AttemptOutcome {
  const b = i * FIELDS;
  o.id = buf[b];
  o.threat = buf[b + 1];
  o.size = buf[b + 2];
  o.crossingM = buf[b + 3];
  o.startTimeS = buf[b + 4];
  o.detected = buf[b + 5] === 1;
  o.detectTimeS = buf[b + 6];
  o.camera = buf[b + 7];
  o.tower = buf[b + 8];
  o.rangeM = buf[b + 9];
  o.p = buf[b + 10];
  o.x = buf[b + 11];
  o.y = buf[b + 12];
  o.beforeBarrier = buf[b + 13] === 1;
  o.tBarrierS = buf[b + 14];
  o.tThroughS = buf[b + 15];
  o.day = buf[b + 16];
  o.lost = buf[b + 17];
  o.alarmTimeS = buf[b + 18];
  return o;
}
