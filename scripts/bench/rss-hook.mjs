// Loaded with --import by the audit benchmark: prints the process's peak resident memory on exit.
process.on('exit', () => {
  process.stderr.write(`\nBENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
