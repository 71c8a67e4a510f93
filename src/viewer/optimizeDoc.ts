/**
 * An `optimize.json` (written by `watchline optimize`, docs/outputs.md) as the viewer reads it: the
 * placed and the evenly spaced layouts of the same count, each with its figures and its worst-case
 * breach path, and the scene and config it was computed on. The document is checked field by field
 * before anything is drawn, so a wrong or hand-edited file is refused with the field at fault.
 *
 * Pure (no DOM, no node:*): unit-tested in Node, used by the page.
 */
import { DEFAULT_CONFIG_LABEL, DEFAULT_SCENE_LABEL } from '../config/defaults.ts';
import { InputError } from '../config/errors.ts';
import { parseSource } from '../config/source.ts';

/** Which of the two layouts is drawn. */
export type LayoutName = 'placed' | 'uniform';
export const LAYOUT_NAMES: readonly LayoutName[] = ['placed', 'uniform'];

/** One layout as drawn: its towers and its figures. */
export interface OptimizeLayout {
  /** Tower chainages, km, in order along the line. */
  at: number[];
  /** Each tower's height, m. */
  heightsM: number[];
  breachP: number;
  minP: number;
  meanP: number;
  /** The worst-case breach path on the ground: world x, y (metres), or null when none was searched. */
  breachPath: { pDetect: number; x: Float64Array; y: Float64Array; kmFrom: number; kmTo: number } | null;
  monteCarlo: { attempts: number; detectionRate: number; detectionRateCI95: [number, number] } | null;
}

export interface OptimizeView {
  /** The file's name as opened (for messages and the HUD). */
  name: string;
  /** The scene and config labels as the CLI wrote them (a path, or the built-in default's label). */
  scene: string;
  config: string;
  seed: number;
  frontierKm: number;
  /** The towers' common setback behind the line, m. */
  setbackM: number;
  placed: OptimizeLayout;
  uniform: OptimizeLayout & { spacingM: number };
}

/** Largest number of towers accepted (a 600 km line at 100 m candidates has 6000 slots). */
const MAX_TOWERS = 10_000;
/** Largest number of points on one breach path. */
const MAX_PATH_POINTS = 100_000;

type Obj = Record<string, unknown>;

/** Checks one field after another; the first problem throws InputError naming file and field path. */
class Reader {
  constructor(private readonly file: string) {}

  fail(path: string, message: string, allowed: string, got?: unknown): never {
    throw InputError.of({ file: this.file, path, message, allowed, ...(got !== undefined && { got: shown(got) }) });
  }

  obj(v: unknown, path: string): Obj {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(path, v === undefined ? 'missing' : 'not a mapping', 'a mapping (JSON object)', v);
    return v as Obj;
  }

  num(o: Obj, key: string, path: string, min: number, max: number): number {
    const v = o[key];
    const p = path ? `${path}.${key}` : key;
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(p, v === undefined ? 'missing' : 'not a number', `a number from ${min} to ${max}`, v);
    if (v < min || v > max) this.fail(p, 'out of range', `a number from ${min} to ${max}`, v);
    return v;
  }

  str(o: Obj, key: string, path: string): string {
    const v = o[key];
    if (typeof v !== 'string' || v === '') this.fail(path ? `${path}.${key}` : key, v === undefined ? 'missing' : 'not a text', 'a non-empty text', v);
    return v;
  }

  list(o: Obj, key: string, path: string, max: number): unknown[] {
    const v = o[key];
    const p = path ? `${path}.${key}` : key;
    if (!Array.isArray(v)) this.fail(p, v === undefined ? 'missing' : 'not a list', `a list of at most ${max} items`, v);
    if (v.length > max) this.fail(p, `a list of ${v.length} items`, `a list of at most ${max} items`);
    return v;
  }
}

function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function layoutOf(r: Reader, o: Obj, path: string, frontierKm: number): OptimizeLayout {
  const at0 = `${path ? `${path}.` : ''}at`;
  const ats = r.list(o, 'at', path, MAX_TOWERS);
  if (ats.length === 0) r.fail(at0, 'no towers', 'a list of at least one chainage, km');
  const at = ats.map((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > frontierKm + 1e-6) r.fail(`${at0}.${i}`, 'not a chainage on the line', `a number of km from 0 to the frontier's ${frontierKm}`, v);
    if (i > 0 && v < (ats[i - 1] as number)) r.fail(`${at0}.${i}`, 'the chainages are not in order', 'chainages in increasing order along the line', v);
    return v;
  });
  const towers = r.num(o, 'towers', path, 1, MAX_TOWERS);
  if (towers !== at.length) r.fail(`${path ? `${path}.` : ''}towers`, `the count says ${towers} but at lists ${at.length} towers`, 'the length of at', towers);
  const hs = r.list(o, 'heightsM', path, MAX_TOWERS);
  const hp = `${path ? `${path}.` : ''}heightsM`;
  if (hs.length !== at.length) r.fail(hp, `${hs.length} heights for ${at.length} towers`, 'one height per tower in at');
  const heightsM = hs.map((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 500) r.fail(`${hp}.${i}`, 'not a tower height', 'a number of metres from 0 to 500', v);
    return v;
  });
  const layout: OptimizeLayout = {
    at,
    heightsM,
    breachP: r.num(o, 'breachP', path, 0, 1),
    minP: r.num(o, 'minP', path, 0, 1),
    meanP: r.num(o, 'meanP', path, 0, 1),
    breachPath: null,
    monteCarlo: null,
  };
  const bpPath = `${path ? `${path}.` : ''}breachPath`;
  if (o.breachPath !== null && o.breachPath !== undefined) {
    const b = r.obj(o.breachPath, bpPath);
    const pts = r.list(b, 'points', bpPath, MAX_PATH_POINTS);
    if (pts.length < 2) r.fail(`${bpPath}.points`, `${pts.length} point(s)`, 'at least two points');
    const x = new Float64Array(pts.length);
    const y = new Float64Array(pts.length);
    let kmFrom = Infinity;
    let kmTo = -Infinity;
    pts.forEach((p, i) => {
      const q = r.obj(p, `${bpPath}.points.${i}`);
      const km = r.num(q, 'km', `${bpPath}.points.${i}`, 0, frontierKm + 1e-6);
      kmFrom = Math.min(kmFrom, km);
      kmTo = Math.max(kmTo, km);
      x[i] = r.num(q, 'x', `${bpPath}.points.${i}`, -1e8, 1e8);
      y[i] = r.num(q, 'y', `${bpPath}.points.${i}`, -1e8, 1e8);
    });
    layout.breachPath = { pDetect: r.num(b, 'pDetect', bpPath, 0, 1), x, y, kmFrom, kmTo };
  }
  const mcPath = `${path ? `${path}.` : ''}monteCarlo`;
  if (o.monteCarlo !== null && o.monteCarlo !== undefined) {
    const m = r.obj(o.monteCarlo, mcPath);
    const ci = r.list(m, 'detectionRateCI95', mcPath, 2);
    const lo = ci[0];
    const hi = ci[1];
    if (ci.length !== 2 || typeof lo !== 'number' || typeof hi !== 'number' || !(lo >= 0 && lo <= hi && hi <= 1)) {
      r.fail(`${mcPath}.detectionRateCI95`, 'not an interval', 'two numbers [low, high] with 0 ≤ low ≤ high ≤ 1', m.detectionRateCI95);
    }
    layout.monteCarlo = { attempts: r.num(m, 'attempts', mcPath, 0, 1e12), detectionRate: r.num(m, 'detectionRate', mcPath, 0, 1), detectionRateCI95: [lo, hi] };
  }
  return layout;
}

/**
 * Parses and checks an optimize.json text. Throws InputError (file, field path, what is allowed) on
 * anything the viewer could not draw faithfully.
 */
export function parseOptimizeDoc(text: string, name: string): OptimizeView {
  const root = parseSource(text, name).value;
  const r = new Reader(name);
  const o = r.obj(root, '');
  if (!isOptimizeDoc(o)) r.fail('', 'not an optimize result', 'the optimize.json written by watchline optimize (with at, breachP and uniform)');
  const frontierKm = r.num(o, 'frontierKm', '', 0.001, 1e5);
  const search = r.obj(o.search, 'search');
  const uniformObj = r.obj(o.uniform, 'uniform');
  const placed = layoutOf(r, o, '', frontierKm);
  const uniform = { ...layoutOf(r, uniformObj, 'uniform', frontierKm), spacingM: r.num(uniformObj, 'spacingM', 'uniform', 1, 1e8) };
  if (uniform.at.length !== placed.at.length) r.fail('uniform.at', `${uniform.at.length} towers against the placed layout's ${placed.at.length}`, 'the same number of towers as the placed layout');
  return {
    name,
    scene: r.str(o, 'scene', ''),
    config: r.str(o, 'config', ''),
    seed: r.num(o, 'seed', '', 0, 2 ** 32 - 1),
    frontierKm,
    setbackM: r.num(search, 'setbackM', 'search', 0, 1e5),
    placed,
    uniform,
  };
}

/** Whether a parsed JSON/YAML value looks like an optimize result (rather than a scene or config). */
export function isOptimizeDoc(v: unknown): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const o = v as Obj;
  return 'uniform' in o && 'at' in o && 'breachP' in o;
}

/**
 * The `towers:` block of a layout, as a sim-config writes it (the `at` form of towers.yaml): what the
 * viewer hands the simulation in place of the config's towers.
 */
export function towersBlock(doc: OptimizeView, which: LayoutName): { setbackM: number; heightM: number; at: { km: number; heightM: number }[] } {
  const l = doc[which];
  return { setbackM: doc.setbackM, heightM: l.heightsM[0], at: l.at.map((km, i) => ({ km, heightM: l.heightsM[i] })) };
}

/**
 * The scene and config an optimize result was computed on, as the page's `scene` and `config`
 * parameters: the built-in default's label becomes null. (The page then checks that the paths name
 * served files.)
 */
export function scenarioOfDoc(doc: OptimizeView): { scene: string | null; config: string | null } {
  return { scene: doc.scene === DEFAULT_SCENE_LABEL ? null : doc.scene, config: doc.config === DEFAULT_CONFIG_LABEL ? null : doc.config };
}
