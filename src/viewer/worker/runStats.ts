/**
 * The viewer's statistics, kept in the worker with the registry of figures (src/core/figures/registry.ts) — the
 * code summary.json comes from — fed with each attempt's rounded row as it finishes, exactly the row
 * attempts.csv holds. The figures use the run's context (threat kinds, frontier length, 10 km
 * segments, response), so when the session is done they are those of `watchline run` for the same
 * inputs, every field (the lost links and the chain's assumptions included); the segment chart gets
 * its own, narrower bins from the same reporter.
 */
import type { SegmentRow } from '../../core/figures/detection.ts';
import type { RunFigures } from '../../core/figures/registry.ts';
import { SEGMENT_KM, frontierKmOf, type CampaignContext, type FigureContext } from '../../core/figures/reporter.ts';
import { FigureTally } from '../../core/figures/tally.ts';
import { chainFacts } from '../../core/chainFacts.ts';
import { responseInfo } from '../../core/interdiction.ts';
import type { FinishedAttempt } from '../../core/session.ts';
import type { World } from '../../core/world.ts';

/**
 * The figures' context of a world, as a run of it has (runJob.ts figureContext), with bins of
 * segmentKm. `campaign`: null for a run of independent attempts (the summary says so, as the CLI's
 * does); a campaign's frame and pass; undefined to leave the campaign block out (a campaign still
 * playing, whose pass-wide figures are shown only at its end).
 */
export function viewerFigureContext(world: World, segmentKm = SEGMENT_KM, campaign: CampaignContext | null | undefined = null): FigureContext {
  return {
    campaign,
    kinds: world.threats.map((t) => t.kind),
    lengthM: frontierKmOf(world.border.lengthM) * 1000,
    segmentKm,
    response: responseInfo(world.config),
    chain: chainFacts(world.config, world.cameras.count),
  };
}

export class LiveStats {
  private readonly tally: FigureTally;
  private readonly chart: FigureTally;
  finished = 0;
  /** Absolute time the last attempt given to onFinished was through, seconds. */
  lastThroughS = 0;

  /**
   * @param chartSegmentKm bin width of the HUD's segment chart
   * @param campaign whether the world's run is a campaign (its figures so far then leave the campaign block out)
   */
  constructor(world: World, chartSegmentKm: number, campaign = false) {
    this.tally = new FigureTally(viewerFigureContext(world, SEGMENT_KM, campaign ? undefined : null));
    this.chart = new FigureTally(viewerFigureContext(world, chartSegmentKm, campaign ? undefined : null));
  }

  /** Adds a finished attempt; returns its threat index. */
  onFinished(f: FinishedAttempt): number {
    this.tally.add(f.row);
    this.chart.add(f.row);
    this.finished++;
    this.lastThroughS = f.row.startTimeS + f.row.throughTimeS;
    return f.row.threatIndex;
  }

  /** The run's figures so far: summary.json's, field for field. */
  result(): RunFigures {
    return this.tally.summary();
  }

  /** Detection rate per bin of the segment chart. */
  chartSegments(): SegmentRow[] {
    return this.chart.summary().bySegment;
  }
}
