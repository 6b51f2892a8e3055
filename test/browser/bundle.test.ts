// The core runs in a browser: stats/simulate.ts (scenario text → summary, through the core's loader,
// the serial executor and the summary) bundles with esbuild for platform 'browser' with no Node
// built-in, and the bundle, loaded in headless Chromium, simulates the default scenario for one
// replication with seed 42 to the summary Node computes (which is, byte for byte, the summary.json
// `orisim run` writes). Node 20 and Chromium differ in the last bit of Math.log, Math.exp and
// Math.pow for some arguments (about 6–10% of them), so the browser's summary has the same keys,
// text and counts and numbers equal to within 1e-9 (relative), not to the last bit.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { VERSION } from '../../src/output/version.js';
import { toJson } from '../../src/output/write-run.js';
import { simulate } from '../../src/stats/simulate.js';
import type { Summary } from '../../src/stats/summary-types.js';
import { differences, haveChromium, launchChromium } from './chromium.js';

const FILE = 'scenarios/ops-run-it.yaml';
const TEXT = readFileSync(FILE, 'utf8');
const OPTIONS = { replications: 1, seed: 42, file: FILE, version: VERSION };
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'orisim-bundle-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bundles the core's simulate() as an IIFE (global `orisim`) into dir; returns esbuild's inputs and the size. */
async function bundleCore(): Promise<{ inputs: string[]; bytes: number }> {
  const outfile = join(dir, 'orisim-core.js');
  const result = await build({
    entryPoints: ['src/stats/simulate.ts'],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'orisim',
    outfile,
    metafile: true,
    logLevel: 'silent',
  });
  expect(result.errors).toEqual([]);
  return { inputs: Object.keys(result.metafile.inputs), bytes: readFileSync(outfile).length };
}

describe('the core bundled for a browser', () => {
  it('bundles with esbuild for platform browser: no Node built-in, no file above the core', async () => {
    const { inputs, bytes } = await bundleCore();
    expect(inputs.filter((f) => f.startsWith('node:') || /^(fs|path|os|crypto|worker_threads|url)$/.test(f))).toEqual([]);
    const layers = new Set(inputs.filter((f) => f.startsWith('src/')).map((f) => f.split('/')[1]));
    expect([...layers].sort()).toEqual(['engine', 'model', 'run', 'scenario', 'stats']);
    expect(bytes).toBeGreaterThan(0);
  }, 60_000);

  it('simulate() in Node gives the summary `orisim run -r 1 --seed 42` writes to summary.json', async () => {
    const summary = await simulate(TEXT, OPTIONS);
    const out = join(dir, 'run');
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['run', FILE, '-r', '1', '--seed', '42', '--workers', '1', '--no-charts', '--changes', 'none', '--out', out, '-q'])).toBe(0);
    } finally {
      vi.restoreAllMocks();
    }
    expect(toJson(summary)).toBe(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.run).toEqual({ replications: 1, seed: 42, horizonDays: summary.run.horizonDays, warmupDays: summary.run.warmupDays, version: VERSION });
  }, 120_000);

  it('a scenario that extends a base is refused without files, with a located message', async () => {
    await expect(simulate('extends: base.yaml\n', { file: 'mine.yaml' })).rejects.toThrow(
      'mine.yaml:1:10 extends: base of extends: cannot read base.yaml: no scenario files here (give the scenario with its bases merged)',
    );
  });

  describe.skipIf(!haveChromium)('in headless Chromium', () => {
    it('runs the default scenario for one replication with seed 42 to the summary Node computes', async () => {
      await bundleCore();
      writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><script src="orisim-core.js"></script>\n');
      const expected = await simulate(TEXT, OPTIONS);
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const problems: string[] = [];
        page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
        page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
        await page.goto(pathToFileURL(join(dir, 'index.html')).href, { waitUntil: 'load' });
        const inBrowser = await page.evaluate(
          async ([text, options]) => {
            const core = (globalThis as unknown as { orisim: { simulate(t: string, o: object): Promise<unknown> } }).orisim;
            const hasNode = typeof (globalThis as { process?: unknown }).process !== 'undefined';
            return { hasNode, summary: JSON.stringify(await core.simulate(text, options)) };
          },
          [TEXT, OPTIONS] as const,
        );
        expect(problems).toEqual([]);
        expect(inBrowser.hasNode).toBe(false);
        const summary = JSON.parse(inBrowser.summary) as Summary;
        expect(differences(summary, JSON.parse(JSON.stringify(expected)))).toEqual([]);
        expect(summary.scenario).toEqual(expected.scenario);
        expect(summary.run).toEqual(expected.run);
      } finally {
        await browser.close();
      }
    }, 120_000);
  });
});
