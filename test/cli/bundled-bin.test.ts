// The bundled bin (dist/bin/orisim.js: bench/bundle-cli.ts), as a user runs it: it writes the same
// bytes as the unbundled CLI (dist/cli/main.js), with worker threads (whose script is the bundle's
// dist/bin/worker.js) and with charts (fonts and Vega found from dist/bin/), and it loads no chart
// module for a run without charts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, buildBin, CLI, ROOT } from './built-cli.js';

let tmp: string;

beforeAll(() => {
  buildBin();
  tmp = mkdtempSync(join(tmpdir(), 'orisim-bin-'));
}, 120_000);
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function files(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });

describe('the bundled bin', () => {
  it('prints help and the version', () => {
    const help = node([BIN, '--help']);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^orisim <command> \[options\]\n/);
    expect(node([BIN, '--version']).stdout).toBe(`${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`);
  });

  it('writes the bytes the unbundled CLI writes: 2 workers with charts, against 1 worker', () => {
    const a = join(tmp, 'bundled');
    const b = join(tmp, 'unbundled');
    const r1 = node([BIN, 'run', '-q', '-r', '2', '--workers', '2', '--out', a]);
    expect(r1.status, r1.stderr).toBe(0);
    const r2 = node([CLI, 'run', '-q', '-r', '2', '--workers', '1', '--out', b]);
    expect(r2.status, r2.stderr).toBe(0);
    expect(r1.stdout).toBe(r2.stdout);
    const fa = files(a);
    expect(fa).toEqual(files(b));
    expect(fa).toContain('charts/lead-time-cdf.png');
    for (const f of fa) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);
  }, 120_000);

  it('runs without charts loading no chart module; validate refuses a bad file with exit 2', () => {
    const hook = join(tmp, 'hook.mjs');
    writeFileSync(hook, `export async function resolve(s, c, next) { if (/^(vega|vega-lite|@resvg\\/resvg-js)$/.test(s)) process.stderr.write('chart module: ' + s + '\\n'); return next(s, c); }\n`);
    const register = `data:text/javascript,import{register}from'node:module';register(${JSON.stringify(pathToFileURL(hook).href)})`;
    const ok = node(['--no-warnings', '--import', register, BIN, 'run', '--no-charts', '-q', '-r', '1', '--out', join(tmp, 'no-charts')]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).not.toContain('chart module');
    expect(ok.stderr).toContain('warning: normal:');
    const bad = join(tmp, 'bad.yaml');
    writeFileSync(bad, 'name: bad\nteams:\n  delivery:\n    count: -2\n');
    const v = node([BIN, 'validate', bad]);
    expect(v.status).toBe(2);
    expect(v.stderr).toBe(`${bad}:4:12 teams.delivery.count: expected a positive integer, got -2\n`);
  });
});
