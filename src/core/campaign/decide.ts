/**
 * A campaign decided from its attempts' rows (docs/model.md §8): the nuisance alarms of every camera
 * in service, then the one event pass over them and the rows' candidate alarms, each fate written
 * into its row's campaign columns. Pure, so `watchline run`, `merge` and the viewer's worker share it:
 * the same rows and frame give the same fates and figures everywhere.
 */
import type { AttemptRow } from '../attemptRow.ts';
import { inService, outageKey } from '../watch.ts';
import type { CampaignFrame } from './frame.ts';
import { applyFate, campaignAttemptOf, frameBorder, hasNuisance } from './frame.ts';
import { nuisanceAlarms } from './nuisance.ts';
import type { CampaignResult } from './pass.ts';
import { runCampaign } from './pass.ts';

/**
 * Runs the campaign's event pass over every attempt's row (any order; ids distinct) and writes each
 * attempt's fate into its row. Returns the pass's result (with its log when `log`).
 */
export function decideCampaign(rows: readonly AttemptRow[], frame: CampaignFrame, log = false): CampaignResult {
  const border = frameBorder(frame);
  const inputs = rows.map((r) => campaignAttemptOf(r, frame, border));
  const keys = Array.from({ length: frame.days }, (_, d) => outageKey(frame.seed, d));
  const nuisance = hasNuisance(frame.room.mode)
    ? nuisanceAlarms(frame.seed, frame.cameras, frame.days, (k, d) => inService(keys[d], k, frame.availability), frame.nuisance)
    : null;
  const result = runCampaign({ seed: frame.seed, durationS: frame.durationS, room: frame.room, response: frame.response, nuisance, log }, inputs);
  const byId = new Map(rows.map((r, i) => [r.id, i]));
  for (const fate of result.fates) {
    const i = byId.get(fate.id)!;
    applyFate(rows[i] as AttemptRow, fate, inputs[i].track.startS);
  }
  return result;
}
