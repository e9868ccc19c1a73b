// Loaded with --import into a measured process: reports its peak resident memory when it exits.
process.on('exit', () => {
  process.stderr.write(`\nbench-peak-rss-kb=${process.resourceUsage().maxRSS}\n`);
});
