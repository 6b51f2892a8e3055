// The built CLI (dist/), for tests that must run orisim as a separate process: a process can be
// killed when it overruns its time, where code hung in a read inside the test's own process cannot.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli', 'main.js');

/** Builds dist/ (incrementally: tsc -b) and throws if the CLI is missing or older than its source. */
export function buildCli(): void {
  // Type errors elsewhere in the tree must not stop the build: tsc still emits.
  spawnSync('npx', ['tsc', '-b', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  const info = join(ROOT, 'dist', '.tsbuildinfo');
  for (const f of ['cli/main.js', 'cli/merge.js', 'output/shard-folder.js', 'output/shard-files.js']) {
    const built = join(ROOT, 'dist', f);
    const source = join(ROOT, 'src', f.replace(/\.js$/, '.ts'));
    if (!existsSync(built) || !existsSync(info) || statSync(info).mtimeMs < statSync(source).mtimeMs) throw new Error(`build failed: ${built} missing or stale`);
  }
}

/** The bundled bin (npm run build's last step: bench/bundle-cli.ts), what `orisim` and `npm start` run. */
export const BIN = join(ROOT, 'dist', 'bin', 'orisim.js');

/** Builds dist/ as npm run build does up to the bin (tsc -b, then the bundle when a source changed) and throws if the bin is missing or stale. */
export function buildBin(): void {
  buildCli();
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'bench', 'bundle-cli.js')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(BIN) || statSync(BIN).mtimeMs < statSync(join(ROOT, 'dist', 'cli', 'main.js')).mtimeMs) throw new Error(`bundle failed: ${r.stderr}`);
}
