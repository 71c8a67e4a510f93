/**
 * The compiled CLI in dist/cli/ (scripts/build.mjs; rebuilt by the tests' global setup): entries,
 * source maps that lead back to src/, and a start-up that loads no more than `--version` needs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_DIR, CLI_ENTRIES, ROOT } from '../../scripts/build.mjs';
import { tempDir } from '../config/helpers.ts';

/** Specifiers of a module's static imports (`import … from "x"`, `export … from "x"`), not `import("x")`. */
function staticImports(code: string): string[] {
  return [...code.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s*"([^"]+)"|^import\s*"([^"]+)"/gm)].map((m) => m[1] ?? m[2]);
}

/** Every module `entry` loads before its code runs: the closure of static imports through dist/cli/. */
function staticClosure(entry: string): { local: string[]; packages: string[] } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of staticImports(readFileSync(path.join(CLI_DIR, file), 'utf8'))) {
      if (spec.startsWith('./')) visit(spec.slice(2));
      else packages.add(spec);
    }
  };
  visit(entry);
  return { local: [...seen], packages: [...packages].sort() };
}

describe('dist/cli', () => {
  it('has the CLI and both worker entries, each with a source map naming files in src/', () => {
    for (const name of Object.keys(CLI_ENTRIES)) {
      const file = path.join(CLI_DIR, `${name}.js`);
      expect(existsSync(file), file).toBe(true);
      expect(readFileSync(file, 'utf8')).toContain(`//# sourceMappingURL=${name}.js.map`);
    }
    for (const f of readdirSync(CLI_DIR).filter((n) => n.endsWith('.js.map'))) {
      const map = JSON.parse(readFileSync(path.join(CLI_DIR, f), 'utf8')) as { sources: string[] };
      for (const s of map.sources) {
        const src = path.resolve(CLI_DIR, s);
        expect(src.startsWith(path.join(ROOT, 'src') + path.sep), `${f}: ${s}`).toBe(true);
        expect(existsSync(src), `${f}: ${s}`).toBe(true);
      }
    }
  });

  it('starts `--version` and `--help` with commander and Node built-ins only: the simulation and its libraries load when a command runs', () => {
    const { local, packages } = staticClosure('main.js');
    expect(packages.filter((p) => !p.startsWith('node:'))).toEqual(['commander']);
    // The closure is small next to everything the CLI can load.
    const all = readdirSync(CLI_DIR).filter((n) => n.endsWith('.js'));
    expect(local.length).toBeLessThan(all.length / 2);
  });

  it('under WATCHLINE_DEBUG=1, an internal error\'s stack names the TypeScript sources, not dist/', () => {
    const dir = tempDir('watchline-build-');
    // Every bad input is exit 2 with a message; an internal error is injected (run.ts, WATCHLINE_FAULT).
    const args = [path.join(ROOT, 'bin/watchline.js'), 'run', '--attempts', '5', '--workers', '1', '--out', path.join(dir, 'out')];
    const debug = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, WATCHLINE_DEBUG: '1', WATCHLINE_FAULT: 'internal' }, timeout: 60_000 });
    expect(debug.status, debug.stderr).toBe(1);
    expect(debug.stderr).toMatch(/\n\s+at .*src\/cli\/commands\/run\.ts:\d+:\d+/);
    expect(debug.stderr).not.toMatch(/dist\/cli\//);
    const plain = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, WATCHLINE_DEBUG: '', WATCHLINE_FAULT: 'internal' }, timeout: 60_000 });
    expect(plain.status).toBe(1);
    expect(plain.stderr).toMatch(/internal error/);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
  });
});
