/** Human-readable summaries for the terminal. Files and --json carry the exact numbers. */
import type { RunSummary } from '../batch/summary.ts';

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const int = (x: number) => Math.round(x).toLocaleString('en-US');
const secs = (x: number | null) => (x === null ? '–' : x < 120 ? `${x.toFixed(0)} s` : `${(x / 60).toFixed(1)} min`);

export function formatRunSummary(s: RunSummary, outDir: string, events: boolean): string {
  const [lo, hi] = s.detectionRateCI95;
  const threats = Object.entries(s.byThreat)
    .map(([k, v]) => `${k} ${pct(v!.detectionRate)} of ${int(v!.attempts)}`)
    .join(' · ');
  const segs = s.bySegment.filter((b) => b.attempts > 0);
  const weakest = segs.reduce((a, b) => (b.detectionRate < a.detectionRate ? b : a), segs[0]);
  const lines = [
    `Watchline ${s.watchline} — ${s.config} on ${s.scene}${s.shard ? ` (shard ${s.shard})` : ''}`,
    `  frontier ${s.frontierKm.toFixed(1)} km · ${int(s.towers)} towers · ${int(s.cameras)} cameras · ${int(s.attempts)} attempts · seed ${s.seed}`,
    ...campaignLines(s),
    `  detected           ${int(s.detected)} of ${int(s.attempts)} = ${pct(s.detectionRate)}  (95 % CI ${pct(lo)} – ${pct(hi)})`,
    `  before the barrier ${pct(s.detectedBeforeBarrierRate)}`,
    ...(s.interruptionRate !== undefined && s.interruptionRateCI95 && s.response
      ? [`  interrupted        ${pct(s.interruptionRate)}  (95 % CI ${pct(s.interruptionRateCI95[0])} – ${pct(s.interruptionRateCI95[1])}; response ${s.response.delayS} s + nearest tower at ${s.response.speedMps} m/s${s.response.source === 'default' ? ', assumed' : ''})`]
      : []),
    `  time to detect     mean ${secs(s.timeToDetectS.mean)} · p50 ${secs(s.timeToDetectS.p50)} · p90 ${secs(s.timeToDetectS.p90)}`,
    `  by threat          ${threats}`,
  ];
  if (weakest) lines.push(`  weakest segment    km ${weakest.fromKm}–${weakest.toKm}: ${pct(weakest.detectionRate)} of ${int(weakest.attempts)}`);
  const l = s.lost;
  const after = l.queue !== undefined || l.assessment !== undefined || l.response !== undefined
    ? `alarm lost in the queue ${int(l.queue ?? 0)} · not recognised ${int(l.assessment ?? 0)} · no team in time ${int(l.response ?? 0)}`
    : `detected too late ${int(l.late)}`;
  lines.push(`  lost at            never sensed ${int(l.unsensed)} · camera out of service ${int(l.outage)} · sensed, not noticed ${int(l.unnoticed)} · ${after}`);
  if (s.assumptions) {
    const list = (source: string) => s.assumptions!.filter((a) => a.source === source).map((a) => `${a.name} ${a.value}`);
    const assumed = list('default');
    const given = list('config');
    if (assumed.length) lines.push(`  assumed (defaults) ${assumed.join(' · ')}`);
    if (given.length) lines.push(`  from the config    ${given.join(' · ')}`);
  }
  const shared = (s.campaign as { shared?: boolean; pending?: string } | undefined)?.shared === true;
  const pending = (s.campaign as { pending?: string } | undefined)?.pending !== undefined;
  const campaignFiles = shared ? (pending ? ', campaign.json' : `, timeline.csv, campaign.json${events ? ', campaign-log.json' : ''}`) : '';
  lines.push(`  results            ${outDir}/summary.json, attempts.csv${events ? ', events.jsonl' : ''}${campaignFiles}`);
  return lines.join('\n') + '\n';
}

/** A campaign's lines, first after the deployment: P(interdiction) leads, then the chain after sensing. */
function campaignLines(s: RunSummary): string[] {
  const c = s.campaign as { shared?: boolean; days?: number; attemptsPerDay?: number; mode?: string; pending?: string };
  if (!c?.shared) return [];
  const ci = (x?: [number, number]) => (x ? `  (95 % CI ${pct(x[0])} – ${pct(x[1])})` : '');
  const head = `  campaign           ${c.days} days · ${c.attemptsPerDay} attempts a day · ${c.mode}`;
  if (c.pending || s.interdictionRate === undefined) return [head, `  interdicted        decided by watchline merge (this is a shard)`];
  const a = s.alarms as { total: number; real: number; nuisance: number; lost: number; perOperatorHour: number | null; waitS: { mean: number | null; p90: number | null } };
  return [
    `  INTERDICTED        ${int(s.interdicted!)} of ${int(s.attempts)} = ${pct(s.interdictionRate)}${ci(s.interdictionRateCI95)}`,
    `  assessed as real   ${pct(s.assessedRate!)}${ci(s.assessedRateCI95)}`,
    head,
    `  alarms             ${int(a.total)} (${int(a.real)} real, ${int(a.nuisance)} nuisance) · ${a.perOperatorHour === null ? '–' : a.perOperatorHour.toFixed(1)} per operator-hour · ${int(a.lost)} lost · wait mean ${secs(a.waitS.mean)}, p90 ${secs(a.waitS.p90)}`,
    `  control room       ${s.operators!.count} operators, busy ${pct(s.operators!.utilisation)} · teams ${s.teams!.count}, out ${pct(s.teams!.utilisation)}`,
  ];
}
