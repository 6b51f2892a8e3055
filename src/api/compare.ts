// compare: one scenario's variants, or several scenarios, run with common random numbers (one seed, one number of replications) and
// every design (scenario × variant) paired with a baseline design — the comparison object of
// comparison.json, with each design's runs. Also what the command line needs around it: the
// scenarios loaded from files, `--baseline FILE[:VARIANT]`, the default output folder, and the
// comparison run into its output folder (compareToFolder, which `orisim merge` finishes from shards).
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Scenario } from '../scenario/types.js';
import { MAX_FOLDER_NAME_BYTES, writeFolderAtomically } from '../output/output-folder.js';
import { buildComparison, checkSameCurrency, ComparisonError, fileLabels, type ComparedRun, type DesignKey } from '../stats/compare.js';
import { simulateReplications, type Executor, type ReplicationSource } from '../run/replications.js';
import { buildSummary } from '../stats/run-summary.js';
import { VERSION } from '../output/version.js';
import { loadScenario, shownFile, type LoadedScenario } from './load-scenario.js';
import type { CompareOutcome, FolderRunOptions } from './results.js';
import { applyRunOverrides, single, UsageError, type RunOverrides } from './options.js';
import { executorOf, type ExecutionOptions } from './run.js';
import { planIdentity, type ComparePlan } from './plan.js';
import { writeCompareFiles } from './write-folders.js';


export interface CompareOptions extends RunOverrides, Omit<ExecutionOptions, 'onProgress'> {
  /** The design the others are paired with: a DesignKey, or "FILE" / "FILE:VARIANT" as the command line takes it (default: the first scenario's first variant). */
  baseline?: DesignKey | string | undefined;
  /** Called after each replication: done and in all over every scenario, the scenario's index, done in it. */
  onProgress?: ((done: number, total: number, scenario: number, doneInScenario: number) => void) | undefined;
}

/**
 * The scenarios with the first one's seed and replications (or the overrides'). Scenarios whose
 * costs are in different currencies are refused (UsageError).
 */
export function commonRandomNumbers(loaded: readonly LoadedScenario[], overrides: RunOverrides): Scenario[] {
  checkDesignCount(loaded.map((l) => l.file), loaded.map((l) => l.scenario));
  const first = applyRunOverrides(loaded[0]!.scenario, overrides);
  try {
    checkSameCurrency(loaded.map((l) => l.file), loaded.map((l) => l.scenario.currency));
  } catch (e) {
    throw e instanceof ComparisonError ? new UsageError(e.message) : e;
  }
  return loaded.map(({ scenario: s }) => ({ ...s, seed: first.seed, replications: first.replications }));
}

/**
 * A comparison needs two designs (scenario × variant): two scenario files, or one whose variants
 * list several (its designs compared with each other). Refused with a UsageError otherwise.
 */
function checkDesignCount(files: readonly string[], scenarios: readonly Scenario[]): void {
  if (files.length === 0) throw new UsageError('compare needs a scenario file with several variants, or two or more scenario files');
  if (files.length === 1 && scenarios[0]!.variants.length < 2) {
    throw new UsageError(
      `compare needs at least two designs: ${shownFile(files[0]!)} runs only ${scenarios[0]!.variants.join(', ')}; give a second scenario file, or list several variants in this one (variants: [normal, preApproved, youBuildItYouRunIt])`,
    );
  }
}

/**
 * Loads the scenario files and gives them all the first one's seed and replications (or the
 * options'), with the SHA-256 of the text each was read from (recorded as is: files are not read again).
 */
export function loadCompared(args: { scenarios: readonly string[]; set: readonly string[] } & RunOverrides): { scenarios: Scenario[]; sha256s: string[] } {
  const loaded = args.scenarios.map((f) => loadScenario(f, { set: args.set }));
  return { scenarios: commonRandomNumbers(loaded, args), sha256s: loaded.map((l) => l.sha256) };
}

/**
 * The baseline design named by `--baseline FILE[:VARIANT]` (FILE as given, or as labelled, e.g.
 * `a.yaml#2` for a file given twice; without VARIANT, that scenario's first variant); without
 * `--baseline`, the first scenario's first variant.
 */
export function parseBaseline(spec: string | undefined, files: readonly string[], scenarios: readonly Scenario[]): DesignKey {
  if (spec === undefined) return { run: 0, variant: scenarios[0]!.variants[0]! };
  const s = single('--baseline', spec).trim();
  const example = `${shownFile(files[0]!)}:${scenarios[0]!.variants[0]!}`;
  if (s === '') throw new UsageError(`--baseline is empty: give FILE or FILE:VARIANT, e.g. ${example}`);
  const labels = fileLabels(files.map(shownFile));
  const find = (f: string): number => {
    const byLabel = labels.indexOf(f);
    return byLabel >= 0 ? byLabel : files.findIndex((g) => resolve(g) === resolve(f));
  };
  let file = s;
  let variant: string | undefined;
  let run = find(s);
  const colon = s.lastIndexOf(':');
  if (run < 0 && colon > 0) {
    file = s.slice(0, colon);
    variant = s.slice(colon + 1);
    run = find(file);
  }
  if (run < 0) {
    throw new UsageError(`--baseline '${s}': ${file} is not one of the compared files (${labels.join(', ')})`);
  }
  const runs = scenarios[run]!.variants;
  if (variant === undefined) return { run, variant: runs[0]! };
  const v = runs.find((x) => x === variant);
  if (v === undefined) {
    throw new UsageError(`--baseline '${s}': ${labels[run]} does not run variant '${variant}' (it runs: ${runs.join(', ')})`);
  }
  return { run, variant: v };
}

/**
 * output/compare-A-vs-B…; when that name would be too long for a folder, the first name, how many
 * others, and 8 hex digits of the SHA-256 of all the names (so different comparisons differ).
 */
export function defaultCompareOut(scenarios: readonly Scenario[]): string {
  const names = scenarios.map((s) => s.name);
  const full = `compare-${names.join('-vs-')}`;
  if (Buffer.byteLength(full) <= MAX_FOLDER_NAME_BYTES) return join('output', full);
  const digest = createHash('sha256').update(names.join('\n')).digest('hex').slice(0, 8);
  return join('output', `compare-${names[0]}-vs-${names.length - 1}-more-${digest}`);
}

/** Runs every scenario (with the same seed and replications) and builds the comparison. */
export async function runComparison(
  files: readonly string[],
  scenarios: readonly Scenario[],
  options: {
    sha256s: readonly string[];
    /** Worker threads when no executor is given (1 or absent: this thread). */
    workers?: number | undefined;
    executor?: Executor | undefined;
    onProgress?: ((done: number, total: number, scenario: number, doneInScenario: number) => void) | undefined;
    baseline?: DesignKey | undefined;
    /** Where the replications come from (default: simulated here; merge: shard folders). */
    source?: ReplicationSource | undefined;
  },
): Promise<CompareOutcome> {
  const executor = options.executor ?? executorOf({ workers: options.workers });
  const total = scenarios.reduce((a, s) => a + s.replications * s.variants.length, 0);
  let offset = 0;
  const runs: ComparedRun[] = [];
  for (const [i, scenario] of scenarios.entries()) {
    const file = files[i]!;
    const result = await (options.source ?? simulateReplications)(scenario, i, {
      executor,
      ...(options.onProgress ? { onProgress: (p) => options.onProgress!(offset + p.done, total, i, p.done) } : {}),
    });
    offset += scenario.replications * scenario.variants.length;
    const summary = buildSummary(result, { file: shownFile(file), sha256: options.sha256s[i]!, version: VERSION });
    runs.push({ file: summary.scenario.file, summary, result });
  }
  try {
    return { runs, comparison: buildComparison(runs, options.baseline) };
  } catch (e) {
    throw e instanceof ComparisonError ? new UsageError(e.message) : e;
  }
}

/** Runs the scenarios with common random numbers and pairs every design with the baseline. */
export async function compare(loaded: readonly LoadedScenario[], options: CompareOptions = {}): Promise<CompareOutcome> {
  const scenarios = commonRandomNumbers(loaded, options);
  const files = loaded.map((l) => l.file);
  const baseline = typeof options.baseline === 'string' || options.baseline === undefined ? parseBaseline(options.baseline, files, scenarios) : options.baseline;
  options.signal?.throwIfAborted();
  return runComparison(files, scenarios, {
    sha256s: loaded.map((l) => l.sha256),
    executor: executorOf({ ...options, onProgress: undefined }),
    onProgress: options.onProgress,
    baseline,
  });
}

/** Carries out a comparison plan into the output folder `out` (atomically: all of it or nothing). */
export async function compareToFolder(plan: ComparePlan, out: string, options: FolderRunOptions): Promise<CompareOutcome> {
  let outcome: CompareOutcome | undefined;
  await writeFolderAtomically(out, planIdentity(plan), async (tmp) => {
    outcome = await runComparison(plan.files, plan.scenarios, {
      sha256s: plan.sha256s,
      executor: options.executor,
      source: options.from?.replications,
      onProgress: options.onProgress,
      baseline: plan.baseline,
    });
    await writeCompareFiles(tmp, outcome, { charts: plan.charts });
  });
  return outcome!;
}
