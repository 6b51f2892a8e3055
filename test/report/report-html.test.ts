// report.html: self-contained, escaped, and — in real headless Chromium from file:// — every
// chart draws an SVG with marks, no console errors, no request but the file itself.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FREEZE_FILL } from '../../src/report/charts/calendar-bands.js';
import { CHROMIUM, haveChromium, launchChromium } from '../browser/chromium.js';
import { makeFixture } from './fixture.js';
import { writeReport } from '../../src/report/write-charts.js';
import { buildCharts } from '../../src/report/charts/index.js';
import { escapeScript } from '../../src/report/html.js';

const input = makeFixture();
let dir: string;
let html: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'orisim-report-'));
  await writeReport(dir, input);
  html = readFileSync(join(dir, 'report.html'), 'utf8');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('report.html', () => {
  it('has the DORA benchmark table: each variant\'s four metrics with their 2019 clusters, restore times per path, the source', () => {
    const section = html.slice(html.indexOf('<section id="dora">'), html.indexOf('<section id="charts">'));
    expect(section).toContain('<h2>DORA benchmark</h2>');
    expect(section).toContain('DORA, Accelerate State of DevOps 2019');
    expect(html).toContain('<a href="#dora">DORA</a>');
    const rows = [...section.matchAll(/<tr><th scope="row">([^<]*)[\s\S]*?<\/th>(.*?)<\/tr>/g)].map((m) => [m[1], m[2]!.replace(/<[^>]+>/g, '|').replace(/\|+/g, '|')]);
    // The fixture: 1.36 and 1.44 deployments a week over 2 teams (monthly to weekly: medium);
    // median lead times 15.7 days (medium) and 1.4 days (high).
    expect(rows).toEqual([
      ['Deployment frequency (successful deployments a week per delivery team)', '|0.68 a week |medium|0.72 a week |medium|'],
      ['Lead time for changes (median, ready → live)', '|15.7 days |medium|1.4 days |high|'],
      // The fixture: normal fails 21% of deployments (the gap above 15%: low), pre-approved 12% (elite).
      ['Change failure rate (failed ÷ deployment attempts)', '|21.0% |low|12.0% |elite|'],
      // Restore medians 1.5 hours (under a day: high) and 0.3 hours = 18 minutes (under an hour: elite).
      ['Time to restore service (median, failed deployment → rollback complete)', '|1.5 hours |high|18 minutes |elite|'],
      ['Time to restore, p50 / p85 / p95 (hours): application support rollback (normal path)', '|1.50 / 4.00 / 9.00 |(mean 2.40, 30 failures)|1.50 / 4.00 / 9.00 |(mean 2.40, 6 failures)|'],
      ['Time to restore, p50 / p85 / p95 (hours): automated pipeline rollback (pre-approved path)', '|–|0.25 / 0.40 / 0.50 |(mean 0.30, 12 failures)|'],
    ]);
  });

  it('is self-contained: no external scripts, stylesheets, images or fetches', () => {
    // the markup outside the inlined scripts (the bundles themselves contain such strings as code)
    const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '<script></script>');
    expect(/<script[^>]+src=/i.test(html)).toBe(false);
    expect(/<link\b/i.test(markup)).toBe(false);
    expect(/<(img|iframe|object|embed)\b/i.test(markup)).toBe(false);
    expect(/url\(/i.test(markup)).toBe(false);
    expect(html.includes('/* vega-embed build/vega-embed.min.js */')).toBe(true);
  });

  it('has exactly the script elements it opened (no early </script> from inlined code or data)', () => {
    const opens = html.match(/<script\b/gi)!.length;
    const closes = html.match(/<\/script/gi)!.length;
    expect(opens).toBe(5); // specs JSON, vega, vega-lite, vega-embed, embed code
    expect(closes).toBe(opens);
    expect(escapeScript('a="</script>";b="<!--"')).toBe('a="\\x3C/script>";b="\\x3C!--"');
  });

  it('escapes everything user-provided', () => {
    expect(html.includes('fixture &lt;small&gt; &amp; &quot;quoted&quot;')).toBe(true);
    expect(html.includes('fixture <small>')).toBe(false);
    expect(html.includes('# &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;')).toBe(true); // the scenario YAML
    expect(html.includes('&lt;queues&gt; grow &amp; waits')).toBe(true); // a warning
  });

  it('shows the headline numbers, tables, warnings and how it was computed', () => {
    const n = input.summary.variants.normal!;
    expect(html.includes(`<strong>${n.leadTimeDays.p85.toFixed(1)}</strong>`)).toBe(true);
    for (const s of ['Deployments per week', 'Change failure rate', 'Run cost per deployment', 'Total cost per feature', 'band-high',
      'stages.csv', 'costs.csv', 'id="warnings"', 'How this was computed', 'Replications', 'Seed', 'Warm-up', 'Horizon', 'orisim version', 'break-inside: avoid', '@media print']) {
      expect(html.includes(s), s).toBe(true);
    }
  });

  it('is byte-identical for the same input', async () => {
    const again = mkdtempSync(join(tmpdir(), 'orisim-report-'));
    try {
      await writeReport(again, makeFixture());
      expect(readFileSync(join(again, 'report.html'), 'utf8') === html).toBe(true);
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });
});

describe('report.html in headless Chromium', () => {
  if (!haveChromium) {
    const why = `${CHROMIUM} not found — ${process.env.CI ? 'CI must install chromium' : 'skipping the browser test (apt-get install chromium to run it)'}`;
    console.warn(why);
    // On CI a missing browser is a failure, not a skip.
    it.runIf(process.env.CI)('needs chromium on CI', () => {
      throw new Error(why);
    });
  }

  it.skipIf(!haveChromium)('renders every chart as an SVG with marks, offline, without console errors', async () => {
    const browser = await launchChromium(['--disable-quic', '--disable-component-update', '--disable-sync']);
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const url = pathToFileURL(join(dir, 'report.html')).href;
      const requests: string[] = [];
      const problems: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction(() => (globalThis as unknown as { __orisimReport?: { done: boolean } }).__orisimReport?.done === true, null, { timeout: 30_000 });
      const state = await page.evaluate(() => (globalThis as unknown as { __orisimReport: { rendered: number; errors: string[] } }).__orisimReport);
      const charts = buildCharts(input);
      expect(state.errors).toEqual([]);
      expect(state.rendered).toBe(charts.length);
      for (const c of charts) {
        const marks = await page.locator(`#chart-${c.name} svg .mark-rect path, #chart-${c.name} svg .mark-line path, #chart-${c.name} svg .mark-area path, #chart-${c.name} svg .mark-symbol path, #chart-${c.name} svg .mark-rule line`).count();
        expect(marks, c.name).toBeGreaterThan(0);
        expect(await page.locator(`#chart-${c.name} svg`).first().textContent(), c.name).toContain(c.title);
      }
      // the page opens with the summary block, its caveat last
      expect(await page.locator('#summary ul.summary li').count()).toBeGreaterThan(0);
      expect(await page.locator('#summary .caveat').textContent()).toContain('simulation noise only');
      expect(await page.locator('main section').first().getAttribute('id')).toBe('summary');
      // the freeze is shaded (and labelled) in the deployments chart
      expect(await page.locator(`#chart-deployments-per-week svg .mark-rect path[fill="${FREEZE_FILL}"]`).count()).toBe(1);
      expect(await page.locator('#chart-deployments-per-week svg').first().textContent()).toContain('freeze: Spring freeze');
      // per class and per path: the chart is drawn in its own section, two bars (p85, p50) per variant × group
      const groups = Object.values(input.summary.variants).reduce((n, v) => n + Object.keys(v!.byClass).length + Object.keys(v!.byPath).length, 0);
      expect(await page.locator('#by-class-path #chart-lead-time-by-class-path svg .mark-rect path').count()).toBe(2 * groups);
      expect(await page.locator('#by-class-path table.by-class tbody tr').count()).toBe(Object.values(input.summary.variants).reduce((n, v) => n + Object.keys(v!.byClass).length, 0));
      // tooltips are wired: hovering a bar shows vega-tooltip's element
      const bar = page.locator('#chart-cost-breakdown svg .mark-rect path').first();
      await bar.hover();
      await page.waitForSelector('#vg-tooltip-element.visible', { timeout: 5000 });
      expect(problems).toEqual([]);
      expect(requests).toEqual([url]);
      const out = resolve('test-output');
      mkdirSync(out, { recursive: true });
      await page.screenshot({ path: join(out, 'report.png'), fullPage: true });
      await page.screenshot({ path: join(out, 'report-top.png') });
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: join(out, 'report-print.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
