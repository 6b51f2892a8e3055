// Regression tests for issue 8's five model defects, each on a hand-built scenario whose every
// timestamp is worked out by hand (office hours mon-fri, CAB Tuesday 10:00 with a Monday 14:00
// cutoff, a Saturday 22:00-04:00 window), plus the issue's own reproductions on the default scenario.
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../src/model/replication.js';
import { EFFORT_STEPS, type ClassModel, type Feature } from '../../src/model/features.js';
import { TimeBase } from '../../src/engine/time.js';
import { Calendar } from '../../src/engine/calendar.js';
import { ScenarioError } from '../../src/scenario/index.js';
import { loadScenario, parseScenarioText } from '../../src/node/scenario-files.js';
import { runReplications } from '../../src/run/replications.js';
import { buildSummary } from '../../src/stats/run-summary.js';
import { changeRows, eventRows } from '../../src/run/rows.js';
import type { Scenario } from '../../src/scenario/types.js';
import { baseScenario, fixed, smallClass, H, W } from './helpers.js';

const tb = new TimeBase('2027-01-04');
const at = (iso: string): number => tb.fromIso(iso);

/** A scripted feature: efforts are the class's (fixed) means unless overridden. */
function feature(
  models: readonly ClassModel[], id: number, readyAt: string, downtime: boolean,
  script: { rejections: number; failures: number }, efforts: Partial<Feature['efforts']> = {},
): Feature {
  const cls = models[0]!;
  const base = Object.fromEntries(EFFORT_STEPS.map((s) => [s, cls.efforts[s].mean])) as Feature['efforts'];
  return {
    id, team: 0, readyAt: at(readyAt), cls, standard: true, downtime, efforts: { ...base, ...efforts },
    pipelineDeployment: cls.pipelineDeployment.mean, pipelineRollback: cls.pipelineRollback.mean,
    uReject: 1, uFail: 1, uPipelineFail: 1, script,
  };
}

const OK = { rejections: 0, failures: 0 };

function scenarioWith(over: { asHours?: string[]; asPeople?: number; freezes?: Scenario['freezes'] }): Scenario {
  const b = baseScenario();
  return baseScenario({
    horizon: 6 * W,
    freezes: over.freezes ?? [],
    teams: {
      ...b.teams,
      delivery: { ...b.teams.delivery, count: 1, people: 3 },
      changeManagement: { ...b.teams.changeManagement, people: 1 },
      applicationSupport: { ...b.teams.applicationSupport, people: over.asPeople ?? 1, hours: over.asHours ?? b.teams.applicationSupport.hours },
    },
  });
}

describe('1. no deployment starts inside a freeze, whatever the performers’ hours', () => {
  // Frozen all Wednesday 6 January 2027.
  const freezes = [{ name: 'wed', from: at('2027-01-06'), to: at('2027-01-07') }];

  it('office hours: scheduled Tuesday 14:00 after application support’s 13:00 close, it deploys Thursday 09:00, not in Wednesday’s freeze', () => {
    const scenario = scenarioWith({ asHours: ['mon-fri 09:00-13:00'], freezes });
    // Ready Mon 09:00: documentation 2h → 11:00, assessment 1h → 12:00, CAB Tue 10:00–12:00, handover 2h → Tue 14:00.
    const out = runReplication(scenario, 'normal', 1, { features: (m) => [feature(m, 1, '2027-01-04T09:00', false, OK)], logEvents: true });
    const a = out.changes[0]!;
    expect(tb.toIso(a.scheduledAt)).toBe('2027-01-05T14:00');
    expect(tb.toIso(a.deployStartAt)).toBe('2027-01-07T09:00');
    expect(tb.toIso(a.liveAt)).toBe('2027-01-07T10:00');
    const deploy = out.events.find((e) => e.activity === 'Deploy')!;
    expect([tb.toIso(deploy.start), tb.toIso(deploy.end)]).toEqual(['2027-01-07T09:00', '2027-01-07T10:00']);
    // Waiting for the freeze to end is a wait for a window; the held evening and night before it was the queue.
    expect(a.wait.window).toBe(at('2027-01-07T00:00') - at('2027-01-05T14:00'));
    expect(a.wait.deployment).toBe(at('2027-01-07T09:00') - at('2027-01-07T00:00'));
  });

  it('pipeline: ready Tuesday 18:00 (after the team’s hours), it deploys Thursday 09:00', () => {
    const scenario = scenarioWith({ freezes });
    const out = runReplication(scenario, 'preApproved', 1, { features: (m) => [feature(m, 1, '2027-01-05T18:00', false, OK)], logEvents: true });
    const a = out.changes[0]!;
    expect(tb.toIso(a.deployStartAt)).toBe('2027-01-07T09:00');
    expect(tb.toIso(a.liveAt)).toBe('2027-01-07T09:20');
  });

  it('the issue’s reproduction: with application support working 09:00-13:00, nothing deploys on 2 or 9 June', () => {
    const base = loadScenario('scenarios/ops-run-it.yaml');
    const scenario: Scenario = {
      ...base,
      freezes: [{ name: 'a', from: tb.fromIso('2027-06-02'), to: tb.fromIso('2027-06-03') }, { name: 'b', from: tb.fromIso('2027-06-09'), to: tb.fromIso('2027-06-10') }],
      teams: { ...base.teams, applicationSupport: { ...base.teams.applicationSupport, hours: ['mon-fri 09:00-13:00'] } },
    };
    for (const variant of scenario.variants) {
      const out = runReplication(scenario, variant, 1, { logEvents: true });
      const starts = out.events.filter((e) => e.activity.startsWith('Deploy')).map((e) => tb.toIso(e.start));
      expect(starts.length).toBeGreaterThan(100);
      expect(starts.filter((s) => s.startsWith('2027-06-02') || s.startsWith('2027-06-09'))).toEqual([]);
    }
  });
});

describe('2. CAB spill-over counts only changes that made the cutoff and were not decided', () => {
  it('capacity 1, three changes made the cutoff: the meeting decides one and spills two', () => {
    const b = scenarioWith({});
    const scenario: Scenario = {
      ...b,
      teams: { ...b.teams, changeManagement: { ...b.teams.changeManagement, people: 3, cab: { ...b.teams.changeManagement.cab, capacity: 1 } } },
    };
    // 1-3 are assessed by Mon 4 Jan 12:00 (cutoff 14:00); 4 is assessed Mon 11 Jan 16:00, after that week's cutoff.
    const features = (m: readonly ClassModel[]) => [1, 2, 3, 4].map((id) => feature(m, id, id < 4 ? '2027-01-04T09:00' : '2027-01-11T13:00', false, OK));
    const out = runReplication(scenario, 'normal', 1, { features });
    const rows = out.cabMeetings.slice(0, 3).map((m) => [tb.toIso(m.time), m.decided, m.spillOver]);
    expect(rows).toEqual([
      ['2027-01-05T10:00', 1, 2], // 2 and 3 made the cutoff and were left
      ['2027-01-12T10:00', 1, 1], // 3 spills; 4 missed this cutoff: it waits too, but is not spill-over
      ['2027-01-19T10:00', 1, 1], // 4 made this one's cutoff and spills
    ]);
  });

  it('the issue’s reproduction: 12 teams and a capacity of 1000 never spill over, and no capacity warning', async () => {
    const base = loadScenario('scenarios/ops-run-it.yaml');
    const scenario: Scenario = {
      ...base,
      replications: 2,
      variants: ['normal'],
      teams: {
        ...base.teams,
        delivery: { ...base.teams.delivery, count: 12 },
        changeManagement: { ...base.teams.changeManagement, cab: { ...base.teams.changeManagement.cab, capacity: 1000 } },
      },
    };
    const s = buildSummary(await runReplications(scenario), { file: 'x', sha256: '', version: 'test' });
    const normal = s.variants.normal!;
    expect(normal.cabSpillOver).toBe(0);
    expect(normal.warnings.filter((w) => w.startsWith('CAB capacity'))).toEqual([]);
  });
});

describe('3. changes.csv deploy_start is when the deployment work began, as in events.csv', () => {
  it('granted Tuesday 14:00 after hours, its work (and deploy_start) begins Wednesday 09:00', () => {
    const scenario = scenarioWith({ asHours: ['mon-fri 09:00-13:00'] });
    const out = runReplication(scenario, 'normal', 1, { features: (m) => [feature(m, 1, '2027-01-04T09:00', false, OK)], logEvents: true });
    const row = changeRows(out.changes, tb)[0]!;
    const deploy = eventRows(out.events, tb).find((e) => e.activity === 'Deploy')!;
    expect(row.deploy_start).toBe('2027-01-06T09:00');
    expect(deploy.start).toBe(row.deploy_start);
    expect(deploy.end).toBe(row.live);
  });
});

describe('4. a downtime deployment starts only in a window with room for it, and never pauses', () => {
  const windowEnd = (t: number): number => new Calendar(tb, { open: ['sat 22:00-04:00'] }).nextClose(t);
  // Ready Mon 4 Jan 09:00 → scheduled Tue 5 Jan 14:00; the first window is Sat 9 Jan 22:00-04:00 (6 hours).

  it('a 5-hour deployment leaves 1 hour: the 4-hour one behind it waits for next Saturday instead of pausing for a week', () => {
    const scenario = scenarioWith({});
    const features = (m: readonly ClassModel[]) => [
      feature(m, 1, '2027-01-04T09:00', true, OK, { deployment: 5 * H }),
      feature(m, 2, '2027-01-04T09:00', true, OK, { deployment: 4 * H }),
    ];
    const out = runReplication(scenario, 'normal', 1, { features, logEvents: true });
    const [a, b] = out.changes;
    expect([tb.toIso(a!.deployStartAt), tb.toIso(a!.liveAt)]).toEqual(['2027-01-09T22:00', '2027-01-10T03:00']);
    expect([tb.toIso(b!.deployStartAt), tb.toIso(b!.liveAt)]).toEqual(['2027-01-16T22:00', '2027-01-17T02:00']);
    const deploys = out.events.filter((e) => e.activity === 'Deploy out of hours').map((e) => [e.caseId, tb.toIso(e.start), tb.toIso(e.end)]);
    expect(deploys).toEqual([
      ['r1-normal-1', '2027-01-09T22:00', '2027-01-10T03:00'],
      ['r1-normal-2', '2027-01-16T22:00', '2027-01-17T02:00'],
    ]);
    expect(a!.overtimeDeployments + b!.overtimeDeployments).toBe(0);
  });

  it('an 8-hour deployment (longer than any window) runs straight through as overtime, counted, at the premium', () => {
    const scenario = scenarioWith({});
    const out = runReplication(scenario, 'normal', 1, { features: (m) => [feature(m, 1, '2027-01-04T09:00', true, OK, { deployment: 8 * H })] });
    const a = out.changes[0]!;
    expect([tb.toIso(a.deployStartAt), tb.toIso(a.liveAt)]).toEqual(['2027-01-09T22:00', '2027-01-10T06:00']);
    expect(a.liveAt).toBeGreaterThan(windowEnd(a.deployStartAt));
    expect(a.overtimeDeployments).toBe(1);
    expect(out.replicationRecord.overtimeDeployments).toBe(1);
    expect(a.runCost.deployment).toBeCloseTo(8 * 55 * 1.5, 9);
    expect(a.active.deployment).toBe(8 * H);
    expect(a.wait.deployment + 0).toBe(0);
  });

  it('a rollback after a failed 5-hour deployment continues at once, past the window’s end (overtime), and the redeployment waits for room', () => {
    const b = scenarioWith({});
    const scenario: Scenario = { ...b, classes: [smallClass({ efforts: { ...smallClass().efforts, rollback: fixed(2 * H), fix: fixed(1 * H) } })] };
    const out = runReplication(scenario, 'normal', 1, {
      features: (m) => [feature(m, 1, '2027-01-04T09:00', true, { rejections: 0, failures: 1 }, { deployment: 5 * H })],
      logEvents: true,
    });
    const rows = out.events.filter((e) => e.activity !== 'CAB approves change').map((e) => [e.activity, tb.toIso(e.start), tb.toIso(e.end)]);
    expect(rows.slice(3, 7)).toEqual([
      ['Deploy out of hours', '2027-01-09T22:00', '2027-01-10T03:00'],
      ['Roll back failed deployment', '2027-01-10T03:00', '2027-01-10T05:00'],
      ['Fix failed change', '2027-01-11T09:00', '2027-01-11T10:00'],
      // The redeployment is a fresh draw of the class's effort (1 hour, fixed).
      ['Deploy out of hours', '2027-01-16T22:00', '2027-01-16T23:00'],
    ]);
    expect(out.changes[0]!.overtimeDeployments).toBe(1);
  });
});

describe('5. application support’s other work: share, job effort and arrivals are scenario fields', () => {
  const yaml = (applicationSupport: string) => `name: x\nteams:\n  applicationSupport: ${applicationSupport}\n`;

  it('defaults: half their capacity, exponential 2-hour jobs, arriving in working hours', () => {
    const s = parseScenarioText('name: x\n', 'x.yaml');
    expect(s.teams.applicationSupport.otherWork).toEqual({ share: 0.5, jobEffort: { kind: 'exponential', mean: 120 }, arrivals: 'workingHours' });
  });

  it('otherWorkShare still loads, as the older name of otherWork.share', () => {
    const s = parseScenarioText(yaml('{ otherWorkShare: 0.3 }'), 'x.yaml');
    expect(s.teams.applicationSupport.otherWork).toEqual({ share: 0.3, jobEffort: { kind: 'exponential', mean: 120 }, arrivals: 'workingHours' });
  });

  it('refuses both names at once, a bad arrivals word and a job effort of mean 0, each precisely', () => {
    const issues = (text: string): string[] => {
      try {
        parseScenarioText(text, 'x.yaml');
        return [];
      } catch (err) {
        return (err as ScenarioError).issues.map((i) => `${i.path}: ${i.message}`);
      }
    };
    expect(issues(yaml('{ otherWorkShare: 0.3, otherWork: { share: 0.2 } }'))).toEqual([
      'teams.applicationSupport.otherWork.share: give the share once: otherWorkShare is the older name of otherWork.share; keep otherWork.share',
    ]);
    expect(issues(yaml('{ otherWork: { arrivals: weekdays } }'))).toEqual([
      'teams.applicationSupport.otherWork.arrivals: expected one of workingHours, aroundTheClock, got "weekdays"',
    ]);
    expect(issues(yaml('{ otherWork: { jobEffort: 0m } }'))).toEqual([
      'teams.applicationSupport.otherWork.jobEffort: expected a job effort with a mean greater than 0, got "0m"',
    ]);
  });

  /** Other work alone (no changes) for 52 weeks: when jobs arrive, and the share of capacity they take. */
  function otherWorkOnly(otherWork: Scenario['teams']['applicationSupport']['otherWork']) {
    const b = baseScenario();
    const scenario = baseScenario({ teams: { ...b.teams, applicationSupport: { ...b.teams.applicationSupport, otherWork } } });
    const arrivals: number[] = [];
    const out = runReplication(scenario, 'normal', 1, {
      features: () => [],
      trace: (t, m) => {
        if (/^application-support: (granted to other work \(busy|other work queued)/.test(m)) arrivals.push(t);
      },
    });
    const hours = new Calendar(tb, { open: ['mon-fri 09:00-17:30'] });
    const outside = arrivals.filter((t) => !hours.isOpen(t) && hours.nextClose(t - 1e-9) !== t).length;
    return { arrivals: arrivals.length, outside, utilisation: out.replicationRecord.utilisationApplicationSupport };
  }

  it('working-hours arrivals: no job arrives out of hours, and the jobs take the set share of capacity', () => {
    // 0.5 × 3 people × 52 weeks × 42.5 h / 2 h ≈ 1658 jobs; fixed 4-hour jobs halve the count, not the load.
    const r = otherWorkOnly({ share: 0.5, jobEffort: fixed(2 * H), arrivals: 'workingHours' });
    expect(r.outside).toBe(0);
    expect(r.arrivals).toBeGreaterThan(1658 - 4 * Math.sqrt(1658));
    expect(r.arrivals).toBeLessThan(1658 + 4 * Math.sqrt(1658));
    expect(r.utilisation).toBeGreaterThan(0.45);
    expect(r.utilisation).toBeLessThan(0.55);
    const big = otherWorkOnly({ share: 0.5, jobEffort: fixed(4 * H), arrivals: 'workingHours' });
    expect(big.arrivals).toBeGreaterThan(829 - 4 * Math.sqrt(829));
    expect(big.arrivals).toBeLessThan(829 + 4 * Math.sqrt(829));
    expect(big.utilisation).toBeGreaterThan(0.45);
  });

  it('both variants see the same jobs at the same times (common random numbers), whatever the queue', () => {
    const s = { ...loadScenario('scenarios/ops-run-it.yaml'), horizon: 20 * W, warmup: 0 };
    const arrivals = (variant: 'normal' | 'preApproved'): number[] => {
      const times: number[] = [];
      runReplication(s, variant, 1, {
        trace: (t, m) => {
          if (/^application-support: (granted to other work \(busy|other work queued)/.test(m)) times.push(t);
        },
      });
      return times.filter((t) => t < s.horizon); // each variant's run stops when its own changes are done

    };
    const normal = arrivals('normal');
    expect(normal.length).toBeGreaterThan(500);
    expect(arrivals('preApproved')).toEqual(normal);
  });

  it('around-the-clock arrivals: most jobs arrive out of hours (as before), for the same load', () => {
    const r = otherWorkOnly({ share: 0.5, jobEffort: fixed(2 * H), arrivals: 'aroundTheClock' });
    // Office hours are 42.5 of 168 hours a week: about three jobs in four arrive outside them.
    expect(r.outside / r.arrivals).toBeGreaterThan(0.7);
    expect(r.utilisation).toBeGreaterThan(0.45);
    expect(r.utilisation).toBeLessThan(0.55);
  });
});
