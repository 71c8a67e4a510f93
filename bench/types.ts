/**
 * The shape of a benchmark section. Each section measures one thing and returns a plain,
 * JSON-serialisable object; the runner (bench/main.ts) prints it or puts it under the section's name
 * in the `--json` document. Register sections in bench/sections.ts.
 */

export interface BenchOptions {
  /** Smaller workloads for a quick smoke run (`--quick`); figures are then indicative only. */
  quick: boolean;
  /** Progress and notes for humans: goes to stderr, never into the JSON document. */
  log: (message: string) => void;
}

export interface BenchSection {
  /** Key of the section in the JSON document and the name `--only` selects. */
  name: string;
  /** One line for `--help`. */
  description: string;
  run(options: BenchOptions): Promise<Record<string, unknown>>;
  /** Human-readable report of a result; the runner falls back to indented JSON. */
  format?(result: Record<string, unknown>): string;
}
