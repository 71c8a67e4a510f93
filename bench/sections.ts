/**
 * The registry of benchmark sections, in the order `npm run bench` runs them.
 *
 * To add a section: write bench/<name>.ts exporting a `BenchSection` (bench/types.ts) and append it
 * here. Its `name` becomes its key in `npm run bench -- --json` and what `--only` selects.
 */
import type { BenchSection } from './types.ts';
import { losSection } from './los.ts';
import { sweepSection } from './sweep.ts';
import { viewerSection } from './viewer.ts';
import { montecarloSection } from './montecarlo.ts';
import { scalingSection } from './scaling.ts';
import { stepsizeSection } from './stepsize.ts';
import { memorySection } from './memory.ts';
import { startupSection } from './startup.ts';
import { campaignSection } from './campaign.ts';
import { optimizeSection } from './optimize.ts';

export const sections: BenchSection[] = [
  losSection,
  sweepSection,
  viewerSection,
  montecarloSection,
  scalingSection,
  stepsizeSection,
  memorySection,
  startupSection,
  campaignSection,
  optimizeSection,
];
