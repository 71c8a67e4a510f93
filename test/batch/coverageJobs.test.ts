/**
 * Coverage reports computed in parts on worker threads (src/batch/coverageJobs.ts): the breach search
 * and slices of the profile, joined in order, give exactly the report of one analyzeCoverage call,
 * on any number of threads.
 */
import { describe, expect, it } from 'vitest';
import { coverageReports } from '../../src/batch/coverageJobs.ts';
import { analyzeCoverage } from '../../src/coverage/coverage.ts';
import { desertConfig, desertScene } from '../optimize/helpers.ts';
import { worldJobFor } from '../../src/world/build.ts';
import { worldFromJob } from '../../src/world/job.ts';

// Two deployments on 6 km of desert with a wadi: towers every 2 km, and every 1.5 km at 25 m.
const jobs = [
  worldJobFor(desertScene, desertConfig),
  worldJobFor(desertScene, { ...desertConfig, towers: { ...desertConfig.towers, spacingM: 1500, offsetM: 750, heightM: 25 } }),
];
const alone = jobs.map((job) => analyzeCoverage(worldFromJob(job)));

describe('coverageReports', () => {
  it('the two deployments differ (the check below compares reports that could differ)', () => {
    expect(alone[1].meanPDetect).not.toBe(alone[0].meanPDetect);
    expect(alone[0].profile.length).toBeGreaterThan(50);
    expect(alone[0].breachPath).not.toBeNull();
  });

  it('in this thread, and on 2 and 3 threads: exactly analyzeCoverage, in job order, each reported done once', async () => {
    for (const workers of [1, 2, 3]) {
      const done: number[] = [];
      const reports = await coverageReports(jobs, workers, undefined, (d) => done.push(d));
      expect(reports).toEqual(alone);
      expect(done).toEqual([1, 2]);
    }
  });

  it('one report on 2 threads, with options (bins, steps, no breach search): the same as analyzeCoverage with them', async () => {
    const opts = { binM: 200, stepM: 10, breach: false };
    const [report] = await coverageReports([jobs[1]], 2, undefined, undefined, opts);
    expect(report).toEqual(analyzeCoverage(worldFromJob(jobs[1]), opts));
    expect(report.breachPath).toBeNull();
  });
});
