/**
 * Benchmark runner: `npm run bench [-- --json] [-- --only NAME[,NAME]] [-- --quick] [-- --doc [--from FILE]]`.
 *
 * Runs the sections of bench/sections.ts in order. Without `--json` it prints a readable report on
 * stdout; with `--json` it prints one JSON document on stdout, `{ meta, <section name>: result, … }`.
 * Progress goes to stderr either way. `--doc` (formerly `--readme`, still accepted) also writes the
 * measured block of docs/performance.md from the results (bench/report.ts) and keeps the report in
 * docs/bench-report.json; with `--from FILE` it
 * takes them from a report saved by `--json` and runs nothing. Exit code 2 for a bad flag, an unknown section or an unreadable report.
 */
import os from 'node:os';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { buildCli } from '../scripts/build.mjs';
import { sections } from './sections.ts';
import { PERF_DOC, performanceMarkdown, withPerformanceSection } from './report.ts';
import type { ReportDoc } from './report.ts';
import type { BenchOptions } from './types.ts';

interface Args {
  json: boolean;
  quick: boolean;
  only: string[];
  help: boolean;
  doc: boolean;
  from: string | null;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { json: false, quick: false, only: [], help: false, doc: false, from: null };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--json') args.json = true;
    else if (a === '--quick') args.quick = true;
    else if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--doc' || a === '--readme') args.doc = true;
    else if (a === '--from' || a.startsWith('--from=')) {
      const value = a === '--from' ? argv[++k] : a.slice('--from='.length);
      if (!value) throw new UsageError('--from needs the path of a report written by --json');
      args.from = value;
    }
    else if (a === '--only' || a.startsWith('--only=')) {
      const value = a === '--only' ? argv[++k] : a.slice('--only='.length);
      if (!value) throw new UsageError('--only needs a section name');
      args.only.push(...value.split(',').filter(Boolean));
    } else throw new UsageError(`unknown flag '${a}'`);
  }
  if (args.from && !args.doc) throw new UsageError('--from goes with --doc (it rewrites docs/performance.md from a saved report)');
  if (args.from && (args.only.length || args.quick || args.json)) throw new UsageError('--from runs nothing: it takes no --only, --quick or --json');
  const known = new Set(sections.map((s) => s.name));
  for (const name of args.only) {
    if (!known.has(name)) throw new UsageError(`unknown section '${name}'; sections: ${[...known].join(', ')}`);
  }
  return args;
}

class UsageError extends Error {}

function usage(): string {
  const lines = [
    'usage: npm run bench -- [--json] [--only NAME[,NAME]] [--quick] [--doc [--from FILE]]',
    '',
    '  --json    print one JSON document on stdout (progress stays on stderr)',
    '  --only    run only the named sections (repeatable or comma-separated)',
    '  --quick   smaller workloads: a smoke run, figures indicative only',
    `  --doc     also write the measured block of ${PERF_DOC} from the results (--readme: the same)`,
    '  --from F  with --doc: take the results from F (a report saved by --json) and run nothing',
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
  if (args.from) return docFromFile(args.from);
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  const cpus = os.cpus();
  const meta = {
    watchline: pkg.version,
    node: process.version,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100),
    quick: args.quick,
    startedAt: new Date().toISOString(),
  };
  const options: BenchOptions = { quick: args.quick, log: (m) => process.stderr.write(`[bench] ${m}\n`) };
  const doc: Record<string, unknown> = { meta };
  // Sections that run the `watchline` command (memory, startup) run dist/cli/: build it from these sources.
  await buildCli();
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
  if (args.doc) writeDoc(doc as ReportDoc);
  return 0;
}

const PERF = new URL(`../${PERF_DOC}`, import.meta.url);
/** The report behind the block, kept beside it so the block can be checked and regenerated. */
const REPORT = new URL('../docs/bench-report.json', import.meta.url);

function writeAtomic(file: URL, text: string): void {
  const tmp = new URL(`${file.href}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Replaces the measured block of docs/performance.md and docs/bench-report.json, each atomically. */
function writeDoc(doc: ReportDoc): void {
  const next = withPerformanceSection(readFileSync(PERF, 'utf8'), performanceMarkdown(doc, sections));
  writeAtomic(REPORT, JSON.stringify(doc, null, 2) + '\n');
  writeAtomic(PERF, next);
  process.stderr.write(`[bench] ${PERF_DOC}: measured block written (report in docs/bench-report.json)\n`);
}

function docFromFile(path: string): number {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    process.stderr.write(`bench: --from ${path}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const meta = (doc as { meta?: { startedAt?: unknown } } | null)?.meta;
  if (typeof meta?.startedAt !== 'string') {
    process.stderr.write(`bench: --from ${path}: field meta.startedAt missing; allowed: a report written by \`npm run bench -- --json\`\n`);
    return 2;
  }
  writeDoc(doc as ReportDoc);
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
