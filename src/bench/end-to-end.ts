// Benchmark: a whole run of the default scenario as a user starts it — `orisim run` at 1,000
// replications with every output file but the charts (`--no-charts`), written to a temporary
// folder — with 1 worker (this thread) and with 2 worker threads, interleaved (1, 2, 1, 2, …) so that
// a noisy neighbour hits both alike. Reports the median wall-clock seconds of each, their ratio (the
// second worker's speed-up), the process's CPU seconds, and its garbage collections (every thread's,
// counted from Node's --trace-gc lines). `npm run bench -- end-to-end-1000`;
// ORISIM_BENCH_REPLICATIONS and ORISIM_BENCH_RUNS change the size and the number of runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../output/version.js';

export const END_TO_END_REPLICATIONS = 1000;
const DEFAULT_RUNS = 3;

/** Garbage collections in --trace-gc output: how many, and their total pause in milliseconds. */
export interface GcTally {
  scavenges: number;
  markCompacts: number;
  milliseconds: number;
}

/**
 * Counts the collections in the lines V8 prints with --trace-gc, e.g.
 * `[123:0x5a1]   1870 ms: Scavenge 29.4 (47.4) -> 14.5 (47.4) MB, 1.54 / 0.00 ms  (…)`: the
 * figure after "MB," is the pause. Other lines are ignored.
 */
export function tallyGc(traceOutput: string): GcTally {
  const tally: GcTally = { scavenges: 0, markCompacts: 0, milliseconds: 0 };
  for (const line of traceOutput.split('\n')) {
    const m = /\d+ ms: (Scavenge|Minor Mark-Sweep|Mark-Compact|Mark-Sweep)\b.*?MB, ([\d.]+) \//.exec(line);
    if (m === null) continue;
    if (m[1] === 'Scavenge' || m[1] === 'Minor Mark-Sweep') tally.scavenges++;
    else tally.markCompacts++;
    tally.milliseconds += Number(m[2]);
  }
  return tally;
}

interface Measured {
  seconds: number;
  cpuSeconds: number;
  gc: GcTally;
}

/**
 * CPU seconds (user + system) of this process's finished children so far, from /proc/self/stat
 * (cutime and cstime, in clock ticks of 1/100 s on Linux); NaN where there is no /proc.
 */
function childCpuSeconds(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name (which is in parentheses and may hold spaces): state is field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[16 - 3]) + Number(fields[17 - 3])) / 100;
  } catch {
    return NaN;
  }
}

function runOnce(workers: number, replications: number): Measured {
  const out = mkdtempSync(join(tmpdir(), 'orisim-bench-'));
  try {
    const cli = join(PACKAGE_ROOT, 'dist', 'cli', 'main.js');
    const args = ['--trace-gc', cli, 'run', '--set', `replications=${replications}`, '--no-charts', '--quiet', '--workers', String(workers), '--out', join(out, 'run')];
    const cpu0 = childCpuSeconds();
    const t0 = performance.now();
    const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const seconds = (performance.now() - t0) / 1000;
    if (child.status !== 0) throw new Error(`orisim run failed (exit ${String(child.status)}): ${child.stderr}`);
    return { seconds, cpuSeconds: childCpuSeconds() - cpu0, gc: tallyGc(child.stdout) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function summary(workers: number, replications: number, runs: readonly Measured[]): object {
  const seconds = median(runs.map((r) => r.seconds));
  return {
    name: 'end-to-end-1000',
    replications,
    workers,
    runs: runs.length,
    seconds: Number(seconds.toFixed(2)),
    secondsAll: runs.map((r) => Number(r.seconds.toFixed(2))),
    cpuSeconds: Number(median(runs.map((r) => r.cpuSeconds)).toFixed(2)),
    gcScavenges: median(runs.map((r) => r.gc.scavenges)),
    gcMarkCompacts: median(runs.map((r) => r.gc.markCompacts)),
    gcSeconds: Number((median(runs.map((r) => r.gc.milliseconds)) / 1000).toFixed(2)),
  };
}

/** Prints the 1-worker line itself and returns the 2-worker line with the speed-up (the registry prints it). */
export function benchEndToEnd1000(): object {
  const replications = Number(process.env.ORISIM_BENCH_REPLICATIONS ?? END_TO_END_REPLICATIONS);
  const n = Number(process.env.ORISIM_BENCH_RUNS ?? DEFAULT_RUNS);
  const one: Measured[] = [];
  const two: Measured[] = [];
  for (let i = 0; i < n; i++) {
    one.push(runOnce(1, replications));
    two.push(runOnce(2, replications));
  }
  process.stdout.write(`${JSON.stringify(summary(1, replications, one))}\n`);
  const ratios = one.map((r, i) => r.seconds / two[i]!.seconds);
  return {
    ...summary(2, replications, two),
    speedup: Number((median(one.map((r) => r.seconds)) / median(two.map((r) => r.seconds))).toFixed(2)),
    speedupPerPair: ratios.map((x) => Number(x.toFixed(2))),
  };
}
