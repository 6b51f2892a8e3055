// The workshop page in headless Chromium, opened from file:// as a double-click would: it makes no
// network request and logs no console error; for the shipped scenario and three lever settings the
// numbers it shows (data-orisim-result) are `orisim run`'s with the same --set changes, seed and
// replications (the summary to within 1e-9, Chromium's last bit of Math.log/exp/pow; the figures as
// shown, exactly); a stale run never shows; its URL reopens the same state and numbers in a fresh
// page; the exported YAML runs with `orisim run` to the same numbers; an imported file that is not a
// scenario is refused with the CLI's message; a locked lever cannot be moved; a link from a newer
// page is explained.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWorkshop } from '../../src/bench/bundle-workshop.js';
import { workshopCommand } from '../../src/cli/workshop.js';
import { parseScenarioText } from '../../src/node/scenario-files.js';
import { defaultLevers, overridesOf, todayOverrides } from '../../src/report/workshop/levers.js';
import { encodeState } from '../../src/report/workshop/state.js';
import { shownFigures } from '../../src/report/workshop/view.js';
import { formatScenarioError } from '../../src/scenario/errors.js';
import { NO_FILES } from '../../src/stats/simulate.js';
import { decodeText, parseWithBases } from '../../src/scenario/load.js';
import { cliSummary, FILE, runNode, SETTINGS, shippedSource } from '../workshop/helpers.js';
import { differences, haveChromium, launchChromium } from './chromium.js';

const source = shippedSource();
const levers = defaultLevers(parseScenarioText(source.text, FILE), parse(source.text));
const REPLICATIONS = 10;

interface PageResult {
  replications: number;
  overrides: { today: string[]; whatIf: string[] };
  shown: { today: Record<string, string>; whatIf: Record<string, string> };
  warnings: string[];
  today: unknown;
  whatIf: { variants: unknown; run: unknown };
}

let dir: string;
let url: string;
let browser: Browser;
const problems: string[] = [];
const requests: string[] = [];

async function open(address: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(address, { waitUntil: 'load' });
  return page;
}

/** Sets a lever as a person would: a select's option, or a slider moved and released. */
async function setLever(page: Page, path: string, value: string): Promise<void> {
  await page.evaluate(([p, v]) => {
    const el = document.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-path="${p}"]`)!;
    el.value = el instanceof HTMLInputElement ? String((JSON.parse(el.dataset['values']!) as string[]).indexOf(v)) : v;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, [path, value] as const);
}

/** The result once the run for these what-if changes is done. */
async function result(page: Page, whatIf: readonly string[]): Promise<PageResult> {
  await page.waitForFunction((want) => {
    const el = document.getElementById('result')!;
    const r = el.dataset['orisimResult'];
    return el.dataset['orisimStatus'] === 'done' && r !== undefined && JSON.stringify((JSON.parse(r) as PageResult).overrides.whatIf) === want;
  }, JSON.stringify(whatIf), { timeout: 120_000 });
  return JSON.parse((await page.getAttribute('#result', 'data-orisim-result'))!) as PageResult;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'orisim-workshop-'));
  if (!haveChromium) return;
  await bundleWorkshop(join(dir, 'assets'));
  expect(await workshopCommand({ scenarios: [FILE], out: join(dir, 'ws'), quiet: true, assets: join(dir, 'assets') })).toBe(0);
  url = `${pathToFileURL(join(dir, 'ws', 'index.html')).href}#${await encodeState({ v: 1, scenario: 0, seed: 42, cap: REPLICATIONS, levers: {} })}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!haveChromium)('the workshop page in Chromium', () => {
  it('shows for three lever settings the numbers orisim run gives with the same --set, seed and replications', async () => {
    const page = await open(url);
    const today = await result(page, todayOverrides(levers));
    expect(today.replications).toBe(REPLICATIONS);
    for (const setting of SETTINGS) {
      for (const [path, value] of Object.entries(setting)) await setLever(page, path, value);
      const whatIf = overridesOf(levers, setting);
      const shown = await result(page, whatIf);
      const cli = (await cliSummary(FILE, whatIf, REPLICATIONS, 42)) as { variants: unknown; run: unknown };
      expect(differences(shown.whatIf, cli)).toEqual([]);
      const node = await runNode(source, todayOverrides(levers), whatIf, 42, REPLICATIONS);
      expect(shown.shown.whatIf).toEqual(shownFigures(node.comparison.designs[1]!, node.costs.whatIf, 'GBP'));
      expect(shown.shown.today).toEqual(shownFigures(node.comparison.designs[0]!, node.costs.today, 'GBP'));
      await page.click('#reset');
    }
    await page.close();
  }, 300_000);

  it('reopens its URL in a fresh page with the same state and numbers; a stale run never shows', async () => {
    const page = await open(url);
    await result(page, todayOverrides(levers));
    await page.evaluate(() => {
      const seen: string[][] = [];
      (window as unknown as { seen: string[][] }).seen = seen;
      new MutationObserver(() => seen.push((JSON.parse(document.getElementById('result')!.dataset['orisimResult']!) as PageResult).overrides.whatIf)).observe(document.getElementById('result')!, { attributeFilter: ['data-orisim-result'] });
    });
    await setLever(page, 'teams.applicationSupport.people', '2'); // replaced at once by the next
    await setLever(page, 'teams.applicationSupport.people', '5');
    const whatIf = overridesOf(levers, { 'teams.applicationSupport.people': '5' });
    const first = await result(page, whatIf);
    const seen = await page.evaluate(() => (window as unknown as { seen: string[][] }).seen);
    expect(seen.every((s) => JSON.stringify(s) === JSON.stringify(whatIf))).toBe(true);
    const again = await open(page.url());
    const second = await result(again, whatIf);
    expect(second).toEqual(first);
    expect(await again.inputValue('[data-path="teams.applicationSupport.people"]')).toBe(await page.inputValue('[data-path="teams.applicationSupport.people"]'));
    await page.close();
    await again.close();
  }, 300_000);

  it('exports the what-if as YAML that orisim run runs to the same numbers', async () => {
    const page = await open(url);
    await setLever(page, 'variant', 'preApproved');
    const whatIf = overridesOf(levers, { variant: 'preApproved' });
    const shown = await result(page, whatIf);
    await page.click('#export');
    const file = join(dir, 'what-if.yaml');
    writeFileSync(file, await page.inputValue('#export-text'));
    const ran = (await cliSummary(file, [])) as { variants: unknown; run: unknown };
    expect(differences(ran.variants, shown.whatIf.variants)).toEqual([]);
    expect(ran.run).toEqual(shown.whatIf.run);
    await page.close();
  }, 300_000);

  it("refuses an imported file that is not a valid scenario with the CLI's message, and locks levers in facilitator mode", async () => {
    const page = await open(url);
    await result(page, todayOverrides(levers));
    const bad = 'name: bad\nteams:\n  applicationSupport:\n    people: -1\n';
    await page.setInputFiles('#import', { name: 'bad.yaml', mimeType: 'text/yaml', buffer: Buffer.from(bad) });
    let message = '';
    try {
      parseWithBases(bad, 'bad.yaml', [], NO_FILES);
    } catch (err) {
      message = formatScenarioError(err);
    }
    expect(message).toMatch(/^bad\.yaml:4:13 teams\.applicationSupport\.people: /);
    await page.waitForFunction(() => !document.getElementById('problem')!.hidden);
    expect(await page.textContent('#problem')).toBe(`bad.yaml was not loaded:\n${message}`);
    const utf16 = Buffer.from('\ufeffname: x\n', 'utf16le');
    let notUtf8 = '';
    try {
      decodeText('utf16.yaml', utf16);
    } catch (err) {
      notUtf8 = formatScenarioError(err);
    }
    await page.setInputFiles('#import', { name: 'utf16.yaml', mimeType: 'text/yaml', buffer: utf16 });
    await page.waitForFunction(() => document.getElementById('problem')!.textContent!.startsWith('utf16.yaml'));
    expect(await page.textContent('#problem')).toBe(`utf16.yaml was not loaded:\n${notUtf8}`);
    expect(notUtf8).toContain('UTF-16');
    await page.check('#facilitator');
    await page.check('[data-lock="teams.delivery.count"]');
    expect(await page.isDisabled('[data-path="teams.delivery.count"]')).toBe(true);
    await page.waitForFunction(() => location.hash.length > 1);
    const again = await open(page.url());
    await again.waitForSelector('[data-path="teams.delivery.count"]');
    expect(await again.isDisabled('[data-path="teams.delivery.count"]')).toBe(true);
    await page.close();
    await again.close();
  }, 300_000);

  it('explains a link it cannot read and opens on its defaults', async () => {
    const page = await open(`${url.split('#')[0]!}#v9.AAAA`);
    await result(page, todayOverrides(levers));
    expect(await page.textContent('#problem')).toBe('this link is from a newer workshop page (state version 9; this page reads up to 1): open it with a newer orisim workshop');
    await page.close();
  }, 300_000);

  it('made no network request and logged no console error', () => {
    expect(requests.filter((r) => !r.startsWith('file://') && !r.startsWith('blob:'))).toEqual([]);
    expect(requests.length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
