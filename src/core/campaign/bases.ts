/**
 * Where response teams wait (docs/model.md §8): by default one team per 20 km of border (an
 * assumption), the border cut into equal sectors, one per team, each team at the tower nearest the
 * middle of its sector (a tower has a road and a hard stand); on the line itself where there are no
 * towers.
 */

/** Border length per team of the default count, metres. */
export const DEFAULT_SECTOR_M = 20_000;

/** The default number of teams for a border of `lengthM`: one per 20 km, at least one. */
export function defaultTeamCount(lengthM: number): number {
  return Math.max(1, Math.ceil(lengthM / DEFAULT_SECTOR_M - 1e-9));
}

/**
 * Bases of `count` teams: sector i spans chainages [i, i + 1]·lengthM / count; its team waits at the
 * tower nearest the point `pointAt(middle)` of the line (the lower tower index on a tie).
 */
export function teamBases(
  count: number,
  lengthM: number,
  pointAt: (chainageM: number) => { x: number; y: number },
  towerX: ArrayLike<number>,
  towerY: ArrayLike<number>,
): { x: number; y: number }[] {
  const bases: { x: number; y: number }[] = [];
  for (let i = 0; i < count; i++) {
    const p = pointAt(((i + 0.5) * lengthM) / count);
    let best = -1;
    let bestD = Infinity;
    for (let k = 0; k < towerX.length; k++) {
      const d = Math.hypot(towerX[k] - p.x, towerY[k] - p.y);
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    bases.push(best >= 0 ? { x: towerX[best], y: towerY[best] } : { x: p.x, y: p.y });
  }
  return bases;
}
