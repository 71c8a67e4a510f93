/**
 * Field builders shared by the scene and sim-config schemas.
 *
 * Every number field says in words what it accepts; that text becomes the `allowed` part of a problem
 * report, so `attempts: -3` reads "Allowed: a whole number ≥ 1" rather than zod's generic message.
 * zod 4's `z.number()` already rejects NaN and ±Infinity, which YAML spells `.nan` and `.inf`.
 */
import { z } from 'zod';

/** Texts produced by these builders (and registered with `allowed`); `issues.ts` treats an issue whose message is one of them as "allowed" text. */
export const ALLOWED_TEXTS = new Set<string>();

export function allowed(text: string): string {
  ALLOWED_TEXTS.add(text);
  return text;
}

/** Any finite number. */
export function finite(description?: string) {
  const a = allowed('a finite number');
  const s = z.number({ error: a });
  return description ? s.describe(description) : s;
}

/** A finite number > 0. */
export function positive(description?: string) {
  const a = allowed('a finite number > 0');
  const s = z.number({ error: a }).gt(0, { error: a });
  return description ? s.describe(description) : s;
}

/** A finite number ≥ 0. */
export function nonNegative(description?: string) {
  const a = allowed('a finite number ≥ 0');
  const s = z.number({ error: a }).gte(0, { error: a });
  return description ? s.describe(description) : s;
}

/** A whole number in [min, max]. */
export function wholeNumber(min: number, max: number = Number.MAX_SAFE_INTEGER, description?: string) {
  const a = allowed(max === Number.MAX_SAFE_INTEGER ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}`);
  const s = z.number({ error: a }).int({ error: a }).gte(min, { error: a }).lte(max, { error: a });
  return description ? s.describe(description) : s;
}

/** A whole number ≥ 1: counts of things. */
export function count(description?: string) {
  return wholeNumber(1, Number.MAX_SAFE_INTEGER, description);
}

/** A finite number in the interval (lo, hi] (or [lo, hi] with `loInclusive`). */
export function between(lo: number, hi: number, opts: { loInclusive?: boolean; unit?: string } = {}, description?: string) {
  const unit = opts.unit ?? '';
  const a = allowed(`a number ${opts.loInclusive ? '≥' : '>'} ${lo}${unit} and ≤ ${hi}${unit}`);
  const base = z.number({ error: a });
  const s = (opts.loInclusive ? base.gte(lo, { error: a }) : base.gt(lo, { error: a })).lte(hi, { error: a });
  return description ? s.describe(description) : s;
}

/** A field-of-view or sector angle: (0, 360] degrees. */
export function angleSpan(description?: string) {
  return between(0, 360, { unit: '°' }, description);
}

/** A non-empty string (file paths, names). */
export function nonEmptyString(description?: string) {
  const a = allowed('a non-empty string');
  const s = z.string({ error: a }).min(1, { error: a });
  return description ? s.describe(description) : s;
}
