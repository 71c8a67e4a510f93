import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// STYLE.md §1: src/core runs unchanged in Node, a Web Worker and a test. This is the lint rule.
const FORBIDDEN: [RegExp, string][] = [
  [/from\s+['"]rxjs/, 'rxjs'],
  [/from\s+['"]three/, 'three'],
  [/from\s+['"](node:|fs['"]|path['"]|os['"]|worker_threads)/, 'Node built-ins'],
  [/\bMath\.random\s*\(/, 'Math.random'],
  [/\bDate\.now\s*\(/, 'Date.now'],
  [/\bnew\s+Date\s*\(/, 'new Date'],
  [/\bperformance\.now\s*\(/, 'performance.now'],
  [/\b(document|window|localStorage|navigator)\./, 'the DOM'],
  [/\bprocess\./, 'process'],
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('src/core stays pure', () => {
  const files = filesUnder('src/core');
  it('has files to check', () => expect(files.length).toBeGreaterThan(5));
  for (const f of files) {
    it(f, () => {
      const text = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      const hits = FORBIDDEN.filter(([re]) => re.test(text)).map(([, what]) => what);
      expect(hits, `${f} uses ${hits.join(', ')}`).toEqual([]);
    });
  }
  it('the rule catches a violation', () => {
    const bad = "import { of } from 'rxjs';\nconst x = Math.random();";
    expect(FORBIDDEN.filter(([re]) => re.test(bad)).length).toBe(2);
  });
});
