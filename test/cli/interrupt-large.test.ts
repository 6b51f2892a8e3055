// Issue 13 point 3: Ctrl-C is honoured at once even while one large replication is being
// simulated with --workers 1 (it runs on a worker thread, so this thread stays free for the
// signal). Through the built CLI: a signal needs a real process. Before the fix the signal waited
// for the replication (about 30 s on the reference machine) and the run then finished with exit 0.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
let tmp: string;

beforeAll(() => {
  spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  tmp = mkdtempSync(join(tmpdir(), 'orisim-interrupt-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('SIGINT during one replication of about 200,000 changes on --workers 1: exit 130 well before the replication could end, no folder', async () => {
  const file = join(tmp, 'large.yaml');
  // 100 teams × 40 features a week × 52 weeks ≈ 208,000 changes in one replication.
  writeFileSync(file, 'name: large\nhorizon: 52w\nreplications: 1\nvariants: [normal]\nteams:\n  delivery: { count: 100, featuresPerWeek: 40 }\n');
  const out = join(tmp, 'out');
  const child = spawn(process.execPath, [CLI, 'run', file, '--no-charts', '--workers', '1', '--out', out], { cwd: ROOT });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
  // Loading and validating take well under 2 s; the replication takes far longer than 2 + 10 s.
  await new Promise((r) => setTimeout(r, 2000));
  const sent = performance.now();
  child.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(null);
    }, 10_000);
    child.on('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  expect(code, stderr).toBe(130);
  expect(performance.now() - sent).toBeLessThan(10_000);
  expect(stderr).toContain('orisim: interrupted; no output written');
  expect(existsSync(out)).toBe(false);
});
