// Before a long or large run: an estimate of the changes to simulate, the output written and the
// memory one replication needs, from the scenario alone. Above a threshold the run goes ahead with
// a note on stderr; above a hard limit it is refused (exit 2) unless --force. A replication large
// enough to take more than about a second runs on a worker thread, so that Ctrl-C (handled on
// this thread) stops it at once whatever --workers says; the results are the same bytes.
import { Calendar } from '../engine/calendar.js';
import { meetingTimes, weeklyRecurrence } from '../engine/meeting-schedule.js';
import { MINUTES_PER_WEEK, TimeBase } from '../engine/time.js';
import { fromSpec } from '../engine/distributions.js';
import { deliveryGroups, type Scenario, type Variant } from '../scenario/index.js';
import { defaultWorkers, executorFor, parallelExecutor, workerScriptAvailable } from '../node/parallel.js';
import type { ChangesFormat, Executor } from '../run/replications.js';
import { UsageError } from '../api/options.js';
import { groupDigits } from '../scenario/group-digits.js';

/** Measured on the default scenario (changes.csv ≈ 300 bytes a change; changes.parquet ≈ 75; events.csv of replication 1 ≈ 650). */
export const BYTES_PER_CHANGE_ROW = 300;
export const BYTES_PER_PARQUET_ROW = 75;
export const BYTES_PER_EVENT_CHANGE = 650;
/**
 * The memory model (docs/limits-and-safety.md, "Limits", its "Run estimate" paragraph; the measured
 * peaks it was fitted to are in test/cli/run-estimate-measured.test.ts). Replication 1 of each
 * variant is kept whole until the run ends (its change records, event log and work-in-progress
 * samples: wip.csv, the charts, a shard's kept outputs), as a copy when a worker thread made it, so
 * a run holds every variant's replication 1 at once: per change, by variant, as resident memory
 * (the copy and the heap's slack around it). The variants differ by the events they log: a normal
 * change about 8 when the process keeps up, a pre-approved one about 4, a You Build It You Run It
 * one about 2.3.
 */
export const KEPT_BYTES_PER_CHANGE: Readonly<Record<Variant, number>> = { normal: 5400, preApproved: 4400, youBuildItYouRunIt: 3000 };
/**
 * The replication being made at its peak, per change, counted once at the heaviest variant: its
 * records, its event log, the bytes it is handed over as (this thread's copy is KEPT_BYTES_PER_CHANGE).
 */
export const RUNNING_BYTES_PER_CHANGE: Readonly<Record<Variant, number>> = { normal: 6200, preApproved: 4600, youBuildItYouRunIt: 3400 };
/**
 * A normal change still waiting for the CAB when the run ends (its capacity reached meeting after
 * meeting) has logged few events: per change, kept and being made. The normal variant's figures
 * move from these to the ones above by the square root of the share of changes the CAB can have
 * decided (cabDecidedShare). Measured with the normal variant alone, 100 delivery groups × 10 teams
 * × 2 features a week (104,000 changes): 832 MB against the default CAB (15 changes a meeting, one
 * meeting a week: 0.75% decided), 1,238 MB when it decides 1,000 a meeting (half), 1,398 MB when
 * it and everyone after it keep up; half decided went 72% of the way, hence the square root.
 */
export const KEPT_WAITING_BYTES_PER_CHANGE = 3000;
export const RUNNING_WAITING_BYTES_PER_CHANGE = 3500;
/** Each further replication running at once that is not kept (replication 2 on: no event log), per change. */
export const MEMORY_PER_CHANGE = 4096;
/**
 * Each further kept replication (another variant's replication 1) being made at the same time as
 * the heaviest, per change beyond its kept copy: on 2 cores their peaks seldom coincide (3 workers
 * over 3 variants of 104,000 changes added 0.27 GB to one worker's 1.57 GB, and 0.35 GB to 2.04 GB
 * when the process keeps up: about their threads), but more cores let them (issue 25 measured
 * 2.19 GB for the shape that peaks at 1.84 GB here).
 */
export const OTHER_KEPT_RUNNING_BYTES_PER_CHANGE = 1024;
/**
 * A thread making replications (each worker, or this one when they run here) lets its heap grow
 * around them before it collects: 32 KB a change of a replication, at most 120 MB a thread
 * (measured: 100 delivery teams, 5,200 changes a replication, peak 299–321 MB on one thread).
 */
export const THREAD_SLACK_BYTES_PER_CHANGE = 32_000;
export const THREAD_SLACK_BYTES = 120e6;
/**
 * Memory a finished replication keeps until the summary is made, as resident memory: its record and
 * a few numbers (0.85 KB measured with --expose-gc over 4,000 replications of the default scenario;
 * docs/big-runs.md, "Big runs: memory") and the heap's slack around them. Its per-change values
 * (lead times, stage waits) go to a spill file in the output folder as the digest store's chunks fill
 * (run/column.ts), so they do not count here.
 */
export const DIGEST_BYTES_PER_REPLICATION = 6144;
/**
 * The fixed part of a run's memory: the process with its code and the summary (a 1-replication run
 * of the default scenario peaks at 93–94 MB, 300 replications on one thread at 127–135 MB), each
 * worker thread's own heap, and with `--changes parquet` one row group of 65,536 rows being encoded
 * (300 replications of the default scenario with 2 workers: 217 MB with csv, 321 MB with parquet).
 */
export const PROCESS_BYTES = 125e6;
export const WORKER_THREAD_BYTES = 60e6;
export const PARQUET_ROW_GROUP_BYTES = 110e6;

export const WARN = { changes: 1_000_000, otherJobs: 20_000_000, outputBytes: 1e9, memoryBytes: 1e9 } as const;
export const REFUSE = { changes: 50_000_000, otherJobs: 1_000_000_000, outputBytes: 20e9, memoryBytes: 3e9 } as const;
/** Replications with more changes than this run on a worker thread (Ctrl-C within a second). */
export const WORKER_THREAD_CHANGES = 20_000;

export interface RunEstimate {
  /** Changes simulated over every scenario, variant and replication. */
  readonly changes: number;
  /** Rows of changes.csv (or changes.parquet) if the run writes one: the changes simulated, else 0. */
  readonly changeRows: number;
  /** Application support's other-work jobs over every scenario, variant and replication (time, not memory). */
  readonly otherJobs: number;
  /** Changes in the largest single replication. */
  readonly changesPerReplication: number;
  readonly outputBytes: number;
  /** Memory of the replications running at once. */
  readonly memoryBytes: number;
}

/** Expected features of one replication: teams × features per team per week × weeks of horizon, summed over the delivery groups. */
export function changesPerReplication(s: Scenario): number {
  return deliveryGroups(s).reduce((a, g) => a + g.count * g.featuresPerWeek, 0) * (s.horizon / MINUTES_PER_WEEK);
}

/** Expected other-work jobs of one replication: share × people × open minutes in the horizon ÷ mean job effort. */
export function otherJobsPerReplication(s: Scenario): number {
  const as = s.teams.applicationSupport;
  if (as.otherWork.share === 0) return 0;
  const calendar = new Calendar(new TimeBase(s.start), { open: as.hours, closures: s.holidays });
  return (as.otherWork.share * as.people * calendar.workingTimeBetween(0, s.horizon)) / fromSpec(as.otherWork.jobEffort).mean;
}

export function estimateRun(
  scenarios: readonly Scenario[],
  options: { writesChanges: boolean; workers: number | undefined; changes?: ChangesFormat | undefined },
): RunEstimate {
  const format = options.writesChanges ? (options.changes ?? 'csv') : 'none';
  const rowBytes = format === 'csv' ? BYTES_PER_CHANGE_ROW : format === 'parquet' ? BYTES_PER_PARQUET_ROW : 0;
  let changes = 0;
  let otherJobs = 0;
  let perReplication = 0;
  let outputBytes = 0;
  for (const s of scenarios) {
    const per = changesPerReplication(s);
    changes += per * s.replications * s.variants.length;
    otherJobs += otherJobsPerReplication(s) * s.replications * s.variants.length;
    perReplication = Math.max(perReplication, per);
    if (options.writesChanges) outputBytes += per * s.variants.length * (s.replications * rowBytes + BYTES_PER_EVENT_CHANGE);
  }
  return {
    changes,
    changeRows: format === 'none' ? 0 : changes,
    otherJobs,
    changesPerReplication: perReplication,
    outputBytes,
    memoryBytes: memoryEstimate(scenarios, options.workers ?? defaultWorkers(), format),
  };
}

/**
 * The share (at most 1) of a replication's changes the CAB can have decided in the normal variant:
 * its capacity × its meetings in the horizon (holidays skip meetings, as in the model), over the
 * changes, plus the largest share of emergency changes (they do not wait for it). 1 when its
 * capacity is unlimited, or when a delivery group releases in batches (a decision then covers
 * several features). A change can only get past the CAB by a decision, so this bounds from above
 * the changes that log more than a few events.
 */
export function cabDecidedShare(s: Scenario): number {
  const cab = s.teams.changeManagement.cab;
  const n = changesPerReplication(s);
  if (cab.capacity === Infinity || n === 0 || deliveryGroups(s).some((g) => g.release.kind !== 'perFeature')) return 1;
  const timeBase = new TimeBase(s.start);
  const next = cab.schedule === undefined ? weeklyRecurrence(timeBase, cab.days, cab.time, s.holidays) : meetingTimes(timeBase, cab.schedule, s.holidays);
  let meetings = 0;
  for (let t = next(-1); t < s.horizon; t = next(t)) meetings++;
  const emergency = Math.max(0, ...s.classes.map((c) => c.emergencyShare));
  return Math.min(1, (cab.capacity * meetings) / n + emergency);
}

/** Bytes a change of variant v: the normal variant's between `waiting` and its own by the square root of the CAB's decided share. */
function perChange(table: Readonly<Record<Variant, number>>, waiting: number, v: Variant, decided: number): number {
  return v === 'normal' ? waiting + Math.sqrt(decided) * (table.normal - waiting) : table[v];
}

/**
 * Peak resident memory: the process; its worker threads (none when one replication of at most
 * WORKER_THREAD_CHANGES changes runs at a time, on this thread); a Parquet row group; each thread's
 * heap slack; replication 1 of every variant of every scenario, kept (the normal variant's as far
 * as the CAB can have let its changes through; compare keeps every scenario's, and sweep's earlier
 * values are not yet collected when the later ones run: measured); the heaviest replication being
 * made; the other replications running at once, not kept or kept; and what every finished
 * replication keeps.
 */
function memoryEstimate(scenarios: readonly Scenario[], workers: number, format: ChangesFormat): number {
  const per = Math.max(...scenarios.map(changesPerReplication));
  const tasks = Math.max(...scenarios.map((s) => s.replications * s.variants.length));
  const running = Math.max(1, Math.min(workers, tasks));
  const threads = running > 1 ? running : per > WORKER_THREAD_CHANGES ? 1 : 0;
  let kept = 0;
  let replications = 0;
  let heaviest = 0;
  let unkept = 0;
  for (const s of scenarios) {
    const n = changesPerReplication(s);
    const decided = s.variants.includes('normal') ? cabDecidedShare(s) : 1;
    for (const v of s.variants) {
      kept += n * perChange(KEPT_BYTES_PER_CHANGE, KEPT_WAITING_BYTES_PER_CHANGE, v, decided);
      heaviest = Math.max(heaviest, n * perChange(RUNNING_BYTES_PER_CHANGE, RUNNING_WAITING_BYTES_PER_CHANGE, v, decided));
    }
    replications += s.replications * s.variants.length;
    unkept = Math.max(unkept, (s.replications - 1) * s.variants.length);
  }
  return (
    PROCESS_BYTES +
    threads * WORKER_THREAD_BYTES +
    (format === 'parquet' ? PARQUET_ROW_GROUP_BYTES : 0) +
    running * Math.min(per * THREAD_SLACK_BYTES_PER_CHANGE, THREAD_SLACK_BYTES) +
    kept +
    heaviest +
    Math.min(running - 1, unkept) * per * MEMORY_PER_CHANGE +
    Math.max(0, running - 1 - unkept) * per * OTHER_KEPT_RUNNING_BYTES_PER_CHANGE +
    replications * DIGEST_BYTES_PER_REPLICATION
  );
}

/**
 * Rows of changes.csv above which run suggests `--changes parquet`: a spreadsheet opens at most
 * 1,048,576 rows, and a CSV this long is about 300 MB (the default scenario: about 1,600 replications).
 */
export const CSV_ROWS_SUGGEST_PARQUET = 1_000_000;

/** The note suggesting parquet when changes.csv will be long (only when --changes was not given), else undefined. */
export function changesFormatNote(e: RunEstimate, given: ChangesFormat | undefined): string | undefined {
  if (given !== undefined || e.changeRows <= CSV_ROWS_SUGGEST_PARQUET) return undefined;
  return (
    `note: changes.csv will have about ${count(e.changeRows)} rows (about ${size(e.changeRows * BYTES_PER_CHANGE_ROW)}); ` +
    `--changes parquet writes the same rows typed and compressed (about ${size(e.changeRows * BYTES_PER_PARQUET_ROW)}), --changes none writes none (docs/big-runs.md)`
  );
}

const count = (n: number): string => groupDigits(Math.round(n));
function size(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(0)} MB`;
  return `${(bytes / 1e3).toFixed(0)} kB`;
}

export function describeEstimate(e: RunEstimate): string {
  const output = e.outputBytes > 0 ? `, writes about ${size(e.outputBytes)}` : '';
  const jobs = e.otherJobs > WARN.otherJobs ? ` and ${count(e.otherJobs)} other-work jobs` : '';
  return `about ${count(e.changes)} changes (${count(e.changesPerReplication)} in the largest replication)${jobs}${output} and needs about ${size(e.memoryBytes)} of memory`;
}

/** What is over a limit, as "changes 60,000,000 > 50,000,000"; empty when nothing is. */
function over(e: RunEstimate, limits: typeof WARN | typeof REFUSE): string[] {
  const out: string[] = [];
  if (e.changes > limits.changes) out.push(`changes ${count(e.changes)} > ${count(limits.changes)}`);
  if (e.otherJobs > limits.otherJobs) out.push(`other-work jobs ${count(e.otherJobs)} > ${count(limits.otherJobs)}`);
  if (e.outputBytes > limits.outputBytes) out.push(`output ${size(e.outputBytes)} > ${size(limits.outputBytes)}`);
  if (e.memoryBytes > limits.memoryBytes) out.push(`memory ${size(e.memoryBytes)} > ${size(limits.memoryBytes)}`);
  return out;
}

/**
 * Refuses a run over a hard limit unless forced (UsageError, exit 2); returns the note to print
 * on stderr for a run over a warning threshold (or a forced one over a limit), else undefined.
 */
export function checkEstimate(e: RunEstimate, force: boolean): string | undefined {
  const hard = over(e, REFUSE);
  if (hard.length > 0 && !force) {
    throw new UsageError(
      `this run is too large: ${describeEstimate(e)} (${hard.join(', ')}); lower replications, horizon, ${e.otherJobs > REFUSE.otherJobs ? 'teams.applicationSupport.people or otherWork' : 'teams.delivery.count or featuresPerWeek'}, or add --force to run it anyway`,
    );
  }
  if (hard.length > 0) return `note: --force: ${describeEstimate(e)} (${hard.join(', ')}); Ctrl-C stops it`;
  if (over(e, WARN).length > 0) return `note: a large run: ${describeEstimate(e)}; it may take a while (Ctrl-C stops it)`;
  return undefined;
}

/** executorFor, except that a run with large replications keeps them off this thread (see above). */
export function executorForRun(workers: number | undefined, e: RunEstimate): Executor {
  if (e.changesPerReplication > WORKER_THREAD_CHANGES && workerScriptAvailable()) return parallelExecutor(workers ?? defaultWorkers());
  return executorFor(workers);
}
