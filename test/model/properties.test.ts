// Properties of the model that hold for every scenario, checked over many random scenarios from a
// seeded generator (written here, no extra dependency): no deployment starts inside a freeze or a
// weekly no-deploy period (when the scenario has one); a
// downtime deployment starts inside a window, with room for its planned effort (or, longer than
// any window, at the start of a longest one); every timestamp in changes.csv equals the matching
// one in events.csv; stage waits plus active work add up to the lead times.
import { describe, expect, it } from 'vitest';
import { Calendar } from '../../src/engine/calendar.js';
import { TimeBase } from '../../src/engine/time.js';
import { drainLimit, runReplication } from '../../src/model/replication.js';
import { STAGES } from '../../src/model/records.js';
import { changeRows, eventRows, type Row } from '../../src/run/rows.js';
import type { ChangeClass, DistributionSpec, NoDeployPeriod, Scenario, Weekday } from '../../src/scenario/types.js';
import { baseScenario, D, H, W } from './helpers.js';
import { createStream } from '../../src/engine/random.js';

/** The engine's seeded stream, enough to pick scenario settings. */
function generator(seed: number) {
  const stream = createStream(seed, 1, 'properties');
  const next = (): number => stream.next();
  const between = (lo: number, hi: number): number => lo + (hi - lo) * next();
  const int = (lo: number, hi: number): number => Math.floor(between(lo, hi + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  return { next, between, int, pick };
}
type Gen = ReturnType<typeof generator>;

const HOURS = [
  ['mon-fri 09:00-17:30'],
  ['mon-fri 09:00-13:00'],
  ['mon-fri 08:00-12:00,13:00-16:00'],
  ['tue-sat 10:00-18:00'],
  ['mon,wed,fri 07:00-19:00'],
  ['mon-sun 00:00-24:00'],
];
const WINDOWS = [
  ['sat 22:00-04:00'],
  ['sun 02:00-05:00', 'wed 20:00-23:00'],
  ['fri 23:00-01:00'],
  ['mon-fri 19:00-21:00'],
  ['sat 00:00-24:00', 'sun 00:00-06:00'],
  ['mon-sun 00:00-24:00'],
];

const lognormal = (g: Gen, lo: number, hi: number): DistributionSpec => {
  const median = Math.round(g.between(lo, hi));
  return { kind: 'lognormal', median, p90: Math.round(median * g.between(1.5, 4)) };
};

function randomClass(g: Gen, name: string, share: number): ChangeClass {
  return {
    name,
    share,
    failureRate: g.between(0, 0.5),
    rejectionRate: g.between(0, 0.3),
    downtimeShare: g.pick([0, 0.3, 0.7, 1]),
    efforts: {
      changeDocumentation: lognormal(g, 30, 8 * H),
      assessment: lognormal(g, 15, 3 * H),
      rework: lognormal(g, 30, 6 * H),
      handover: lognormal(g, 30, 8 * H),
      deployment: lognormal(g, 20, 7 * H), // sometimes longer than any window
      rollback: lognormal(g, 10, 3 * H),
      fix: lognormal(g, 30, 8 * H),
      validation: lognormal(g, 15, 3 * H),
      acceptance: { kind: 'fixed', value: Math.round(g.between(0, 60)) },
    },
    preApproved: {
      share: g.pick([0, 0.5, 1]),
      failureRate: g.between(0, 0.3),
      deployment: { kind: 'triangular', min: 5, mode: 20, max: 90 },
      rollback: { kind: 'fixed', value: 15 },
    },
    costOfDelay: { profile: 'standard', perWeek: 1000, deadline: 0, penalty: 0, risesAfter: 0, perWeekAfter: 0 },
    emergencyShare: 0,
    emergencyFailureRate: 0,
  };
}

const NO_DEPLOY: readonly (readonly NoDeployPeriod[])[] = [
  [],
  [{ text: 'fri 12:00-mon 00:00', from: 4 * D + 12 * H, to: 7 * D }],
  [{ text: 'wed 12:00-14:00', from: 2 * D + 12 * H, to: 2 * D + 14 * H }, { text: 'thu 00:00-fri 00:00', from: 3 * D, to: 4 * D }],
  [{ text: 'sun 20:00-mon 10:00', from: 6 * D + 20 * H, to: 7 * D + 10 * H }],
];

/** The scenario with these no-deploy periods, unless they leave no hours to deploy in (the loader refuses those). */
function withNoDeploy(scenario: Scenario, noDeploy: readonly NoDeployPeriod[]): Scenario {
  if (noDeploy.length === 0) return scenario;
  const tb = new TimeBase(scenario.start);
  const { delivery, applicationSupport } = scenario.teams;
  try {
    for (const open of [delivery.hours, applicationSupport.hours, applicationSupport.outOfHoursWindows]) new Calendar(tb, { open, closedWeekly: noDeploy });
  } catch {
    return scenario;
  }
  return { ...scenario, noDeploy };
}

function randomScenario(seed: number): Scenario {
  const g = generator(seed);
  const b = baseScenario();
  const startDay = g.int(0, 20);
  const tb = new TimeBase(`2027-01-${String(4 + startDay).padStart(2, '0')}`);
  const horizon = g.int(8, 14) * W;
  const periods = (n: number, maxDays: number) =>
    Array.from({ length: n }, (_, i) => {
      const from = g.int(0, horizon / D - 1) * D;
      return { name: `p${i}`, from, to: from + g.int(1, maxDays) * D };
    });
  const days = [...new Set(Array.from({ length: g.int(1, 3) }, () => g.int(0, 6) as Weekday))].sort((x, y) => x - y);
  const gap = Math.min(...days.map((d, i) => ((days[(i + 1) % days.length]! - d + 7) % 7 || 7) * D));
  const twoClasses = g.next() < 0.6;
  const share = twoClasses ? g.between(0.2, 0.8) : 1;
  const scenario = baseScenario({
    start: tb.start,
    horizon,
    warmup: g.int(0, 2) * W,
    seed: seed + 1,
    holidays: periods(g.int(0, 3), 1),
    freezes: periods(g.int(0, 4), 10),
    classes: twoClasses ? [randomClass(g, 'small', share), randomClass(g, 'large', 1 - share)] : [randomClass(g, 'only', 1)],
    teams: {
      delivery: { ...b.teams.delivery, count: g.int(1, 3), people: g.int(1, 4), hours: g.pick(HOURS), featuresPerWeek: g.between(0.5, 3) },
      changeManagement: {
        ...b.teams.changeManagement,
        people: g.int(1, 2),
        hours: g.pick(HOURS),
        cab: { ...b.teams.changeManagement.cab, days, time: g.int(8, 16) * H, cutoff: Math.floor(g.between(0, gap - 1)), capacity: g.pick([1, 3, 15, Infinity]) },
      },
      applicationSupport: {
        ...b.teams.applicationSupport,
        people: g.int(1, 3),
        hours: g.pick(HOURS),
        otherWork: { share: g.pick([0, 0.3, 0.6]), jobEffort: { kind: 'exponential', mean: g.int(30, 180) }, arrivals: g.pick(['workingHours', 'aroundTheClock'] as const) },
        outOfHoursWindows: g.pick(WINDOWS),
        onFailure: g.pick(['redeploy', 'reraise'] as const),
      },
    },
  });
  return withNoDeploy(scenario, g.pick(NO_DEPLOY)); // drawn last: the draws above are as before
}

const DEPLOYS = new Set(['Deploy', 'Deploy out of hours', 'Deploy through pipeline']);
const SCENARIOS = 40;

describe(`model properties over ${SCENARIOS} random scenarios (seeded)`, () => {
  for (let seed = 1; seed <= SCENARIOS; seed++) {
    it(`scenario ${seed}`, () => {
      const scenario = randomScenario(seed);
      const tb = new TimeBase(scenario.start);
      const noDeploy = scenario.noDeploy ?? [];
      const windows = new Calendar(tb, { open: scenario.teams.applicationSupport.outOfHoursWindows, closures: scenario.freezes, closedWeekly: noDeploy });
      const inNoDeploy = (t: number): boolean => {
        const m = tb.minuteOfWeek(t);
        return noDeploy.some((p) => (p.from <= m && m < p.to) || m + W < p.to);
      };
      const inFreeze = (t: number): boolean => scenario.freezes.some((f) => f.from <= t && t < f.to) || inNoDeploy(t);
      let deployments = 0;
      for (const variant of scenario.variants) {
        const out = runReplication(scenario, variant, 1, { logEvents: true });

        // No deployment starts inside a freeze; a downtime deployment starts in a window with room for it.
        for (const e of out.events) {
          if (!DEPLOYS.has(e.activity)) continue;
          deployments++;
          expect(inFreeze(e.start), `${e.caseId} ${e.activity} at ${tb.toIso(e.start)} is in a freeze or a no-deploy period`).toBe(false);
          if (e.activity !== 'Deploy out of hours') continue;
          expect(windows.isOpen(e.start), `${e.caseId} starts at ${tb.toIso(e.start)} outside a window`).toBe(true);
          const room = windows.nextClose(e.start) - e.start;
          const need = Math.min(e.end - e.start, windows.longestOpenSpan);
          expect(room, `${e.caseId} at ${tb.toIso(e.start)}`).toBeGreaterThanOrEqual(need - 1e-9);
        }

        // changes.csv agrees with events.csv for every change of replication 1.
        const runEnd = scenario.horizon + drainLimit(scenario);
        // A column made at the start of some work is checked against work begun by the run's end; one
        // made at its end, against work finished by then (work is logged with its planned end).
        const cases = (keep: (e: (typeof out.events)[number]) => boolean): Map<string, Row[]> => {
          const byCase = new Map<string, Row[]>();
          for (const e of eventRows(out.events.filter(keep), tb)) {
            const list = byCase.get(String(e.case_id)) ?? [];
            list.push(e);
            byCase.set(String(e.case_id), list);
          }
          return byCase;
        };
        const begun = cases((x) => x.start <= runEnd);
        const finished = cases((x) => x.end <= runEnd);
        const rows = changeRows(out.changes, tb);
        out.changes.forEach((c, i) => {
          const row = rows[i]!;
          const id = `r1-${variant}-${c.id}`;
          const pick = (acts: string[], side: 'start' | 'end', at: 'first' | 'last'): Row | undefined => {
            const evs = (side === 'start' ? begun : finished).get(id) ?? [];
            return (at === 'first' ? evs : [...evs].reverse()).find((e) => acts.includes(String(e.activity)));
          };
          const expectSame = (column: string, acts: string[], side: 'start' | 'end', at: 'first' | 'last' = 'last') => {
            const event = pick(acts, side, at);
            if (row[column] === '') return;
            expect(event, `${variant} change ${c.id}: no event for ${column}`).toBeDefined();
            expect(row[column], `${variant} change ${c.id}: ${column}`).toBe(event![side]);
          };
          if (c.path === 'normal') {
            expectSame('raised', ['Write change documentation'], 'end', 'first');
            expectSame('approved', ['CAB approves change'], 'end');
            expectSame('scheduled', ['Write handover documentation'], 'end');
          }
          expectSame('deploy_start', [...DEPLOYS], 'start');
          expectSame('live', [...DEPLOYS], 'end');
          expectSame('validated', ['Validate live change', 'Accept into service'], 'end');
        });

        // Stage waits plus active work add up to the lead times (ready → live, ready → validated).
        for (const c of out.changes) {
          if (!Number.isFinite(c.validatedAt)) continue;
          let beforeLive = 0;
          for (const s of STAGES) if (s !== 'validation') beforeLive += c.wait[s] + c.active[s];
          expect(beforeLive).toBeCloseTo(c.liveAt - c.readyAt, 6);
          expect(beforeLive + c.wait.validation + c.active.validation).toBeCloseTo(c.validatedAt - c.readyAt, 6);
        }
      }
      expect(deployments).toBeGreaterThan(0);
    });
  }

  it('the generator gives no-deploy periods to a good part of the scenarios', () => {
    const withPeriods = Array.from({ length: SCENARIOS }, (_, i) => randomScenario(i + 1)).filter((s) => s.noDeploy !== undefined).length;
    expect(withPeriods).toBeGreaterThanOrEqual(10);
  });
});

/**
 * The same random scenarios with emergency changes (a share of every class, lognormal emergency
 * efforts and approval times): outside emergency changes nothing deploys in a freeze or a no-deploy
 * period; emergency deployments that begin in one are counted exactly; changes.csv agrees with
 * events.csv on the emergency path too; stage waits plus active work still add up to the lead times.
 */
const EMERGENCY_DEPLOYS = new Set(['Deploy emergency change', 'Deploy emergency change out of hours']);

function withEmergencies(scenario: Scenario, seed: number): Scenario {
  const g = generator(1000 + seed);
  const cm = scenario.teams.changeManagement;
  return {
    ...scenario,
    classes: scenario.classes.map((c) => ({ ...c, emergencyShare: g.pick([0.1, 0.3, 0.6]), emergencyFailureRate: g.between(0, 0.6) })),
    teams: {
      ...scenario.teams,
      changeManagement: {
        ...cm,
        emergencyCab: {
          raiseEffort: lognormal(g, 15, 2 * H),
          approval: lognormal(g, 10, 4 * H),
          approvalEffort: 30,
          review: { delivery: lognormal(g, 30, 4 * H), changeManagement: lognormal(g, 15, 2 * H) },
        },
      },
    },
  };
}

describe(`emergency changes over ${SCENARIOS} random scenarios (seeded)`, () => {
  let inFreezeOverall = 0;
  for (let seed = 1; seed <= SCENARIOS; seed++) {
    it(`scenario ${seed}`, () => {
      const scenario = withEmergencies(randomScenario(seed), seed);
      const tb = new TimeBase(scenario.start);
      const frozen = new Calendar(tb, { open: ['mon-sun 00:00-24:00'], closures: scenario.freezes, closedWeekly: scenario.noDeploy ?? [] });
      const runEnd = scenario.horizon + drainLimit(scenario);
      let emergencies = 0;
      for (const variant of scenario.variants) {
        const out = runReplication(scenario, variant, 1, { logEvents: true });
        const paths = new Map(out.changes.map((c) => [`r1-${variant}-${c.id}`, c]));
        let inFreeze = 0;
        for (const e of out.events) {
          const c = paths.get(e.caseId)!;
          if (DEPLOYS.has(e.activity)) {
            expect(c.path, `${e.caseId} ${e.activity}`).not.toBe('emergency');
            expect(frozen.isOpen(e.start), `${e.caseId} ${e.activity} at ${tb.toIso(e.start)} is in a freeze or a no-deploy period`).toBe(true);
          }
          if (EMERGENCY_DEPLOYS.has(e.activity)) {
            expect(c.path).toBe('emergency');
            if (!c.warmup && !frozen.isOpen(e.start)) inFreeze++;
          }
        }
        expect(out.emergency!.deploymentsInFreeze).toBe(inFreeze);
        inFreezeOverall += inFreeze;

        const rows = changeRows(out.changes, tb);
        out.changes.forEach((c, i) => {
          if (c.path !== 'emergency') return;
          emergencies++;
          const events = out.events.filter((e) => e.caseId === `r1-${variant}-${c.id}`);
          const last = (acts: Set<string> | string[], side: 'start' | 'end'): string | undefined => {
            const found = [...events].reverse().find((e) => [...acts].includes(e.activity) && e[side] <= runEnd);
            return found === undefined ? undefined : tb.toIso(found[side]);
          };
          const row = rows[i]!;
          if (row.approved !== '') expect(row.approved).toBe(last(['Emergency CAB approves change'], 'end'));
          if (row.deploy_start !== '') expect(row.deploy_start).toBe(last(EMERGENCY_DEPLOYS, 'start'));
          if (row.live !== '') expect(row.live).toBe(last(EMERGENCY_DEPLOYS, 'end'));
          if (row.validated !== '') expect(row.validated).toBe(last(['Accept into service'], 'end'));
          expect(c.cabMeetings).toBe(0);
          if (!Number.isFinite(c.validatedAt)) return;
          let beforeLive = 0;
          for (const st of STAGES) if (st !== 'validation') beforeLive += c.wait[st] + c.active[st];
          expect(beforeLive).toBeCloseTo(c.liveAt - c.readyAt, 6);
          expect(beforeLive + c.wait.validation + c.active.validation).toBeCloseTo(c.validatedAt - c.readyAt, 6);
        });
      }
      expect(emergencies).toBeGreaterThan(0);
    });
  }

  it('some emergency deployments began in a freeze (the exception is exercised)', () => {
    expect(inFreezeOverall).toBeGreaterThan(0);
  });
});
