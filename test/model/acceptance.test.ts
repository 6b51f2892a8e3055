// The model against the acceptance and the seed's claims, on the shipped scenarios.
// Replications are few to keep the suite quick; each comparison holds with a wide margin at this
// seed (the margins are stated next to each assertion).
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { loadScenario } from '../../src/node/scenario-files.js';
import { runReplications } from '../../src/run/replications.js';
import { buildSummary } from '../../src/stats/run-summary.js';
import type { Summary } from '../../src/stats/summary-types.js';
import type { Scenario } from '../../src/scenario/types.js';

async function summarise(scenario: Scenario): Promise<Summary> {
  const result = await runReplications(scenario);
  return buildSummary(result, { file: 'x', sha256: '', version: 'test' });
}

const load = (f: string, replications: number): Scenario => ({ ...loadScenario(`scenarios/${f}`), replications });

describe('every scenario in scenarios/', () => {
  // Subfolders too (designs/ extends the default); samples/ holds exports, not scenarios.
  const files = readdirSync('scenarios', { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ya?ml|json)$/.test(f) && !f.startsWith('samples'))
    .sort();
  it('finds the shipped scenarios', () => {
    expect(files).toEqual(expect.arrayContaining(['ops-run-it.yaml', 'ops-run-it-25-teams.yaml', 'twice-weekly-cab.yaml', 'designs/fortnightly-cab.yaml', 'designs/bank-calendar.yaml']));
  });
  for (const f of files) {
    it(`${f} validates and runs`, async () => {
      const s = await summarise(load(f, 2));
      for (const v of Object.values(s.variants)) {
        expect(v!.changes.completed).toBeGreaterThan(0);
        expect(v!.leadTimeDays.p50).toBeGreaterThanOrEqual(0);
        expect(v!.costs.total).toBeGreaterThan(0);
      }
    });
  }
});

describe('the default scenario', async () => {
  const s = await summarise(load('ops-run-it.yaml', 8));
  const normal = s.variants.normal!;
  const pre = s.variants.preApproved!;

  it('pre-approved changes reach live sooner and cost less delay', () => {
    expect(pre.leadTimeDays.mean).toBeLessThan(normal.leadTimeDays.mean * 0.8); // measured ≈ 0.55×
    expect(pre.leadTimeDays.ci95[1]).toBeLessThan(normal.leadTimeDays.ci95[0]);
    expect(pre.costs.opportunity).toBeLessThan(normal.costs.opportunity * 0.8);
  });

  it("the normal variant's cost shares land in the seed's bands (opportunity High; run Medium or High)", () => {
    expect(normal.costs.bands.opportunity).toBe('High');
    expect(['Medium', 'High']).toContain(normal.costs.bands.run);
    const { setup, run, opportunity } = normal.costs.shares;
    expect(setup + run + opportunity).toBeCloseTo(1, 12);
  });

  it('the normal path waits mostly for CAB; nothing is left unfinished; the only warning is overtime', () => {
    const waits = Object.entries(normal.stages).sort((a, b) => b[1].meanWaitDays - a[1].meanWaitDays);
    expect(waits[0]![0]).toBe('cab');
    expect(normal.changes.unfinished).toBe(0);
    // Large changes' deployments (median 4h, p90 1d) outgrow the 6-hour Saturday window, or a rollback runs past its end.
    expect(normal.overtimeDeployments).toBeGreaterThan(5);
    expect(normal.warnings).toEqual([
      `${normal.overtimeDeployments.toFixed(1)} out-of-hours deployments a replication ran past the end of their window ` +
        '(longer than any window, or a rollback after a failure): overtime at the out-of-hours premium',
    ]);
  });
});

describe('growing from 6 to 25 teams with the same CAB and application support', async () => {
  const six = await summarise(load('ops-run-it.yaml', 3));
  const big = await summarise(load('ops-run-it-25-teams.yaml', 3));
  it('queues grow: longer waits, higher utilisation, unfinished work reported', () => {
    const a = six.variants.normal!;
    const b = big.variants.normal!;
    expect(b.stages.cab.meanWaitDays).toBeGreaterThan(a.stages.cab.meanWaitDays * 3);
    expect(b.leadTimeDays.mean).toBeGreaterThan(a.leadTimeDays.mean * 3);
    expect(b.utilisation.changeManagement).toBeGreaterThan(a.utilisation.changeManagement * 3);
    expect(b.utilisation.outOfHoursWindows).toBeGreaterThan(0.85);
    expect(b.changes.unfinished).toBeGreaterThan(0);
    expect(b.warnings.join('\n')).toMatch(/were not live when the run ended/);
    expect(b.warnings.join('\n')).toMatch(/^the out-of-hours deployment windows are (overloaded: utilisation|at) \d+%/m);
    expect(b.warnings.join('\n')).toMatch(
      /^CAB capacity is short: it decides at most 15 changes a meeting, and (\d+) of \1 meetings \(100%\) left changes that made the cutoff for a later meeting \(\d+\.\d\d a meeting on average\)$/m,
    );
  });
  it('the pre-approved variant degrades far less, but its large changes still queue', () => {
    const n = big.variants.normal!;
    const p = big.variants.preApproved!;
    expect(p.leadTimeDays.p50).toBeLessThan(n.leadTimeDays.p50 / 10);
    expect(p.byPath.normal!.mean).toBeGreaterThan(six.variants.preApproved!.byPath.normal!.mean * 2);
  });
});

describe('a scenario whose load exceeds a team’s capacity', () => {
  it('finishes in bounded time and says so, with its unfinished work', async () => {
    const base = load('ops-run-it.yaml', 2);
    const overloaded: Scenario = {
      ...base,
      variants: ['normal'],
      horizon: 26 * 10080,
      teams: { ...base.teams, changeManagement: { ...base.teams.changeManagement, people: 1, cab: { ...base.teams.changeManagement.cab, capacity: 2 } } },
    };
    const t0 = performance.now();
    const s = await summarise(overloaded);
    expect(performance.now() - t0).toBeLessThan(60_000); // bounded: the run stops at horizon + drain
    const v = s.variants.normal!;
    expect(v.changes.unfinished).toBeGreaterThan(v.changes.counted / 2);
    expect(v.changes.completed + v.changes.unfinished).toBe(v.changes.counted);
    expect(v.warnings[0]).toMatch(/^\d+ of \d+ counted changes \(in 2 of 2 replications\) were not live when the run ended/);
  });
});
