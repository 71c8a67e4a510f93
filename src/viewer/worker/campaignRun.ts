/**
 * A campaign in the viewer's worker, decided the way `watchline run` decides it (src/batch/runJob.ts):
 * every attempt's sensor pass (the same simulateAttempt and rounded row), then the one event pass
 * over all the rows (core/campaign/decide.ts, with its log), then the figures from the registry with
 * the campaign's context. The session then plays the attempts on their days while CampaignPlayback
 * plays the pass's log, so what the page shows is the run's own campaign, and the final figures are
 * the CLI's for the same inputs, field for field.
 */
import type { AttemptRow } from '../../core/attemptRow.ts';
import { rowContext, rowOf } from '../../core/attemptRow.ts';
import { newOutcome, newScratch, simulateAttempt } from '../../core/attempt.ts';
import { decideCampaign } from '../../core/campaign/decide.ts';
import type { CampaignFrame } from '../../core/campaign/frame.ts';
import { campaignFrame } from '../../core/campaign/frame.ts';
import type { CampaignResult } from '../../core/campaign/pass.ts';
import type { RunFigures } from '../../core/figures/registry.ts';
import { FigureTally } from '../../core/figures/tally.ts';
import type { World } from '../../core/world.ts';
import { viewerFigureContext } from './runStats.ts';

export interface ViewerCampaign {
  frame: CampaignFrame;
  /** Decided rows (campaign columns filled), by attempt id. */
  rows: AttemptRow[];
  result: CampaignResult;
  /** Each attempt's day (from 0), by id: where the session starts it. */
  days: Int32Array;
  /** The run's figures: summary.json's for the same scene, config and seed. */
  figures: RunFigures;
}

/** The decided campaign of a world, or null when its config has no `campaign:`. */
export function runViewerCampaign(world: World): ViewerCampaign | null {
  const frame = campaignFrame(world.scene, world.config, world.border);
  if (!frame) return null;
  const ctx = rowContext(world);
  const scratch = newScratch(world);
  const outcome = newOutcome();
  const rows: AttemptRow[] = [];
  for (let id = 0; id < frame.attempts; id++) rows.push(rowOf(simulateAttempt(world, id, scratch, outcome), ctx));
  const result = decideCampaign(rows, frame, true);
  // As the run: the rows in id order, the figures' context with the campaign's frame and pass.
  const tally = new FigureTally(viewerFigureContext(world, undefined, { frame, result }));
  for (const row of rows) tally.add(row);
  return { frame, rows, result, days: Int32Array.from(rows, (r) => r.day as number), figures: tally.summary() };
}
