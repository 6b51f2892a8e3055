// Issue 12's round trip: a scenario with known parameters, run with --export servicenow; the
// export calibrated; the calibrated scenario back-tested against the export. In-process (main()).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { readExport } from '../../src/node/export-file.js';
import { calibrate, type Calibration } from '../../src/calibrate/fit.js';

const KNOWN = 'test/fixtures/round-trip.yaml'; // preApproved share 0.4, failureRate 0.2, downtimeShare 0.3, deployment median 40m p90 1h30m, CAB wed 14:00
let dir: string;
let cal: Calibration;
let out: string[];
let err: string[];
const codes: number[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'orisim-round-trip-'));
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  codes.push(await main(['run', KNOWN, '--export', 'servicenow', '--no-charts', '--quiet', '--out', join(dir, 'run')]));
  codes.push(await main(['calibrate', join(dir, 'run', 'change_request.csv'), '--out', join(dir, 'calibrated.yaml')]));
  out.length = 0;
  codes.push(await main(['backtest', join(dir, 'calibrated.yaml'), join(dir, 'run', 'change_request.csv'), '-r', '20', '--quiet', '--out', join(dir, 'backtest')]));
  vi.restoreAllMocks();
  cal = calibrate(readExport(join(dir, 'run', 'change_request.csv')));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** |fitted − known| within 3 standard errors of a share of n at the known value. */
const within3se = (fitted: number, known: number, n: number): void => {
  expect(n).toBeGreaterThan(100);
  expect(Math.abs(fitted - known)).toBeLessThanOrEqual(3 * Math.sqrt((known * (1 - known)) / n));
};

describe('round trip: run --export servicenow → calibrate → backtest', () => {
  it('every step succeeds', () => {
    expect(codes, err.join('')).toEqual([0, 0, 0]);
  });

  it('the CAB weekday and time are exact', () => {
    expect(cal.cab?.days).toEqual(['wed']);
    expect(cal.cab?.time).toBe('14:00');
    expect(cal.cab?.everyWeeks).toBe(1);
  });

  it('the type shares, failure rate and out-of-hours share are within 3 standard errors', () => {
    within3se(cal.types.standard.share, 0.4, cal.types.standard.n);
    within3se(cal.types.normal.share, 0.6, cal.types.normal.n);
    within3se(cal.failure.unsuccessful.share, 0.2, cal.failure.unsuccessful.n);
    within3se(cal.outOfHours.share.share, 0.3, cal.outOfHours.share.n);
  });

  it('the deployment median and p90 are within 10%', () => {
    const d = cal.durations.byType.normal!;
    expect(d.n).toBeGreaterThan(100);
    expect(Math.abs(d.median / 40 - 1)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(d.p90 / 90 - 1)).toBeLessThanOrEqual(0.1);
  });

  it('the calibrated scenario reproduces the export by its own verdict', () => {
    const bt = JSON.parse(readFileSync(join(dir, 'backtest', 'backtest.json'), 'utf8')) as { variant: string; verdict: { reproduces: boolean; line: string }; checks: { name: string; inside: boolean }[] };
    expect(bt.variant).toBe('preApproved'); // the export has standard changes
    expect(bt.verdict.reproduces).toBe(true);
    expect(out.join('')).toContain(`${bt.verdict.line}\n`);
    expect(bt.verdict.line).toMatch(/^reproduces the export: lead time p50 /);
    expect(bt.checks.map((c) => c.name)).toEqual([
      'lead time p50', 'lead time p85', 'lead time p95', 'deployments per week', 'out-of-hours share', 'failure rate',
      'wait opened → CAB p50', 'wait opened → CAB p85', 'wait CAB → work start p50', 'wait CAB → work start p85',
      'wait opened → work start, standard p50', 'wait opened → work start, standard p85', 'deployment work start → end p50', 'deployment work start → end p85',
    ]);
    for (const f of ['report.html', 'backtest.csv', 'charts/backtest-qq.svg', 'charts/backtest-cdf.vl.json', '.orisim-output']) expect(existsSync(join(dir, 'backtest', f)), f).toBe(true);
    const html = readFileSync(join(dir, 'backtest', 'report.html'), 'utf8');
    expect(html).toContain('Lead time: export against simulation (QQ)');
    expect(html).toContain('reproduces the export');
  });

  it('the calibrated scenario with a failure rate of 60% does not reproduce the export, and says why', async () => {
    const o: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (o.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await main(['backtest', join(dir, 'calibrated.yaml'), join(dir, 'run', 'change_request.csv'), '-r', '10', '--quiet', '--no-charts', '--set', 'classes.moderate.failureRate=0.6', '--out', join(dir, 'worse')]);
      expect(code).toBe(0);
    } finally {
      vi.restoreAllMocks();
    }
    expect(o.join('')).toMatch(/\ndoes not reproduce: .*failure rate \d+\.\d% is below the simulated \d+\.\d% – \d+\.\d%/);
  });
});
