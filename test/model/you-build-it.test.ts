// You Build It You Run It, by hand: one delivery team of two, fixed efforts (pipeline deployment
// 20m, automated rollback 15m, fix 4h, validation 1h), scripted outcomes, office hours mon-fri
// 09:00-17:30, the team's own downtime slot Wednesday 07:00-08:00, on call with a 30-minute
// response. Every timestamp and cost below was worked out by hand from the calendar.
import { describe, expect, it } from 'vitest';
import { TimeBase } from '../../src/engine/time.js';
import { EFFORT_STEPS, type ClassModel, type Feature } from '../../src/model/features.js';
import { runReplication } from '../../src/model/replication.js';
import { setupCostItems, setupCost } from '../../src/model/setup-cost.js';
import { costRows } from '../../src/output/tables.js';
import { digestReplication } from '../../src/run/digest.js';
import { summariseVariant } from '../../src/stats/summarise.js';
import type { Summary } from '../../src/stats/summary-types.js';
import type { YouBuildItYouRunIt } from '../../src/scenario/types.js';
import { baseScenario, smallClass, H, W } from './helpers.js';

const tb = new TimeBase('2027-01-04');
const at = (iso: string): number => tb.fromIso(iso);

const YBR: YouBuildItYouRunIt = {
  setup: { pipeline: 160 * H, telemetry: 80 * H, onCallReadiness: 40 * H },
  onCall: { standbyPayPerWeek: 100, responseTime: 30, callOutEffort: 2 * H, callOutPremium: 1.5 },
  downtimeSlot: ['wed 07:00-08:00'],
};

const scenario = baseScenario({
  horizon: 10 * W,
  variants: ['youBuildItYouRunIt'],
  teams: { ...baseScenario().teams, delivery: { ...baseScenario().teams.delivery, count: 1, people: 2 } },
  classes: [smallClass()],
  // Charged on the other paths; none of it in You Build It You Run It (no change management).
  costs: { licencesPerMonth: 1200, licencePerChange: 10, pipelineSetup: 20000, setupAmortisationYears: 3 },
  youBuildItYouRunIt: YBR,
});

function feature(models: readonly ClassModel[], id: number, readyAt: string, downtime: boolean, failures: number): Feature {
  const cls = models[0]!;
  const efforts = Object.fromEntries(EFFORT_STEPS.map((s) => [s, cls.efforts[s].mean])) as Feature['efforts'];
  return {
    id, team: 0, readyAt: at(readyAt), cls, standard: false, downtime, efforts,
    pipelineDeployment: cls.pipelineDeployment.mean, pipelineRollback: cls.pipelineRollback.mean,
    uReject: 1, uFail: 1, uPipelineFail: 1, script: { rejections: 0, failures },
  };
}

const features = (models: readonly ClassModel[]): Feature[] => [
  // A: ready Monday 13:00, deployed at once.
  feature(models, 1, '2027-01-04T13:00', false, 0),
  // B: ready Monday 17:20; the pipeline runs past 17:30 and fails at 17:40, out of hours: on call.
  feature(models, 2, '2027-01-04T17:20', false, 1),
  // C: needs downtime: waits for the team's slot on Wednesday 07:00.
  feature(models, 3, '2027-01-05T10:00', true, 0),
  // D: fails in office hours: the automated rollback restores it at once.
  feature(models, 4, '2027-01-06T10:00', false, 1),
];

const out = runReplication(scenario, 'youBuildItYouRunIt', 1, { features, logEvents: true });
const [a, b, c, d] = out.changes;
const trace = (id: number) =>
  out.events.filter((e) => e.caseId === `r1-youBuildItYouRunIt-${id}`).map((e) => [e.activity, tb.toIso(e.start), tb.toIso(e.end), e.resource]);

describe('youBuildItYouRunIt, by hand', () => {
  it('A: the team deploys through its own pipeline on demand and validates it: nothing else', () => {
    expect(a!.path).toBe('youBuildItYouRunIt');
    expect(trace(1)).toEqual([
      ['Deploy through own pipeline', '2027-01-04T13:00', '2027-01-04T13:20', 'delivery-1'],
      ['Validate live change', '2027-01-04T13:20', '2027-01-04T14:20', 'delivery-1'],
    ]);
    expect(tb.toIso(a!.liveAt)).toBe('2027-01-04T13:20');
    expect(tb.toIso(a!.validatedAt)).toBe('2027-01-04T14:20');
    expect(a!.outOfHours).toBe(false);
  });

  it('B: a failure found out of hours: the person on call responds in 30 minutes, the pipeline rolls back; fixed and redeployed next day', () => {
    expect(trace(2)).toEqual([
      ['Deploy through own pipeline', '2027-01-04T17:20', '2027-01-04T17:40', 'delivery-1'],
      ['On-call response', '2027-01-04T17:40', '2027-01-04T18:10', 'delivery-1-on-call'],
      ['Automated rollback', '2027-01-04T18:10', '2027-01-04T18:25', 'delivery-1'],
      ['Fix failed change', '2027-01-05T09:00', '2027-01-05T13:00', 'delivery-1'],
      ['Deploy through own pipeline', '2027-01-05T13:00', '2027-01-05T13:20', 'delivery-1'],
      ['Validate live change', '2027-01-05T13:20', '2027-01-05T14:20', 'delivery-1'],
    ]);
    expect(b!.failedDeployments).toBe(1);
    expect(tb.toIso(b!.liveAt)).toBe('2027-01-05T13:20');
  });

  it('C: a change that needs downtime waits for the team’s own slot (Wednesday 07:00), out of hours', () => {
    expect(trace(3)).toEqual([
      ['Deploy through own pipeline', '2027-01-06T07:00', '2027-01-06T07:20', 'delivery-1'],
      ['Validate live change', '2027-01-06T09:00', '2027-01-06T10:00', 'delivery-1'],
    ]);
    expect(c!.outOfHours).toBe(true);
    expect(c!.wait.window).toBe(at('2027-01-06T07:00') - at('2027-01-05T10:00'));
  });

  it('D: a failure in office hours: the automated rollback at once, the fix, the redeployment', () => {
    expect(trace(4)).toEqual([
      ['Deploy through own pipeline', '2027-01-06T10:00', '2027-01-06T10:20', 'delivery-1'],
      ['Automated rollback', '2027-01-06T10:20', '2027-01-06T10:35', 'delivery-1'],
      ['Fix failed change', '2027-01-06T10:35', '2027-01-06T14:35', 'delivery-1'],
      ['Deploy through own pipeline', '2027-01-06T14:35', '2027-01-06T14:55', 'delivery-1'],
      ['Validate live change', '2027-01-06T14:55', '2027-01-06T15:55', 'delivery-1'],
    ]);
  });

  it('never visits change management, the CAB or application support', () => {
    const resources = new Set(out.events.map((e) => e.resource));
    expect([...resources].sort()).toEqual(['delivery-1', 'delivery-1-on-call']);
    for (const ch of out.changes) {
      expect([ch.raisedAt, ch.approvedAt]).toEqual([NaN, NaN]);
      expect(ch.cabMeetings).toBe(0);
      for (const stage of ['request', 'assessment', 'cab', 'rework', 'handover'] as const) {
        expect(ch.wait[stage] + ch.active[stage], `${ch.id} ${stage}`).toBe(0);
      }
    }
    // No CAB meets: none is recorded, and none is paid for.
    expect(out.cabMeetings).toEqual([]);
  });

  it('time to restore: 45 minutes out of hours (response + rollback), 15 minutes in office hours', () => {
    expect(out.restores.map((r) => [r.id, r.path, tb.toIso(r.failedAt), tb.toIso(r.restoredAt)])).toEqual([
      [2, 'youBuildItYouRunIt', '2027-01-04T17:40', '2027-01-04T18:25'],
      [4, 'youBuildItYouRunIt', '2027-01-06T10:20', '2027-01-06T10:35'],
    ]);
    const s = summariseVariant(scenario, [digestReplication(scenario, out)]);
    expect(s.timeToRestoreHours.byPath['youBuildItYouRunIt']).toMatchObject({ count: 2, mean: 0.5 });
    expect(s.onCall).toEqual({ callOuts: 1, callOutsPerTeamPerWeek: 0.1 });
  });

  it('costs, by hand: run items per change, on-call standby and call-out, setup per team', () => {
    const plain = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v + 0]));
    // 75 an hour: a 20-minute deployment 25, a 15-minute rollback 18.75, a 4-hour fix 300, a 1-hour validation 75.
    const zero = { changeDocumentation: 0, assessment: 0, cab: 0, licences: 0, rework: 0, serviceIntroduction: 0, handover: 0 };
    expect(plain(a!.runCost)).toEqual({ ...zero, deployment: 25, rollback: 0, fix: 0, validation: 75 });
    expect(plain(b!.runCost)).toEqual({ ...zero, deployment: 50, rollback: 18.75, fix: 300, validation: 75 });
    expect(plain(c!.runCost)).toEqual({ ...zero, deployment: 25, rollback: 0, fix: 0, validation: 75 });
    expect(plain(d!.runCost)).toEqual({ ...zero, deployment: 50, rollback: 18.75, fix: 300, validation: 75 });
    // Standby: 1 team × 10 weeks × 100; one call-out: 2 hours × 75 × 1.5 = 225.
    expect(out.onCall).toEqual({ standby: 1000, callOuts: 1, callOut: 225 });
    const perChange = 100 + 443.75 + 100 + 443.75;
    expect(out.replicationRecord.runCost).toBeCloseTo(perChange + 1000 + 225, 9);
    // Setup: 160h + 80h + 40h of one team at 75 an hour; no change management or application support setup.
    expect(setupCostItems(scenario, 'youBuildItYouRunIt')).toEqual({ changeManagement: 0, applicationSupport: 0, pipeline: 12000, serviceIntroduction: 0, telemetry: 6000, onCallReadiness: 3000 });
    expect(setupCost(scenario, 'youBuildItYouRunIt')).toBe(21000);
    expect(out.replicationRecord.setupCost).toBe(21000);
  });

  it('costs.csv carries the setup and on-call items, summing to the totals', () => {
    const v = summariseVariant(scenario, [digestReplication(scenario, out)]);
    const summary: Summary = {
      scenario: { name: 'test', file: 'test.yaml', sha256: '' },
      run: { replications: 1, seed: 1, horizonDays: 70, warmupDays: 0, version: 'test' },
      variants: { youBuildItYouRunIt: v },
    };
    const rows = costRows(scenario, summary).map((r) => [r['type'], r['item'], r['amount_counted_period']]);
    expect(rows.filter((r) => r[0] === 'setup')).toEqual([
      ['setup', 'changeManagement', 0], ['setup', 'applicationSupport', 0], ['setup', 'pipeline', 12000],
      ['setup', 'serviceIntroduction', 0], ['setup', 'telemetry', 6000], ['setup', 'onCallReadiness', 3000],
    ]);
    expect(rows.filter((r) => r[1] === 'onCallStandby' || r[1] === 'callOut')).toEqual([['run', 'onCallStandby', 1000], ['run', 'callOut', 225]]);
    expect(rows.find((r) => r[1] === 'licences')).toEqual(['run', 'licences', 0]);
    expect(v.costs.run).toBeCloseTo(1087.5 + 1000 + 225, 9); // the four changes' items (100 + 443.75 + 100 + 443.75), standby, call-out
    expect(rows.find((r) => r[0] === 'total' && r[1] === 'run')![2]).toBe(2312.5);
  });

  it('without a slot every change deploys in the team’s hours (zero-downtime deployment)', () => {
    const noSlot = { ...scenario, youBuildItYouRunIt: { ...YBR, downtimeSlot: [] } };
    const o = runReplication(noSlot, 'youBuildItYouRunIt', 1, { features, logEvents: true });
    const deploy = o.events.find((e) => e.caseId === 'r1-youBuildItYouRunIt-3' && e.activity === 'Deploy through own pipeline')!;
    expect([tb.toIso(deploy.start), tb.toIso(deploy.end)]).toEqual(['2027-01-05T10:00', '2027-01-05T10:20']);
    expect(o.changes[2]!.outOfHours).toBe(false);
  });
});
