// Groups of delivery teams in the model: each group's features follow its own class mix, hours and
// holidays, its teams work at its rate, one group's size leaves another's features alone (common
// random numbers), and the summary breaks lead time down by group.
import { describe, expect, it } from 'vitest';
import { Calendar } from '../../src/engine/calendar.js';
import { TimeBase } from '../../src/engine/time.js';
import { runReplication } from '../../src/model/replication.js';
import type { DeliveryGroup, Scenario } from '../../src/scenario/types.js';
import { runReplications } from '../../src/run/replications.js';
import { buildSummary } from '../../src/stats/run-summary.js';
import { baseScenario, D, H, smallClass } from '../model/helpers.js';

const LARGE = smallClass({ name: 'large', share: 0 });

function group(over: Partial<DeliveryGroup> & Pick<DeliveryGroup, 'name' | 'count' | 'firstTeam'>): DeliveryGroup {
  return {
    people: 5,
    hours: ['mon-fri 09:00-17:30'],
    hourlyRate: 75,
    featuresPerWeek: 2,
    pipelineSetupEffort: 100 * H,
    classShares: [1, 0],
    release: { kind: 'perFeature' },
    holidays: [],
    ...over,
  };
}

/** Two groups: "web" (teams 1–2, small only, rate 75) and "data" (teams 3–4, large only, rate 35, 04:00–12:30, a holiday week). */
function twoGroups(webCount = 2, over: Partial<Scenario> = {}): Scenario {
  const base = baseScenario({ classes: [smallClass({ share: 1 }), LARGE], horizon: 12 * 7 * D, ...over });
  const web = group({ name: 'web', count: webCount, firstTeam: 0 });
  const data = group({
    name: 'data',
    count: 2,
    firstTeam: webCount,
    hourlyRate: 35,
    hours: ['mon-fri 04:00-12:30'],
    classShares: [0, 1],
    // Its own holidays: the whole of week 3 (days 14–18), when "web" works as usual.
    holidays: [14, 15, 16, 17, 18].map((d) => ({ name: `day ${d}`, from: d * D, to: (d + 1) * D })),
  });
  return {
    ...base,
    teams: { ...base.teams, delivery: { ...base.teams.delivery, count: webCount + 2, groups: [web, data], listed: true } },
  };
}

describe('delivery groups in a replication', () => {
  const out = runReplication(twoGroups(), 'normal', 1);
  const web = out.changes.filter((c) => c.team <= 2);
  const data = out.changes.filter((c) => c.team >= 3);

  it('draws each group\'s features with its own class mix', () => {
    expect(web.length).toBeGreaterThan(20);
    expect(data.length).toBeGreaterThan(20);
    expect(new Set(web.map((c) => c.changeClass))).toEqual(new Set(['small']));
    expect(new Set(data.map((c) => c.changeClass))).toEqual(new Set(['large']));
    expect(new Set(data.map((c) => c.team))).toEqual(new Set([3, 4]));
  });

  it('makes features ready only in the group\'s own hours, never on its own holidays', () => {
    const base = new TimeBase('2027-01-04T00:00');
    const dataHours = new Calendar(base, { open: ['mon-fri 04:00-12:30'] });
    for (const c of data) {
      expect(dataHours.isOpen(c.readyAt), `data ready at ${base.toIso(c.readyAt)}`).toBe(true);
      expect(c.readyAt >= 14 * D && c.readyAt < 19 * D, `data ready on its holiday at ${base.toIso(c.readyAt)}`).toBe(false);
    }
    // The other group has no such holiday: it has features ready that week.
    expect(web.some((c) => c.readyAt >= 14 * D && c.readyAt < 19 * D)).toBe(true);
  });

  it("books each team's work at its group's rate (fixed 2h documentation: 2 × 75 and 2 × 35)", () => {
    for (const c of web) expect(c.runCost.changeDocumentation).toBe(150);
    for (const c of data) expect(c.runCost.changeDocumentation).toBe(70);
  });

  it("leaves one group's features as they were when another group changes size (streams named by group)", () => {
    const bigger = runReplication(twoGroups(3), 'normal', 1);
    const dataOf = (o: typeof out, first: number) =>
      o.changes.filter((c) => c.team > first).map((c) => [c.team - first, c.readyAt, c.changeClass]);
    expect(dataOf(bigger, 3)).toEqual(dataOf(out, 2));
    const webOf = (o: typeof out) => o.changes.filter((c) => c.team <= 2).map((c) => [c.team, c.readyAt]);
    expect(webOf(bigger)).toEqual(webOf(out));
  });
});

describe('summary by group', () => {
  it('gives lead time per group (percentiles, mean with interval, completed) only for listed groups', async () => {
    const s = buildSummary(await runReplications(twoGroups(2, { replications: 3, variants: ['normal'] })), { file: 'x', sha256: '', version: 'test' });
    const v = s.variants.normal!;
    expect(Object.keys(v.byGroup!)).toEqual(['web', 'data']);
    expect(v.byGroup!.web!.completed + v.byGroup!.data!.completed).toBe(v.changes.completed);
    for (const g of Object.values(v.byGroup!)) {
      expect(g.p50).toBeLessThanOrEqual(g.p85);
      expect(g.ci95[0]).toBeLessThanOrEqual(g.mean);
      expect(g.ci95[1]).toBeGreaterThanOrEqual(g.mean);
    }
    const single = buildSummary(await runReplications(baseScenario({ replications: 2, variants: ['normal'] })), { file: 'x', sha256: '', version: 'test' });
    expect('byGroup' in single.variants.normal!).toBe(false);
  });
});
