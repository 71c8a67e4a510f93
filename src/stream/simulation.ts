/**
 * The simulation as an rxjs stream (rxjs stays at the edges): an injected scheduler drives the clock (animation
 * frames in the browser, virtual time in tests and headless runs); one batch per tick, never one
 * emission per intruder. Commands (pause, speed, step) arrive on their own stream and take effect at
 * the next tick boundary.
 */
import type { Observable, SchedulerLike } from 'rxjs';
import { EMPTY, Subject, asyncScheduler, defer, interval, map, merge, filter, takeUntil, takeWhile, tap, ignoreElements, finalize } from 'rxjs';
import type { Session, SessionBatch } from '../core/session.ts';
import { advanceSession } from '../core/session.ts';

export type SimCommand =
  | { type: 'pause' }
  | { type: 'resume' }
  /** Simulated seconds per wall-clock second. */
  | { type: 'speed'; value: number }
  /** While paused: advance by this many simulated seconds at the next tick. */
  | { type: 'step'; seconds: number };

export interface SimulateOptions {
  scheduler?: SchedulerLike;
  /** Tick period, milliseconds of scheduler time. */
  frameMs?: number;
  /** Initial simulated seconds per scheduler second. */
  speed?: number;
  paused?: boolean;
}

/**
 * Streams a session's batches until every attempt has finished (the last batch has `done: true`).
 * The batch's intruder arrays are reused between emissions: consume or copy them synchronously.
 */
export function simulate(session: Session, options: SimulateOptions = {}, commands$: Observable<SimCommand> = EMPTY): Observable<SessionBatch> {
  const { scheduler = asyncScheduler, frameMs = 16, speed = 60, paused = false } = options;
  return defer(() => {
    const state = { speed, paused, stepS: 0 };
    const done$ = new Subject<void>();
    const apply = (c: SimCommand) => {
      if (c.type === 'pause') state.paused = true;
      else if (c.type === 'resume') state.paused = false;
      else if (c.type === 'speed') state.speed = c.value;
      else state.stepS += c.seconds;
    };
    const commandEffects$ = commands$.pipe(tap(apply), ignoreElements(), takeUntil(done$));
    const batches$ = interval(frameMs, scheduler).pipe(
      filter(() => !state.paused || state.stepS > 0),
      map(() => {
        const dt = state.paused ? state.stepS : (state.speed * frameMs) / 1000;
        state.stepS = 0;
        return advanceSession(session, session.clockS + dt);
      }),
      takeWhile((b) => !b.done, true),
      finalize(() => done$.next()),
    );
    return merge(commandEffects$, batches$);
  });
}
