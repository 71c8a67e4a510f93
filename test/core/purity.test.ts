import { describe, expect, it } from 'vitest';
import { describePure, violations } from '../purity.ts';

// src/core runs unchanged in Node, a Web Worker and a test. This is the lint rule.
describePure('src/core', 5);

describe('the purity rule', () => {
  it('catches a violation and ignores one in a comment', () => {
    expect(violations("import { of } from 'rxjs';\nconst x = Math.random();")).toEqual(['rxjs', 'Math.random']);
    expect(violations('// Date.now() would break determinism\nconst y = 1;')).toEqual([]);
  });
});
