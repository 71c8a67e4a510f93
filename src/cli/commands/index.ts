/**
 * The CLI's subcommands. Adding one is one line here: each module exports a `register` function that
 * adds its command (with options, help and action) to the program.
 */
import type { Command } from 'commander';
import { registerCoverage } from './coverage.ts';
import { registerMerge } from './merge.ts';
import { registerOptimize } from './optimize.ts';
import { registerRanges } from './ranges.ts';
import { registerRun } from './run.ts';
import { registerSweep } from './sweep.ts';
import { registerValidate } from './validate.ts';
import { registerView } from './view.ts';

/** Adds one subcommand to `program` and returns it. */
export type RegisterCommand = (program: Command) => Command;

export const COMMANDS: readonly RegisterCommand[] = [
  registerRun,
  registerSweep,
  registerMerge,
  registerRanges,
  registerCoverage,
  registerOptimize,
  registerValidate,
  registerView,
];
