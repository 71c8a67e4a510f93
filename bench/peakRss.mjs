// Preloaded into a measured child process (`node --import ./bench/peakRss.mjs …`): on exit, prints the
// process's peak resident set size — main thread and worker threads together — on stderr.
process.on('exit', () => {
  process.stderr.write(`\npeakRssKb=${process.resourceUsage().maxRSS}\n`);
});
