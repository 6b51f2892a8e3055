// report.html of compare and sweep in real headless Chromium: the page opens with the summary in
// words (the caveat last), every chart draws without errors or console warnings, and the sweep's
// table fits the page width (no horizontal scrolling) on screen and in print.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { haveChromium, launchChromium } from '../browser/chromium.js';
import { main } from '../../src/cli/main.js';

let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'orisim-pages-'));
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(await main(['compare', 'scenarios/ops-run-it.yaml', 'scenarios/twice-weekly-cab.yaml', '-r', '2', '--out', join(dir, 'cmp'), '-q'])).toBe(0);
    expect(await main(['sweep', '--param', 'teams.delivery.count', '--values', '4,16', '-r', '2', '--out', join(dir, 'sweep'), '-q'])).toBe(0);
  } finally {
    vi.restoreAllMocks();
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!haveChromium)('compare and sweep report.html in headless Chromium', () => {
  for (const [name, charts] of [['cmp', 4], ['sweep', 2]] as const) {
    it(`${name}: opens with the summary, draws every chart, fits the page`, async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        const problems: string[] = [];
        page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
        page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
        await page.goto(pathToFileURL(join(dir, name, 'report.html')).href, { waitUntil: 'load' });
        await page.waitForFunction(() => (globalThis as unknown as { __orisimReport?: { done: boolean } }).__orisimReport?.done === true, null, { timeout: 30_000 });
        const state = await page.evaluate(() => (globalThis as unknown as { __orisimReport: { rendered: number; errors: string[] } }).__orisimReport);
        expect(state.errors).toEqual([]);
        expect(state.rendered).toBe(charts);
        expect(problems).toEqual([]);
        expect(await page.locator('main section').first().getAttribute('id')).toBe('summary');
        expect(await page.locator('#summary ul.summary li').count()).toBeGreaterThan(1);
        expect(await page.locator('#summary .caveat').textContent()).toContain('simulation noise only');
        // the summary is on the first screen
        const box = await page.locator('#summary ul.summary').boundingBox();
        expect(box!.y).toBeLessThan(800);
        if (name === 'cmp') {
          // and so is the chart of p85 lead time and cash cost a year per design, drawn (an svg), under it
          const chart = await page.locator('#summary #chart-compare-headline svg').boundingBox();
          expect(chart!.y).toBeGreaterThan(box!.y);
          expect(chart!.y).toBeLessThan(800);
        }
        if (name === 'sweep') {
          for (const media of ['screen', 'print'] as const) {
            await page.emulateMedia({ media });
            const table = page.locator('table.data.wrap');
            const fits = await table.evaluate((t: { scrollWidth: number; parentElement: { clientWidth: number } | null }) => t.scrollWidth <= t.parentElement!.clientWidth + 1);
            expect(fits, media).toBe(true);
          }
        }
      } finally {
        await browser.close();
      }
    }, 60_000);
  }
});
