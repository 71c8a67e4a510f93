import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { perFrame } from '../../src/viewer/frameSync.ts';

describe('perFrame', () => {
  it('gathers every tick that arrived since the last frame, drops none, skips empty frames', () => {
    const ts = new TestScheduler((a, b) => expect(a).toEqual(b));
    ts.run(({ cold, expectObservable }) => {
      // In virtual time a "frame" is one time unit: ticks arriving in the same unit (grouped in
      // parentheses) are handed over together once that unit's work is done.
      const ticks = cold('(ab)-c---(de|)');
      expectObservable(ticks.pipe(perFrame(ts))).toBe('x----y---(z|)', { x: ['a', 'b'], y: ['c'], z: ['d', 'e'] });
    });
  });
});
