// Benchmark: where worker threads start to pay. The default scenario (two variants) run by the built
// command line, `run -r N --no-charts --quiet --changes none`, with --workers 1 and --workers 2, at
// several replication counts; runs interleaved (1, 2, 1, 2 …) so that a noisy neighbour hits both
// alike; prints one line per count with the medians and the speed-up (1 worker's time / 2 workers').
// `npm run bench -- workers-break-even`; ORISIM_BENCH_RUNS sets the runs of each (default 3),
// ORISIM_BENCH_COUNTS the replication counts (default 20,50,100,200,400,800).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUTO_PARALLEL_MIN_TASKS } from '../node/parallel.js';

// The bin users run (the bundle: bench/bundle-cli.ts), whose workers start from dist/bin/worker.js.
const MAIN = fileURLToPath(new URL('../bin/orisim.js', import.meta.url));
const COUNTS = [20, 50, 100, 200, 400, 800];

/** Wall seconds of one `orisim run` of the default scenario, child process start included. */
function timedRun(replications: number, workers: number, out: string): number {
  const t0 = performance.now();
  execFileSync(process.execPath, [MAIN, 'run', '-r', String(replications), '--workers', String(workers), '--no-charts', '--quiet', '--changes', 'none', '--out', out], { stdio: 'ignore' });
  return (performance.now() - t0) / 1000;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Prints a line per replication count and returns the summary line (the registry prints it). */
export async function benchWorkersBreakEven(): Promise<object> {
  const runs = Number(process.env.ORISIM_BENCH_RUNS ?? 3);
  const counts = process.env.ORISIM_BENCH_COUNTS ? process.env.ORISIM_BENCH_COUNTS.split(',').map(Number) : COUNTS;
  const dir = mkdtempSync(join(tmpdir(), 'orisim-break-even-'));
  const loadBefore = loadavg()[0]!;
  let breakEven: number | null = null;
  try {
    for (const replications of counts) {
      const one: number[] = [];
      const two: number[] = [];
      for (let i = 0; i < runs; i++) {
        one.push(timedRun(replications, 1, join(dir, `r${replications}-1-${i}`)));
        two.push(timedRun(replications, 2, join(dir, `r${replications}-2-${i}`)));
      }
      const speedup = median(one) / median(two);
      if (speedup > 1 && breakEven === null) breakEven = replications;
      if (speedup <= 1) breakEven = null;
      const line = {
        name: 'workers-break-even',
        replications,
        tasks: replications * 2,
        oneWorkerSeconds: Number(median(one).toFixed(3)),
        twoWorkersSeconds: Number(median(two).toFixed(3)),
        speedup: Number(speedup.toFixed(2)),
        runs,
      };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    breakEvenReplications: breakEven,
    autoParallelMinTasks: AUTO_PARALLEL_MIN_TASKS,
    loadAverage: [Number(loadBefore.toFixed(2)), Number(loadavg()[0]!.toFixed(2))],
  };
}
