import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultWorkers as fromPool } from '../../src/batch/pool.ts';
import { defaultWorkers } from '../../src/batch/workerCount.ts';

describe('defaultWorkers', () => {
  it('is one worker per core the process may use, also as the pool exports it', () => {
    expect(defaultWorkers()).toBe(Math.max(1, availableParallelism()));
    expect(fromPool).toBe(defaultWorkers);
  });
});
