// A small, hand-made ReportInput: 2 replications × 2 variants × 30 features with plausible
// numbers, deterministic (own tiny PRNG), and a summary computed from the records so the charts
// and the headline numbers agree the way a real run's do.
import type { Scenario, Variant, DistributionSpec, ChangeClass } from '../../src/scenario/types.js';
import type { Summary, VariantSummary, LeadTimeSummary, StageSummary, GroupLeadTime } from '../../src/stats/summary-types.js';
import {
  STAGES, RUN_COST_ITEMS,
  type CabMeetingRecord, type ChangeRecord, type ReplicationRecord, type RunCostItems, type Stage, type WipSample,
} from '../../src/model/records.js';
import type { ReportInput, WeeklyDeployments } from '../../src/report/report-input.js';
import { perYear } from '../../src/stats/cost-summary.js';
import { doraBenchmark } from '../../src/stats/dora.js';

const DAY = 1440;
const HORIZON_DAYS = 140;
const WARMUP_DAYS = 14;
const FEATURES = 30;
const REPLICATIONS = 2;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fixed = (value: number): DistributionSpec => ({ kind: 'fixed', value });

function changeClass(name: string, share: number, preShare: number): ChangeClass {
  const e = fixed(120);
  return {
    name, share, failureRate: 0.2, rejectionRate: 0.1, downtimeShare: 0.3,
    efforts: { changeDocumentation: e, assessment: e, rework: e, handover: e, deployment: e, rollback: e, fix: e, validation: e, acceptance: e },
    preApproved: { share: preShare, deployment: fixed(20), rollback: fixed(15), failureRate: 0.1 },
    costOfDelay: { profile: 'standard', perWeek: 1500, deadline: 0, penalty: 0, risesAfter: 0, perWeekAfter: 0 },
    emergencyShare: 0, emergencyFailureRate: 0.3,
  };
}

export const fixtureScenario: Scenario = {
  name: 'fixture <small> & "quoted"',
  description: 'A hand-made scenario for the report tests.',
  currency: 'GBP',
  start: '2027-01-04T00:00',
  horizon: HORIZON_DAYS * DAY,
  warmup: WARMUP_DAYS * DAY,
  replications: REPLICATIONS,
  seed: 42,
  variants: ['normal', 'preApproved'],
  holidays: [{ name: 'Spring holiday', from: 60 * DAY, to: 61 * DAY }],
  freezes: [{ name: 'Spring freeze', from: 70 * DAY, to: 77 * DAY }],
  classes: [changeClass('small', 0.7, 1), changeClass('large', 0.3, 0)],
  teams: {
    delivery: { count: 2, people: 7, hours: ['mon-fri 09:00-17:30'], hourlyRate: 75, featuresPerWeek: 1, pipelineSetupEffort: 7200 },
    changeManagement: {
      people: 2, hours: ['mon-fri 09:00-17:30'], hourlyRate: 60, setupEffort: 2400,
      cab: { days: [1], time: 600, duration: 60, cutoff: 1200, capacity: 5, attendees: 6, hourlyRate: 80 },
      emergencyCab: { raiseEffort: fixed(30), approval: fixed(60), approvalEffort: 30, review: { delivery: fixed(120), changeManagement: fixed(60) } },
    },
    applicationSupport: {
      people: 3, hours: ['mon-fri 09:00-17:30'], hourlyRate: 65, otherWork: { share: 0.5, jobEffort: { kind: 'exponential', mean: 120 }, arrivals: 'workingHours' },
      outOfHoursWindows: ['sat 22:00-04:00'], outOfHoursPremium: 1.5, rollbackPremium: 1.5, setupEffort: 2400, onFailure: 'redeploy',
    },
  },
  costs: { licencesPerMonth: 500, licencePerChange: 10, pipelineSetup: 20000, setupAmortisationYears: 3 },
};

const zeroStages = (): Record<Stage, number> => Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
const zeroItems = (): RunCostItems => Object.fromEntries(RUN_COST_ITEMS.map((i) => [i, 0])) as RunCostItems;

function makeChanges(): ChangeRecord[] {
  const out: ChangeRecord[] = [];
  for (let r = 1; r <= REPLICATIONS; r++) {
    const rand = mulberry32(1000 + r);
    const features = Array.from({ length: FEATURES }, (_, i) => ({
      id: i + 1,
      readyAt: ((i + rand()) / FEATURES) * (HORIZON_DAYS - 10) * DAY,
      large: rand() < 0.3,
      u: Array.from({ length: 12 }, () => rand()),
    }));
    for (const variant of ['normal', 'preApproved'] as const) {
      for (const f of features) {
        const pre = variant === 'preApproved' && !f.large;
        const wait = zeroStages();
        const active = zeroStages();
        active.request = (f.large ? 360 : 120) * (0.5 + f.u[0]!);
        active.deployment = pre ? 20 : (f.large ? 240 : 60) * (0.5 + f.u[1]!);
        active.validation = 60 * (0.5 + f.u[2]!);
        wait.request = DAY * (0.5 + f.u[3]!);
        if (pre) {
          wait.deployment = DAY * 0.3 * f.u[4]!;
        } else {
          active.assessment = 45;
          active.handover = 120;
          wait.assessment = DAY * (1 + 2 * f.u[4]!);
          wait.cab = DAY * (1 + 6 * f.u[5]!);
          wait.rework = f.u[6]! < 0.1 ? DAY * 3 : 0;
          wait.handover = DAY * (0.5 + f.u[7]!);
          wait.deploymentQueue = DAY * (2 + 8 * f.u[8]!);
          wait.window = f.large ? DAY * 7 * f.u[9]! : 0;
          wait.recovery = f.u[10]! < 0.2 ? DAY * 5 : 0;
        }
        wait.validation = DAY * 0.5;
        const totalWait = STAGES.reduce((s, st) => s + wait[st] + active[st], 0);
        const liveAt = f.readyAt + totalWait - wait.validation - active.validation;
        const unfinished = !pre && f.readyAt > (HORIZON_DAYS - 25) * DAY && f.u[11]! < 0.5;
        const runCost = zeroItems();
        runCost.changeDocumentation = (active.request / 60) * 75;
        runCost.deployment = (active.deployment / 60) * (pre ? 75 : 65);
        runCost.validation = (active.validation / 60) * 75;
        runCost.licences = 10;
        if (!pre) {
          runCost.assessment = (45 / 60) * 60;
          runCost.cab = 80;
          runCost.handover = 150;
          runCost.rollback = wait.recovery > 0 ? 130 : 0;
          runCost.fix = wait.recovery > 0 ? 300 : 0;
          runCost.rework = wait.rework > 0 ? 150 : 0;
        }
        out.push({
          replication: r, variant, id: f.id, team: 1 + (f.id % 2), changeClass: f.large ? 'large' : 'small',
          path: pre ? 'preApproved' : 'normal', warmup: f.readyAt < WARMUP_DAYS * DAY, outOfHours: wait.window > 0,
          readyAt: f.readyAt, raisedAt: f.readyAt + wait.request, approvedAt: pre ? NaN : f.readyAt + wait.request + wait.assessment + wait.cab,
          scheduledAt: f.readyAt + wait.request + 1000, deployStartAt: liveAt - active.deployment,
          liveAt: unfinished ? NaN : liveAt, validatedAt: unfinished ? NaN : liveAt + wait.validation + active.validation,
          rejections: wait.rework > 0 ? 1 : 0, failedDeployments: wait.recovery > 0 ? 1 : 0, overtimeDeployments: 0, cabMeetings: pre ? 0 : 1 + (wait.rework > 0 ? 1 : 0),
          wait, active, costOfDelay: ((liveAt - f.readyAt) / (7 * DAY)) * 1500, runCost,
        });
      }
    }
  }
  return out;
}

function quantile(sorted: number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

function leadTimeSummary(days: number[]): LeadTimeSummary {
  const s = [...days].sort((a, b) => a - b);
  const m = mean(s);
  return { mean: m, ci95: [m * 0.9, m * 1.1], p50: quantile(s, 0.5), p85: quantile(s, 0.85), p95: quantile(s, 0.95), max: s[s.length - 1]! };
}

/** Lead time per group of the live changes (in the order of `names`; groups without changes left out). */
function groupSummaries(live: ChangeRecord[], groupOf: (c: ChangeRecord) => string, names: readonly string[]): Record<string, GroupLeadTime> {
  const out: Record<string, GroupLeadTime> = {};
  for (const name of names) {
    const days = live.filter((c) => groupOf(c) === name).map((c) => (c.liveAt - c.readyAt) / DAY);
    if (days.length > 0) out[name] = { ...leadTimeSummary(days), completed: days.length };
  }
  return out;
}

function makeReplications(changes: ChangeRecord[]): ReplicationRecord[] {
  const out: ReplicationRecord[] = [];
  for (let r = 1; r <= REPLICATIONS; r++) {
    for (const variant of ['normal', 'preApproved'] as const) {
      const cs = changes.filter((c) => c.replication === r && c.variant === variant && !c.warmup);
      const live = cs.filter((c) => Number.isFinite(c.liveAt));
      const runCost = cs.reduce((s, c) => s + RUN_COST_ITEMS.reduce((t, i) => t + c.runCost[i], 0), 0) + 2000;
      const opportunityCost = cs.reduce((s, c) => s + c.costOfDelay, 0);
      const setupCost = variant === 'normal' ? 5400 : 5400 + 20000 + 7200 / 60 * 75 * 2;
      const weeks = (HORIZON_DAYS - WARMUP_DAYS) / 7;
      out.push({
        replication: r, variant, seed: 42 * 1000 + r, featuresCounted: cs.length, completed: live.length, unfinished: cs.length - live.length,
        deployments: live.length, deploymentsPerWeek: live.length / weeks, deploymentAttempts: live.length + cs.filter((c) => c.failedDeployments > 0).length,
        failedDeployments: cs.filter((c) => c.failedDeployments > 0).length, rejections: cs.reduce((s, c) => s + c.rejections, 0),
        outOfHoursDeployments: live.filter((c) => c.outOfHours).length, overtimeDeployments: 0,
        leadTimeMeanDays: mean(live.map((c) => (c.liveAt - c.readyAt) / DAY)),
        validatedLeadTimeMeanDays: mean(live.map((c) => (c.validatedAt - c.readyAt) / DAY)),
        cabMeetings: 18, changesPerCabMeeting: variant === 'normal' ? 1.6 : 0.5,
        utilisationDelivery: variant === 'normal' ? 0.41 + 0.01 * r : 0.38 + 0.01 * r,
        utilisationChangeManagement: variant === 'normal' ? 0.62 : 0.2,
        utilisationApplicationSupport: variant === 'normal' ? 0.87 - 0.02 * r : 0.55,
        utilisationOutOfHours: variant === 'normal' ? 0.3 : 0.1,
        setupCost, runCost, opportunityCost, totalCost: setupCost + runCost + opportunityCost,
        cash: {
          delivery: runCost - 2000, changeManagement: 0, applicationSupport: 0, serviceIntroduction: 0, outOfHours: 0, overtime: 0,
          contract: 0, cab: 0, licences: 2000, onCall: 0,
        },
      });
    }
  }
  return out;
}

function variantSummary(variant: Variant, changes: ChangeRecord[], reps: ReplicationRecord[]): VariantSummary {
  const counted = changes.filter((c) => c.variant === variant && !c.warmup);
  const live = counted.filter((c) => Number.isFinite(c.liveAt));
  const lt = leadTimeSummary(live.map((c) => (c.liveAt - c.readyAt) / DAY));
  const rs = reps.filter((r) => r.variant === variant);
  const stages = Object.fromEntries(STAGES.map((s) => {
    const w = live.map((c) => c.wait[s] / DAY).sort((a, b) => a - b);
    const st: StageSummary = { meanWaitDays: mean(w), p85WaitDays: quantile(w, 0.85), meanActiveHours: mean(live.map((c) => c.active[s] / 60)) };
    return [s, st];
  })) as Record<Stage, StageSummary>;
  const setup = mean(rs.map((r) => r.setupCost));
  const run = mean(rs.map((r) => r.runCost));
  const opportunity = mean(rs.map((r) => r.opportunityCost));
  const total = setup + run + opportunity;
  const year = perYear({ setup, run, opportunity }, HORIZON_DAYS - WARMUP_DAYS, 3);
  const deployments = mean(rs.map((r) => r.deployments));
  const runItems = Object.fromEntries(RUN_COST_ITEMS.map((i) => [i, counted.reduce((s, c) => s + c.runCost[i], 0) / REPLICATIONS + (i === 'licences' ? 2000 : 0)])) as RunCostItems;
  const dpw = mean(rs.map((r) => r.deploymentsPerWeek));
  // Invented restore times: application support's rollbacks take hours, the pipeline's minutes.
  const normalRestore = { mean: 2.4, ci95: [1.9, 3.0] as [number, number], p50: 1.5, p85: 4, p95: 9, count: 30 };
  const pipelineRestore = { mean: 0.3, ci95: [0.25, 0.36] as [number, number], p50: 0.25, p85: 0.4, p95: 0.5, count: 12 };
  const restore = variant === 'normal'
    ? { ...normalRestore, byPath: { normal: normalRestore } }
    : { mean: 0.9, ci95: [0.7, 1.2] as [number, number], p50: 0.3, p85: 1.5, p95: 4, count: 18, byPath: { normal: { ...normalRestore, count: 6 }, preApproved: pipelineRestore } };
  return {
    changes: { completed: live.length / REPLICATIONS, unfinished: (counted.length - live.length) / REPLICATIONS, counted: counted.length / REPLICATIONS },
    leadTimeDays: lt,
    validatedLeadTimeDays: { ...lt, mean: lt.mean + 0.6, p50: lt.p50 + 0.6, p85: lt.p85 + 0.6, p95: lt.p95 + 0.6, max: lt.max + 0.6 },
    byClass: groupSummaries(live, (c) => c.changeClass, ['small', 'large']),
    byPath: groupSummaries(live, (c) => c.path, ['normal', 'preApproved']),
    stages,
    flowEfficiency: variant === 'normal' ? 0.04 : 0.12,
    deploymentsPerWeek: { mean: dpw, ci95: [dpw * 0.92, dpw * 1.08] },
    changesPerCabMeeting: variant === 'normal' ? 1.6 : 0.5, cabSpillOver: variant === 'normal' ? 0.3 : 0,
    changeFailureRate: variant === 'normal' ? 0.21 : 0.12, rollbacks: 3, rejections: 2,
    timeToRestoreHours: restore,
    dora: doraBenchmark({ deploymentsPerWeekPerTeam: dpw / 2, leadTimeDays: lt.p50, changeFailureRate: variant === 'normal' ? 0.21 : 0.12, timeToRestoreHours: restore.p50 }),
    outOfHoursShare: variant === 'normal' ? 0.18 : 0.08,
    overtimeDeployments: 0,
    utilisation: {
      delivery: mean(rs.map((r) => r.utilisationDelivery)),
      changeManagement: mean(rs.map((r) => r.utilisationChangeManagement)),
      applicationSupport: mean(rs.map((r) => r.utilisationApplicationSupport)),
      outOfHoursWindows: mean(rs.map((r) => r.utilisationOutOfHours)),
    },
    costs: {
      currency: 'GBP', period: { days: HORIZON_DAYS - WARMUP_DAYS, from: '2027-01-18T00:00', to: '2027-05-24T00:00' },
      setup, run, opportunity, total, perDeployment: run / deployments, perFeature: total / deployments,
      perYear: {
        ...year,
        cash: {
          total: year.run + year.setupAmortised, ci95: [(year.run + year.setupAmortised) * 0.97, (year.run + year.setupAmortised) * 1.03],
          staff: { changeManagement: 0, applicationSupport: 0, serviceIntroduction: 0, deliveryTeams: year.run },
          staffBasis: { changeManagement: 'capacity', applicationSupport: 'capacity', serviceIntroduction: 'none' },
          outOfHours: 0, overtime: 0, cab: 0, licences: 0, supportContract: 0, onCall: 0, setupAmortised: year.setupAmortised,
          notCounted: { applicationSupportOtherWork: 0 },
        },
      },
      shares: { setup: year.setupAmortised / year.total, run: year.run / year.total, opportunity: year.opportunity / year.total },
      bands: { setup: 'Medium', run: variant === 'normal' ? 'High' : 'Medium', opportunity: 'High' },
      runItems, totalCi95: [total * 0.95, total * 1.05],
    },
    warnings: variant === 'normal' ? ['Application support utilisation 0.86 is close to 1: <queues> grow & waits are long'] : [],
  };
}

function makeCabMeetings(): CabMeetingRecord[] {
  const out: CabMeetingRecord[] = [];
  for (let r = 1; r <= REPLICATIONS; r++) {
    const rand = mulberry32(2000 + r);
    for (const variant of ['normal', 'preApproved'] as const) {
      for (let i = 1; i <= 20; i++) {
        const decided = Math.floor(rand() * (variant === 'normal' ? 4 : 2));
        out.push({ replication: r, variant, index: i, time: (i * 7 - 6) * DAY + 600, decided, approved: decided, rejected: 0, spillOver: 0, cost: 480 });
      }
    }
  }
  return out;
}

function makeDeploymentsByWeek(changes: ChangeRecord[]): WeeklyDeployments[] {
  const out: WeeklyDeployments[] = [];
  for (let r = 1; r <= REPLICATIONS; r++) {
    for (const variant of ['normal', 'preApproved'] as const) {
      for (let week = 0; week < HORIZON_DAYS / 7; week++) {
        const deployments = changes.filter((c) => c.replication === r && c.variant === variant && Math.floor(c.liveAt / (7 * DAY)) === week).length;
        out.push({ replication: r, variant, week, deployments });
      }
    }
  }
  return out;
}

function makeWip(changes: ChangeRecord[]): WipSample[] {
  const out: WipSample[] = [];
  for (const variant of ['normal', 'preApproved'] as const) {
    const cs = changes.filter((c) => c.replication === 1 && c.variant === variant);
    for (let day = 0; day <= HORIZON_DAYS; day++) {
      const t = day * DAY;
      const counts = new Map<Stage | 'live', number>();
      for (const c of cs) {
        if (c.readyAt > t) continue;
        if (c.liveAt <= t) { counts.set('live', (counts.get('live') ?? 0) + 1); continue; }
        let at = c.readyAt;
        let stage: Stage = 'validation';
        for (const s of STAGES) {
          at += c.wait[s] + c.active[s];
          if (t < at) { stage = s; break; }
        }
        counts.set(stage, (counts.get(stage) ?? 0) + 1);
      }
      for (const stage of [...STAGES, 'live'] as const) out.push({ replication: 1, variant, day, stage, count: counts.get(stage) ?? 0 });
    }
  }
  return out;
}

export function makeFixture(): ReportInput {
  const changes = makeChanges();
  const replications = makeReplications(changes);
  const summary: Summary = {
    scenario: { name: fixtureScenario.name, file: 'scenarios/fixture.yaml', sha256: 'f'.repeat(64) },
    run: { replications: REPLICATIONS, seed: 42, horizonDays: HORIZON_DAYS, warmupDays: WARMUP_DAYS, version: '0.1.0' },
    variants: { normal: variantSummary('normal', changes, replications), preApproved: variantSummary('preApproved', changes, replications) },
  };
  const stageRows = (['normal', 'preApproved'] as const).flatMap((v) =>
    STAGES.map((s) => ({ variant: v, stage: s, ...summary.variants[v]!.stages[s] })));
  const costRows = (['normal', 'preApproved'] as const).flatMap((v) => {
    const c = summary.variants[v]!.costs;
    return [
      { variant: v, type: 'setup', item: 'setup', amount: c.setup },
      ...RUN_COST_ITEMS.map((i) => ({ variant: v, type: 'run', item: i, amount: c.runItems[i] })),
      { variant: v, type: 'opportunity', item: 'costOfDelay', amount: c.opportunity },
    ];
  });
  return {
    scenario: fixtureScenario,
    scenarioYaml: 'name: fixture <small> & "quoted"\nseed: 42\n# </script><script>alert(1)</script>\n',
    summary, changes, replications,
    cabMeetings: makeCabMeetings(),
    deploymentsByWeek: makeDeploymentsByWeek(changes),
    wip: makeWip(changes),
    stageRows, costRows,
    timeBase: { toIso: (t: number) => new Date(Date.UTC(2027, 0, 4) + t * 60000).toISOString().slice(0, 16) },
  };
}
