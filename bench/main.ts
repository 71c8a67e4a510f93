/**
 * Benchmark runner: `npm run bench [-- --json] [-- --only NAME[,NAME]] [-- --quick | --full]`.
 *
 * Runs the sections of bench/sections.ts in order. Without `--json` it prints a readable report on
 * stdout; with `--json` it prints one JSON document on stdout, `{ meta, <section name>: result, … }`.
 * Progress goes to stderr either way. Exit code 2 for a bad flag or an unknown section.
 */
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { sections } from './sections.ts';
import type { BenchOptions } from './types.ts';

interface Args {
  json: boolean;
  quick: boolean;
  full: boolean;
  only: string[];
  help: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { json: false, quick: false, full: false, only: [], help: false };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--json') args.json = true;
    else if (a === '--quick') args.quick = true;
    else if (a === '--full') args.full = true;
    else if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const value = a === '--only' ? argv[++k] : a.slice('--only='.length);
      if (!value) throw new UsageError('--only needs a section name');
      args.only.push(...value.split(',').filter(Boolean));
    } else throw new UsageError(`unknown flag '${a}'`);
  }
  if (args.quick && args.full) throw new UsageError('--quick and --full exclude each other');
  const known = new Set(sections.map((s) => s.name));
  for (const name of args.only) {
    if (!known.has(name)) throw new UsageError(`unknown section '${name}'; sections: ${[...known].join(', ')}`);
  }
  return args;
}

class UsageError extends Error {}

function usage(): string {
  const lines = [
    'usage: npm run bench -- [--json] [--only NAME[,NAME]] [--quick | --full]',
    '',
    '  --json    print one JSON document on stdout (progress stays on stderr)',
    '  --only    run only the named sections (repeatable or comma-separated)',
    '  --quick   smaller workloads: a smoke run, figures indicative only',
    '  --full    the largest workloads too (10^6 attempts in scaling): several minutes more',
    '',
    'sections:',
    ...sections.map((s) => `  ${s.name.padEnd(12)} ${s.description}`),
  ];
  return lines.join('\n');
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`bench: ${e.message}\n${usage()}\n`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    process.stdout.write(usage() + '\n');
    return 0;
  }
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  const cpus = os.cpus();
  const meta = {
    watchline: pkg.version,
    node: process.version,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100),
    quick: args.quick,
    full: args.full,
    startedAt: new Date().toISOString(),
  };
  const options: BenchOptions = { quick: args.quick, full: args.full, log: (m) => process.stderr.write(`[bench] ${m}\n`) };
  const doc: Record<string, unknown> = { meta };
  const chosen = args.only.length ? sections.filter((s) => args.only.includes(s.name)) : sections;
  if (!args.json) {
    process.stdout.write(`Watchline ${meta.watchline} benchmarks — Node ${meta.node}, ${meta.cores} × ${meta.cpu}, load ${meta.loadAverage.join(' ')}${args.quick ? ' (quick)' : ''}\n`);
  }
  for (const section of chosen) {
    options.log(`${section.name}: ${section.description}`);
    const result = await section.run(options);
    doc[section.name] = result;
    if (!args.json) {
      const body = section.format ? section.format(result) : JSON.stringify(result, null, 2);
      process.stdout.write(`\n== ${section.name} ==\n${body}\n`);
    }
  }
  if (args.json) process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`bench: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
