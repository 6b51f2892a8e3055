// Benchmark: the default scenario at 1,000 replications (both variants), the runner only (no files),
// with 1 worker (this thread) and with every core on worker threads: replications per second and
// the speed-up. `npm run bench -- ops-run-it-1000`.
import { join } from 'node:path';
import { loadScenario } from '../node/scenario-files.js';
import { defaultWorkers, executorFor } from '../node/parallel.js';
import { runReplications } from '../run/replications.js';
import { PACKAGE_ROOT } from '../output/version.js';

export const BENCH_REPLICATIONS = 1000;

async function timed(workers: number, replications: number): Promise<number> {
  const scenario = { ...loadScenario(join(PACKAGE_ROOT, 'scenarios/ops-run-it.yaml')), replications };
  const t0 = performance.now();
  await runReplications(scenario, { executor: executorFor(workers) });
  return (performance.now() - t0) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Prints the 1-worker line itself and returns the all-workers line (the registry prints it).
 * Three runs of each, interleaved (1, N, 1, N, 1, N) so that a noisy neighbour hits both alike;
 * medians are reported.
 */
export async function benchOpsRunIt1000(): Promise<object> {
  const replications = Number(process.env.ORISIM_BENCH_REPLICATIONS ?? BENCH_REPLICATIONS);
  const workers = defaultWorkers();
  await timed(1, 4); // warm-up: let the JIT settle on this thread
  const serialRuns: number[] = [];
  const parallelRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    serialRuns.push(await timed(1, replications));
    parallelRuns.push(await timed(workers, replications));
  }
  const serial = median(serialRuns);
  const parallel = median(parallelRuns);
  const one = { name: 'ops-run-it-1000', replications, workers: 1, seconds: Number(serial.toFixed(3)), replicationsPerSecond: Number((replications / serial).toFixed(2)) };
  process.stdout.write(`${JSON.stringify(one)}\n`);
  return {
    replications,
    workers,
    seconds: Number(parallel.toFixed(3)),
    replicationsPerSecond: Number((replications / parallel).toFixed(2)),
    speedup: Number((serial / parallel).toFixed(2)),
  };
}
