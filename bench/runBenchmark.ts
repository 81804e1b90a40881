import { loadavg } from 'node:os';

/**
 * The machine's load averages over 1, 5 and 15 minutes, as the benchmarks print them next to
 * their figures (`uptime` gives the same): on the shared 2-core machine they say how much
 * other work slowed a run.
 */
export function machineLoad(): string {
  return loadavg()
    .map(l => l.toFixed(2))
    .join(', ');
}

/**
 * Runs a benchmark's main function and ends the process with its outcome: 0 once it resolves
 * (servers and browsers it started may still hold the event loop), 1 with the error printed
 * when it rejects.
 */
export function runBenchmark(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    error => {
      console.error(error);
      process.exit(1);
    },
  );
}
