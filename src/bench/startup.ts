// Benchmark: how fast the command line starts — `node -e 0` (Node alone), `orisim --help`,
// `orisim validate scenarios/ops-run-it.yaml` and `orisim run -r 1 --no-charts --quiet` into a
// temporary folder, each run ORISIM_BENCH_RUNS times (default 15), interleaved so that a noisy
// neighbour hits all alike. Reports each command's median wall-clock milliseconds and its ratio to
// `node -e 0` (targets: --help and validate within 2×, run -r 1 --no-charts within 400 ms).
// The command measured is the bin users run, dist/bin/orisim.js (the bundle: bench/bundle-cli.ts).
// `npm run bench -- startup`; ORISIM_BENCH_BEFORE=path/to/another/cli.js (another build's bin, or
// this build's unbundled dist/cli/main.js) adds the same three commands of it, interleaved with these.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../output/version.js';

const DEFAULT_RUNS = 15;

/** The median of the numbers (the mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function benchStartup(): object {
  const runs = Number(process.env.ORISIM_BENCH_RUNS ?? DEFAULT_RUNS);
  const cli = join(PACKAGE_ROOT, 'dist', 'bin', 'orisim.js');
  const tmp = mkdtempSync(join(tmpdir(), 'orisim-startup-'));
  const cases: { name: string; args: string[] }[] = [
    { name: 'node -e 0', args: ['-e', '0'] },
    { name: '--help', args: [cli, '--help'] },
    { name: 'validate', args: [cli, 'validate', join(PACKAGE_ROOT, 'scenarios', 'ops-run-it.yaml')] },
    { name: 'run -r 1 --no-charts', args: [cli, 'run', join(PACKAGE_ROOT, 'scenarios', 'ops-run-it.yaml'), '-r', '1', '--no-charts', '--quiet', '--out', join(tmp, 'run')] },
  ];
  const before = process.env.ORISIM_BENCH_BEFORE;
  if (before !== undefined) {
    for (const c of cases.slice(1)) cases.push({ name: `before: ${c.name}`, args: c.args.map((a) => (a === cli ? before : a.startsWith(join(tmp, 'run')) ? join(tmp, 'before') : a)) });
  }
  const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  try {
    for (let i = 0; i < runs; i++) {
      for (const c of cases) {
        const t0 = performance.now();
        const r = spawnSync(process.execPath, c.args, { cwd: tmp, encoding: 'utf8' });
        const ms = performance.now() - t0;
        if (r.status !== 0) throw new Error(`${c.name} exited ${r.status}: ${r.stderr}`);
        times.get(c.name)!.push(ms);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const base = median(times.get('node -e 0')!);
  const medians = Object.fromEntries(cases.map((c) => [c.name, Math.round(median(times.get(c.name)!))]));
  const ratios = Object.fromEntries(cases.slice(1).map((c) => [c.name, Number((median(times.get(c.name)!) / base).toFixed(2))]));
  return { runs, medianMs: medians, ratioToNode: ratios };
}
