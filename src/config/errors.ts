/**
 * Bad input, reported to the user: one error class for every kind of problem a scene, a sim-config,
 * a `--set` override or a flag can have. It carries the full list of problems so that a user fixes
 * a file in one pass instead of one error per run. The CLI turns it into exit code 2 and prints
 * `message` (one paragraph per problem, no stack trace); the viewer shows the same text.
 *
 * Pure: no node:* imports, so it runs in the browser too.
 */

/** One thing wrong with the input. */
export interface Problem {
  /** The file (as the user named it), or a pseudo-source such as `--set towers.spacingM=-5`. */
  readonly file: string;
  /** Dotted field path inside the file, e.g. `towers.spacingM` or `cameras.0.preset`; '' for the whole file. */
  readonly path: string;
  /** What is wrong, as a short sentence fragment ("out of range", "unknown key"). */
  readonly message: string;
  /** What would be accepted, in words ("a number > 0", "one of: clear, haze, dust, fog"). */
  readonly allowed?: string;
  /** The offending value, already rendered for display (see `describeValue`). */
  readonly got?: string;
  /** 1-based line in the file, when known. */
  readonly line?: number;
}

/** Invalid user input: unreadable or malformed files, schema violations, bad `--set` values, bad flags. */
export class InputError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    const list = problems.length > 0 ? problems : [{ file: '(input)', path: '', message: 'invalid input' }];
    super(list.map(formatProblem).join('\n\n'));
    this.name = 'InputError';
    this.problems = Object.freeze(list.map((p) => Object.freeze({ ...p })));
  }

  /** Shorthand for an error with a single problem. */
  static of(problem: Problem): InputError {
    return new InputError([problem]);
  }
}

export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}

/**
 * One readable paragraph: where (file, line, field), what is wrong, the value got and what is allowed.
 * Example: `sim-configs/x.yaml, line 4, field towers.spacingM: out of range. Got -500. Allowed: a number > 0.`
 */
export function formatProblem(p: Problem): string {
  let where = p.file;
  if (p.line !== undefined) where += `, line ${p.line}`;
  where += p.path ? `, field ${p.path}` : '';
  let text = `${where}: ${p.message}`;
  if (!/[.!?]$/.test(text)) text += '.';
  if (p.got !== undefined) text += ` Got ${p.got}.`;
  if (p.allowed !== undefined) text += ` Allowed: ${p.allowed}${/[.!?]$/.test(p.allowed) ? '' : '.'}`;
  return text;
}

/** Renders a value for a problem report: YAML-ish scalars, short JSON for structures. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing (the field is missing)';
  if (v === null) return 'an empty value (null)';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN (.nan)';
    if (!Number.isFinite(v)) return v > 0 ? 'infinity (.inf)' : 'minus infinity (-.inf)';
    return String(v);
  }
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  let json: string;
  try {
    json = JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x));
  } catch {
    json = Object.prototype.toString.call(v);
  }
  const kind = Array.isArray(v) ? 'a list' : 'a mapping';
  return json.length <= 80 ? `${kind} ${json}` : `${kind} ${json.slice(0, 77)}...`;
}

/** Dotted path as users write it in `--set`: `cameras.0.preset`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((s) => String(s)).join('.');
}

/** The closest candidate to a misspelt key, if it is close enough to be a likely typo. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const w = word.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  // Accept up to a third of the word's length in edits (at least one): catches "spacingm", "barier".
  return best !== undefined && bestD <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}
