// Preloaded into a measured child process (`node --import ./bench/peakRss.mjs …`): on exit, prints the
// process's peak resident set size — main thread and worker threads together — on stderr.
//
// On Linux the peak is VmHWM from /proc/self/status, the high-water mark of this process's own address
// space. getrusage's ru_maxrss (process.resourceUsage().maxRSS) is not usable here: a child inherits it
// from its parent at fork and keeps it across exec, so a child of a large benchmark process reports the
// parent's size (a 40 MB child of a 1.2 GB parent reads 1.2 GB). Elsewhere, maxRSS is the fallback.
import { readFileSync } from 'node:fs';

process.on('exit', () => {
  let kb = process.resourceUsage().maxRSS;
  try {
    const hwm = /VmHWM:\s+(\d+)\s*kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) kb = Number(hwm[1]);
  } catch {
    // not Linux: keep maxRSS
  }
  process.stderr.write(`\npeakRssKb=${kb}\n`);
});
