import { describe, expect, it } from 'vitest';
import { defaultTeamCount, teamBases } from '../../../src/core/campaign/bases.ts';

describe('team bases', () => {
  it('one team per 20 km, at least one', () => {
    expect(defaultTeamCount(60_000)).toBe(3);
    expect(defaultTeamCount(61_000)).toBe(4);
    expect(defaultTeamCount(5_000)).toBe(1);
    expect(defaultTeamCount(600_000)).toBe(30);
  });

  it('waits at the tower nearest the middle of each sector, or on the line without towers', () => {
    // A straight 60 km line along x; towers every 4 km from 3 km, 50 m behind: sector middles at
    // 10, 30, 50 km; nearest towers at 11, 31, 51 km (1 km away; the ones at 7, 27, 47 km are 3 km).
    const towerX = Array.from({ length: 15 }, (_, i) => 3000 + 4000 * i);
    const towerY = towerX.map(() => 50);
    const line = (m: number) => ({ x: m, y: 0 });
    expect(teamBases(3, 60_000, line, towerX, towerY)).toEqual([{ x: 11_000, y: 50 }, { x: 31_000, y: 50 }, { x: 51_000, y: 50 }]);
    expect(teamBases(2, 60_000, line, [], [])).toEqual([{ x: 15_000, y: 0 }, { x: 45_000, y: 0 }]);
  });
});
