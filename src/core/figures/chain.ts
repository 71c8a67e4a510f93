/**
 * What became of an attempt after the sensors (docs/model.md §7–8): whether the response interrupted
 * it in time, which link of the detection chain lost it otherwise, and the chain's settings with their
 * sources, stated once per run.
 */
import type { ChainFacts } from '../chainFacts.ts';
import type { ResponseInfo } from '../interdiction.ts';
import { isInterrupted } from '../interdiction.ts';
import { round } from '../metrics.ts';
import { LOST_NAMES } from '../outcome.ts';
import { counting, share, type Count, type ShareFields } from './counts.ts';
import type { HudLine, Reporter, UnitRecord } from './reporter.ts';

const interruptionShare = share('interrupted', 'interruptionRate', 'interruptionRateCI95', ['interruptionCiLow', 'interruptionCiHigh'], { csvRank: 50, pooledRank: 30 });
type InterruptionFields = ShareFields<'interrupted', 'interruptionRate', 'interruptionRateCI95'>;

/** Attempts the response interrupted in time (docs/model.md §7), with the response assumed. */
export const interruption: Reporter<Count, Partial<{ response: ResponseInfo } & InterruptionFields>, InterruptionFields> = {
  key: 'interruption',
  // Decided from the rounded columns before it, so that a row read back from a file decides alike.
  columns: [{ name: 'interrupted', type: 'flag?', of: (_o, c, row) => (c.response ? isInterrupted(c.response, row) : null) }],
  ...counting((r) => r.interrupted === true),
  summary: (t, ctx) => {
    if (!ctx.response) return {};
    const { delayS, speedMps, source } = ctx.response;
    return { response: { delayS, speedMps, source }, ...interruptionShare.fields(t) };
  },
  sweep: interruptionShare.view,
  hud: [
    {
      id: 'interrupted',
      label: 'Interrupted in time',
      small: true,
      value: (s) => s.interruptionRate ?? null,
      text: (s, n, f) => (n > 0 && s.interruptionRate !== undefined && s.interruptionRateCI95 ? `${f.percent(s.interruptionRate)} (${f.interval(s.interruptionRateCI95)})` : '—'),
    },
  ],
};

/**
 * Which link lost an attempt that was not interrupted (docs/model.md §8): never sensed, sensed only by
 * cameras out of service that day, sensed but not noticed (missed), or detected too late for the
 * response (detected, not interrupted).
 */
export const LOST_LINKS = ['unsensed', 'outage', 'unnoticed', 'late'] as const;
export type LostLink = (typeof LOST_LINKS)[number];
/**
 * The links after the alarm in a campaign (docs/model.md §8), which replace `late` there: the alarm
 * waited too long in the queue, the operator did not recognise the intruder, or no team met it in time.
 */
export const CAMPAIGN_LINKS = ['queue', 'assessment', 'response'] as const;
export type CampaignLostLink = (typeof CAMPAIGN_LINKS)[number];
/** Counts per link; a campaign's own links appear only in campaigns. */
export type LostCounts = Record<LostLink, number> & Partial<Record<CampaignLostLink, number>>;
/** attempts.csv `lostAt` words; '' for an interrupted (interdicted) attempt (or a detected one when interruption is not decided). */
const LOST_AT_CODES: readonly string[] = ['', ...LOST_LINKS, ...CAMPAIGN_LINKS];

/** The counts in a fixed order (the links, then a campaign's own where present), whatever order rows came in. */
const orderedLost = (t: LostCounts): LostCounts => {
  const out = { unsensed: t.unsensed, outage: t.outage, unnoticed: t.unnoticed, late: t.late } as LostCounts;
  for (const k of CAMPAIGN_LINKS) if (t[k] !== undefined) out[k] = t[k];
  return out;
};
const newLost = (): LostCounts => ({ unsensed: 0, outage: 0, unnoticed: 0, late: 0 });
const lostOfUnit = (u: UnitRecord): LostCounts => ({ ...newLost(), ...(u.lost as Partial<LostCounts> | undefined) });

/** One HUD line per link, set together under 'Lost at': the count of attempts it lost. */
const lostLine = (link: LostLink, label: string): HudLine<{ lost: LostCounts }> => ({
  id: `lost-${link}`,
  label,
  small: true,
  group: 'Lost at',
  value: (s) => s.lost[link],
  text: (s, n) => (n > 0 ? String(s.lost[link]) : '—'),
});

/** Which link lost each attempt, with the per-attempt columns that decide it. */
export const lost: Reporter<LostCounts, { lost: LostCounts }, { lost: LostCounts }> = {
  key: 'lost',
  columns: [
    // The attempt's day: which outage map it met.
    { name: 'day', type: 'number', of: (o) => o.day },
    // Decided after `interrupted`: a detection the response cannot meet is lost late.
    { name: 'lostAt', type: 'code', codes: LOST_AT_CODES, of: (o, _c, row) => (o.detected ? (row.interrupted === false ? 'late' : '') : LOST_NAMES[o.lost]) },
    // Analytics mode: the first alarm's local time; empty otherwise.
    { name: 'alarmTimeS', type: 'number?', of: (o) => (Number.isNaN(o.alarmTimeS) ? null : round(o.alarmTimeS, 3)) },
  ],
  create: newLost,
  add: (t, r) => {
    if (r.lostAt) t[r.lostAt as LostLink | CampaignLostLink] = (t[r.lostAt as LostLink | CampaignLostLink] ?? 0) + 1;
  },
  merge: (into, from) => {
    for (const k of [...LOST_LINKS, ...CAMPAIGN_LINKS]) if (from[k] !== undefined) into[k] = (into[k] ?? 0) + from[k];
  },
  summary: (t) => ({ lost: orderedLost(t) }),
  sweep: {
    unit: (t) => ({ lost: orderedLost(t) }),
    fromUnit: lostOfUnit,
    columns: () => LOST_LINKS.map((k) => ({ name: `lost_${k}`, cell: (u: { lost: LostCounts }) => u.lost[k] })),
    csvRank: 80,
    pooledRank: 50,
  },
  hud: [lostLine('unsensed', 'never sensed'), lostLine('outage', 'out of service'), lostLine('unnoticed', 'not noticed'), lostLine('late', 'detected too late')],
};

/** The detection chain's settings, stated once per run from the figure context (no tally). */
export const chain: Reporter<null, Partial<ChainFacts>> = {
  key: 'chain',
  create: () => null,
  add: () => {},
  merge: () => {},
  summary: (_t, ctx) => (ctx.chain ? { availability: ctx.chain.availability, watch: ctx.chain.watch, assumptions: ctx.chain.assumptions } : {}),
  hud: [
    {
      id: 'assumed',
      label: 'assumed:',
      small: true,
      note: true,
      value: () => null,
      text: (s) => {
        const assumed = (s.assumptions ?? []).filter((a) => a.source === 'default');
        // A no-break space inside each item: a wrapped note breaks only between items.
        return assumed.length ? assumed.map((a) => `${a.name}\u00a0${a.value}`).join(' · ') : 'none';
      },
    },
  ],
};
