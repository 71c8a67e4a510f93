/**
 * A campaign in a run's or a merge's outputs (docs/model.md §8; docs/outputs.md). The sensor passes
 * (workers, shards) give every attempt's rounded row; here the one event pass runs over all of them
 * and fills their campaign columns, and the campaign's files are written:
 *  - campaign.json: the campaign's frame (control room, teams and bases, weather, border), written by
 *    every shard too, so that `merge` re-runs the pass from files alone;
 *  - timeline.csv: queue length, busy operators and busy teams, mean per 10-minute bin;
 *  - campaign-log.json (with --events): the alarms, assessments and team sorties, for the viewer.
 * Run and merge call the same functions on the same rounded rows, so they write the same bytes.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AttemptRow } from '../core/attemptRow.ts';
import type { CampaignFrame } from '../core/campaign/frame.ts';
import type { CampaignLog, CampaignResult } from '../core/campaign/pass.ts';
import { CAMPAIGN_COLUMNS } from '../core/figures/campaign.ts';
import { eventOf } from '../core/attemptRow.ts';
import { round } from '../core/metrics.ts';
import { CSV_HEADER, cell, csvLine } from './rows.ts';

export const CAMPAIGN_FILE = 'campaign.json';
export const TIMELINE_FILE = 'timeline.csv';
export const CAMPAIGN_LOG_FILE = 'campaign-log.json';

/** The pass over every row, in the core (the viewer's worker runs the same function). */
export { decideCampaign } from '../core/campaign/decide.ts';

/** attempts.csv header of a decided campaign: every column, then the campaign's. */
export const CAMPAIGN_CSV_HEADER = CSV_HEADER.slice(0, -1) + CAMPAIGN_COLUMNS.map((c) => `,${c.name}`).join('') + '\n';

/** A decided row's attempts.csv line. */
export function campaignCsvLine(row: AttemptRow): string {
  let extra = '';
  for (const c of CAMPAIGN_COLUMNS) extra += ',' + cell(row[c.name] ?? null);
  return csvLine(row).slice(0, -1) + extra + '\n';
}

/** A decided detected row's events.jsonl line: its detection and its fate. */
export function campaignEventLine(row: AttemptRow): string {
  const e = eventOf(row);
  for (const c of CAMPAIGN_COLUMNS) e[c.name] = row[c.name] ?? null;
  return JSON.stringify(e) + '\n';
}

/** Writes campaign.json (the frame). */
export function writeCampaignFrame(dir: string, frame: CampaignFrame): void {
  writeFileSync(path.join(dir, CAMPAIGN_FILE), JSON.stringify(frame, null, 2) + '\n');
}

/** timeline.csv: one line per 10-minute bin. */
export function timelineCsv(result: CampaignResult): string {
  const t = result.timeline;
  let text = 'fromS,toS,queue,operatorsBusy,teamsBusy\n';
  for (let b = 0; b < t.queue.length; b++) {
    const from = b * t.binS;
    const to = Math.min(from + t.binS, result.durationS);
    text += `${from},${to},${round(t.queue[b], 4)},${round(t.operatorsBusy[b], 4)},${round(t.teamsBusy[b], 4)}\n`;
  }
  return text;
}

/** The campaign log with times rounded to the millisecond and positions to the centimetre. */
export function roundedLog(log: CampaignLog): CampaignLog {
  const t = (x: number) => (Number.isFinite(x) ? round(x, 3) : null) as number;
  const m = (x: number) => round(x, 2);
  return {
    alarms: log.alarms.map((a) => ({ ...a, timeS: t(a.timeS), takenS: t(a.takenS), doneS: t(a.doneS) })),
    dispatches: log.dispatches.map((d) => ({
      ...d, dispatchS: t(d.dispatchS), departS: t(d.departS), fromX: m(d.fromX), fromY: m(d.fromY), toX: m(d.toX), toY: m(d.toY), endS: t(d.endS), freeS: t(d.freeS),
    })),
  };
}

/** Writes a decided campaign's files: campaign.json, timeline.csv, and campaign-log.json with a log. */
export function writeCampaignOutputs(dir: string, frame: CampaignFrame, result: CampaignResult): void {
  writeCampaignFrame(dir, frame);
  writeFileSync(path.join(dir, TIMELINE_FILE), timelineCsv(result));
  if (result.log) writeFileSync(path.join(dir, CAMPAIGN_LOG_FILE), JSON.stringify(roundedLog(result.log)) + '\n');
}
