/**
 * The registry of figures (Mesa's DataCollector "reporters"): every figure a run reports is declared
 * once — its name, how it is tallied from one attempt's rounded row (attemptRow.ts), how two partial
 * tallies add (shards, repetitions), and how it is presented in summary.json, in a sweep's rows and in
 * the viewer's HUD (reporter.ts). summary.json, sweep.json/sweep.csv, `watchline merge` and the
 * viewer's statistics all iterate REPORTERS (tally.ts, views.ts); adding a figure is one entry here.
 *
 * Statistics (docs/model.md §5): rates with Wilson 95 % intervals, per threat kind and per chainage
 * segment, time to first detection, detected before the barrier (detection.ts); interrupted
 * (docs/model.md §7), which link lost each attempt that was not interrupted, and the detection chain's
 * settings with their sources (docs/model.md §8; chain.ts); a campaign's own figures (campaign.ts).
 * Tallies are order-independent: shards, workers and the viewer's ticks reach the same bytes.
 */
import { alarms, campaignFate, campaignInfo, teams } from './campaign.ts';
import { chain, interruption, lost } from './chain.ts';
import { attempts, beforeBarrier, byThreat, bySegment, detection, timeToDetect } from './detection.ts';
import type { Reporter, SweepView } from './reporter.ts';

/** Every figure, in the order of summary.json (and of a sweep repetition's fields). */
export const REPORTERS = [attempts, detection, beforeBarrier, timeToDetect, byThreat, bySegment, interruption, lost, chain, campaignFate, campaignInfo, alarms, teams] as const;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Flat<T> = { [K in keyof T]: T[K] };
type Reporters = (typeof REPORTERS)[number];
type SummaryOf<R> = R extends Reporter<infer _T, infer S, infer _U> ? S : never;
type UnitOf<R> = R extends { sweep?: SweepView<infer _T, infer U> } ? U : never;

/** The figures of a run: what summary.json holds after its metadata, and what the HUD shows. */
export type RunFigures = Flat<UnionToIntersection<SummaryOf<Reporters>>>;
/** The figures of one sweep repetition. */
export type UnitFigures = Flat<UnionToIntersection<UnitOf<Reporters>>>;

// The registry seen as one type, for loops over it (each entry keeps its own tally type).
/** A figure of any tally type. */
export type AnyReporter = Reporter<unknown, object, object>;
/** REPORTERS as one type, for loops over every figure. */
export const REGISTRY = REPORTERS as unknown as readonly AnyReporter[];
