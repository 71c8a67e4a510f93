/**
 * SIGINT / SIGTERM during a long command: abort the work, let it remove its staged output, then exit
 * with the conventional code (130 / 143) and a one-line message — promptly, and leaving nothing
 * half-written behind.
 */
export async function interruptible<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let caught: NodeJS.Signals | null = null;
  const onSignal = (sig: NodeJS.Signals) => {
    if (caught) process.exit(sig === 'SIGINT' ? 130 : 143); // a second signal: leave at once
    caught = sig;
    controller.abort(new Error(`interrupted by ${sig}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await work(controller.signal);
  } catch (e) {
    if (caught) {
      process.stderr.write(`\nwatchline: interrupted (${caught}); no partial results were left behind.\n`);
      process.exit(caught === 'SIGINT' ? 130 : 143);
    }
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
