// Calibration recovers the parameters a seeded synthetic export was drawn from: the CAB weekday
// and time exactly, shares and rates within 3 standard errors, deployment median and p90 within
// 10%; every-N-weeks CABs are detected and written as `every` with `from`.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readExport } from '../../src/node/export-file.js';
import { calibrate, type Calibration } from '../../src/calibrate/fit.js';
import { scenarioName, scenarioText } from '../../src/calibrate/write-scenario.js';
import { SYNTHETIC_DEFAULTS, syntheticExport, type SyntheticParams } from '../../src/calibrate/synthetic-export.js';
import { parseScenarioText } from '../../src/node/scenario-files.js';
import type { ShareFit } from '../../src/calibrate/stats.js';

function calibrated(p: SyntheticParams): { cal: Calibration; text: string } {
  const dir = mkdtempSync(join(tmpdir(), 'orisim-fit-'));
  try {
    const file = join(dir, 'synthetic.csv');
    writeFileSync(file, syntheticExport(p));
    const cal = calibrate(readExport(file));
    return { cal, text: scenarioText(cal, scenarioName(file)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** |fitted − expected| within 3 standard errors of the expected share over the same n. */
function within3se(fit: ShareFit, expected: number): void {
  const se = Math.sqrt((expected * (1 - expected)) / fit.n);
  expect(Math.abs(fit.share - expected), `${fit.share} vs ${expected} (n ${fit.n}, se ${se})`).toBeLessThanOrEqual(3 * se);
}

const within10pct = (fitted: number, expected: number): void => {
  expect(Math.abs(fitted / expected - 1), `${fitted} vs ${expected}`).toBeLessThanOrEqual(0.1);
};

describe('calibrating a synthetic export drawn from known parameters', () => {
  const p = SYNTHETIC_DEFAULTS; // 3000 changes over 52 weeks, Tuesday 10:00 CAB, cutoff 20h
  const { cal, text } = calibrated(p);

  it('finds the CAB weekday and time exactly, weekly, and the cutoff', () => {
    expect(cal.cab).toMatchObject({ days: ['tue'], time: '10:00', everyWeeks: 1, gapShare: 1, adHoc: 0 });
    // The generator sends each change to the first meeting at least 20h after it was opened; over
    // 3000 changes some are opened within minutes after Monday 14:00, so the floor is 20h.
    expect(cal.wait!.cutoffMinutes).toBe(20 * 60);
  });

  it('shares and rates within 3 standard errors', () => {
    // Rejected normal changes are canceled, so among changes not canceled each type's share is
    // its drawn share over (1 − normal share × rejection rate).
    const normal = 1 - p.shares.standard - p.shares.emergency;
    const kept = 1 - normal * p.rejectionRate;
    within3se(cal.types.standard, p.shares.standard / kept);
    within3se(cal.types.emergency, p.shares.emergency / kept);
    within3se(cal.types.normal, (normal * (1 - p.rejectionRate)) / kept);
    within3se(cal.failure.unsuccessful, p.failureRate);
    within3se(cal.failure.withIssues, p.withIssuesRate);
    within3se(cal.rejection.share, p.rejectionRate);
    within3se(cal.outOfHours.share, p.outOfHoursShare);
    for (const c of cal.classes) within3se(c.standard, p.shares.standard / kept);
  });

  it('deployment durations: lognormal median and p90 within 10%', () => {
    within10pct(cal.durations.byType.normal!.median, p.deployment.normal.median);
    within10pct(cal.durations.byType.normal!.p90, p.deployment.normal.p90);
    within10pct(cal.durations.byType.standard!.median, p.deployment.standard.median);
    within10pct(cal.durations.byType.standard!.p90, p.deployment.standard.p90);
  });

  it('arrivals: the teams and the rate (Poisson: within 3 standard errors of the count)', () => {
    expect(cal.arrivals.groups!.map((g) => g.name).sort()).toEqual([...p.groups].sort());
    const kept = 1 - (1 - p.shares.standard - p.shares.emergency) * p.rejectionRate;
    const expected = p.changes * kept;
    expect(Math.abs(cal.arrivals.changesPerWeek * cal.arrivals.weeks - expected)).toBeLessThanOrEqual(3 * Math.sqrt(expected));
    // Out-of-hours starts are Saturday 22:00-24:00 only.
    expect(cal.outOfHours.windows).toHaveLength(1);
    expect(cal.outOfHours.windows[0]).toMatch(/^sat 22:00-0[3-6]:00$/);
  });

  it('writes a valid scenario whose values are the fits', () => {
    const s = parseScenarioText(text, 'calibrated.yaml');
    expect(s.teams.delivery.count).toBe(4);
    expect(s.teams.changeManagement.cab.days).toEqual([1]);
    expect(s.teams.changeManagement.cab.cutoff).toBe(20 * 60);
    expect(s.variants).toEqual(['normal', 'preApproved']);
    expect(text).toContain('      days: [tue]  # fitted from cab_date of ');
    expect(text).toMatch(/ {4}featuresPerWeek: [\d.]+ {2}# fitted: [\d.]+ changes a week in all \(\d+ rows, 2026-01-0\d to 2027-01-0\d;/);
  });
});

describe('a CAB every two weeks', () => {
  const { cal, text } = calibrated({ ...SYNTHETIC_DEFAULTS, changes: 800, cab: { ...SYNTHETIC_DEFAULTS.cab, weekday: 3, time: 14 * 60 + 30, everyWeeks: 2 } });

  it('is detected, and written as every: 2w from the first meeting (issue 20)', () => {
    expect(cal.cab).toMatchObject({ days: ['thu'], time: '14:30', everyWeeks: 2, gapShare: 1, from: '2026-01-08', unsure: undefined });
    expect(text).toMatch(/\n {6}every: 2w {2}# fitted from cab_date of \d+ rows, 2026-01-08 to 2027-01-07; 27 meetings in 27 weeks; 100% of gaps between meeting weeks are multiples of 2 weeks\n {6}from: 2026-01-08 {2}# the first meeting seen: weeks are counted from its week\n {6}days: \[thu\] {2}# fitted: the meeting days\n {6}time: "14:30" {2}# fitted/);
    const cab = parseScenarioText(text, 'x.yaml').teams.changeManagement.cab;
    expect(cab.time).toBe(14 * 60 + 30);
    expect(cab.schedule).toMatchObject({ kind: 'weekly', everyWeeks: 2, slots: [{ day: 3, minute: 14 * 60 + 30 }] });
  });
});

describe('the shipped sample export', () => {
  it('is exactly what the README says drew it', () => {
    expect(readFileSync('scenarios/samples/change_request.csv', 'utf8')).toBe(syntheticExport({ ...SYNTHETIC_DEFAULTS, changes: 600, weeks: 26 }));
  });
});
