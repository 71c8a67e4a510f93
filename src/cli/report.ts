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
  lines.push(`  lost at            never sensed ${int(l.unsensed)} · camera out of service ${int(l.outage)} · sensed, not noticed ${int(l.unnoticed)} · detected too late ${int(l.late)}`);
  if (s.assumptions) {
    const list = (source: string) => s.assumptions!.filter((a) => a.source === source).map((a) => `${a.name} ${a.value}`);
    const assumed = list('default');
    const given = list('config');
    if (assumed.length) lines.push(`  assumed (defaults) ${assumed.join(' · ')}`);
    if (given.length) lines.push(`  from the config    ${given.join(' · ')}`);
  }
  lines.push(`  results            ${outDir}/summary.json, attempts.csv${events ? ', events.jsonl' : ''}`);
  return lines.join('\n') + '\n';
}
