/**
 * Progress on stderr (README: Commands): a bar on a terminal, a line every few seconds otherwise (logs, CI).
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

export function createProgress(label: string, quiet = false): Progress {
  if (quiet) return { update() {}, stop() {} };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: `${label} [{bar}] {percentage}% · {value}/{total} · {eta_formatted} left`, hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total) {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(done);
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let last = 0;
  return {
    update(done, total) {
      const now = performance.now();
      if (now - last < 5000 && done < total) return;
      last = now;
      process.stderr.write(`${label}: ${done}/${total} (${((100 * done) / total).toFixed(0)} %)\n`);
    },
    stop() {},
  };
}
