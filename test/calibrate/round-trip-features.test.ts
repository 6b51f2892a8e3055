// Issue 20's round trip over every feature calibrate fits: a client with two delivery groups that
// differ, a CAB every second Wednesday at 11:00 with a 2-day cutoff, a window crossing midnight, a
// yearly year-end freeze, no deployments from Friday 12:00 to Monday, and emergency fixes
// (test/fixtures/round-trip-features.yaml) → run --export servicenow → calibrate → the same values
// back, within the tolerances stated on each test → backtest says the calibrated scenario reproduces
// the export, with no hand edit; the uncertain: section ranges each group's rate. In-process
// (main()); one replication, then 20 for the back-test.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { readExport } from '../../src/node/export-file.js';
import { calibrate, type Calibration } from '../../src/calibrate/fit.js';
import { parseScenarioText } from '../../src/node/scenario-files.js';
import type { Scenario } from '../../src/scenario/index.js';
import type { ShareFit } from '../../src/calibrate/stats.js';
import { uncertainLines } from '../../src/calibrate/write-uncertain.js';

const KNOWN = 'test/fixtures/round-trip-features.yaml';
let dir: string;
let cal: Calibration;
let text: string;
let s: Scenario;
let err: string[];
const codes: number[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'orisim-round-trip-features-'));
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((x) => (err.push(String(x)), true));
  try {
    codes.push(await main(['run', KNOWN, '--export', 'servicenow', '--no-charts', '--quiet', '--out', join(dir, 'run')]));
    codes.push(await main(['calibrate', join(dir, 'run', 'change_request.csv'), '--out', join(dir, 'calibrated.yaml'), '--report', join(dir, 'report')]));
    codes.push(await main(['backtest', join(dir, 'calibrated.yaml'), join(dir, 'run', 'change_request.csv'), '-r', '20', '--quiet', '--no-charts', '--out', join(dir, 'backtest')]));
  } finally {
    vi.restoreAllMocks();
  }
  cal = calibrate(readExport(join(dir, 'run', 'change_request.csv')));
  text = readFileSync(join(dir, 'calibrated.yaml'), 'utf8');
  s = parseScenarioText(text, 'calibrated.yaml');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** |fitted − known| within 3 standard errors of a share of n at the known value. */
const within3se = (fit: ShareFit, known: number): void => {
  expect(fit.n).toBeGreaterThan(30);
  expect(Math.abs(fit.share - known), `${fit.share} vs ${known} (n ${fit.n})`).toBeLessThanOrEqual(3 * Math.sqrt((known * (1 - known)) / fit.n));
};
const weekOf = (date: string): number => Math.floor((Date.parse(`${date}T00:00:00Z`) / 86_400_000 + 3) / 7);

describe('round trip of every feature: run --export servicenow → calibrate → backtest', () => {
  it('every step succeeds, and nothing is left "not modelled yet"', () => {
    expect(codes, err.join('')).toEqual([0, 0, 0]);
    expect(text).not.toMatch(/not modelled yet|does not exist yet/);
  });

  it('the fortnightly CAB: every 2w from a meeting in the same fortnight as the known one, Wednesday 11:00, cutoff 2d exactly', () => {
    expect(cal.cab).toMatchObject({ days: ['wed'], time: '11:00', everyWeeks: 2, gapShare: 1, monthly: undefined, meetingsAt: undefined, unsure: undefined });
    expect((weekOf(cal.cab!.from!) - weekOf('2027-07-07')) % 2).toBe(0);
    const cab = s.teams.changeManagement.cab;
    expect(cab.schedule).toMatchObject({ kind: 'weekly', everyWeeks: 2, slots: [{ day: 2, minute: 11 * 60 }] });
    expect(cab.cutoff).toBe(2 * 1440);
    expect(text).toContain('      cutoff: 2d  # fitted: the roundest time');
    expect(readFileSync(join(dir, 'report', 'calibration.md'), 'utf8')).toContain(`| CAB | wed 11:00, every 2 weeks from ${cal.cab!.from} | `);
    expect(cab.capacity).toBe(Infinity); // the known CAB has no cap, and no meeting piles up at one
  });

  it('the delivery groups: 4 teams and 2, rates within 3 Poisson standard errors, class mixes within 3 standard errors', () => {
    const groups = cal.arrivals.deliveryGroups!;
    expect(groups.map((g) => g.members.length)).toEqual([4, 2]);
    const weeks = cal.arrivals.weeks;
    for (const [g, known] of [[groups[0]!, 5], [groups[1]!, 1.5]] as const) {
      const expected = known * g.members.length * weeks;
      expect(Math.abs(g.changes - expected), `${g.changes} vs ${expected}`).toBeLessThanOrEqual(3 * Math.sqrt(expected));
    }
    const low = (i: number): ShareFit => ({ count: groups[i]!.byClass.low!, n: groups[i]!.changes, share: groups[i]!.byClass.low! / groups[i]!.changes, standardError: 0 });
    within3se(low(0), 0.8);
    within3se(low(1), 0.2);
    expect(s.teams.delivery.groups?.map((g) => g.count)).toEqual([4, 2]);
  });

  it("uncertain: each delivery group's featuresPerWeek from its own counts, keyed by its name as --set addresses it", () => {
    // Poisson score 95% interval of a count c over W = 27.990972 weeks, z² = 3.841459: (c + z²/2 ∓ z·√(c + z²/4)) / W, per team.
    // 550 changes, 4 teams: (551.92073 ∓ 1.959964 × 23.47255 = 46.00534) / W = 18.07422 to 21.36159 a week, / 4 = 4.51855 to 5.34040.
    // 85 changes, 2 teams: (86.92073 ∓ 1.959964 × 9.27148 = 18.17177) / W = 2.45611 to 3.75451, / 2 = 1.22806 to 1.87726. Outward to 3 decimals.
    expect(text).toContain("  teams.delivery.delivery-4-and-3-more.featuresPerWeek: { low: 4.518, likely: 4.912, high: 5.341 }  # Poisson score 95% interval of 550 changes over 28.0 weeks, per team of the group's 4\n");
    expect(text).toContain("  teams.delivery.delivery-6-and-1-more.featuresPerWeek: { low: 1.228, likely: 1.518, high: 1.878 }  # Poisson score 95% interval of 85 changes over 28.0 weeks, per team of the group's 2\n");
    expect(text).not.toContain('teams.delivery.featuresPerWeek:');
    // Accepted as written: each an input of the group it names, likely the fitted rate.
    expect(s.uncertain?.filter((u) => u.path.endsWith('featuresPerWeek')).map((u) => [u.path, u.low, u.likely, u.high])).toEqual([
      ['teams.delivery.delivery-4-and-3-more.featuresPerWeek', 4.518, 4.912, 5.341],
      ['teams.delivery.delivery-6-and-1-more.featuresPerWeek', 1.228, 1.518, 1.878],
    ]);
    expect(text).toContain('      featuresPerWeek: 4.912  # fitted: 550 changes over 28.0 weeks / 4 teams');
    expect(text).toContain('      featuresPerWeek: 1.518  # fitted: 85 changes over 28.0 weeks / 2 teams');
    // Two groups written "web" and "web'" have one slug, so one key: neither gets a range.
    const [g1, g2] = cal.arrivals.deliveryGroups!;
    const lines = uncertainLines(cal, new Map(), [{ name: 'web', fit: g1! }, { name: "web'", fit: g2! }]);
    expect(lines.filter((l) => l.includes('featuresPerWeek'))).toEqual([]);
  });

  it('the yearly freeze: to 01-04 exactly, from within the 3 days the weekly calendar leaves open before 12-18', () => {
    expect(cal.calendar.freezes).toHaveLength(1);
    const f = cal.calendar.freezes[0]!;
    expect(f.to).toBe('2028-01-04');
    expect(['2027-12-15', '2027-12-16', '2027-12-17', '2027-12-18']).toContain(f.from);
    expect(text).toMatch(new RegExp(`\\n {2}- \\{ every: year, from: "${f.from.slice(5)}", to: "01-04", name: "Year end" \\}  # no deployment from `));
  });

  it('the no-deploy period: from fri 12:00 exactly, to a Monday time no later than office hours open', () => {
    expect(cal.calendar.noDeploy.map((n) => n.period)).toEqual([expect.stringMatching(/^fri 12:00-mon 0[0-9]:[03]0$/)]);
    expect(s.noDeploy).toHaveLength(1);
  });

  it('the window crossing midnight is one window: tue 22:00 to an hour within one of 03:00', () => {
    expect(cal.outOfHours.windows).toEqual([expect.stringMatching(/^tue 22:00-0[234]:00$/)]);
  });

  it('emergency changes: each class share within 3 standard errors, the approval median within 30% and p90 within 40%', () => {
    within3se(cal.classes.find((c) => c.name === 'low')!.emergency, 0.04);
    within3se(cal.classes.find((c) => c.name === 'moderate')!.emergency, 0.1);
    const a = cal.emergency.approval!;
    expect(Math.abs(a.median / 60 - 1), `median ${a.median}`).toBeLessThanOrEqual(0.3);
    expect(Math.abs(a.p90 / 240 - 1), `p90 ${a.p90}`).toBeLessThanOrEqual(0.4);
    expect(s.classes.map((c) => c.name)).toEqual(['low', 'moderate']);
    expect(s.classes.every((c) => c.emergencyShare > 0)).toBe(true);
  });

  it('the calibrated scenario reproduces the export: lead time p50 and every other judged figure', () => {
    const bt = JSON.parse(readFileSync(join(dir, 'backtest', 'backtest.json'), 'utf8')) as { verdict: { reproduces: boolean; line: string }; checks: { name: string; inside: boolean }[] };
    expect(bt.checks.find((c) => c.name === 'lead time p50')?.inside).toBe(true);
    expect(bt.verdict.reproduces, bt.verdict.line).toBe(true);
  });
});
