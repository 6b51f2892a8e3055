// Issue 22: calibrate writes an `uncertain:` section for what it fits. On the shipped sample: the
// written scenario validates, every active entry's likely is the value fitted above it, one share's
// interval is the Wilson interval worked by hand, the text is the same bytes twice, `orisim
// uncertainty` plans a study on it as written, and the commented-out candidates are valid ranges.
// On an export whose every deployment failed: a range clamped to the field's limit, saying so.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { calibrate } from '../../src/calibrate/fit.js';
import { scenarioText } from '../../src/calibrate/write-scenario.js';
import { wilsonInterval } from '../../src/calibrate/stats.js';
import { readExport } from '../../src/node/export-file.js';
import { writeAllFailedExport } from './all-failed-export.js';
import { parseScenarioText } from '../../src/node/scenario-files.js';
import { planUncertainty } from '../../src/cli/uncertainty.js';

const SAMPLE = 'scenarios/samples/change_request.csv';
const dir = mkdtempSync(join(tmpdir(), 'orisim-calibrate-uncertain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = scenarioText(calibrate(readExport(SAMPLE)), 'calibrated-change_request');
const doc = parse(text) as Record<string, unknown> & { uncertain: Record<string, { low: unknown; likely: unknown; high: unknown }> };

/** The value at a --set path (dots between keys) in the parsed file. */
const at = (path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], doc);

describe('calibrate writes uncertain: on the shipped sample', () => {
  it('validates, with one input per active entry, each a PERT range around the fitted value', () => {
    const scenario = parseScenarioText(text, 'calibrated.yaml');
    const keys = Object.keys(doc.uncertain);
    expect(keys.length).toBe(29); // 3 classes × 9 (2 emergency shares, 3 rates, the standard share and its failure rate, 2 medians) + the emergency approval median + the change rate
    expect(scenario.uncertain?.map((u) => u.path)).toEqual(keys);
    expect(scenario.uncertain?.every((u) => u.distribution === 'pert' && u.low <= u.likely! && u.likely! <= u.high)).toBe(true);
  });

  it("has each entry's likely equal to the value fitted at its path", () => {
    for (const [key, range] of Object.entries(doc.uncertain)) expect(range.likely, key).toEqual(at(key));
    expect(doc.uncertain['classes.low.efforts.deployment.lognormal.median']).toEqual({ low: '1h22m', likely: '1h36m', high: '1h55m' });
    expect(doc.uncertain['teams.delivery.featuresPerWeek']!.likely).toBe(5.39);
  });

  it("gives a failure rate the Wilson 95% interval of its counts (18 of 116, worked by hand)", () => {
    expect(text).toContain('failureRate: 0.1552  # fitted: 18 of 116 closed normal changes');
    // p = 18/116 = 0.155172; z² = 1.959964² = 3.841459; centre = (p + z²/232) / (1 + z²/116) = 0.171731 / 1.033116 = 0.166226;
    // half = 1.959964 / 1.033116 × √(p(1 − p)/116 + z²/(4 × 116²)) = 1.897138 × √0.00120149 = 0.065760.
    // Low 0.100466 rounded down, high 0.231986 rounded up, to 4 decimals.
    expect(doc.uncertain['classes.low.failureRate']).toEqual({ low: 0.1004, likely: 0.1552, high: 0.232 });
    expect(text).toContain('classes.low.failureRate: { low: 0.1004, likely: 0.1552, high: 0.232 }  # Wilson 95% interval of 18 of 116 closed normal changes');
    const w = wilsonInterval(18, 116);
    expect(w.low).toBeCloseTo(0.100466, 5);
    expect(w.high).toBeCloseTo(0.231986, 5);
  });

  it('gives no count a range that leaves 0 to 1 (0 of 9: from 0, not empty)', () => {
    expect(doc.uncertain['classes.low.emergencyFailureRate']).toEqual({ low: 0, likely: 0, high: 0.2992 });
    expect(wilsonInterval(0, 9).high).toBeCloseTo(3.841459 / (9 + 3.841459), 6); // at 0 of n the Wilson high is z²/(n + z²)
  });

  it('writes the same bytes twice (the bootstrap is seeded)', () => {
    expect(scenarioText(calibrate(readExport(SAMPLE)), 'calibrated-change_request')).toBe(text);
  });

  it('is accepted by orisim uncertainty as written (every drawn input set loads)', () => {
    const file = join(dir, 'calibrated.yaml');
    writeFileSync(file, text);
    const plan = planUncertainty({ scenarios: [file], samples: 4, replications: 1, set: [], quiet: true });
    expect(plan.inputs.length).toBe(29);
    expect(plan.designs.length).toBe(2);
  });

  it('writes the defaults it could not observe as commented-out candidates that are valid when uncommented', () => {
    const candidates = text.split('\n').filter((l) => l.includes('# candidate: not in the export'));
    expect(candidates.length).toBe(15); // 3 classes × (3 efforts + the cost of delay) + 3 hourly rates
    expect(candidates).toContain("  # classes.high.costOfDelay.perWeek: { low: 2000, likely: 4000, high: 8000 }  # candidate: not in the export (the default, from half to twice it): replace with the client's range and uncomment");
    const uncommented = text.replace(/^ {2}# (\S+: \{ low)/gm, '  $1');
    const scenario = parseScenarioText(uncommented, 'uncommented.yaml');
    expect(scenario.uncertain?.length).toBe(29 + 15);
  });
});

it('clamps a range to the field\'s limit and says so: every deployment failed (12 of 12)', () => {
  const file = writeAllFailedExport(dir);
  const failed = scenarioText(calibrate(readExport(file)), 'all-failed');
  // Wilson at 12 of 12: centre = (1 + z²/24) / (1 + z²/12) = 0.878752, half = 1.484686 × √(z²/576) = 0.121248: low 0.757504, high 1.
  expect(failed).toContain("classes.moderate.failureRate: { low: 0.7575, likely: 0.999, high: 0.999 }  # Wilson 95% interval of 12 of 12 closed normal changes; high clamped to 0.999, the field's limit (below 1)");
  expect(parseScenarioText(failed, 'all-failed.yaml').uncertain?.find((u) => u.path === 'classes.moderate.failureRate')?.high).toBe(0.999);
});

it('writes a range the validator refuses commented out with its reason, and the file still validates', () => {
  // No fit of a real export is refused (every range is clamped to its field's limits): a bootstrap
  // that went wrong (NaN) stands in for a range the validator refuses.
  const cal = calibrate(readExport(SAMPLE));
  const low = cal.classes[0]!;
  const broken = { ...cal, classes: [{ ...low, deployment: { ...low.deployment!, medianInterval: { low: NaN, high: NaN, resamples: 1000 } } }, ...cal.classes.slice(1)] };
  const refused = scenarioText(broken, 'refused');
  // The path shows a key of more than 40 characters cut with "…", as every message does.
  expect(refused).toContain('of the median of 116 durations; refused: uncertain.classes.low.efforts.deployment.lognormal….low: expected a duration with a unit such as 30m, 4h, 2d or 1w (the field is a time), got "NaNhNaNm"\n');
  expect(refused).toContain('\n  # classes.low.efforts.deployment.lognormal.median: { low: NaNhNaNm, likely: 1h36m, high: NaNhNaNm }  # bootstrap');
  expect(parseScenarioText(refused, 'refused.yaml').uncertain?.length).toBe(28);
});
