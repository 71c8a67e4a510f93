/**
 * The breach search's min-heap (src/coverage/minHeap.ts): pops in key order, ties by node id.
 */
import { describe, expect, it } from 'vitest';
import { MinHeap } from '../../src/coverage/minHeap.ts';

describe('MinHeap', () => {
  it('pops every entry in ascending key order, equal keys by ascending node, and grows past its capacity', () => {
    const entries: [number, number][] = [];
    for (let i = 0; i < 200; i++) entries.push([(i * 37) % 11, (i * 53) % 200]);
    const heap = new MinHeap(4);
    for (const [k, n] of entries) heap.push(k, n);
    expect(heap.size).toBe(200);
    const popped: [number, number][] = [];
    while (heap.size > 0) {
      const n = heap.pop();
      popped.push([heap.lastKey, n]);
    }
    const expected = [...entries].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(popped).toEqual(expected);
  });
  it('keeps stale duplicates: a node pushed twice comes out twice, the smaller key first', () => {
    const heap = new MinHeap(16);
    heap.push(5, 1);
    heap.push(2, 1);
    heap.push(3, 0);
    expect([heap.pop(), heap.lastKey]).toEqual([1, 2]);
    expect([heap.pop(), heap.lastKey]).toEqual([0, 3]);
    expect([heap.pop(), heap.lastKey]).toEqual([1, 5]);
  });
});
