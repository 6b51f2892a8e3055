// Benchmark: the default uncertainty study — scenarios/ops-run-it-uncertain.yaml (the default
// scenario with 8 uncertain inputs), the default 64 samples × 2 replications (657 input sets, 2,628
// simulations) — run by the built command line with --workers 2, wall seconds child start included;
// the median of ORISIM_BENCH_RUNS runs (default 3), with the load average before, since other work
// on the machine slows it. Target (issue 22): at most 3 minutes on a 2-core machine.
// `npm run bench -- uncertainty`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const SCENARIO = fileURLToPath(new URL('../../scenarios/ops-run-it-uncertain.yaml', import.meta.url));

export async function benchUncertainty(): Promise<object> {
  const runs = Number(process.env.ORISIM_BENCH_RUNS ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'orisim-bench-uncertainty-'));
  const loadBefore = loadavg()[0]!;
  const seconds: number[] = [];
  let simulations = 0;
  let widest = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const out = join(dir, `run-${i}`);
      const t0 = performance.now();
      execFileSync(process.execPath, [MAIN, 'uncertainty', SCENARIO, '--workers', '2', '--quiet', '--out', out], { stdio: 'ignore' });
      seconds.push((performance.now() - t0) / 1000);
      const json = JSON.parse(readFileSync(join(out, 'uncertainty.json'), 'utf8')) as { simulations: number; inputs: Record<string, Record<string, { totalOrder: Record<string, { low: number; high: number }> }>> };
      simulations = json.simulations;
      // The widest 95% interval of a total-order index on p85 lead time: how well the default study resolves them.
      for (const metrics of Object.values(json.inputs)) for (const i of Object.values(metrics.leadTimeP85Days!.totalOrder)) widest = Math.max(widest, i.high - i.low);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const sorted = [...seconds].sort((a, b) => a - b);
  return {
    simulations,
    medianSeconds: Number(sorted[Math.floor(sorted.length / 2)]!.toFixed(1)),
    seconds: seconds.map((s) => Number(s.toFixed(1))),
    widestTotalOrderInterval: Number(widest.toFixed(2)),
    workers: 2,
    loadBefore: Number(loadBefore.toFixed(2)),
  };
}
