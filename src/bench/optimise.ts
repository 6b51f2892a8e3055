// Benchmark: `orisim optimise` on issue 23's question (scenarios/studies/cheapest-p85-5-days.yaml:
// three levers, 60 candidates, on the default scenario) as a user starts it, with 2 workers and its
// charts and report, written to a temporary folder. Reports the median wall-clock seconds over the
// runs (issue 23's target: at most 5 minutes), the replications the search spent and, against
// them, what running every candidate at the final replication count would have cost.
// `npm run bench -- optimise`; ORISIM_BENCH_RUNS changes the number of runs (default 3).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../output/version.js';

const STUDY = join(PACKAGE_ROOT, 'scenarios', 'studies', 'cheapest-p85-5-days.yaml');
const WORKERS = 2;

interface Measured {
  seconds: number;
  spent: number;
  everyCandidate: number;
  candidates: number;
  recommended: string;
}

function runOnce(): Measured {
  const out = mkdtempSync(join(tmpdir(), 'orisim-bench-'));
  try {
    const cli = join(PACKAGE_ROOT, 'dist', 'cli', 'main.js');
    const t0 = performance.now();
    const child = spawnSync(process.execPath, [cli, 'optimise', STUDY, '--quiet', '--workers', String(WORKERS), '--out', join(out, 'optimise')], { encoding: 'utf8' });
    const seconds = (performance.now() - t0) / 1000;
    if (child.status !== 0) throw new Error(`orisim optimise failed (exit ${String(child.status)}): ${child.stderr}`);
    const json = JSON.parse(readFileSync(join(out, 'optimise', 'optimise.json'), 'utf8')) as {
      candidateCount: number;
      replications: { spent: number; everyCandidateAtFinalCount: number };
      recommended: { levers: Record<string, unknown> } | null;
    };
    return {
      seconds, spent: json.replications.spent, everyCandidate: json.replications.everyCandidateAtFinalCount, candidates: json.candidateCount,
      recommended: JSON.stringify(json.recommended?.levers ?? null),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function benchOptimise(): object {
  const n = Number(process.env.ORISIM_BENCH_RUNS ?? 3);
  const runs = Array.from({ length: n }, runOnce);
  return {
    workers: WORKERS,
    candidates: runs[0]!.candidates,
    runs: n,
    seconds: Number(median(runs.map((r) => r.seconds)).toFixed(1)),
    secondsAll: runs.map((r) => Number(r.seconds.toFixed(1))),
    replicationsSpent: runs[0]!.spent,
    replicationsEveryCandidateAtFinalCount: runs[0]!.everyCandidate,
    recommended: runs[0]!.recommended,
  };
}
