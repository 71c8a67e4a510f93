/** `watchline validate` and the CLI's exit-code contract, run as users run it: a child process. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InputError } from '../../src/config/errors.ts';
import { main, reportError } from '../../src/cli/main.ts';
import { tempDir, writeFixture } from '../config/helpers.ts';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/watchline.js');

function watchline(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, WATCHLINE_DEBUG: '', ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A stack trace line looks like "    at fn (file:line:col)". */
const STACK = /^\s+at .+:\d+/m;

describe('watchline validate (child process)', () => {
  it('exits 0 and prints ok lines for the shipped files', () => {
    const r = watchline(['validate', 'scenes/desert-50km.yaml', 'scenes/flat-10km.yaml', 'sim-configs/default.yaml', 'sim-configs/ideal-check.yaml', 'sim-configs/spacing-1km.yaml', 'sim-configs/spacing-4km.yaml']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ok  scenes/desert-50km.yaml  (scene)');
    expect(r.stdout).toContain('ok  sim-configs/ideal-check.yaml  (sim-config, with scene scenes/flat-10km.yaml)');
    expect(r.stdout.trim().split('\n')).toHaveLength(6);
  });

  it('exits 2 with every problem (file, field path, allowed) and no stack trace', () => {
    const dir = tempDir();
    const bad = writeFixture(dir, 'bad.yaml', 'towers: { spacingM: -1, spacingm: 3 }\ncameras: [ { sensor: thermal, preset: nope } ]\n');
    const nan = writeFixture(dir, 'nan.yaml', 'border: { line: { type: straight, lengthKm: .nan } }\nthreats: [ { kind: foot, share: 0.5 } ]\n');
    const r = watchline(['validate', bad, nan, 'scenes/flat-10km.yaml', path.join(dir, 'missing.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stdout).toContain('ok  scenes/flat-10km.yaml');
    expect(r.stderr).toContain(`${bad}, line 1, field towers.spacingM: out of range. Got -1. Allowed: a finite number > 0.`);
    expect(r.stderr).toMatch(/field towers.spacingm: unknown key "spacingm".*Allowed: the keys of towers: spacingM, offsetM/);
    expect(r.stderr).toMatch(/field cameras.0.preset: not an allowed value. Got "nope". Allowed: one of: .*mid-range-640/);
    expect(r.stderr).toContain(`${nan}, line 1, field border.line.lengthKm: not a finite number. Got NaN (.nan). Allowed: a number > 0 km and ≤ 20000 km.`);
    expect(r.stderr).toContain(`${path.join(dir, 'missing.yaml')}: the file does not exist.`);
    // One paragraph per problem.
    expect(r.stderr.split('\n\n').length).toBeGreaterThanOrEqual(5);
  });

  it('--json prints one JSON document', () => {
    const r = watchline(['validate', '--json', 'scenes/flat-10km.yaml']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, files: [{ file: 'scenes/flat-10km.yaml', kind: 'scene', problems: [] }] });
  });

  it('a file that is neither scene nor config', () => {
    const dir = tempDir();
    const f = writeFixture(dir, 'what.yaml', 'hello: world\n');
    const r = watchline(['validate', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot tell whether this is a scene or a sim-config');
  });
});

describe('exit codes', () => {
  it('bad flags and commands exit 2 with a message, no stack', () => {
    for (const args of [['validate'], ['validate', '--frobnicate', 'x'], ['no-such-command']]) {
      const r = watchline(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^watchline: error: /);
      expect(r.stderr).not.toMatch(STACK);
    }
  });

  it('--help and --version exit 0', () => {
    const h = watchline(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('validate');
    const v = watchline(['validate', '--help']);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('Usage: watchline validate');
    const version = watchline(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('error reporting (in process)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  const captureStderr = () => {
    let out = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    return () => out;
  };

  it('internal errors exit 1, with the stack only under WATCHLINE_DEBUG=1', () => {
    vi.stubEnv('WATCHLINE_DEBUG', '');
    let err = captureStderr();
    expect(reportError(new Error('boom'))).toBe(1);
    expect(err()).toContain('watchline: internal error: boom');
    expect(err()).not.toMatch(STACK);
    vi.restoreAllMocks();
    vi.stubEnv('WATCHLINE_DEBUG', '1');
    err = captureStderr();
    expect(reportError(new Error('boom'))).toBe(1);
    expect(err()).toMatch(STACK);
  });

  it('InputError exits 2', () => {
    const err = captureStderr();
    expect(reportError(InputError.of({ file: 'x.yaml', path: 'a.b', message: 'bad', allowed: 'good' }))).toBe(2);
    expect(err()).toBe('watchline: x.yaml, field a.b: bad. Allowed: good.\n');
  });

  it('main returns the code instead of exiting', async () => {
    const err = captureStderr();
    expect(await main(['validate', 'definitely-missing.yaml'])).toBe(2);
    expect(err()).toContain('definitely-missing.yaml: the file does not exist');
  });
});
