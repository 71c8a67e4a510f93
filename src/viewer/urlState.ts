/**
 * The page's URL: `?scene=…&config=…&seed=…&set=key=value&set=…` (README: Commands), plus the view's
 * `speed` and `paused`, and an optimize result's `optimize=` path and `layout=placed|uniform`. Read on
 * load, rewritten (history.replaceState) whenever the scenario or the
 * speed changes, so a copied link reopens the same run.
 */

export interface ViewerParams {
  /** Scene file path relative to the served root (e.g. `scenes/desert-50km.yaml`); null = the config's or the default. */
  scene: string | null;
  config: string | null;
  seed: number | null;
  /** `key=value` overrides in order; a later one for the same key wins. */
  sets: string[];
  /** Simulated seconds per second. */
  speed: number | null;
  paused: boolean;
  /** An optimize.json to show (path relative to the served root); absent = none. */
  optimize?: string | null;
  /** Which of its layouts is drawn; absent = the placed one. */
  layout?: 'placed' | 'uniform' | null;
}

export const EMPTY_PARAMS: ViewerParams = Object.freeze({ scene: null, config: null, seed: null, sets: [], speed: null, paused: false }) as ViewerParams;

function num(v: string | null): number | null {
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

export function parseParams(search: string): ViewerParams {
  const q = new URLSearchParams(search);
  return {
    scene: q.get('scene') || null,
    config: q.get('config') || null,
    seed: num(q.get('seed')),
    sets: q.getAll('set').filter((s) => s !== ''),
    speed: num(q.get('speed')),
    paused: q.get('paused') === '1' || q.get('paused') === 'true',
    // Only when given, so a plain scenario's parameters stay as they were.
    ...(q.get('optimize') && { optimize: q.get('optimize') }),
    ...(q.get('layout') === 'uniform' || q.get('layout') === 'placed' ? { layout: q.get('layout') as 'placed' | 'uniform' } : {}),
  };
}

/** Percent-encoding that leaves path and override punctuation readable: / = : , [ ] are kept. */
function enc(s: string): string {
  return encodeURIComponent(s).replace(/%2F/gi, '/').replace(/%3D/gi, '=').replace(/%3A/gi, ':').replace(/%2C/gi, ',').replace(/%5B/gi, '[').replace(/%5D/gi, ']');
}

export function formatParams(p: ViewerParams): string {
  const parts: string[] = [];
  if (p.scene) parts.push(`scene=${enc(p.scene)}`);
  if (p.config) parts.push(`config=${enc(p.config)}`);
  if (p.seed !== null) parts.push(`seed=${p.seed}`);
  for (const s of p.sets) parts.push(`set=${enc(s)}`);
  if (p.speed !== null) parts.push(`speed=${p.speed}`);
  if (p.paused) parts.push('paused=1');
  if (p.optimize) parts.push(`optimize=${enc(p.optimize)}`);
  if (p.layout) parts.push(`layout=${p.layout}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** The key of a `key=value` override. */
export function overrideKey(set: string): string {
  const eq = set.indexOf('=');
  return (eq < 0 ? set : set.slice(0, eq)).trim();
}

/** The overrides with `key` set to `value` (replacing any earlier setting of that key), or removed when value is null. */
export function withOverride(sets: readonly string[], key: string, value: string | number | null): string[] {
  const out = sets.filter((s) => overrideKey(s) !== key);
  if (value !== null) out.push(`${key}=${value}`);
  return out;
}

/** The value of the last override of `key`, as typed, or null. */
export function overrideValue(sets: readonly string[], key: string): string | null {
  for (let i = sets.length - 1; i >= 0; i--) if (overrideKey(sets[i]) === key) return sets[i].slice(sets[i].indexOf('=') + 1).trim();
  return null;
}

/** The overrides sent to the simulation: the URL's, then its seed as `run.seed` (the seed wins). */
export function effectiveSets(p: ViewerParams): string[] {
  return p.seed !== null ? withOverride(p.sets, 'run.seed', p.seed) : [...p.sets];
}
