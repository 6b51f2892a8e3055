// Benchmark: the workshop page in headless Chromium on this machine. Writes the default scenario's
// workshop with the built command line, opens it from file:// with 40 replications as the cap, and
// measures, per run: the page load (navigation to the load event), and after a control is released
// (application support 3 → 4 people) the first answer (10 replications of today and the what-if) and
// 40 replications (or fewer, when the paired intervals stopped narrowing first: replicationsReached). Prints the medians. `npm run bench -- workshop`; ORISIM_BENCH_RUNS sets the runs
// (default 3).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { encodeState } from '../report/workshop/state.js';

const MAIN = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Resolves when the page shows a result of at least `n` replications (or its last one) whose what-if has this change; returns its replications. */
async function reached(page: Page, change: string, n: number): Promise<number> {
  await page.waitForFunction(
    ([c, k]) => {
      const r = document.getElementById('result')!.dataset['orisimResult'];
      if (r === undefined) return false;
      const x = JSON.parse(r) as { replications: number; overrides: { whatIf: string[] } };
      const enough = x.replications >= (k as number) || document.getElementById('result')!.dataset['orisimStatus'] === 'done';
      return enough && (c === '' ? x.overrides.whatIf.length === 1 : x.overrides.whatIf.includes(c as string));
    },
    [change, n] as const,
    { timeout: 300_000, polling: 20 },
  );
  return (JSON.parse((await page.getAttribute('#result', 'data-orisim-result'))!) as { replications: number }).replications;
}

export async function benchWorkshop(): Promise<object> {
  const runs = Number(process.env.ORISIM_BENCH_RUNS ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'orisim-bench-workshop-'));
  const loadBefore = loadavg()[0]!;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  const load: number[] = [];
  const first: number[] = [];
  const forty: number[] = [];
  const reachedCounts: number[] = [];
  try {
    execFileSync(process.execPath, [MAIN, 'workshop', '--out', join(dir, 'ws'), '--quiet'], { stdio: 'ignore' });
    const url = `${pathToFileURL(join(dir, 'ws', 'index.html')).href}#${await encodeState({ v: 1, scenario: 0, seed: 42, cap: 40, levers: {} })}`;
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage();
      const t0 = performance.now();
      await page.goto(url, { waitUntil: 'load' });
      load.push(performance.now() - t0);
      await reached(page, '', 40); // today alone (it stops when its intervals stop narrowing): the what-if below reuses today's replications
      const change = 'teams.applicationSupport.people=4';
      const t1 = performance.now();
      await page.evaluate(() => {
        const el = document.querySelector<HTMLInputElement>('[data-path="teams.applicationSupport.people"]')!;
        el.value = String((JSON.parse(el.dataset['values']!) as string[]).indexOf('4'));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await reached(page, change, 10);
      first.push(performance.now() - t1);
      reachedCounts.push(await reached(page, change, 40));
      forty.push(performance.now() - t1);
      await page.close();
    }
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const ms = (x: number): number => Math.round(x);
  return { runs, loadMs: ms(median(load)), firstAnswerMs: ms(median(first)), fortyReplicationsMs: ms(median(forty)), replicationsReached: reachedCounts, workers: 'navigator.hardwareConcurrency, at most 4', loadAverageBefore: loadBefore };
}
