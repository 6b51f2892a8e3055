// Benchmark runner: runs every registered bench and prints one JSON object per line on stdout.
import { benchMm1 } from './mm1.js';
import { benchOpsRunIt1000 } from './parallel.js';
import { benchOpsRunIt } from './ops-run-it.js';
import { benchCalibrate10k } from './calibrate.js';
import { benchEndToEnd1000 } from './end-to-end.js';
import { benchStartup } from './startup.js';
import { benchWorkersBreakEven } from './break-even.js';
import { benchUncertainty } from './uncertainty.js';
import { benchOptimise } from './optimise.js';
import { benchWorkshop } from './workshop.js';

/** A benchmark: `run` returns the figures to print (its `name` is added if missing). */
export interface Bench {
  readonly name: string;
  run(): Promise<object> | object;
}

/** The registry: add a bench here to have `npm run bench` run it. */
export const benches: Bench[] = [
  { name: 'mm1', run: benchMm1 },
  { name: 'ops-run-it', run: benchOpsRunIt },
  { name: 'ops-run-it-1000', run: benchOpsRunIt1000 },
  { name: 'calibrate-10k', run: benchCalibrate10k },
  { name: 'end-to-end-1000', run: benchEndToEnd1000 },
  { name: 'startup', run: benchStartup },
  { name: 'workers-break-even', run: benchWorkersBreakEven },
  { name: 'uncertainty', run: benchUncertainty },
  { name: 'optimise', run: benchOptimise },
  { name: 'workshop', run: benchWorkshop },
];

async function main(): Promise<void> {
  // `npm run bench -- mm1` runs only the named benches.
  const only = process.argv.slice(2);
  for (const bench of benches) {
    if (only.length > 0 && !only.includes(bench.name)) continue;
    const result = await bench.run();
    process.stdout.write(`${JSON.stringify({ name: bench.name, ...result })}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
