// Summaries of one variant over its replications, computed from the flat records: lead-time
// percentiles pooled over replications, means with 95% intervals over replication means, waits
// per stage, throughput, quality, utilisation and costs with their TCO shares and bands.
import { MINUTES_PER_DAY } from '../engine/time.js';
import { RUN_COST_ITEMS, STAGES, type ChangeRecord, type ReplicationOutput, type RunCostItem, type Stage } from '../model/records.js';
import type { Scenario } from '../scenario/types.js';
import { mean, meanCi95, quantileSorted, sortNumbers } from './estimates.js';
import type { Band, LeadTimeSummary, StageSummary, VariantSummary } from './summary-types.js';

/**
 * Share of total cost of ownership → band, to hold results against the seed's table (setup
 * Medium, opportunity High, run Medium to high). The thresholds are an assumption: with three
 * cost types, under 15% is Low, under 40% Medium, 40% or more High.
 */
export function band(share: number): Band {
  if (share < 0.15) return 'Low';
  if (share < 0.4) return 'Medium';
  return 'High';
}

function leadTimeSummary(days: number[], replicationMeans: number[]): LeadTimeSummary {
  const sorted = sortNumbers(days);
  const ci = meanCi95(replicationMeans);
  return {
    mean: mean(days),
    ci95: ci.ci95,
    p50: quantileSorted(sorted, 0.5),
    p85: quantileSorted(sorted, 0.85),
    p95: quantileSorted(sorted, 0.95),
    max: sorted.length > 0 ? sorted[sorted.length - 1]! : NaN,
  };
}

function groupLeadTimes(changes: readonly ChangeRecord[], key: (c: ChangeRecord) => string) {
  const groups = new Map<string, ChangeRecord[]>();
  for (const c of changes) {
    const k = key(c);
    const g = groups.get(k);
    if (g) g.push(c);
    else groups.set(k, [c]);
  }
  const out: Record<string, LeadTimeSummary & { completed: number }> = {};
  for (const [k, g] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const byRep = new Map<number, number[]>();
    for (const c of g) {
      const d = (c.liveAt - c.readyAt) / MINUTES_PER_DAY;
      const list = byRep.get(c.replication);
      if (list) list.push(d);
      else byRep.set(c.replication, [d]);
    }
    const days = g.map((c) => (c.liveAt - c.readyAt) / MINUTES_PER_DAY);
    out[k] = { ...leadTimeSummary(days, [...byRep.values()].map(mean)), completed: g.length };
  }
  return out;
}

export function summariseVariant(scenario: Scenario, outputs: readonly ReplicationOutput[]): VariantSummary {
  const reps = outputs.map((o) => o.replicationRecord);
  const counted = outputs.flatMap((o) => o.changes.filter((c) => !c.warmup));
  const completed = counted.filter((c) => Number.isFinite(c.liveAt));
  const validated = completed.filter((c) => Number.isFinite(c.validatedAt));

  const stages = {} as Record<Stage, StageSummary>;
  for (const s of STAGES) {
    const waits = sortNumbers(completed.map((c) => c.wait[s] / MINUTES_PER_DAY));
    stages[s] = {
      meanWaitDays: mean(waits),
      p85WaitDays: quantileSorted(waits, 0.85),
      meanActiveHours: mean(completed.map((c) => c.active[s] / 60)),
    };
  }
  let activeTotal = 0;
  let leadTotal = 0;
  for (const c of completed) {
    for (const s of STAGES) if (s !== 'validation') activeTotal += c.active[s];
    leadTotal += c.liveAt - c.readyAt;
  }

  const sum = (f: (r: (typeof reps)[number]) => number): number => reps.reduce((a, r) => a + f(r), 0);
  const attempts = sum((r) => r.deploymentAttempts);
  const setup = mean(reps.map((r) => r.setupCost));
  const run = mean(reps.map((r) => r.runCost));
  const opportunity = mean(reps.map((r) => r.opportunityCost));
  const total = setup + run + opportunity;
  const runItems = {} as Record<RunCostItem, number>;
  for (const item of RUN_COST_ITEMS) {
    let s = 0;
    for (const c of counted) s += c.runCost[item];
    runItems[item] = s / Math.max(1, outputs.length);
  }
  runItems.licences += mean(outputs.map((o) => o.unallocatedRunCost.licences));
  runItems.cab += mean(outputs.map((o) => o.unallocatedRunCost.cab));
  const deployments = sum((r) => r.deployments);
  const shares = { setup: setup / total, run: run / total, opportunity: opportunity / total };

  const warnings: string[] = [];
  const unfinished = sum((r) => r.unfinished);
  if (unfinished > 0) {
    const reps = outputs.filter((o) => o.replicationRecord.unfinished > 0).length;
    warnings.push(
      `${unfinished} of ${counted.length} counted changes (over ${reps} of ${outputs.length} replications) were not live when the run ended: ` +
        `the process cannot keep up, and lead times describe only the changes that finished`,
    );
  }
  const util = {
    delivery: mean(reps.map((r) => r.utilisationDelivery)),
    changeManagement: mean(reps.map((r) => r.utilisationChangeManagement)),
    applicationSupport: mean(reps.map((r) => r.utilisationApplicationSupport)),
  };
  for (const [team, u] of Object.entries(util)) {
    if (u >= 1) warnings.push(`${team} is overloaded: utilisation ${(u * 100).toFixed(0)}% (offered work exceeds capacity; queues grow without bound)`);
    else if (u >= 0.85) warnings.push(`${team} is at ${(u * 100).toFixed(0)}% utilisation: queues grow steeply above 85%`);
  }
  const meetings = outputs.flatMap((o) => o.cabMeetings.filter((m) => m.time >= scenario.warmup));

  return {
    changes: { completed: completed.length, unfinished, counted: counted.length },
    leadTimeDays: leadTimeSummary(
      completed.map((c) => (c.liveAt - c.readyAt) / MINUTES_PER_DAY),
      reps.map((r) => r.leadTimeMeanDays),
    ),
    validatedLeadTimeDays: leadTimeSummary(
      validated.map((c) => (c.validatedAt - c.readyAt) / MINUTES_PER_DAY),
      reps.map((r) => r.validatedLeadTimeMeanDays),
    ),
    byClass: groupLeadTimes(completed, (c) => c.changeClass),
    byPath: groupLeadTimes(completed, (c) => c.path),
    stages,
    flowEfficiency: leadTotal > 0 ? activeTotal / leadTotal : NaN,
    deploymentsPerWeek: meanCi95(reps.map((r) => r.deploymentsPerWeek)),
    changesPerCabMeeting: mean(meetings.map((m) => m.decided)),
    cabSpillOver: mean(meetings.map((m) => m.spillOver)),
    changeFailureRate: attempts > 0 ? sum((r) => r.failedDeployments) / attempts : NaN,
    rollbacks: sum((r) => r.failedDeployments) / Math.max(1, reps.length),
    rejections: sum((r) => r.rejections) / Math.max(1, reps.length),
    outOfHoursShare: attempts > 0 ? sum((r) => r.outOfHoursDeployments) / attempts : NaN,
    utilisation: util,
    costs: {
      currency: scenario.currency,
      setup,
      run,
      opportunity,
      total,
      perDeployment: deployments > 0 ? (run * reps.length) / deployments : NaN,
      perFeature: completed.length > 0 ? (total * reps.length) / completed.length : NaN,
      shares,
      bands: { setup: band(shares.setup), run: band(shares.run), opportunity: band(shares.opportunity) },
      runItems,
      totalCi95: meanCi95(reps.map((r) => r.totalCost)).ci95,
    },
    warnings,
  };
}
