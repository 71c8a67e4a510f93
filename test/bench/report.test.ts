import { describe, expect, it } from 'vitest';
import { PERF_DOC, PERF_END, PERF_START, goalRows, performanceMarkdown, withPerformanceSection } from '../../bench/report.ts';
import type { ReportDoc } from '../../bench/report.ts';
import type { BenchSection } from '../../bench/types.ts';

const meta = { watchline: '0.1.0', node: 'v20.20.2', cpu: 'Test CPU', cores: 2, loadAverage: [0.5, 0.4, 0.3], quick: false, startedAt: '2026-11-28T05:00:00.000Z' };

function doc(over: Record<string, unknown> = {}): ReportDoc {
  return {
    meta,
    los: {
      gentle: { ratioVsBvh: 9.5, ratioVsRaycaster: 380000, agreement: 1 },
      rough: { ratioVsBvh: 8.6, ratioVsRaycaster: 90000, agreement: 0.99999 },
    },
    montecarlo: { naiveRatio: 32, workerSpeedup: 1.66, goals: { wallSFor100k: 10.7 }, subset: { medianRoundRatio: 25.4, exactAgreement: 1 } },
    scaling: {
      frontier: { ratio1200to600: 1.9, ratio600to300: 1.8, runRatio1200to600: 2.04 },
      attempts: { points: [{ attempts: 1e4 }, { attempts: 1e5 }, { attempts: 1e6 }], perAttemptRatio: 0.6, peakRssRatio: 1.1 },
    },
    memory: { runs: [{ attempts: 1e5, peakRssMb: 208 }, { attempts: 1e6, peakRssMb: 253 }], outputGrowth: 10 },
    stepsize: { recommendedStepS: 2 },
    ...over,
  };
}

describe('performance report', () => {
  it('lists each goal with its measured figure and whether it was met', () => {
    const rows = goalRows(doc());
    expect(rows.map((r) => r.met)).toEqual(['yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes']);
    expect(rows[0].measured).toContain('×9.5 gentle, ×8.6 rough');
    // The lower of the two agreements is the one reported.
    expect(rows[0].measured).toContain('agreement ≥ 99.999 %');
    expect(rows[1].measured).toMatch(/^×32\.0 /);
    expect(rows[2].measured).toMatch(/^10\.7 s \(2 workers vs 1: ×1\.66/);
    expect(rows[3].measured).toBe('1.90 (600/300: 1.80; the run alone, without building the ground: 2.04)');
    expect(rows[4].goal).toContain('1e4, 1e5, 1e6');
    // 253 / 208 = 1.216
    expect(rows[5]).toEqual({ goal: 'peak memory flat with events written (1e5 → 1e6 attempts)', measured: 'peak RSS 208 → 253 MB (×1.22) while the output grew 10×', met: 'yes' });
  });

  it('marks a goal missed on either side of its threshold', () => {
    const d = doc({
      los: { gentle: { ratioVsBvh: 4.2, ratioVsRaycaster: 1, agreement: 1 }, rough: { ratioVsBvh: 3.99, ratioVsRaycaster: 1, agreement: 1 } },
      montecarlo: { naiveRatio: 19.9, workerSpeedup: 1, goals: { wallSFor100k: 30.1 }, subset: { medianRoundRatio: 1, exactAgreement: 1 } },
      scaling: { frontier: { ratio1200to600: 2.21, ratio600to300: 2 }, attempts: { points: [], perAttemptRatio: 1, peakRssRatio: 1 } },
      memory: { runs: [{ attempts: 1e5, peakRssMb: 200 }, { attempts: 1e6, peakRssMb: 262 }], outputGrowth: 10 },
      stepsize: { recommendedStepS: 1 },
    });
    const met = goalRows(d).map((r) => r.met);
    expect(met).toEqual(['**no**', '**no**', '**no**', '**no**', 'yes', '**no**', '**no**']);
  });

  it('states the start-up goal of issue 17 (≤ 2 × node -e 0) with the figures before and after', () => {
    const startup = (compiledVsNode: number) => ({
      version: { compiledVsNode, tsxVsNode: 10.2 },
      worker: { compiledMs: 95.3, tsxMs: 702.1 },
      sweep: { compiled: { speedup2over1: 1.71 }, tsx: { speedup2over1: 1.28 } },
    });
    const rows = goalRows({ meta, startup: startup(1.6) });
    expect(rows).toEqual([
      {
        goal: 'start-up (issue 17): `watchline --version` ≤ 2 × `node -e 0`',
        measured: '×1.60 compiled (through tsx before: ×10.20); a worker thread starts in 95.3 ms (tsx: 702.1 ms); sweep 2 workers vs 1: ×1.71 (tsx: ×1.28)',
        met: 'yes',
      },
    ]);
    expect(goalRows({ meta, startup: startup(2) })[0].met).toBe('yes');
    expect(goalRows({ meta, startup: startup(2.01) })[0].met).toBe('**no**');
  });

  it('states the campaign goal of issue 13 (event pass < 10 % of the sensor pass), first run and warm', () => {
    const campaign = (share: number) => ({
      attempts: 252,
      alarms: { total: 62635, nuisance: 62414 },
      eventPassCpuS: 0.126,
      passShareOfSensor: share,
      steady: { passShareOfSensor: 1.103 },
      tenfoldAttempts: { passShareOfSensor: 0.341, steady: { passShareOfSensor: 0.153 } },
      run: { wallS: 5.2, peakRssMb: 418 },
    });
    const rows = goalRows({ meta, campaign: campaign(0.627) });
    expect(rows).toHaveLength(1);
    // 0.126 s of a 5.2 s run = 2.4 %.
    expect(rows[0].measured).toBe(
      '63 % on its first run, 110 % warm (252 attempts, 62414 nuisance alarms); ten times the attempts: 34 % / 15 %; 2.4 % of the whole `watchline run` (5.2 s)',
    );
    expect(rows[0].met).toBe('**no**');
    expect(goalRows({ meta, campaign: campaign(0.099) })[0].met).toBe('yes');
    expect(goalRows({ meta, campaign: campaign(0.1) })[0].met).toBe('**no**');
  });

  it('states the placement goal of issue 14 (incremental ≥ 50 × full)', () => {
    const optimize = (incrementalVsFull: number) => ({ incrementalVsFull, incrementalMs: 3.1, fullMs: 155.2, windowsPerMove: 7.96, windows: 300, product: { wallS: 384 } });
    const rows = goalRows({ meta, optimize: optimize(50) });
    expect(rows).toHaveLength(1);
    // 384 s = 6.4 min.
    expect(rows[0].measured).toBe('×50.0 (3.10 ms against 155.2 ms; 8.0 of 300 windows per move); `watchline optimize --towers 300` on that frontier: 6.4 min on 2 workers');
    expect(rows[0].met).toBe('yes');
    expect(goalRows({ meta, optimize: optimize(49.9) })[0].met).toBe('**no**');
  });

  it('leaves out the goals of sections the report lacks', () => {
    const rows = goalRows({ meta, stepsize: { recommendedStepS: 5 } });
    expect(rows).toHaveLength(1);
    expect(rows[0].measured).toContain('recommended 5 s');
  });

  it('calls the step-size goal met only when the recommended step is the shipped default (2 s)', () => {
    const row = (recommendedStepS: number) => goalRows({ meta, stepsize: { recommendedStepS } })[0];
    expect(row(2)).toMatchObject({ met: 'yes', measured: 'recommended 2 s; the shipped default is 2 s' });
    // A larger step within noise is not adopted: the goal as worded is not met, and the row says why.
    expect(row(5).met).toBe('no: 2 s kept');
    expect(row(5).measured).toContain('kept finer on purpose');
    // A default outside noise would be a failure.
    expect(row(1).met).toBe('**no**');
  });

  it('writes provenance, the table and each section’s own text in run order', () => {
    const sections: BenchSection[] = [
      { name: 'los', description: '', run: async () => ({}), format: () => 'LOS TEXT' },
      { name: 'viewer', description: '', run: async () => ({}) },
      { name: 'stepsize', description: '', run: async () => ({}), format: (r) => `step ${String(r.recommendedStepS)}` },
    ];
    const md = performanceMarkdown(doc(), sections);
    expect(md).toContain('on 2026-11-28: Watchline 0.1.0, Node v20.20.2, 2 cores (Test CPU), load average 0.5 / 0.4 / 0.3');
    expect(md).toContain('| goal | measured | met |');
    // viewer was not in the report: no block for it.
    expect(md).toContain('```text\n== los ==\nLOS TEXT\n\n== stepsize ==\nstep 2\n```');
    expect(md).not.toContain('== viewer ==');
  });

  it('replaces only the text between the markers', () => {
    const readme = `# T\n\nintro\n${PERF_START}\nold figures\n${PERF_END}\n\n## Next\n`;
    const out = withPerformanceSection(readme, 'new figures');
    expect(out).toBe(`# T\n\nintro\n${PERF_START}\nnew figures\n${PERF_END}\n\n## Next\n`);
    // Idempotent: writing the same body again changes nothing.
    expect(withPerformanceSection(out, 'new figures')).toBe(out);
    expect(() => withPerformanceSection('# no markers\n', 'x')).toThrow(/no .* block/);
  });
});

describe('the measured block of docs/performance.md', () => {
  it('is exactly what the committed report (docs/bench-report.json) renders to', async () => {
    const { readFileSync } = await import('node:fs');
    const { sections } = await import('../../bench/sections.ts');
    const root = new URL('../../', import.meta.url);
    expect(PERF_DOC).toBe('docs/performance.md');
    const page = readFileSync(new URL(PERF_DOC, root), 'utf8');
    const doc = JSON.parse(readFileSync(new URL('docs/bench-report.json', root), 'utf8')) as ReportDoc;
    const body = performanceMarkdown(doc, sections);
    expect(withPerformanceSection(page, body)).toBe(page);
    // A full run: every section present, not a quick one.
    expect(doc.meta.quick).toBe(false);
    expect(sections.every((s) => doc[s.name] !== undefined)).toBe(true);
  });

  it('lives in docs/performance.md only: the README points there and holds no copy', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).not.toContain(PERF_START);
    expect(readme).toContain('(docs/performance.md)');
  });
});
