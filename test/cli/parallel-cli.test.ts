// End to end through the built CLI (worker threads load dist/node/worker.js, so these tests
// build first): --workers 2 writes the same bytes as --workers 1 (hostile class names and
// replications without changes included), and the built worker's row bytes are the serial ones; Ctrl-C, SIGTERM and SIGHUP exit
// 130, 143 and 129 and leave no folder; compare and sweep write their folders, and bad sweep input writes nothing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/node/scenario-files.js';
import { parallelExecutor } from '../../src/node/parallel.js';
import { serialExecutor, tasksOf, type Executor, type ProductPlan, type ReplicationProduct } from '../../src/run/replications.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function files(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

function expectSameFolders(a: string, b: string): void {
  const fa = files(a);
  expect(fa).toEqual(files(b));
  expect(fa.length).toBeGreaterThan(0);
  for (const f of fa) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
}

let tmp: string;

beforeAll(() => {
  // Type errors elsewhere in the tree must not stop the build these tests need: tsc still emits.
  // The build is incremental (tsc -b), so it records each build in dist/.tsbuildinfo.
  spawnSync('npx', ['tsc', '-b', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  const info = join(ROOT, 'dist', '.tsbuildinfo');
  for (const f of ['cli/main.js', 'node/worker.js', 'node/parallel.js', 'cli/sweep.js']) {
    const built = join(ROOT, 'dist', f);
    const source = join(ROOT, 'src', f.replace(/\.js$/, '.ts'));
    if (!existsSync(built) || !existsSync(info) || statSync(info).mtimeMs < statSync(source).mtimeMs) throw new Error(`build failed: ${built} missing or stale`);
  }
  tmp = mkdtempSync(join(tmpdir(), 'orisim-parallel-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('npm start', () => {
  it('skips the build when it is up to date (the build is incremental: tsc -b, then the workshop and the command line bundle only when a source changed)', () => {
    const r = spawnSync('npx', ['tsc', '-b', 'tsconfig.build.json', '--dry', '--verbose'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout).toContain("Project '" + join(ROOT, 'tsconfig.build.json') + "' is up to date");
    expect(readFileSync(join(ROOT, 'package.json'), 'utf8')).toContain('"build": "tsc -b tsconfig.build.json && node dist/bench/bundle-workshop.js && node dist/bench/bundle-cli.js"');
    const bundle = (script: string): string => spawnSync(process.execPath, [join(ROOT, 'dist', 'bench', script)], { cwd: ROOT, encoding: 'utf8' }).stdout;
    bundle('bundle-workshop.js'); // bundles when a source changed since the last build
    expect(bundle('bundle-workshop.js')).toBe(`the workshop page in ${join(ROOT, 'dist', 'workshop')} is up to date\n`);
    bundle('bundle-cli.js');
    expect(bundle('bundle-cli.js')).toBe(`the command line in ${join(ROOT, 'dist', 'bin')} is up to date\n`);
  }, 120_000);
});

describe('--workers', () => {
  // The rows cross from the workers as bytes (transferred buffers): hostile class names (a formula,
  // quotes, a comma, a line break, accents, emoji) must come out as the same UTF-8, and replications
  // without a single change must add nothing.
  const runs: [string, string[], (dir: string) => void][] = [
    ['the default scenario', ['-r', '5'], () => {}],
    ['hostile class names', ['HOSTILE', '-r', '3'], (dir) => {
      expect(readFileSync(join(dir, 'changes.csv'), 'utf8')).toContain(`,"'=🚀 ""launch"", ünï\r\ncode",`);
    }],
    ['replications without changes', ['-r', '8', '--set', 'teams.delivery.featuresPerWeek=0.05', '--set', 'horizon=4w', '--set', 'warmup=0d'], (dir) => {
      const replications = readFileSync(join(dir, 'changes.csv'), 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[0]));
      expect(replications.length).toBeGreaterThan(0);
      expect([1, 2, 3, 4, 5, 6, 7, 8].filter((r) => !replications.includes(r)).length).toBeGreaterThan(0);
    }],
  ];
  for (const [what, args, check] of runs) {
    it(`run: --workers 2 writes the same bytes as --workers 1 (${what})`, () => {
      const hostile = join(tmp, 'hostile.yaml');
      writeFileSync(hostile, readFileSync(join(ROOT, 'scenarios/ops-run-it.yaml'), 'utf8').replace('\n  small:\n', '\n  "=🚀 \\"launch\\", ünï\\r\\ncode":\n'));
      const given = args.map((a) => (a === 'HOSTILE' ? hostile : a));
      const name = what.replace(/\W+/g, '-');
      const one = cli(['run', ...given, '--no-charts', '-q', '--workers', '1', '--out', join(tmp, `w1-${name}`)]);
      expect(one.status, one.stderr).toBe(0);
      const two = cli(['run', ...given, '--no-charts', '-q', '--workers', '2', '--out', join(tmp, `w2-${name}`)]);
      expect(two.status, two.stderr).toBe(0);
      expect(two.stdout).toBe(one.stdout);
      expectSameFolders(join(tmp, `w1-${name}`), join(tmp, `w2-${name}`));
      check(join(tmp, `w2-${name}`));
    });
  }

  it("the built worker hands back each replication's rows as bytes, the serial executor's bytes", async () => {
    const scenario = { ...loadScenario(join(ROOT, 'scenarios/ops-run-it.yaml')), horizon: 8 * 10080, warmup: 10080, replications: 3 };
    const plan: ProductPlan = { rows: true, changes: 'csv', keep: 0 };
    const collect = async (executor: Executor): Promise<ReplicationProduct[]> => {
      const products: ReplicationProduct[] = [];
      await executor(scenario, tasksOf(scenario), plan, (_t, p) => products.push(p));
      return products;
    };
    const serial = await collect(serialExecutor);
    const parallel = await collect(parallelExecutor(2, { workerUrl: pathToFileURL(join(ROOT, 'dist', 'node', 'worker.js')) }));
    expect(parallel).toHaveLength(6);
    parallel.forEach((p, i) => {
      expect(p.changesCsv).toBeInstanceOf(Uint8Array);
      expect(p.eventsCsv).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(p.changesCsv).equals(Buffer.from(serial[i]!.changesCsv)), `task ${i}`).toBe(true);
      expect(Buffer.from(p.eventsCsv).equals(Buffer.from(serial[i]!.eventsCsv)), `task ${i}`).toBe(true);
    });
    expect(parallel.filter((p) => p.eventsCsv.length > 0)).toHaveLength(2);
    expect(parallel.every((p) => p.changesCsv.length > 0)).toBe(true);
  });

  it('compare: --workers 2 writes the same bytes as --workers 1', () => {
    const args = ['compare', 'scenarios/ops-run-it.yaml', 'scenarios/twice-weekly-cab.yaml', '--no-charts', '-q', '-r', '3'];
    const one = cli([...args, '--workers', '1', '--out', join(tmp, 'c1')]);
    expect(one.status, one.stderr).toBe(0);
    const two = cli([...args, '--workers', '2', '--out', join(tmp, 'c2')]);
    expect(two.status, two.stderr).toBe(0);
    expect(files(join(tmp, 'c1'))).toEqual(['.orisim-output', 'comparison.csv', 'comparison.json']);
    expectSameFolders(join(tmp, 'c1'), join(tmp, 'c2'));
    expect(two.stdout).toContain('paired over replications');
  });

  it('rejects a bad worker count', () => {
    const r = cli(['run', '--workers', '0', '--out', join(tmp, 'never')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--workers: expected a positive integer, got '0'");
    expect(existsSync(join(tmp, 'never'))).toBe(false);
  });
});

describe('Ctrl-C, SIGTERM and SIGHUP', () => {
  const cases: [string, string, NodeJS.Signals, string[]][] = [
    ['run', '1', 'SIGINT', ['run', '-r', '5000']],
    ['run', '2', 'SIGINT', ['run', '-r', '5000']],
    ['sweep', '2', 'SIGINT', ['sweep', '--param', 'teams.delivery.count', '--values', '2..30:2', '-r', '50']],
    ['compare', '2', 'SIGINT', ['compare', 'scenarios/ops-run-it.yaml', 'scenarios/twice-weekly-cab.yaml', '-r', '2000']],
    ['run', '1', 'SIGTERM', ['run', '-r', '5000']],
    ['run', '2', 'SIGHUP', ['run', '-r', '5000']],
    ['compare', '1', 'SIGTERM', ['compare', 'scenarios/ops-run-it.yaml', 'scenarios/twice-weekly-cab.yaml', '-r', '2000']],
  ];
  const expected: Record<string, [number, string]> = {
    SIGINT: [130, 'interrupted; no output written'],
    SIGTERM: [143, 'terminated (SIGTERM); no output written'],
    SIGHUP: [129, 'hung up (SIGHUP); no output written'],
  };
  for (const [command, workers, signal, args] of cases) {
    const [status, said] = expected[signal]!;
    it(`${command} --workers ${workers}, ${signal}: exit ${status}, workers end, no folder left`, async () => {
      const name = `stopped-${command}-${workers}-${signal}`;
      const out = join(tmp, name);
      const child = spawn(process.execPath, [CLI, ...args, '-q', '--workers', workers, '--out', out], { cwd: ROOT });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      // Once the hidden partial folder exists the handlers are in place and the simulation runs
      // (a fixed delay was too short on a busy machine, where starting alone can take 3 s).
      while (!readdirSync(tmp).some((f) => f.startsWith(`.${name}.partial-`)) && child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 50));
      }
      await new Promise((r) => setTimeout(r, 300));
      child.kill(signal);
      const code = await exited;
      expect(code, stderr).toBe(status);
      expect(stderr).toContain(said);
      expect(stderr).not.toContain('internal error');
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(tmp).filter((f) => f.startsWith(`.${name}`))).toEqual([]);
    });
  }
});

describe('compare and sweep folders', () => {
  it('compare writes comparison.json, .csv, charts and report.html', () => {
    const out = join(tmp, 'cmp');
    const r = cli(['compare', 'scenarios/ops-run-it.yaml', 'scenarios/ops-run-it-25-teams.yaml', '-q', '-r', '2', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const f = files(out);
    for (const name of ['compare-lead-time-cdf', 'compare-costs', 'compare-differences']) {
      for (const ext of ['vl.json', 'svg', 'png']) expect(f).toContain(`charts/${name}.${ext}`);
    }
    expect(f).toContain('report.html');
    const json = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')) as { baseline: { label: string }; run: { replications: number } };
    expect(json.baseline.label).toBe('ops-run-it.yaml:normal');
    expect(json.run.replications).toBe(2);
  });

  it('sweep writes sweep.csv (one row per value × variant), charts and report.html', () => {
    const out = join(tmp, 'sweep');
    const r = cli(['sweep', '--param', 'teams.delivery.count', '--values', '2..10:8', '-q', '-r', '2', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const csv = readFileSync(join(out, 'sweep.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(1 + 2 * 2);
    expect(csv[1]).toMatch(/^teams\.delivery\.count,2,normal,2,/);
    const f = files(out);
    for (const name of ['sweep-lead-time', 'sweep-total-cost']) for (const ext of ['vl.json', 'svg', 'png']) expect(f).toContain(`charts/${name}.${ext}`);
    expect(f).toContain('report.html');
  });

  it('sweep: bad values and invalid scenario values exit 2 and write nothing', () => {
    const out = join(tmp, 'bad-sweep');
    const bad = cli(['sweep', '--param', 'teams.delivery.count', '--values', '5..1', '--out', out]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--values '5..1': FROM (5) is greater than TO (1)");
    const invalid = cli(['sweep', '--param', 'teams.delivery.count', '--values', '2,-1', '--out', out]);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain('teams.delivery.count');
    const path = cli(['sweep', '--param', 'teams.delivery.cuont', '--values', '2', '--out', out]);
    expect(path.status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});

// Issue 13 point 3: Ctrl-C is honoured at once even while one large replication is being simulated
// with --workers 1 (it runs on a worker thread, so the main thread stays free for the signal).
// Before the fix the signal waited for the replication (about 30 s here) and the run then finished
// with exit 0.
describe('Ctrl-C during one large replication', () => {
  it('SIGINT during one replication of about 260,000 changes on --workers 1: exit 130 well before the replication could end, no folder', async () => {
    const file = join(tmp, 'large.yaml');
    // 100 teams × 50 features a week × 52 weeks ≈ 260,000 changes in one replication: over the
    // memory note's threshold, so the CLI says on stderr when it is about to simulate.
    writeFileSync(file, 'name: large\nhorizon: 52w\nreplications: 1\nvariants: [normal]\nteams:\n  delivery: { count: 100, featuresPerWeek: 50 }\n');
    const out = join(tmp, 'large-out');
    const child = spawn(process.execPath, [CLI, 'run', file, '--no-charts', '--workers', '1', '--out', out], { cwd: ROOT });
    let stderr = '';
    const started = new Promise<void>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += String(d);
        if (stderr.includes('note: a large run')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    await started;
    await new Promise((r) => setTimeout(r, 1000)); // now simulating
    const sent = performance.now();
    child.kill('SIGINT');
    const code = await Promise.race([exited, new Promise<'late'>((r) => setTimeout(() => r('late'), 10_000))]);
    if (code === 'late') child.kill('SIGKILL');
    expect(code, stderr).toBe(130);
    expect(performance.now() - sent).toBeLessThan(10_000);
    expect(stderr).toContain('orisim: interrupted; no output written');
    expect(existsSync(out)).toBe(false);
  });
});

// deploy/: the batch-system scripts run the shards as separate processes, all at once, as the
// batch system would; merging gives the bytes of the same command run on one machine. The Slurm
// path goes through submit.sh with a stand-in `sbatch` (runs the array's tasks at once, writes
// each task's log to its --output); the Kubernetes path runs the Indexed Job's command from the
// manifest once per JOB_COMPLETION_INDEX, then the merge Job's command.
describe('deploy/: shards as separate processes, then the merge step', () => {
  const FAKE_SBATCH = `#!/bin/sh
array=""; log=/dev/null
while [ $# -gt 0 ]; do
  case "$1" in
    --array=*) array=\${1#--array=} ;;
    --output=*) log=\${1#--output=} ;;
    --parsable|--job-name=*|--dependency=*) ;;
    *) break ;;
  esac
  shift
done
script=$1; shift
if [ -n "$array" ]; then
  n=\${array#1-}; i=1; pids=""
  while [ $i -le $n ]; do
    SLURM_ARRAY_TASK_ID=$i sh "$script" "$@" > "$(echo "$log" | sed "s/%a/$i/")" 2>&1 &
    pids="$pids $!"; i=$((i + 1))
  done
  for p in $pids; do wait $p || exit 1; done
  echo 1001
else
  sh "$script" "$@" > "$log" 2>&1 || exit 1
  echo 1002
fi
`;
  const SHORT = ['--set', 'horizon=16w', '--set', 'warmup=4w', '--no-charts'];
  interface K8sJob {
    kind: string;
    spec: { completionMode?: string; completions?: number; template: { spec: { containers: { command: string[] }[] } } };
  }

  function sh(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((done) => {
      const child = spawn('sh', args, { cwd: ROOT, env: { ...process.env, ORISIM: `${process.execPath} ${CLI}`, ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += String(d)));
      child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
      child.on('exit', (code) => done({ code, stdout, stderr }));
    });
  }

  it('Slurm: submit.sh runs a job array of 3 shards and the merge job; the merged folder is one machine\'s', async () => {
    const bin = join(tmp, 'fake-bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'sbatch'), FAKE_SBATCH, { mode: 0o755 });
    const root = join(tmp, 'slurm');
    const args = ['compare', 'scenarios/ops-run-it.yaml', 'scenarios/twice-weekly-cab.yaml', '-r', '2', ...SHORT];
    const r = await sh(['deploy/slurm/submit.sh', '3', root, ...args], { PATH: `${bin}:${process.env.PATH ?? ''}` });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('shards: job 1001 (array 1-3); merge: job 1002\n');
    expect(readFileSync(join(root, 'slurm-shard-2.out'), 'utf8')).toContain(`wrote ${root}/shard-2-of-3/ (shard 2/3: replications × variants 3–5 of 8`);
    const one = cli([...args, '-q', '--out', join(tmp, 'slurm-one')]);
    expect(one.status, one.stderr).toBe(0);
    expect(readFileSync(join(root, 'slurm-merge.out'), 'utf8')).toContain(one.stdout);
    expectSameFolders(join(tmp, 'slurm-one'), join(root, 'merged'));
  });

  it('Kubernetes: the Indexed Job\'s command for indexes 0…N-1, then the merge Job\'s; the merged folder is one machine\'s', async () => {
    const docs = readFileSync(join(ROOT, 'deploy/kubernetes/orisim-shards.yaml'), 'utf8').split(/^---$/m).map((d) => parseYaml(d) as K8sJob);
    const job = docs.find((d) => d.kind === 'Job')!;
    expect(job.spec.completionMode).toBe('Indexed');
    const n = job.spec.completions!;
    const command = job.spec.template.spec.containers[0]!.command;
    expect(command.slice(0, 3)).toEqual(['/orisim/deploy/orisim-shard.sh', String(n), '/data/acme']);
    const merge = (parseYaml(readFileSync(join(ROOT, 'deploy/kubernetes/orisim-merge.yaml'), 'utf8')) as K8sJob).spec.template.spec.containers[0]!.command;
    expect(merge).toEqual(['/orisim/deploy/orisim-merge.sh', String(n), '/data/acme', '/data/acme/merged']);
    // The container's paths, here: the image's /orisim is this checkout, /data a temporary folder,
    // /scenarios/acme.yaml the default scenario; 1000 replications become 2, and no charts.
    const scenario = join(tmp, 'acme.yaml');
    writeFileSync(scenario, readFileSync(join(ROOT, 'scenarios/ops-run-it.yaml')));
    const local = (args: string[]): string[] =>
      args.map((a) => a.replace(/^\/orisim\//, '').replace(/^\/data/, join(tmp, 'k8s')).replace('/scenarios/acme.yaml', scenario).replace(/^1000$/, '2'));
    const shards = await Promise.all(Array.from({ length: n }, (_x, i) => sh([...local(command), ...SHORT], { JOB_COMPLETION_INDEX: String(i) })));
    for (const s of shards) expect(s.code, s.stderr).toBe(0);
    const merged = await sh(local(merge), {});
    expect(merged.code, merged.stderr).toBe(0);
    const one = cli(['run', scenario, '--replications', '2', '--seed', '42', ...SHORT, '-q', '--out', join(tmp, 'k8s-one')]);
    expect(one.status, one.stderr).toBe(0);
    expect(merged.stdout).toBe(one.stdout);
    expectSameFolders(join(tmp, 'k8s-one'), join(tmp, 'k8s', 'acme', 'merged'));
    // A failed index (its folder missing) stops the merge step, naming the shard.
    rmSync(join(tmp, 'k8s', 'acme', `shard-2-of-${n}`), { recursive: true });
    const broken = await sh(local(merge), {});
    expect(broken.code).toBe(2);
    expect(broken.stderr).toBe(`orisim: merge: ${join(tmp, 'k8s', 'acme', `shard-2-of-${n}`)} is not a shard folder (no such folder); shard folders are written by run, compare, sweep or uncertainty with --shard I/N\n`);
  });
});
