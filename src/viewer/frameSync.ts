/**
 * Throttling the worker's ticks to the display (rxjs stays at the edges): the page draws once per animation frame
 * however many ticks arrived since the last one. Positions only need the newest tick, but events and
 * finished attempts must not be dropped, so ticks are gathered, not sampled.
 */
import type { OperatorFunction, SchedulerLike } from 'rxjs';
import { animationFrameScheduler, auditTime, buffer, connect, filter } from 'rxjs';

/**
 * Emits, once per frame of `scheduler`, every value that arrived since the previous emission (in
 * order); nothing in frames where nothing arrived. Completes after flushing what is left.
 */
export function perFrame<T>(scheduler: SchedulerLike = animationFrameScheduler): OperatorFunction<T, T[]> {
  return connect((shared) => shared.pipe(buffer(shared.pipe(auditTime(0, scheduler))), filter((batch) => batch.length > 0)));
}
