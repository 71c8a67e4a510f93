/**
 * A campaign's figures (docs/model.md §8), read from its frame and the event pass's result: the
 * attempts assessed and interdicted, the campaign's settings (or that attempts were independent), the
 * control room's alarms and waits, and the response teams' load. A run of independent attempts has
 * none of their fields.
 */
import type { Column } from '../attemptRow.ts';
import type { CampaignResult } from '../campaign/pass.ts';
import { quantileSorted, round } from '../metrics.ts';
import { share, type ShareFields } from './counts.ts';
import type { Reporter } from './reporter.ts';

/**
 * A campaign's per-attempt decisions (docs/model.md §8), made by the event pass after every sensor
 * pass is in (so workers leave the columns empty and the run or merge fills them): when the attempt's
 * alarm was recognised as real (local time), whether a team met it before it was through, which team.
 */
interface FateTally {
  decided: number;
  assessed: number;
  interdicted: number;
}
const assessedShare = share('assessed', 'assessedRate', 'assessedRateCI95', ['assessedCiLow', 'assessedCiHigh'], { csvRank: 52, pooledRank: 32 });
const interdictedShare = share('interdicted', 'interdictionRate', 'interdictionRateCI95', ['interdictionCiLow', 'interdictionCiHigh'], { csvRank: 54, pooledRank: 34 });
type FateFields = ShareFields<'assessed', 'assessedRate', 'assessedRateCI95'> & ShareFields<'interdicted', 'interdictionRate', 'interdictionRateCI95'>;
const fateFields = (t: FateTally): Partial<FateFields> =>
  t.decided > 0 ? { ...assessedShare.fields({ n: t.decided, k: t.assessed }), ...interdictedShare.fields({ n: t.decided, k: t.interdicted }) } : {};

/**
 * The campaign's columns of attempts.csv, after every other (campaign runs only: a run of independent
 * attempts keeps the file it always had). The pass fills them (core/campaign/frame.ts applyFate).
 */
export const CAMPAIGN_COLUMNS: readonly Column[] = [
  { name: 'assessedTimeS', type: 'number?', of: () => null },
  { name: 'interdicted', type: 'flag?', of: () => null },
  { name: 'team', type: 'number?', of: () => null },
];

/** Attempts whose alarm was assessed real, and those a team interdicted. */
export const campaignFate: Reporter<FateTally, Partial<FateFields>> = {
  key: 'campaignFate',
  create: () => ({ decided: 0, assessed: 0, interdicted: 0 }),
  add: (t, r) => {
    if (r.interdicted === null || r.interdicted === undefined) return;
    t.decided++;
    if (r.assessedTimeS !== null) t.assessed++;
    if (r.interdicted === true) t.interdicted++;
  },
  merge: (into, from) => {
    into.decided += from.decided;
    into.assessed += from.assessed;
    into.interdicted += from.interdicted;
  },
  summary: fateFields,
  sweep: {
    unit: fateFields,
    fromUnit: (u) => ({ decided: u.interdictionRate === undefined ? 0 : (u.attempts as number), assessed: (u.assessed as number | undefined) ?? 0, interdicted: (u.interdicted as number | undefined) ?? 0 }),
    columns: () => {
      const cols = (count: string, rateKey: string, ci: string, lowHigh: [string, string]) => [
        { name: count, cell: (u: Record<string, unknown>) => u[count] ?? null },
        { name: rateKey, cell: (u: Record<string, unknown>) => u[rateKey] ?? null },
        { name: lowHigh[0], cell: (u: Record<string, unknown>) => (u[ci] as [number, number] | undefined)?.[0] ?? null },
        { name: lowHigh[1], cell: (u: Record<string, unknown>) => (u[ci] as [number, number] | undefined)?.[1] ?? null },
      ];
      return [...cols('assessed', 'assessedRate', 'assessedRateCI95', ['assessedCiLow', 'assessedCiHigh']), ...cols('interdicted', 'interdictionRate', 'interdictionRateCI95', ['interdictionCiLow', 'interdictionCiHigh'])];
    },
    csvRank: 55,
    pooledRank: 32,
    optional: true,
  },
};

/** Mean and p90 (type 7) of ascending waits, s, to 3 decimals; null without any. */
function waitFigures(sorted: Float64Array): { mean: number | null; p90: number | null } {
  if (sorted.length === 0) return { mean: null, p90: null };
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i];
  return { mean: round(sum / sorted.length, 3), p90: round(quantileSorted(sorted, 0.9), 3) };
}

/** The run's campaign block: its settings, or that attempts were independent (no shared queue). */
export const campaignInfo: Reporter<null, Partial<{ campaign: Record<string, unknown> }>> = {
  key: 'campaign',
  create: () => null,
  add: () => {},
  merge: () => {},
  summary: (_t, ctx) => {
    const c = ctx.campaign;
    // Undefined: not stated (tests, sweep pooling, the viewer); null: a run of independent attempts.
    if (c === undefined) return {};
    if (!c) return { campaign: { shared: false, note: 'no campaign: independent attempts, no shared control-room queue or teams; interruption by an ideal, always-free response (docs/model.md §7)' } };
    const f = c.frame;
    const head = {
      shared: true, days: f.days, attemptsPerDay: f.attemptsPerDay, attempts: f.attempts, mode: f.room.mode, recognizeP: f.room.recognizeP,
      dustyHours: round(f.nuisance.dusty.reduce((h, [a, b]) => h + (b - a), 0) / 3600, 3),
    };
    return { campaign: c.result ? { ...head, events: c.result.events } : { ...head, pending: 'a shard: the event pass runs when watchline merge has every shard' } };
  },
};

/** The control room's load: alarms real and nuisance, those lost, per operator-hour, and their waits. */
interface CampaignUnit {
  alarmsLost?: number;
  waitMeanS?: number | null;
  operatorUtilisation?: number;
  teamUtilisation?: number;
}
const campaignUnit = (r: CampaignResult | null): CampaignUnit => {
  if (!r) return {};
  const w = waitFigures(r.waitsS);
  return {
    alarmsLost: r.alarms.lost,
    waitMeanS: w.mean,
    operatorUtilisation: r.operators > 0 ? round(r.operatorBusyS / (r.operators * r.durationS), 4) : 0,
    teamUtilisation: r.teams > 0 ? round(r.teamBusyS / (r.teams * r.durationS), 4) : 0,
  };
};

/** The control room's alarms and waits, and the operators' load. */
export const alarms: Reporter<CampaignResult | null, Partial<{ alarms: Record<string, unknown>; operators: { count: number; utilisation: number } }>, CampaignUnit> = {
  key: 'alarms',
  // The pass's result rides in the tally, so a sweep repetition's fields can read it.
  create: (ctx) => ctx.campaign?.result ?? null,
  sweep: {
    unit: campaignUnit,
    columns: () => (['alarmsLost', 'waitMeanS', 'operatorUtilisation', 'teamUtilisation'] as const).map((k) => ({ name: k, cell: (u: CampaignUnit) => u[k] ?? null })),
    csvRank: 56,
    optional: true,
  },
  add: () => {},
  merge: () => {},
  summary: (_t, ctx) => {
    const r = ctx.campaign?.result;
    if (!r) return {};
    const operatorHours = (r.operators * r.durationS) / 3600;
    return {
      alarms: { ...r.alarms, perOperatorHour: operatorHours > 0 ? round(r.alarms.total / operatorHours, 4) : null, waitS: waitFigures(r.waitsS) },
      operators: { count: r.operators, utilisation: campaignUnit(r).operatorUtilisation! },
    };
  },
};

/** The response teams: how many, where based, and the share of the campaign they were out. */
export const teams: Reporter<null, Partial<{ teams: { count: number; utilisation: number; delayS: number; speedMps: number; busyS: number } }>> = {
  key: 'teams',
  create: () => null,
  add: () => {},
  merge: () => {},
  summary: (_t, ctx) => {
    const r = ctx.campaign?.result;
    if (!r) return {};
    const resp = ctx.campaign!.frame.response;
    return { teams: { count: r.teams, utilisation: campaignUnit(r).teamUtilisation!, delayS: resp.delayS, speedMps: resp.speedMps, busyS: resp.busyS } };
  },
};
