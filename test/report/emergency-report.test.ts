// Emergency changes in the run's words: the line under `orisim run`'s table, the report's
// paragraph under the headline table, and the path's label in `--by path` — present only when
// summary.json has an emergency section.
import { describe, expect, it } from 'vitest';
import { makeFixture } from './fixture.js';
import { reportHtml } from '../../src/report/html.js';
import { emergencyLine } from '../../src/report/emergency-text.js';
import { formatRunTable } from '../../src/cli/table.js';
import { formatByTable } from '../../src/cli/by.js';
import type { EmergencySummary, Summary } from '../../src/stats/summary-types.js';

const EMERGENCY: EmergencySummary = {
  changesPerReplication: 9.1,
  completedPerReplication: 9.1,
  leadTimeDays: { mean: 0.97, ci95: [0.74, 1.26], p50: 4 / 24, p85: 2.14, p95: 5.1, max: 7.1 },
  changeFailureRate: 0.289,
  failedDeploymentsPerReplication: 3.7,
  deploymentsInFreeze: 0.5,
  outOfHoursShare: 0.113,
  runCost: 7254.3,
  runCostPerChange: 797.2,
  reviewCost: 1911,
  normalDeploymentQueueWaitDays: 3 / 24,
};

const LINE =
  "emergency normal: 9.1 changes a replication, lead time p50 4.0 h, p95 5.1 d; 28.9% of attempts fail; 0.5 deployed in a freeze, 11.3% out of hours; " +
  "run cost 797 GBP a change (reviews 1,911 a replication); normal changes wait 3.0 h in application support's queue";

function withEmergency(): ReturnType<typeof makeFixture> {
  const input = makeFixture();
  const normal = input.summary.variants.normal!;
  const summary: Summary = {
    ...input.summary,
    variants: { ...input.summary.variants, normal: { ...normal, emergency: EMERGENCY, byPath: { ...normal.byPath, emergency: { ...EMERGENCY.leadTimeDays, completed: 182 } } } },
  };
  return { ...input, summary };
}

describe('emergency changes in words', () => {
  it('one line with every figure, in its unit', () => {
    expect(emergencyLine('normal', EMERGENCY, 'GBP')).toBe(LINE);
  });

  it("orisim run: the line under the DORA lines, only for variants with emergency changes", () => {
    const plain = formatRunTable(makeFixture().summary);
    expect(plain).not.toContain('emergency');
    const lines = formatRunTable(withEmergency().summary).trimEnd().split('\n');
    expect(lines.at(-1)).toBe(LINE);
    expect(lines.at(-2)).toMatch(/^DORA 2019 preApproved: /);
  });

  it('--by path: the emergency path in words', () => {
    expect(formatByTable(withEmergency().summary, 'path')).toMatch(/normal\s+emergency change \(emergency CAB\)\s+182\s+4\.0 h\s+2\.1 d\s+5\.1 d/);
  });

  it('report.html: a list under the headline table, absent without emergency changes', () => {
    expect(reportHtml(makeFixture(), [])).not.toContain('Emergency changes');
    const html = reportHtml(withEmergency(), []);
    const headline = html.slice(html.indexOf('<section id="headline">'), html.indexOf('<section id="dora">'));
    expect(headline).toContain(`<h3>Emergency changes</h3>\n<ul class="emergency">\n<li><strong>Normal (CAB):</strong> ${LINE.replace('emergency normal: ', '').replace("support's", 'support&#39;s')}</li>\n</ul>`);
  });
});
