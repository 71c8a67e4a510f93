import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// src/coverage is pure like src/core (STYLE.md §1): the viewer's workers can run it unchanged.
const FORBIDDEN: [RegExp, string][] = [
  [/from\s+['"]rxjs/, 'rxjs'],
  [/from\s+['"]three/, 'three'],
  [/from\s+['"](node:|fs['"]|path['"]|os['"]|worker_threads)/, 'Node built-ins'],
  [/\bMath\.random\s*\(/, 'Math.random'],
  [/\bDate\.now\s*\(/, 'Date.now'],
  [/\bperformance\.now\s*\(/, 'performance.now'],
  [/\bprocess\./, 'process'],
  [/from\s+['"]\.\.\/(batch|cli|config)\//, 'the batch, CLI or config layers'],
];

describe('src/coverage stays pure', () => {
  const files = readdirSync('src/coverage').filter((f) => f.endsWith('.ts'));
  it('has files to check', () => expect(files.length).toBeGreaterThan(4));
  for (const f of files) {
    it(f, () => {
      const text = readFileSync(join('src/coverage', f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(FORBIDDEN.filter(([re]) => re.test(text)).map(([, w]) => w)).toEqual([]);
    });
  }
});
