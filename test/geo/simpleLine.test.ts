import { describe, expect, it } from 'vitest';
import { lineDefect } from '../../src/geo/simpleLine.ts';

const line = (...p: number[]) => Float64Array.from(p);

describe('lineDefect: the simple-line rule for border lines read from files', () => {
  it('accepts a straight line, a zigzag and a closed ring', () => {
    expect(lineDefect(line(0, 0, 1000, 0))).toBeNull();
    expect(lineDefect(line(0, 0, 1000, 500, 2000, 0, 3000, 500))).toBeNull();
    expect(lineDefect(line(0, 0, 1000, 0, 1000, 1000, 0, 1000, 0, 0))).toBeNull();
  });

  it('refuses a bow-tie: segment 0 (0,0)→(1000,1000) and segment 2 (1000,0)→(0,1000) cross at (500, 500)', () => {
    const d = lineDefect(line(0, 0, 1000, 1000, 1000, 0, 0, 1000));
    expect(d).toMatchObject({ kind: 'crossing', a: 0, b: 2 });
    if (d?.kind === 'crossing') {
      expect(d.x).toBeCloseTo(500, 9);
      expect(d.y).toBeCloseTo(500, 9);
    }
  });

  it('refuses a line that retraces itself: out 9 km and back 4 km turns 180° at vertex 1', () => {
    expect(lineDefect(line(0, 0, 9000, 0, 5000, 0))).toMatchObject({ kind: 'reversal', vertex: 1 });
  });

  it('refuses a line that touches itself at a vertex (a loop closed mid-line)', () => {
    // (0,0)→(2000,0)→(2000,1000)→(1000,0)→(1000,-1000): vertex 3 lies on segment 0.
    expect(lineDefect(line(0, 0, 2000, 0, 2000, 1000, 1000, 0, 1000, -1000))).toMatchObject({ kind: 'crossing', a: 0 });
  });

  it('finds the one crossing of a long line in linear-ish time (a 20,000-vertex zigzag that meets its start)', () => {
    const p: number[] = [];
    for (let i = 0; i < 20_000; i++) p.push(i * 10, i % 2 ? 5 : 0);
    // A last segment back across the first one.
    p.push(5, -5);
    expect(lineDefect(Float64Array.from(p))).toMatchObject({ kind: 'crossing', b: 19_999 });
    p.length -= 2;
    expect(lineDefect(Float64Array.from(p))).toBeNull();
  });
});
