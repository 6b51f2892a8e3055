// `npm run screenshots`: the first screen of the three reports (run, compare, sweep), as the README
// shows them. Runs the built CLI into a temporary folder (seeded, few replications), opens each
// report.html in headless Chromium (playwright-core; /usr/bin/chromium unless CHROMIUM says
// otherwise), waits for every chart to draw, and writes docs/screenshots/<run|compare|sweep>.png
// at a 1280×800 viewport. A development tool: playwright-core is a devDependency.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const CLI = resolve('dist/cli/main.js');
const OUT = resolve('docs/screenshots');
const VIEWPORT = { width: 1280, height: 800 };

/** The reports to photograph: name → the orisim arguments (the output folder is added). */
const REPORTS: readonly [string, readonly string[]][] = [
  ['run', ['run', 'scenarios/ops-run-it.yaml', '--replications', '10']],
  ['compare', ['compare', 'scenarios/ops-run-it.yaml', 'scenarios/twice-weekly-cab.yaml', '--replications', '10']],
  ['sweep', ['sweep', 'scenarios/ops-run-it.yaml', '--param', 'teams.delivery.count', '--values', '2..12:2', '--replications', '5']],
];

async function main(): Promise<void> {
  // Imported here, so that the rest of dist/ never needs the devDependency.
  const { chromium } = await import('playwright-core');
  const work = mkdtempSync(join(tmpdir(), 'orisim-screenshots-'));
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    for (const [name, args] of REPORTS) {
      const dir = join(work, name);
      execFileSync(process.execPath, [CLI, ...args, '--out', dir, '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
      const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
      await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
      await page.waitForFunction(() => (globalThis as unknown as { __orisimReport?: { done: boolean } }).__orisimReport?.done === true, null, { timeout: 60_000 });
      const file = join(OUT, `${name}.png`);
      await page.screenshot({ path: file, fullPage: false });
      await page.close();
      process.stderr.write(`wrote ${file} (${Math.round(statSync(file).size / 1024)} KB)\n`);
    }
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`screenshots: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
