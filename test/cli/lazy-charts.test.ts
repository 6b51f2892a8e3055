// Through the built CLI: Vega, Vega-Lite and resvg load only when a chart is drawn, so a run with
// --no-charts (and every start of the CLI) does not pay for them. A module-resolution hook reports
// each of them to stderr when something imports it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const HOOK = `export async function resolve(specifier, context, next) {
  if (/^(vega|vega-lite|@resvg\\/resvg-js)$/.test(specifier)) process.stderr.write('chart module: ' + specifier + '\\n');
  return next(specifier, context);
}
export async function load(url, context, next) {
  const m = /\\/dist\\/((model|run|stats|report)\\/[^/]+)$/.exec(url);
  if (m) process.stderr.write('simulation module: ' + m[1] + '\\n');
  return next(url, context);
}
`;

let tmp: string;
let register: string;

beforeAll(() => {
  spawnSync('npx', ['tsc', '-b', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  const info = join(ROOT, 'dist', '.tsbuildinfo');
  const source = join(ROOT, 'src', 'report', 'render.ts');
  if (!existsSync(CLI) || !existsSync(info) || statSync(info).mtimeMs < statSync(source).mtimeMs) throw new Error(`build failed: ${CLI} missing or stale`);
  tmp = mkdtempSync(join(tmpdir(), 'orisim-lazy-'));
  const hook = join(tmp, 'hook.mjs');
  writeFileSync(hook, HOOK);
  register = `data:text/javascript,import{register}from'node:module';register(${JSON.stringify(pathToFileURL(hook).href)})`;
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function chartModules(args: string[]): { status: number | null; loaded: string[]; stderr: string } {
  const r = spawnSync(process.execPath, ['--no-warnings', '--import', register, CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  const loaded = [...new Set(r.stderr.split('\n').filter((l) => l.startsWith('chart module: ')).map((l) => l.slice('chart module: '.length)))].sort();
  return { status: r.status, loaded, stderr: r.stderr };
}

describe('--help and validate start without the simulation', () => {
  it('load no module of model/, run/, stats/ (but breakdowns.js, the --by names) or report/', () => {
    for (const args of [['--help'], ['validate', 'scenarios/ops-run-it.yaml']]) {
      const r = spawnSync(process.execPath, ['--no-warnings', '--import', register, CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const loaded = r.stderr.split('\n').filter((l) => l.startsWith('simulation module: ')).map((l) => l.slice('simulation module: '.length));
      expect(loaded, args.join(' ')).toEqual(['stats/breakdowns.js']);
    }
  });
});

describe('chart modules load on the first chart', () => {
  it('run --no-charts and --version load none of them', () => {
    const run = chartModules(['run', '--no-charts', '-q', '-r', '2', '--workers', '1', '--out', join(tmp, 'no-charts')]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.loaded).toEqual([]);
    const version = chartModules(['--version']);
    expect(version.status).toBe(0);
    expect(version.loaded).toEqual([]);
  });

  it('a run with charts loads Vega and Vega-Lite (the hook sees them)', () => {
    const run = chartModules(['run', '-q', '-r', '1', '--workers', '1', '--out', join(tmp, 'charts')]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.loaded).toEqual(['vega', 'vega-lite']);
  });
});
