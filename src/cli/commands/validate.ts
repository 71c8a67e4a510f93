/**
 * `watchline validate F...`: checks scene and sim-config files and prints every problem (file, line,
 * field path, what is allowed). A sim-config is checked together with the scene it names, as `run`
 * would load it. Exit 0 when all files are valid, 2 otherwise.
 */
import type { Command } from 'commander';
import { formatProblem, InputError, isInputError, type Problem } from '../../config/errors.ts';

export interface FileCheck {
  file: string;
  kind: 'scene' | 'sim-config' | 'unknown';
  problems: Problem[];
  /** For a sim-config: the scene it was checked with (null: the built-in default). */
  scene?: string | null;
}

/** Checks one file; never throws for bad input. */
export async function checkFile(file: string): Promise<FileCheck> {
  // Imported when the command runs, so `--help` starts without the schemas and the YAML parser.
  const [{ loadScenario, loadSceneFile, readSourceFile }, { detectKind }] = await Promise.all([import('../../config/load.ts'), import('../../config/scenario.ts')]);
  let kind: FileCheck['kind'] = 'unknown';
  try {
    const doc = readSourceFile(file);
    const k = detectKind(doc.value);
    if (k === 'scene') {
      kind = 'scene';
      loadSceneFile(file);
      return { file, kind, problems: [] };
    }
    if (k === 'config') {
      kind = 'sim-config';
      const s = loadScenario({ configPath: file });
      return { file, kind, problems: [], scene: s.sceneFile };
    }
    const keys = Object.keys(doc.value as object);
    return {
      file,
      kind,
      problems: [
        {
          file,
          path: '',
          message: `cannot tell whether this is a scene or a sim-config (top-level keys: ${keys.join(', ') || 'none'})`,
          allowed: 'a scene (keys border, terrain, environment, threats, crossing, strip) or a sim-config (keys scene, towers, cameras, run, sweep)',
        },
      ],
    };
  } catch (e) {
    if (!isInputError(e)) throw e;
    return { file, kind, problems: [...e.problems] };
  }
}

export function registerValidate(program: Command): Command {
  return program
    .command('validate')
    .description('check scene and sim-config files; print every problem with file, field path and what is allowed')
    .argument('<files...>', 'scene or sim-config files (YAML or JSON); a sim-config is checked with the scene it names')
    .option('--json', 'print the result as one JSON document on stdout')
    .addHelpText('after', '\nExamples:\n  watchline validate scenes/*.yaml sim-configs/*.yaml\n  watchline validate --json my-config.yaml')
    .action(async (files: string[], opts: { json?: boolean }) => {
      const checks: FileCheck[] = [];
      for (const f of files) checks.push(await checkFile(f));
      // A scene named by several configs (or also given itself) would repeat its problems.
      const seen = new Set<string>();
      const problems: Problem[] = [];
      for (const c of checks) {
        for (const p of c.problems) {
          const key = formatProblem(p);
          if (!seen.has(key)) {
            seen.add(key);
            problems.push(p);
          }
        }
      }
      if (opts.json) {
        process.stdout.write(JSON.stringify({ ok: problems.length === 0, files: checks }, null, 2) + '\n');
      } else {
        for (const c of checks) {
          if (c.problems.length > 0) continue;
          const what = c.kind === 'sim-config' ? `sim-config, with scene ${c.scene ?? '(built-in default scene)'}` : c.kind;
          process.stdout.write(`ok  ${c.file}  (${what})\n`);
        }
      }
      if (problems.length > 0) throw new InputError(problems);
    });
}
