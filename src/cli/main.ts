/**
 * The `watchline` entry point: a thin shell over the commands in ./commands/. It owns the exit-code
 * contract (README: Commands): 0 success; 2 bad input — an InputError or a bad flag — with a plain
 * message on stderr and no stack trace; 1 anything else (the stack only with WATCHLINE_DEBUG=1).
 */
import { Command, CommanderError } from 'commander';
import { isInputError } from '../config/errors.ts';
import { COMMANDS } from './commands/index.ts';
import { WATCHLINE_VERSION } from '../io/version.ts';

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;

/** The program with every registered command; commander errors are thrown, not exited on. */
export function createProgram(): Command {
  const program = new Command('watchline')
    .description('Border-surveillance simulator: watchtowers, thermal cameras, infiltration attempts, detection statistics.')
    .version(WATCHLINE_VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError(true)
    // Commander would call process.exit itself; throwing lets `run` map every outcome to the contract.
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str.startsWith('error:') ? `watchline: ${str}` : str) })
    .addHelpText(
      'after',
      '\nExit codes: 0 success, 2 bad input (unreadable file, invalid config, bad flag), 1 internal error.\n' +
        'Set WATCHLINE_DEBUG=1 to print stack traces of internal errors.',
    );
  // Subcommands created through program.command() inherit exitOverride and the error output settings.
  for (const register of COMMANDS) register(program);
  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. Never throws. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (e) {
    return reportError(e);
  }
}

/** Maps an error to its exit code, printing what the user needs on stderr. */
export function reportError(e: unknown): number {
  if (e instanceof CommanderError) {
    // Commander has already printed its message (and the help hint); help and --version exit 0.
    return e.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
  }
  if (isInputError(e)) {
    const n = e.problems.length;
    process.stderr.write(n > 1 ? `watchline: ${n} problems:\n\n${e.message}\n` : `watchline: ${e.message}\n`);
    return EXIT_BAD_INPUT;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  if (process.env.WATCHLINE_DEBUG === '1') {
    process.stderr.write(`watchline: internal error: ${err.stack ?? err.message}\n`);
  } else {
    process.stderr.write(`watchline: internal error: ${err.message}\n(set WATCHLINE_DEBUG=1 to see the stack trace)\n`);
  }
  return EXIT_INTERNAL;
}

/** Process entry (bin/watchline.js): runs and sets the exit code; a closed stdout pipe is not an error. */
export async function run(argv: readonly string[]): Promise<void> {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
    throw err;
  });
  process.exitCode = await main(argv);
}
