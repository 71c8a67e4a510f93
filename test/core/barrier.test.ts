import { describe, expect, it } from 'vitest';
import { barrierBlocks, createBarrier, isInGap } from '../../src/core/barrier.ts';
import { straightBorder } from '../../src/core/border.ts';
import { flatHeightfield } from '../../src/core/terrain/heightfield.ts';

// A straight 2 km border along +x; home side is y > 0. Wall 3 m high, 3 m wide, one gap at 1.5–1.6 km.
const border = straightBorder(2000);
const barrier = createBarrier({ heightM: 3, widthM: 3, gaps: [{ fromKm: 1.5, toKm: 1.6 }] });
const ground = flatHeightfield(-100, -3000, 2100, 3000);
const hidden = (camX: number, camY: number, camZ: number, tx: number, ty: number, tz: number) =>
  barrierBlocks(barrier, border, ground, camX, camY, camZ, tx, ty, tz, 0, 0);

/**
 * First visible distance beyond the far face for a tower of height H set back b from the line and a
 * target of height h, by similar triangles at the far face (y = −1.5): the sight line must pass over
 * 3 m there: H − (H − h)·(b + 1.5)/(b + 1.5 + x) = 3 ⇒ x = (b + 1.5)·(H − h)/(H − 3) − (b + 1.5).
 */
const deadZoneM = (H: number, b: number, h: number) => ((b + 1.5) * (H - h)) / (H - 3) - (b + 1.5);

describe('barrier', () => {
  it('knows its gaps', () => {
    expect(isInGap(barrier, 1550)).toBe(true);
    expect(isInGap(barrier, 1400)).toBe(false);
  });
  it('a 15 m tower 50 m back: a 1.8 m person closer than 5.15 m to the far face is hidden (docs/model.md §2)', () => {
    const x = deadZoneM(15, 50, 1.8);
    expect(x).toBeCloseTo(5.15, 2);
    expect(hidden(500, 50, 15, 500, -1.5 - (x - 0.05), 1.8)).toBe(true);
    expect(hidden(500, 50, 15, 500, -1.5 - (x + 0.05), 1.8)).toBe(false);
    expect(hidden(500, 50, 15, 500, -1.5 - 1, 1.8)).toBe(true);
  });
  it('the dead zone shrinks to under a body width for a 100 m tower', () => {
    const x = deadZoneM(100, 50, 1.8);
    expect(x).toBeLessThan(0.7);
    expect(hidden(500, 50, 100, 500, -1.5 - (x + 0.05), 1.8)).toBe(false);
    expect(hidden(500, 50, 100, 500, -1.5 - (x - 0.05), 1.8)).toBe(true);
  });
  it('a crawler (0.5 m) has a deeper dead zone than a walker', () => {
    expect(deadZoneM(15, 50, 0.5)).toBeGreaterThan(deadZoneM(15, 50, 1.8));
    expect(hidden(500, 50, 15, 500, -1.5 - 6, 0.5)).toBe(true);
    expect(hidden(500, 50, 15, 500, -1.5 - 6, 1.8)).toBe(false);
  });
  it('does not occlude through a gap', () => {
    expect(hidden(1550, 50, 15, 1550, -2.5, 1.8)).toBe(false);
  });
  it('does not occlude sight lines that stay on the home side', () => {
    expect(hidden(500, 50, 15, 900, 10, 0.5)).toBe(false);
  });
  it('oblique sight lines: a straight wall hides the same depth (heights scale with the offset, not the angle)', () => {
    const x = deadZoneM(15, 50, 1.8);
    expect(hidden(500, 50, 15, 800, -1.5 - (x - 0.05), 1.8)).toBe(true);
    expect(hidden(500, 50, 15, 800, -1.5 - (x + 0.05), 1.8)).toBe(false);
  });
  it('a person crouching on the crest is visible from the tower', () => {
    expect(hidden(500, 50, 15, 500, 0, 3 + 0.9)).toBe(false);
  });
});
