/**
 * The purity rule as a test: modules that run unchanged in Node, a Web Worker and a
 * test use no I/O, no clock, no global randomness, no DOM and none of the shells' libraries.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

export type Rule = [RegExp, string];

export const PURITY_RULES: Rule[] = [
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

/** The rules a text breaks, comments aside. */
export function violations(text: string, rules: Rule[] = PURITY_RULES): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  return rules.filter(([re]) => re.test(code)).map(([, what]) => what);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** One test per .ts file under `dir`: it breaks none of the purity rules and none of `extra`. */
export function describePure(dir: string, minFiles: number, extra: Rule[] = []): void {
  const rules = [...PURITY_RULES, ...extra];
  describe(`${dir} stays pure`, () => {
    const files = filesUnder(dir);
    it('has files to check', () => expect(files.length).toBeGreaterThan(minFiles));
    for (const f of files) {
      it(f, () => {
        const hits = violations(readFileSync(f, 'utf8'), rules);
        expect(hits, `${f} uses ${hits.join(', ')}`).toEqual([]);
      });
    }
  });
}
