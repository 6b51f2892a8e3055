// Summaries of one variant over its replications, computed from the replication digests:
// lead-time percentiles pooled over replications, means with 95% intervals over replication
// means, waits per stage, throughput, quality, utilisation, and costs (cost-summary.ts). They read
// the digests folded into columns (run/digest-store.ts), summing in the order the digests came.
import { STAGES, type Stage } from '../model/records.js';
import { deliveryGroups, type Scenario } from '../scenario/types.js';
import { PATHS, type ReplicationDigest } from '../run/digest.js';
import { DigestStore } from '../run/digest-store.js';
import { mean, positiveMeanCi95, quantileSorted } from './estimates.js';
import { costSummary } from './cost-summary.js';
import { timeToRestoreSummary, variantDora } from './restore.js';
import type { ContractSummary, EmergencySummary, GroupLeadTime, LeadTimeSummary, StageSummary, VariantSummary } from './summary-types.js';
import { reschedulingSummary, serviceIntroductionSummary } from './launch-summary.js';
import { MINUTES_PER_DAY, MINUTES_PER_WEEK } from '../engine/time.js';
import { sortFloat32, sortFloat64 } from './sort.js';


/** Share of CAB meetings spilling over from which the capacity is called short (assumption). */
const CAB_SHORT_SHARE = 0.05;

function sumOf(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s;
}

/** The finite values, in order (a plain loop: TypedArray filter with a callback is slow on 10⁵ values). */
function finiteOf(xs: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i]!)) n++;
  if (n === xs.length) return xs.slice();
  const out = new Float64Array(n);
  let o = 0;
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i]!)) out[o++] = xs[i]!;
  return out;
}

/**
 * A stage's mean and 85th percentile wait over `n` changes, of which only `kept` (the non-zero
 * waits, float32) are held: the others are 0. As if every wait were widened to float64 and the n
 * of them sorted and summed in that order: when no kept wait is negative the zeros come first
 * (adding them changes nothing), so only the kept waits are sorted and summed.
 */
export function waitSummary(kept: Float32Array, n: number): Pick<StageSummary, 'meanWaitDays' | 'p85WaitDays'> {
  let negative = false;
  for (let i = 0; i < kept.length && !negative; i++) negative = kept[i]! < 0;
  if (negative) {
    const waits = new Float64Array(n);
    waits.set(kept);
    waits.sort();
    return { meanWaitDays: waits.length > 0 ? sumOf(waits) / waits.length : NaN, p85WaitDays: quantileSorted(waits as unknown as number[], 0.85) };
  }
  sortFloat32(kept);
  const zeros = n - kept.length;
  const at = (i: number): number => (i < zeros ? 0 : kept[i - zeros]!);
  let p85 = NaN;
  if (n === 1) p85 = at(0);
  else if (n > 1) {
    // quantileSorted's interpolation, on the zeros followed by the sorted kept waits.
    const h = (n - 1) * 0.85;
    const lo = Math.floor(h);
    const hi = Math.min(n - 1, lo + 1);
    p85 = at(lo) + (h - lo) * (at(hi) - at(lo));
  }
  return { meanWaitDays: n > 0 ? sumOf(kept) / n : NaN, p85WaitDays: p85 };
}

/** Pooled percentiles of `values` (all replications), mean and 95% CI of the replication means. */
export function leadTimeSummary(pooled: Float64Array, replicationMeans: readonly number[]): LeadTimeSummary {
  const finite = sortFloat64(finiteOf(pooled));
  return {
    mean: finite.length > 0 ? sumOf(finite) / finite.length : NaN,
    ci95: positiveMeanCi95(replicationMeans).ci95,
    p50: quantileSorted(finite as unknown as number[], 0.5),
    p85: quantileSorted(finite as unknown as number[], 0.85),
    p95: quantileSorted(finite as unknown as number[], 0.95),
    max: finite.length > 0 ? finite[finite.length - 1]! : NaN,
  };
}

/**
 * Lead time per group (class or path) of the completed counted changes: summary.json byClass, byPath.
 * `leadTimeDays` and `groups` are every replication's changes one after the other, replication i's
 * ending at ends[i]. Each group's lead times are pooled into one array, replication by replication
 * in change order, and each replication's mean over its changes of the group summed in that order.
 */
export function groupSummary(
  leadTimeDays: Float64Array,
  groups: ArrayLike<number>,
  ends: readonly number[],
  names: readonly string[],
): Record<string, LeadTimeSummary & { completed: number }> {
  const G = names.length;
  const counts = new Array<number>(G).fill(0);
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    if (g < G) counts[g]!++;
  }
  const pooled = counts.map((n) => new Float64Array(n));
  const at = new Array<number>(G).fill(0);
  const means: number[][] = names.map(() => []);
  const sums = new Array<number>(G).fill(0);
  const inReplication = new Array<number>(G).fill(0);
  let from = 0;
  for (const end of ends) {
    sums.fill(0);
    inReplication.fill(0);
    for (let i = from; i < end; i++) {
      const g = groups[i]!;
      if (g >= G) continue;
      pooled[g]![at[g]!++] = leadTimeDays[i]!;
      sums[g]! += leadTimeDays[i]!;
      inReplication[g]!++;
    }
    for (let g = 0; g < G; g++) if (inReplication[g]! > 0) means[g]!.push(sums[g]! / inReplication[g]!);
    from = end;
  }
  const out: Record<string, LeadTimeSummary & { completed: number }> = {};
  names.forEach((name, g) => {
    // Group names are class names from the scenario: defined as own properties, so that a class
    // named "__proto__" is a key like any other rather than the object's prototype.
    const summary = { ...leadTimeSummary(pooled[g]!, means[g]!), completed: pooled[g]!.length };
    if (pooled[g]!.length > 0) Object.defineProperty(out, name, { value: summary, writable: true, enumerable: true, configurable: true });
  });
  return out;
}

function contractSummary(scenario: Scenario, digests: DigestStore): ContractSummary | undefined {
  const contract = scenario.teams.applicationSupport.contract;
  if (contract === undefined || digests.length === 0) return undefined;
  const deployments = sumOf(digests.contract.map((c) => c?.deployments ?? 0));
  const above = sumOf(digests.contract.map((c) => c?.aboveIncluded ?? 0));
  const months = ((scenario.horizon - scenario.warmup) / MINUTES_PER_DAY) / (365.25 / 12);
  return {
    includedDeploymentsPerMonth: contract.includedDeploymentsPerMonth,
    deploymentsPerMonth: deployments / digests.length / months,
    aboveIncludedShare: deployments > 0 ? above / deployments : 0,
    aboveIncluded: above / digests.length,
  };
}

/** youBuildItYouRunIt's call-outs: mean per replication, and per team per week of the counted period. */
function onCallSummary(scenario: Scenario, digests: DigestStore): Pick<VariantSummary, 'onCall'> {
  if (digests.length === 0 || !digests.onCall.some((t) => t !== undefined)) return {};
  const callOuts = sumOf(digests.onCall.map((t) => t?.callOuts ?? 0)) / digests.length;
  const weeks = (scenario.horizon - scenario.warmup) / MINUTES_PER_WEEK;
  return { onCall: { callOuts, callOutsPerTeamPerWeek: callOuts / (scenario.teams.delivery.count * weeks) } };
}

/** The emergency section (only when the digests carry emergency figures, i.e. a class has an emergencyShare above 0). */
function emergencySummary(digests: DigestStore, byPath: Readonly<Record<string, GroupLeadTime>>): EmergencySummary | undefined {
  const tallies = digests.emergency.flatMap((t) => (t === undefined ? [] : [t]));
  if (tallies.length === 0) return undefined;
  const total = (f: (t: (typeof tallies)[number]) => number): number => sumOf(tallies.map(f));
  const n = tallies.length;
  const changes = total((t) => t.changes);
  const attempts = total((t) => t.deploymentAttempts);
  const normal = total((t) => t.normalCompleted);
  const lead = byPath.emergency;
  return {
    changesPerReplication: changes / n,
    completedPerReplication: total((t) => t.completed) / n,
    leadTimeDays: lead === undefined ? leadTimeSummary(new Float64Array(0), []) : { mean: lead.mean, ci95: lead.ci95, p50: lead.p50, p85: lead.p85, p95: lead.p95, max: lead.max },
    changeFailureRate: attempts > 0 ? total((t) => t.failedDeployments) / attempts : NaN,
    failedDeploymentsPerReplication: total((t) => t.failedDeployments) / n,
    deploymentsInFreeze: total((t) => t.deploymentsInFreeze) / n,
    outOfHoursShare: attempts > 0 ? total((t) => t.outOfHoursDeployments) / attempts : NaN,
    runCost: total((t) => t.runCost) / n,
    runCostPerChange: changes > 0 ? total((t) => t.runCost) / changes : NaN,
    reviewCost: total((t) => t.reviewCost) / n,
    normalDeploymentQueueWaitDays: normal > 0 ? total((t) => t.normalDeploymentQueueWait) / normal / MINUTES_PER_DAY : NaN,
  };
}

/** A variant's summary from its digests (a store, or a list folded into one first). */
export function summariseVariant(scenario: Scenario, given: DigestStore | readonly ReplicationDigest[]): VariantSummary {
  const digests = given instanceof DigestStore ? given : DigestStore.of(given);
  const reps = digests.records;
  const S = STAGES.length;
  const nReps = digests.length;
  const completed = sumOf(reps.map((r) => r.completed));
  const counted = sumOf(reps.map((r) => r.featuresCounted));
  const unfinished = sumOf(reps.map((r) => r.unfinished));

  const stages = {} as Record<Stage, StageSummary>;
  STAGES.forEach((s, k) => {
    let active = 0;
    for (let i = 0; i < nReps; i++) active += digests.stageActiveHours[i * S + k]!;
    stages[s] = { ...waitSummary(digests.stageWaits[k]!.slice(), digests.changes), meanActiveHours: completed > 0 ? active / completed : NaN };
  });
  const leadMinutes = sumOf(digests.leadMinutes);

  const sum = (f: (r: (typeof reps)[number]) => number): number => sumOf(reps.map(f));
  const attempts = sum((r) => r.deploymentAttempts);

  const warnings: string[] = [];
  if (unfinished > 0) {
    const n = reps.filter((r) => r.unfinished > 0).length;
    warnings.push(
      `${unfinished} of ${counted} counted changes (in ${n} of ${reps.length} replications) were not live when the run ended: ` +
        `the process cannot keep up, and lead times describe only the changes that finished`,
    );
  }
  const util = {
    delivery: mean(reps.map((r) => r.utilisationDelivery)),
    changeManagement: mean(reps.map((r) => r.utilisationChangeManagement)),
    applicationSupport: mean(reps.map((r) => r.utilisationApplicationSupport)),
    outOfHoursWindows: mean(reps.map((r) => r.utilisationOutOfHours)),
  };
  const teamNames: Record<keyof typeof util, string> = {
    delivery: 'the delivery teams',
    changeManagement: 'change management',
    applicationSupport: 'application support (office hours, with their other work)',
    outOfHoursWindows: 'the out-of-hours deployment windows',
  };
  for (const [key, u] of Object.entries(util) as [keyof typeof util, number][]) {
    const team = teamNames[key];
    const is = key === 'delivery' || key === 'outOfHoursWindows' ? 'are' : 'is';
    const pct = (u * 100).toFixed(0);
    if (u >= 0.98) warnings.push(`${team} ${is} overloaded: utilisation ${pct}% (offered work exceeds capacity; the queue grows without bound)`);
    else if (u >= 0.85) warnings.push(`${team} ${is} at ${pct}% utilisation: queues grow steeply above 85%`);
  }
  // Meetings, changes decided and spill-over are whole numbers: their sums are exact in any order.
  const cabMeetings = digests.cabDecided.length;
  const cabSpillOver = digests.cabSpillOver.slice();
  const spillOver = sumOf(cabSpillOver);
  const spill = cabMeetings > 0 ? spillOver / cabMeetings : 0;
  const capacity = scenario.teams.changeManagement.cab.capacity;
  // Spill-over counts only changes that made a meeting's cutoff and were left for lack of capacity;
  // the capacity is short when that happens at 1 meeting in 20 or more (CAB_SHORT_SHARE).
  let spilling = 0;
  for (let i = 0; i < cabSpillOver.length; i++) if (cabSpillOver[i]! > 0) spilling++;
  if (cabMeetings > 0 && spilling / cabMeetings >= CAB_SHORT_SHARE && Number.isFinite(capacity)) {
    warnings.push(
      `CAB capacity is short: it decides at most ${capacity} changes a meeting, and ${spilling} of ${cabMeetings} meetings ` +
        `(${((100 * spilling) / cabMeetings).toFixed(0)}%) left changes that made the cutoff for a later meeting ` +
        `(${spill.toFixed(2)} a meeting on average)`,
    );
  }

  const overtime = sum((r) => r.overtimeDeployments);
  if (overtime > 0) {
    warnings.push(
      `${(overtime / reps.length).toFixed(1)} out-of-hours deployments a replication ran past the end of their window ` +
        `(longer than any window, or a rollback after a failure): overtime at the out-of-hours premium`,
    );
  }

  const allLeadTimes = digests.leadTimeDays.slice();
  const leadTimeDays = leadTimeSummary(allLeadTimes, reps.map((r) => r.leadTimeMeanDays));
  const deploymentsPerWeek = positiveMeanCi95(reps.map((r) => r.deploymentsPerWeek));
  const changeFailureRate = attempts > 0 ? sum((r) => r.failedDeployments) / attempts : NaN;
  const timeToRestoreHours = timeToRestoreSummary(digests);
  const contract = contractSummary(scenario, digests);
  if (contract !== undefined && contract.aboveIncluded > 0) {
    warnings.push(
      `${(contract.aboveIncludedShare * 100).toFixed(0)}% of application support's deployments (${contract.aboveIncluded.toFixed(1)} a replication) ` +
        `were above the contract's ${contract.includedDeploymentsPerMonth} included a month, paid at the extra deployment rate`,
    );
  }

  const intro = serviceIntroductionSummary(scenario, reps);
  if (intro !== undefined && intro.utilisation >= 0.85) {
    const pct = (intro.utilisation * 100).toFixed(0);
    warnings.push(intro.utilisation >= 0.98
      ? `the service introduction team is overloaded: utilisation ${pct}% (offered work exceeds capacity; the queue grows without bound)`
      : `the service introduction team is at ${pct}% utilisation: queues grow steeply above 85%`);
  }
  const rescheduling = reschedulingSummary(scenario, reps);

  const byPath = groupSummary(allLeadTimes, digests.pathIndex.slice(), digests.changeEnds, PATHS);
  const emergency = emergencySummary(digests, byPath);
  return {
    changes: { completed, unfinished, counted },
    leadTimeDays,
    validatedLeadTimeDays: leadTimeSummary(
      digests.validatedLeadTimeDays.slice(),
      reps.map((r) => r.validatedLeadTimeMeanDays),
    ),
    byClass: groupSummary(allLeadTimes, digests.classIndex.slice(), digests.changeEnds, scenario.classes.map((c) => c.name)),
    byPath,
    // Only for `teams.delivery` given as a list: the single form's summary stays as it was.
    ...(scenario.teams.delivery.listed === true
      ? { byGroup: groupSummary(allLeadTimes, digests.groupIndex.slice(), digests.changeEnds, deliveryGroups(scenario).map((g) => g.name)) }
      : {}),
    stages,
    flowEfficiency: leadMinutes > 0 ? sumOf(digests.activeBeforeLive) / leadMinutes : NaN,
    deploymentsPerWeek,
    changesPerCabMeeting: cabMeetings > 0 ? sumOf(digests.cabDecided.slice()) / cabMeetings : NaN,
    cabSpillOver: cabMeetings > 0 ? spillOver / cabMeetings : NaN,
    changeFailureRate,
    rollbacks: reps.length > 0 ? sum((r) => r.failedDeployments) / reps.length : NaN,
    timeToRestoreHours,
    dora: variantDora(scenario, { deploymentsPerWeek, leadTimeDays, changeFailureRate, timeToRestoreHours }),
    rejections: reps.length > 0 ? sum((r) => r.rejections) / reps.length : NaN,
    outOfHoursShare: attempts > 0 ? sum((r) => r.outOfHoursDeployments) / attempts : NaN,
    overtimeDeployments: reps.length > 0 ? sum((r) => r.overtimeDeployments) / reps.length : NaN,
    utilisation: util,
    costs: costSummary(scenario, reps, digests, completed),
    ...(contract === undefined ? {} : { applicationSupportContract: contract }),
    ...(intro === undefined ? {} : { serviceIntroduction: intro }),
    ...(rescheduling === undefined ? {} : { rescheduling }),
    ...onCallSummary(scenario, digests),
    ...(emergency === undefined ? {} : { emergency }),
    warnings,
  };
}
