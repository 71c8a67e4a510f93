/**
 * One infiltration attempt (docs/model.md §4) and its detection: the bounded search of the cameras
 * (§3) as one *sensing* process, thinned by the links after sensing (§8: camera availability and the
 * operators' attention). The plan and the position at any time live in plan.ts (re-exported here); the
 * candidate cameras and their scheduling in candidates.ts; the examination of one step in examine.ts;
 * the sensing events of a step in sensing.ts; the outcome record in outcome.ts (re-exported here).
 *
 * Attempts do not interact, so each is simulated on its own from start to through; the run, the
 * viewer's stream and every worker or shard therefore see identical outcomes for the same (seed, id).
 * The seed and the step come from the world's run (world.config.run).
 */
import type { CandidateKeys } from './candidates.ts';
import { gatherCandidates } from './candidates.ts';
import type { AttemptScratch } from './examine.ts';
import { examineStep } from './examine.ts';
import type { AttemptOutcome, SimCounters } from './outcome.ts';
import { LOST_OUTAGE, LOST_UNNOTICED, LOST_UNSENSED } from './outcome.ts';
import type { AttemptPlan } from './plan.ts';
import { planAttempt, positionAt } from './plan.ts';
import { Stream, streamKey } from './rng.ts';
import { beginSensing, stepEvents } from './sensing.ts';
import { WATCH_ANALYTICS, attemptDay, outageKey } from './watch.ts';
import type { World } from './world.ts';

export type { AttemptPlan, AttemptPosition } from './plan.ts';
export { newPlan, newPosition, planAttempt, positionAt } from './plan.ts';
export type { AttemptScratch } from './examine.ts';
export { EXACT_FROM_P, newScratch } from './examine.ts';
export type { AttemptOutcome, SimCounters } from './outcome.ts';
export { LOST_NAMES, LOST_NONE, LOST_OUTAGE, LOST_UNNOTICED, LOST_UNSENSED, newCounters, newOutcome } from './outcome.ts';

/** The streams of the current attempt's thresholds and day, handed to gatherCandidates. */
const keys: CandidateKeys = { thresholdKey: 0, outageKey: 0, availability: 1 };

/**
 * Simulates attempt `id` until it is through, stopping at its first detection (later detections change
 * no statistic). Seed and step come from world.config.run.
 *
 * Sensing (docs/model.md §3, bounded search): each candidate camera c has a threshold u_c drawn once
 * for the attempt (candidates.ts); while its P∞ exceeds u_c, and it has the target in view and in
 * line of sight, it senses as a Poisson process of rate λ_c = P∞,c / τ, each rate held at its value at
 * the step's midpoint (midpoint rule) on the grid k·stepS of local time. A camera whose P∞ never
 * exceeds its u on the path never senses, so its chance of ever detecting is at most its highest P∞.
 *
 * After sensing (§8), every sensing event is thinned: on a camera out of service that day it is an
 * *outage* miss; on one in service it is noticed with probability a(K) in operators mode (watch.ts;
 * 1 in the analytics and ideal modes), else an *unnoticed* miss. The first noticed event is the
 * detection. Thinning a Poisson process keeps it Poisson, so this is the same as detecting at rate
 * λ_c·a(K) on cameras in service — with the bonus that a missed attempt knows which link lost it.
 *
 * The sensing process is the superposition of independent parts (the first event of a sum of
 * independent Poisson processes comes from each part in proportion to its rate); each draws from its
 * own stream keyed by (seed, id):
 * - the *instant* part, ideal sensors in sight: infinite rate, so they sense at the step's midpoint;
 * - the *exact* part (thermal cameras with P∞ ≥ s.exactFromP): line of sight is tested for each of
 *   them in view at every step; exponential thresholds on the integrated rate time the events,
 *   interpolated inside the step, and each picks its camera in proportion to its λ;
 * - the *thinned* part (sensing.ts thinnedProposal), the other thermal cameras (by default all of them), by
 *   thinning (Lewis and Shedler 1979): proposals arrive at the part's total rate as if every camera
 *   in view saw the target; a proposal picks one in proportion to its λ and is a sensing event when
 *   that camera has line of sight at the step; a rejected camera is dropped from the step's proposal
 *   rate (it is known to be blind for the step). Line of sight is tested once per proposal — a few
 *   times per attempt instead of at every step for every camera in view.
 * The outcome has exactly the distribution of testing every camera at every step (with
 * s.exactFromP = 0 that is what happens); only which random numbers decide a given attempt differs.
 *
 * Work skipped without changing any result: cameras whose threshold their P∞ can never pass on the
 * path, and the parts of the path beyond each camera's reach (candidates.ts); steps before any
 * camera's active interval and after the last one's; cameras not yet due: a camera out of its field
 * of view sleeps until its view could first reach the target (cameras.ts viewSleepS), ending early at
 * the wall where the position jumps; cameras out of service once an outage has been counted; steps in
 * which no camera is due; contrast and its log, once per step and model.
 */
export function simulateAttempt(world: World, id: number, s: AttemptScratch, out: AttemptOutcome, counters?: SimCounters): AttemptOutcome {
  const { seed, stepS } = world.config.run;
  const chain = world.chain;
  const plan = planAttempt(world, id, s.plan);
  const day = attemptDay(seed, id, chain.days);
  keys.thresholdKey = streamKey(seed, id, Stream.searchThreshold);
  keys.outageKey = outageKey(seed, day);
  keys.availability = chain.availability;
  const nCand = gatherCandidates(world, plan, s.cand, keys);
  resetOutcome(plan, day, out);
  if (nCand === 0) return out;

  const work = s.work;
  work.steps = work.evaluations = work.losCalls = work.proposals = 0;
  beginSensing(world, seed, id, day, s);
  const pos = s.pos;
  let nextDue = firstDueS(s);
  // Where the position jumps (onto and off the wall's crest), field-of-view sleeps end.
  const jumps = plan.delayS > 0;
  const tThrough = plan.tThroughS;
  // Step m spans [m·stepS, min((m + 1)·stepS, tThrough)); skipping steps never moves the grid.
  let m = Math.max(0, Math.floor(nextDue / stepS) - 1);
  for (;;) {
    const t0 = m * stepS;
    if (!(t0 < tThrough) || nextDue === Infinity) break;
    const h = Math.min(stepS, tThrough - t0);
    const tm = t0 + 0.5 * h;
    if (nextDue >= t0 + h) {
      // Nobody is due: on to (one step before) the step holding the due time. All rates are 0 in
      // between, so no part of the process can fire there.
      const next = Math.floor(nextDue / stepS) - 1;
      m = next > m ? next : m + 1;
      continue;
    }
    positionAt(world, plan, tm, pos);
    work.steps++;
    if (pos.hidden) {
      // Unseen: every rate is 0.
      m++;
      continue;
    }
    s.stamp++;
    const wakeCap = !jumps ? Infinity : tm < plan.tBarrierS ? plan.tBarrierS : tm < plan.tCrossedS ? plan.tCrossedS : Infinity;
    examineStep(world, plan, s, t0, h, wakeCap, work);
    nextDue = s.nextDueS;
    if (stepEvents(world, plan, s, t0, h, out)) break;
    m++;
  }
  if (!out.detected) out.lost = s.sensedUnnoticed ? LOST_UNNOTICED : s.outageSeen ? LOST_OUTAGE : LOST_UNSENSED;
  else if (chain.modeCode === WATCH_ANALYTICS) out.alarmTimeS = out.detectTimeS;
  if (counters) {
    counters.steps += work.steps;
    counters.evaluations += work.evaluations;
    counters.losCalls += work.losCalls;
    counters.proposals += work.proposals;
  }
  return out;
}

/** Sets `out` to an unsensed attempt of `plan` on `day`. */
function resetOutcome(plan: AttemptPlan, day: number, out: AttemptOutcome): void {
  out.id = plan.id;
  out.threat = plan.threat;
  out.size = plan.size;
  out.crossingM = plan.crossingM;
  out.startTimeS = plan.startTimeS;
  out.detected = false;
  out.detectTimeS = NaN;
  out.camera = -1;
  out.tower = -1;
  out.rangeM = NaN;
  out.p = NaN;
  out.x = NaN;
  out.y = NaN;
  out.beforeBarrier = false;
  out.tBarrierS = plan.tBarrierS;
  out.tThroughS = plan.tThroughS;
  out.day = day;
  out.lost = LOST_UNSENSED;
  out.alarmTimeS = NaN;
}

/** Earliest local time any candidate is due. */
function firstDueS(s: AttemptScratch): number {
  const cand = s.cand;
  let due = Infinity;
  for (let q = 0; q < cand.nearCount; q++) if (cand.dueS[cand.nearSlot[q]] < due) due = cand.dueS[cand.nearSlot[q]];
  return due;
}
