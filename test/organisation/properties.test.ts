// Properties of the service introduction team and of short-notice rescheduling over random
// scenarios (drawn from the engine's seeded streams, as test/model/properties.test.ts does): no
// deployment, bumped or not, starts in a freeze or outside a window with room; waits plus active
// work still add up to the lead times with the new stage; a launch is assessed between its CAB
// approval and its handover, takes the normal path in every variant, and is a launch in every
// variant; each bump is logged, counted, and followed by its deployment.
import { describe, expect, it } from 'vitest';
import { Calendar } from '../../src/engine/calendar.js';
import { createStream } from '../../src/engine/random.js';
import { TimeBase } from '../../src/engine/time.js';
import { runReplication } from '../../src/model/replication.js';
import { STAGES } from '../../src/model/records.js';
import type { Scenario } from '../../src/scenario/types.js';
import { baseScenario, smallClass, D, H, W } from '../model/helpers.js';

function generator(seed: number) {
  const stream = createStream(seed, 1, 'organisation-properties');
  const next = (): number => stream.next();
  const between = (lo: number, hi: number): number => lo + (hi - lo) * next();
  const int = (lo: number, hi: number): number => Math.floor(between(lo, hi + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  return { next, between, int, pick };
}

const HOURS = [['mon-fri 09:00-17:30'], ['mon-fri 08:00-12:00,13:00-16:00'], ['tue-sat 10:00-18:00'], ['mon-sun 00:00-24:00']];
const WINDOWS = [['sat 22:00-04:00'], ['sun 02:00-05:00', 'wed 20:00-23:00'], ['mon-fri 19:00-21:00'], ['mon-sun 00:00-24:00']];

function randomScenario(seed: number): Scenario {
  const g = generator(seed);
  const b = baseScenario();
  const horizon = g.int(8, 12) * W;
  const periods = (n: number, maxDays: number) =>
    Array.from({ length: n }, (_, i) => {
      const from = g.int(0, horizon / D - 1) * D;
      return { name: `p${i}`, from, to: from + g.int(1, maxDays) * D };
    });
  const lognormal = (lo: number, hi: number) => {
    const median = Math.round(g.between(lo, hi));
    return { kind: 'lognormal' as const, median, p90: Math.round(median * g.between(1.5, 3)) };
  };
  const cls = (name: string, share: number) => smallClass({
    name, share,
    failureRate: g.between(0, 0.4),
    rejectionRate: g.between(0, 0.2),
    downtimeShare: g.pick([0, 0.5, 1]),
    launchShare: g.pick([0, 0.3, 1]),
    preApproved: { share: g.pick([0.5, 1]), deployment: { kind: 'fixed', value: 20 }, rollback: { kind: 'fixed', value: 15 }, failureRate: g.between(0, 0.3) },
    efforts: { ...smallClass().efforts, deployment: lognormal(20, 6 * H), handover: lognormal(30, 6 * H) },
  });
  const share = g.between(0.2, 0.8);
  return baseScenario({
    horizon,
    warmup: g.int(0, 1) * W,
    seed: seed + 7,
    holidays: periods(g.int(0, 2), 1),
    freezes: periods(g.int(0, 3), 8),
    classes: [cls('small', share), cls('large', 1 - share)],
    teams: {
      ...b.teams,
      delivery: { ...b.teams.delivery, count: g.int(1, 3), people: g.int(1, 3), featuresPerWeek: g.between(0.5, 3) },
      applicationSupport: {
        ...b.teams.applicationSupport,
        people: g.int(1, 2),
        hours: g.pick(HOURS),
        outOfHoursWindows: g.pick(WINDOWS),
        onFailure: g.pick(['redeploy', 'reraise'] as const),
        rescheduling: { probability: g.pick([0.1, 0.3, 0.6]) },
      },
      serviceIntroduction: { people: g.int(1, 2), hours: g.pick(HOURS), hourlyRate: 65, effort: lognormal(H, 16 * H), setupEffort: 10 * H },
    },
  });
}

const DEPLOYS = new Set(['Deploy', 'Deploy out of hours', 'Deploy through pipeline']);
const SCENARIOS = 20;

describe(`service introduction and rescheduling over ${SCENARIOS} random scenarios (seeded)`, () => {
  for (let seed = 1; seed <= SCENARIOS; seed++) {
    it(`scenario ${seed}`, () => {
      const scenario = randomScenario(seed);
      const tb = new TimeBase(scenario.start);
      const windows = new Calendar(tb, { open: scenario.teams.applicationSupport.outOfHoursWindows, closures: scenario.freezes });
      const inFreeze = (t: number): boolean => scenario.freezes.some((f) => f.from <= t && t < f.to);
      const launches = new Map<string, boolean[]>();
      let bumps = 0;
      let assessed = 0;
      for (const variant of scenario.variants) {
        const out = runReplication(scenario, variant, 1, { logEvents: true });
        launches.set(variant, out.changes.map((c) => c.launch === true));
        const byCase = new Map<string, typeof out.events>();
        for (const e of out.events) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);

        for (const e of out.events) {
          if (!DEPLOYS.has(e.activity)) continue;
          expect(inFreeze(e.start), `${e.caseId} ${e.activity} at ${tb.toIso(e.start)} in a freeze`).toBe(false);
          if (e.activity !== 'Deploy out of hours') continue;
          expect(windows.isOpen(e.start)).toBe(true);
          expect(windows.nextClose(e.start) - e.start).toBeGreaterThanOrEqual(Math.min(e.end - e.start, windows.longestOpenSpan) - 1e-9);
        }

        for (const c of out.changes) {
          const events = byCase.get(`r1-${variant}-${c.id}`) ?? [];
          // Waits plus active work add up to the lead times, the new stage included.
          if (Number.isFinite(c.validatedAt)) {
            let total = 0;
            for (const s of STAGES) total += c.wait[s] + c.active[s];
            expect(total).toBeCloseTo(c.validatedAt - c.readyAt, 6);
          }
          // A launch takes the normal path; only launches spend time with the team, once, between approval and handover.
          if (c.launch === true) expect(c.path).toBe('normal');
          const assess = events.filter((e) => e.activity === 'Assess operational readiness');
          expect(assess.length).toBeLessThanOrEqual(c.launch === true ? 1 : 0);
          if (c.launch !== true) expect(c.wait.serviceIntroduction + c.active.serviceIntroduction + 0).toBe(0);
          if (assess.length === 1) {
            assessed++;
            const approval = events.find((e) => e.activity === 'CAB approves change')!;
            expect(assess[0]!.start).toBeGreaterThanOrEqual(approval.end);
            const handover = events.filter((e) => e.activity === 'Write handover documentation').at(-1);
            if (handover !== undefined) expect(handover.start).toBeGreaterThanOrEqual(assess[0]!.end);
          }
          // Every bump is logged and counted; each is followed by a deployment start, and the delay is their gap.
          const bumped = events.filter((e) => e.activity === 'Deployment bumped at short notice');
          expect(bumped.length).toBe(c.bumps ?? 0);
          bumps += bumped.length;
          if (c.path === 'preApproved') expect(bumped.length).toBe(0);
          expect(c.bumpDelay ?? 0).toBeGreaterThanOrEqual(0);
          if ((c.bumps ?? 0) === 0) expect((c.bumpDelay ?? 0) + 0).toBe(0);
          for (const b of bumped) {
            const after = events.find((e) => DEPLOYS.has(e.activity) && e.start > b.start);
            if (Number.isFinite(c.liveAt)) expect(after, `${variant} change ${c.id}: a bump at ${tb.toIso(b.start)} with no deployment after it`).toBeDefined();
          }
        }
      }
      // The same launches in every variant (their own stream).
      expect(launches.get('preApproved')).toEqual(launches.get('normal'));
      expect(bumps + assessed).toBeGreaterThan(0);
    });
  }
});
