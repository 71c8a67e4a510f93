/**
 * zod issues → user-facing problems: file, line, dotted field path, what is wrong, the value got and
 * what is allowed. An unknown key becomes one problem per key with the known keys listed (and a
 * "did you mean" for likely typos); an enum violation lists the allowed values.
 */
import type { z } from 'zod';
import { describeValue, formatPath, suggest, type Problem } from './errors.ts';
import { ALLOWED_TEXTS } from './fields.ts';

/** Where the validated value came from, for locating problems. */
export interface ProblemSource {
  /** File name as the user gave it, or a label such as `(built-in default config)`. */
  readonly file: string;
  /** 1-based line of the node at `path`, when the text is at hand. */
  lineOf?(path: readonly PropertyKey[]): number | undefined;
  /**
   * `--set` overrides applied to this value: dotted path → the argument as typed. A problem at or
   * under one of these paths is reported against the override.
   */
  readonly overrides?: ReadonlyMap<string, string>;
}

export type Validation<T> = { ok: true; data: T } | { ok: false; problems: Problem[] };

/** Validates `value` with `schema`, collecting every problem. */
export function validateWith<S extends z.ZodType>(schema: S, value: unknown, source: ProblemSource): Validation<z.output<S>> {
  // Known keys of the object that raised each unknown-key issue, captured from the schema instance.
  const knownKeys = new Map<string, string[]>();
  const result = schema.safeParse(value, {
    reportInput: true,
    error: (iss) => {
      if (iss.code === 'unrecognized_keys') {
        const shape = (iss.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
        if (shape) knownKeys.set(formatPath(iss.path ?? []), Object.keys(shape));
      }
      return undefined; // keep zod's message; problems are worded below
    },
  });
  if (result.success) return { ok: true, data: result.data };
  const problems: Problem[] = [];
  for (const iss of result.error.issues) problems.push(...toProblems(iss, source, knownKeys));
  return { ok: false, problems };
}

function toProblems(iss: z.core.$ZodIssue, source: ProblemSource, knownKeys: Map<string, string[]>): Problem[] {
  const path = iss.path;
  const input = (iss as { input?: unknown }).input;
  const custom = ALLOWED_TEXTS.has(iss.message) ? iss.message : undefined;

  if (iss.code === 'unrecognized_keys') {
    const known = knownKeys.get(formatPath(path)) ?? [];
    const where = path.length ? formatPath(path) : 'the top level';
    return iss.keys.map((key) => {
      const hint = suggest(key, known);
      return locate(source, [...path, key], {
        message: `unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
        allowed: known.length ? `the keys of ${where}: ${known.join(', ')}` : 'no keys here',
      });
    });
  }

  let message: string;
  let allowed: string | undefined = custom;
  let got: unknown = input;
  switch (iss.code) {
    case 'invalid_type': {
      if (input === undefined) message = 'a required field is missing';
      else if (typeof input === 'number' && !Number.isFinite(input)) message = 'not a finite number';
      else if (iss.expected === 'int') message = 'not a whole number';
      else message = `wrong type: expected ${expectedText(iss.expected)}, not ${typeName(input)}`;
      allowed ??= expectedText(iss.expected);
      break;
    }
    case 'too_small':
    case 'too_big': {
      const small = iss.code === 'too_small';
      if (iss.origin === 'array' || iss.origin === 'set') {
        message = small ? 'too few items' : 'too many items';
        allowed ??= `a list of ${small ? 'at least' : 'at most'} ${String(small ? iss.minimum : iss.maximum)} items`;
      } else if (iss.origin === 'string') {
        message = small ? 'too short' : 'too long';
        allowed ??= small ? 'a non-empty string' : `at most ${String(iss.maximum)} characters`;
      } else {
        message = 'out of range';
        const bound = small ? iss.minimum : iss.maximum;
        const op = small ? (iss.inclusive ? '≥' : '>') : iss.inclusive ? '≤' : '<';
        allowed ??= `a number ${op} ${String(bound)}`;
      }
      break;
    }
    case 'invalid_value': {
      message = input === undefined ? 'a required field is missing' : 'not an allowed value';
      allowed ??= iss.values.length === 1 ? String(iss.values[0]) : `one of: ${iss.values.map(String).join(', ')}`;
      break;
    }
    case 'invalid_union': {
      const disc = iss as { discriminator?: string; options?: unknown[] };
      if (disc.discriminator !== undefined && disc.options) {
        if (input !== null && typeof input === 'object') got = (input as Record<string, unknown>)[disc.discriminator];
        message = got === undefined ? `a required field is missing (${disc.discriminator} picks the form)` : `unknown ${disc.discriminator}`;
        allowed ??= `one of: ${disc.options.map(String).join(', ')}`;
      } else {
        message = 'not one of the accepted forms';
        allowed ??= iss.message;
      }
      break;
    }
    case 'custom': {
      message = iss.message;
      allowed ??= (iss.params as { allowed?: string } | undefined)?.allowed;
      break;
    }
    default:
      message = iss.message;
  }
  return [locate(source, path, { message, allowed, got: describeValue(got) })];
}

function locate(source: ProblemSource, path: readonly PropertyKey[], p: { message: string; allowed?: string; got?: string }): Problem {
  const dotted = formatPath(path);
  let file = source.file;
  let line = source.lineOf?.(path);
  const override = findOverride(source.overrides, dotted);
  if (override !== undefined) {
    file = `${source.file} (with --set ${override})`;
    line = undefined;
  }
  return { file, path: dotted, message: p.message, ...(p.allowed !== undefined && { allowed: p.allowed }), ...(p.got !== undefined && { got: p.got }), ...(line !== undefined && { line }) };
}

/** The override that set `dotted` or one of its ancestors (or, for a whole-object issue, a descendant). */
function findOverride(overrides: ReadonlyMap<string, string> | undefined, dotted: string): string | undefined {
  if (!overrides) return undefined;
  for (const [p, text] of overrides) {
    if (dotted === p || dotted.startsWith(p + '.') || (dotted !== '' && p.startsWith(dotted + '.'))) return text;
  }
  return undefined;
}

function expectedText(expected: string): string {
  switch (expected) {
    case 'number':
      return 'a finite number';
    case 'int':
      return 'a whole number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'array':
    case 'tuple':
      return 'a list';
    case 'object':
    case 'record':
      return 'a mapping of keys to values';
    default:
      return expected;
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true/false';
    case 'object':
      return 'a mapping';
    default:
      return typeof v;
  }
}
