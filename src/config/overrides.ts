/**
 * `--set key=value` overrides and sweep points: a dotted path into the raw (not yet validated) scene or
 * config value. They apply before validation, so a bad value is reported exactly like a bad file value.
 *
 * Paths: `towers.spacingM`, `cameras.0.preset` (list index), `scene.environment.visibility` (the
 * `scene.` prefix addresses the scene; the bare key `scene` is the config's scene-file field). A key
 * that itself contains dots, such as a sweep axis `sweep.towers.spacingM`, is matched whole when
 * it exists; everything under `sweep.` is one key.
 */
import { parse as parseYaml } from 'yaml';
import { InputError, describeValue, isInputError } from './errors.ts';
import { checkShape } from './source.ts';

/**
 * Path segments that would reach an object's prototype instead of a field (`--set __proto__.x=1`
 * would otherwise change every object in the process). No scene or config field has these names.
 */
const RESERVED_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

/** The first segment of a dotted path that names a prototype rather than a field, if any. */
export function reservedSegment(path: string): string | undefined {
  return path.split('.').find((seg) => RESERVED_KEYS.has(seg.trim()));
}

/** Sets an own, enumerable property (never the prototype, even for the key `__proto__`). */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function getOwn(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export type OverrideTarget = 'scene' | 'config';

/** One parsed override. */
export interface Override {
  readonly target: OverrideTarget;
  /** Dotted path inside the target, without the `scene.` prefix. */
  readonly path: string;
  readonly value: unknown;
  /** As the user typed it (`towers.spacingM=1500`), for error reports. */
  readonly text: string;
}

/** Parses `key=value`; the value is read as YAML (so `7` is a number, `[1, 2]` a list, `.nan` NaN). */
export function parseSet(text: string): Override {
  const eq = text.indexOf('=');
  const key = eq < 0 ? text : text.slice(0, eq).trim();
  const shown = text.length > 120 ? `${text.slice(0, 117)}...` : text;
  const bad = (message: string, allowed: string) => InputError.of({ file: `--set ${shown}`, path: key.length > 120 ? `${key.slice(0, 117)}...` : key, message, allowed, got: JSON.stringify(shown) });
  if (eq < 0) throw bad('expected key=value', 'a dotted field path, "=", and a value, e.g. --set towers.spacingM=1500');
  if (key === '' || key.split('.').some((s) => s.trim() === '')) {
    throw bad('the field path is empty or has an empty part', 'a dotted field path such as towers.spacingM or scene.environment.visibility');
  }
  const reserved = reservedSegment(key);
  if (reserved !== undefined) throw bad(`"${reserved}" is not a field`, 'a dotted field path such as towers.spacingM or scene.environment.visibility');
  let value: unknown;
  try {
    checkShape(text.slice(eq + 1), `--set ${shown}`);
    value = parseYaml(text.slice(eq + 1), { schema: 'core', maxAliasCount: 0, strict: true, uniqueKeys: true, logLevel: 'error' });
  } catch (e) {
    if (isInputError(e)) throw e;
    throw bad(`cannot read the value as YAML: ${(e as Error).message.split('\n')[0]}`, 'a YAML scalar (1500, haze, true) or a flow list/mapping ([1000, 2000])');
  }
  const target: OverrideTarget = key.startsWith('scene.') ? 'scene' : 'config';
  return Object.freeze({ target, path: target === 'scene' ? key.slice('scene.'.length) : key, value, text });
}

/** Builds an override from a path and an already-typed value (sweep points). */
export function makeOverride(key: string, value: unknown): Override {
  const target: OverrideTarget = key.startsWith('scene.') ? 'scene' : 'config';
  let shown: string;
  try {
    shown = JSON.stringify(value) ?? String(value);
  } catch {
    shown = String(value);
  }
  return Object.freeze({ target, path: target === 'scene' ? key.slice('scene.'.length) : key, value, text: `${key}=${shown}` });
}

/**
 * Sets `path` in the plain object `root` (mutating it; pass a copy), creating missing mappings on
 * the way. Returns the segments actually used (dotted keys may have been matched whole), or throws
 * InputError when the path runs through a scalar or a list index out of range.
 */
export function applyOverride(root: Record<string, unknown>, o: Override, file: string): string[] {
  const segs = o.path.split('.');
  const used: string[] = [];
  let cur: unknown = root;
  let i = 0;
  const fail = (message: string, allowed: string, got?: unknown) =>
    InputError.of({
      file: `${file} (with --set ${o.text})`,
      path: (o.target === 'scene' ? 'scene.' : '') + o.path,
      message,
      allowed,
      ...(got !== undefined && { got: describeValue(got) }),
    });
  const reserved = reservedSegment(o.path);
  if (reserved !== undefined) throw fail(`"${reserved}" is not a field`, 'a dotted field path such as towers.spacingM or scene.environment.visibility');
  while (i < segs.length) {
    let key: string;
    let next: number;
    if (Array.isArray(cur)) {
      key = segs[i];
      const idx = Number(key);
      if (!/^\d+$/.test(key) || idx > cur.length) {
        throw fail(`${used.join('.') || 'the value'} is a list of ${cur.length} item(s); "${key}" is not an index in it`, `an index from 0 to ${cur.length} (${cur.length} appends)`);
      }
      next = i + 1;
    } else if (cur !== null && typeof cur === 'object') {
      const obj = cur as Record<string, unknown>;
      // Longest existing dotted key first, so `sweep.towers.spacingM` finds the axis "towers.spacingM".
      key = segs[i];
      next = i + 1;
      if (o.target === 'config' && used.length === 1 && used[0] === 'sweep') {
        key = segs.slice(i).join('.');
        next = segs.length;
      } else {
        for (let j = segs.length; j > i + 1; j--) {
          const k = segs.slice(i, j).join('.');
          if (Object.prototype.hasOwnProperty.call(obj, k)) {
            key = k;
            next = j;
            break;
          }
        }
      }
    } else {
      throw fail(`${used.join('.')} is ${describeValue(cur)}, not a mapping or list, so it has no field "${segs[i]}"`, `a path that exists in the file's structure`);
    }
    used.push(key);
    const container = cur as Record<string, unknown>;
    if (next === segs.length) {
      setOwn(container, key, o.value);
      return used;
    }
    let child = getOwn(container, key);
    if (child === undefined || child === null) {
      child = {};
      setOwn(container, key, child);
    }
    cur = child;
    i = next;
  }
  return used;
}

/** A deep copy of a plain JSON-like value (YAML output or the embedded defaults). */
export function clonePlain<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clonePlain) as T;
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    // defineProperty: a key "__proto__" (JSON.parse and YAML make it an own key) stays a key, for the
    // schema to report as unknown, instead of replacing the copy's prototype.
    for (const [k, x] of Object.entries(v)) setOwn(out, k, clonePlain(x));
    return out as T;
  }
  return v;
}
