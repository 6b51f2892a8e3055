// The ServiceNow export of simulated changes (run --export servicenow): hand-computed rows, the
// file's shape, spreadsheet-safe cells; the back-test's figures and intervals on tiny inputs.
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/node/scenario-files.js';
import type { ChangeRecord } from '../../src/model/records.js';
import { zeroCosts, zeroStages } from '../../src/model/stage-times.js';
import { exportedChanges, serviceNowCsv, SERVICENOW_COLUMNS } from '../../src/calibrate/simulated-export.js';
import { backtest, observables, replicationInterval } from '../../src/calibrate/backtest.js';
import { main } from '../../src/cli/main.js';
import { vi } from 'vitest';

const scenario = parseScenarioText(
  'name: t\nstart: 2027-01-04\nhorizon: 10w\nwarmup: 1w\nteams:\n  changeManagement:\n    cab: { days: [tue], time: "10:00", duration: 1h }\n',
  't.yaml',
);
const H = 60;
const D = 1440;
function change(over: Partial<ChangeRecord>): ChangeRecord {
  return {
    replication: 1, variant: 'normal', id: 1, team: 2, changeClass: 'moderate', path: 'normal', warmup: false, outOfHours: false,
    readyAt: NaN, raisedAt: NaN, approvedAt: NaN, scheduledAt: NaN, deployStartAt: NaN, liveAt: NaN, validatedAt: NaN,
    rejections: 0, failedDeployments: 0, overtimeDeployments: 0, cabMeetings: 0, wait: zeroStages(), active: zeroStages(), costOfDelay: 0, runCost: zeroCosts(),
    ...over,
  };
}

// Day 0 is Monday 2027-01-04. Change 8: raised Wed 2027-01-13 11:30, decided at the Tuesday 19 Jan
// 10:00 CAB (approved at 11:00, the meeting's end), deployed Sat 23 Jan 22:00 → 23:15 after one failed
// attempt, validated Mon 25 Jan 10:00.
const closed = change({
  id: 8, readyAt: 9 * D, raisedAt: 9 * D + 11.5 * H, approvedAt: 15 * D + 11 * H, scheduledAt: 16 * D,
  deployStartAt: 19 * D + 22 * H, liveAt: 19 * D + 23.25 * H, validatedAt: 21 * D + 10 * H, failedDeployments: 1,
});

describe('exportedChanges and serviceNowCsv (hand-computed)', () => {
  it('writes a closed, a rejected, a standard and an unraised change as ServiceNow shows them', () => {
    const rows = exportedChanges(scenario, [
      closed,
      change({ id: 9, team: 1, changeClass: 'small', readyAt: 10 * D, raisedAt: 10 * D + 10 * H, rejections: 1 }),
      change({ id: 10, path: 'preApproved', variant: 'preApproved', readyAt: 11 * D, raisedAt: 11 * D, scheduledAt: 11 * D, deployStartAt: 11 * D + 9 * H, liveAt: 11 * D + 9.5 * H }),
      change({ id: 11, readyAt: 12 * D }), // not raised: no ticket yet
      change({ id: 3, warmup: true, readyAt: 2 * D, raisedAt: 2 * D + 10 * H }), // warm-up: not counted
    ]);
    expect(serviceNowCsv(rows)).toBe(
      `${SERVICENOW_COLUMNS.join(',')}\n` +
        'CHG0000008,Feature 8 of delivery team 2 (class moderate),Normal,Closed,Approved,Moderate,delivery-2,2027-01-13 11:30:00,2027-01-19 10:00:00,2027-01-23 22:00:00,2027-01-23 23:15:00,2027-01-25 10:00:00,Unsuccessful\n' +
        'CHG0000009,Feature 9 of delivery team 1 (class small),Normal,Assess,Rejected,,delivery-1,2027-01-14 10:00:00,,,,,\n' +
        'CHG0000010,Feature 10 of delivery team 2 (class moderate),Standard,Review,Not Required,Moderate,delivery-2,2027-01-15 00:00:00,,2027-01-15 09:00:00,2027-01-15 09:30:00,,Successful\n',
    );
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    const [row] = exportedChanges(scenario, [closed]);
    expect(serviceNowCsv([{ ...row!, group: '=HYPERLINK("x")', shortDescription: '+cmd|x' }])).toContain(`'+cmd|x,Normal,Closed,Approved,Moderate,"'=HYPERLINK(""x"")"`);
  });
});

describe('the back-test on tiny inputs', () => {
  it('measures lead time, waits, deployments a week, out of hours and failures the way calibrate reads them', () => {
    const o = observables(exportedChanges(scenario, [closed]));
    expect(o.leadTimeDays).toEqual([(19 * D + 23.25 * H - (9 * D + 11.5 * H)) / D]); // 10.4896 days
    expect(o.cabWaitDays).toEqual([(15 * D + 10 * H - (9 * D + 11.5 * H)) / D]);
    expect(o.cabToWorkDays).toEqual([(19 * D + 22 * H - (15 * D + 10 * H)) / D]);
    expect(o.deploymentsPerWeek).toBe(1); // one deployment, at least one week
    expect([o.outOfHoursShare, o.failureRate]).toEqual([1, 1]); // Saturday 22:00; one failed attempt
  });

  it('the interval runs from the k-th smallest to the k-th largest replication', () => {
    const xs = Array.from({ length: 100 }, (_x, i) => i + 1);
    expect(replicationInterval(xs, 0.95)).toEqual({ low: 3, high: 98 }); // k = ⌈100 × 0.05 / 2⌉ = 3
    expect(replicationInterval(xs.slice(0, 20), 0.99)).toEqual({ low: 1, high: 20 }); // k = 1: the whole range
    expect(replicationInterval([], 0.95).low).toBeNaN();
  });

  it('a figure outside the replications fails the verdict with the reason', () => {
    const sim = [0.9, 1.1, 1.0].map((f) => exportedChanges(scenario, [{ ...closed, liveAt: closed.raisedAt + f * D, deployStartAt: closed.raisedAt + f * D - H }]));
    const bt = backtest(exportedChanges(scenario, [closed]), sim, 'normal');
    expect(bt.level).toBeCloseTo(1 - 0.05 / 6, 12);
    expect(bt.verdict.reproduces).toBe(false);
    expect(bt.verdict.reasons[0]).toBe('lead time p50 10.49 days is above the simulated 0.90 days – 1.10 days');
    expect(bt.leadTime.ks).toBe(1);
  });

  it('names the likely cause: the stage whose wait diverges most, and the fields that drive it (pinned)', () => {
    // Each replication deploys f days after the raise (f = 0.9, 1.0, 1.1), before its CAB date
    // (15 Jan 10:00): CAB → work start = f − 6 + 0.5/24 days, from −5.08 to −4.88; the export's 4.50
    // days lies 9.4 days above, further out than any other stage (deployment: 1h15m against 1h).
    const sim = [0.9, 1.1, 1.0].map((f) => exportedChanges(scenario, [{ ...closed, liveAt: closed.raisedAt + f * D, deployStartAt: closed.raisedAt + f * D - H }]));
    const bt = backtest(exportedChanges(scenario, [closed]), sim, 'normal');
    expect(bt.verdict.cause).toEqual({
      figure: 'wait CAB → work start p50',
      text: 'wait CAB → work start p50 4.50 days against the simulated -5.08 days – -4.88 days, the stage that diverges most',
      fields: ['classes.<class>.efforts.handover', 'classes.<class>.downtimeShare', 'teams.applicationSupport (people, hours, outOfHoursWindows, otherWork)', 'freezes', 'noDeploy'],
    });
    expect(bt.verdict.line).toMatch(/^does not reproduce: lead time p50 10\.49 days is above .*; likely cause: wait CAB → work start p50 4\.50 days against the simulated -5\.08 days – -4\.88 days, the stage that diverges most, driven by classes\.<class>\.efforts\.handover, classes\.<class>\.downtimeShare, teams\.applicationSupport \(people, hours, outOfHoursWindows, otherWork\), freezes, noDeploy$/);
  });

  it('with every stage inside, names the failed figure and its fields', () => {
    const failing = exportedChanges(scenario, [closed]);
    const sims = [1, 2, 3].map(() => exportedChanges(scenario, [{ ...closed, failedDeployments: 0 }]));
    const bt = backtest(failing, sims, 'normal');
    expect(bt.verdict.cause).toEqual({ figure: 'failure rate', text: 'failure rate 100.0% against the simulated 0.0% – 0.0%', fields: ['classes.<class>.failureRate'] });
  });
});

describe('run --export', () => {
  it('refuses any kind but servicenow (pinned)', async () => {
    const err: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    try {
      expect(await main(['run', '--export', 'csv', '--no-charts', '--quiet'])).toBe(2);
      expect(await main(['run', '--exprot', 'servicenow'])).toBe(2);
    } finally {
      vi.restoreAllMocks();
    }
    expect(err.join('')).toContain('orisim: --export: expected "servicenow", got "csv"\n');
    expect(err.join('')).toContain("unknown option '--exprot'; did you mean '--export'?");
  });
});

describe('orisim backtest refuses what it cannot use (exit 2, nothing written)', () => {
  it('an export that is not there, a folder orisim did not write, a missing argument', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, readdirSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'orisim-backtest-'));
    const err: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const missing = join(dir, 'nope.csv');
      expect(await main(['backtest', 'test/fixtures/round-trip.yaml', missing, '--out', join(dir, 'a')])).toBe(2);
      expect(err.join('')).toContain(`orisim: ${missing}:0:0 cannot read the export: no such file\n`);
      mkdirSync(join(dir, 'mine'));
      writeFileSync(join(dir, 'mine', 'notes.txt'), 'keep me');
      expect(await main(['backtest', 'test/fixtures/round-trip.yaml', 'scenarios/samples/change_request.csv', '--out', join(dir, 'mine')])).toBe(2);
      expect(err.join('')).toMatch(/output folder ".*mine" .*choose another --out/);
      expect(readdirSync(join(dir, 'mine'))).toEqual(['notes.txt']);
      expect(await main(['backtest', 'test/fixtures/round-trip.yaml'])).toBe(2);
      expect(readdirSync(dir).sort()).toEqual(['mine']);
    } finally {
      vi.restoreAllMocks();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
