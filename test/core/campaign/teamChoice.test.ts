import { describe, expect, it } from 'vitest';
import { interceptS } from '../../../src/core/campaign/intercept.ts';
import { TeamChooser } from '../../../src/core/campaign/teamChoice.ts';
import type { AttemptTrack } from '../../../src/core/campaign/track.ts';
import { trackPositionAt } from '../../../src/core/campaign/track.ts';
import { StreamCursor } from '../../../src/core/rng.ts';
import { randomTracks, walker } from './helpers.ts';

/** What asking every free team gives: the first meeting, then the nearest now, then the lowest index. */
function bySearch(bases: { x: number; y: number }[], track: AttemptTrack, t: number, readyS: number, speed: number, free: Uint8Array) {
  const at = trackPositionAt(track, t, { x: 0, y: 0 });
  const ranked = bases
    .map((b, k) => ({ k, meet: interceptS(track, b.x, b.y, readyS, speed), dist: Math.hypot(b.x - at.x, b.y - at.y) }))
    .filter((r) => free[r.k])
    .sort((p, q) => (p.meet === q.meet ? 0 : p.meet < q.meet ? -1 : 1) || p.dist - q.dist || p.k - q.k);
  return ranked[0];
}

describe('TeamChooser', () => {
  it('sends the free team a search of every free team would, with its meeting time', () => {
    // 15 teams scattered over 50 km, some of them out; intruders on random tracks, dispatched at a
    // random moment of their crossing.
    const u = new StreamCursor(6, 3);
    const bases = Array.from({ length: 15 }, () => ({ x: u.next() * 50_000, y: u.next() * 50_000 }));
    const chooser = new TeamChooser(bases, 12);
    let met = 0;
    for (const track of randomTracks(400, 6)) {
      const free = Uint8Array.from(bases, () => (u.next() < 0.7 ? 1 : 0));
      free[Math.floor(u.next() * bases.length)] = 1;
      const t = track.startS + u.next() * track.tThroughS;
      const want = bySearch(bases, track, t, t + 120, 12, free);
      expect(chooser.choose(track, t, t + 120, free)).toBe(want.k);
      expect(chooser.arrivalS).toBe(want.meet);
      if (want.meet < Infinity) met++;
    }
    expect(met).toBeGreaterThan(100);
  });

  it('breaks a tie of meetings by the distance now, then by the lower index', () => {
    // A walker along +y through the origin, on the line at 1000 s; bases mirrored about its path meet it
    // at the same instant and stand as far from it.
    const track = walker(1, 0, 1, 1000, 1300);
    const free = new Uint8Array(3).fill(1);
    const mirrored = new TeamChooser([{ x: 0, y: -5000 }, { x: 600, y: -300 }, { x: -600, y: -300 }], 10);
    expect(mirrored.choose(track, 1000, 1100, free)).toBe(1);
    expect(mirrored.arrivalS).toBe(interceptS(track, -600, -300, 1100, 10));
    // An intruder faster than every team (12 m/s against 10): no one meets it, so the team nearest it
    // at dispatch goes (and misses).
    const runner = walker(2, 0, 12, 12_000, 2000);
    const chooser = new TeamChooser([{ x: 0, y: -9000 }, { x: 3000, y: 500 }, { x: 0, y: -2000 }], 10);
    expect(chooser.choose(runner, 1000, 1100, free)).toBe(2); // the runner is at y = 0 then: 2 km away
    expect(chooser.arrivalS).toBe(Infinity);
  });
});
