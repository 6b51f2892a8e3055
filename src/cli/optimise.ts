// `orisim optimise SCENARIO [--budget N] [--delta AMOUNT] [--seed S] [--out DIR] [--workers W]`:
// searches the scenario file's levers for the design that best meets its objective and
// constraints (study/optimise.ts) and writes optimise.json, candidates.csv, the frontier chart and
// report.html into a folder written like run's (atomically; Ctrl-C leaves nothing behind). Every
// lever path and value, the metrics and the options are checked before anything runs (exit 2).
import { writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { diskFiles, loadScenarioSource, parseScenarioText } from '../node/scenario-files.js';
import { interruptibleSerialExecutor, pooledExecutor, defaultWorkers, workerScriptAvailable } from '../node/parallel.js';
import { writeFolderAtomically } from '../output/output-folder.js';
import { VERSION } from '../output/version.js';
import { toCsv, toJson } from '../output/write-run.js';
import { optimiseSentences, valueText, writeOptimiseReport } from '../report/optimise-report.js';
import { ScenarioError } from '../scenario/errors.js';
import { leverArg, type Lever } from '../scenario/levers.js';
import { leverValueIssues } from '../scenario/study-load.js';
import { leverSetting } from '../study/candidates.js';
import { constraintValue, readGoals } from '../study/goals.js';
import { STUDY_METRICS } from '../study/metrics.js';
import { FINAL_POOL, optimise, SCREEN_ALL } from '../study/optimise.js';
import { optimiseReport } from '../study/optimise-result.js';
import { defaultScenarioPath } from './commands.js';
import { interruptible } from './interrupt.js';
import { printable, printableLines } from './printable.js';
import { createSearchProgress } from './progress.js';
import { UsageError } from '../api/options.js';
import { groupDigits } from '../scenario/group-digits.js';

export interface OptimiseArgs {
  scenario?: string | undefined;
  budget?: number | undefined;
  delta?: string | undefined;
  seed?: number | undefined;
  out?: string | undefined;
  workers?: number | undefined;
  set: string[];
  charts: boolean;
  quiet: boolean;
}

/** Replications the search spends at most without --budget. */
export const DEFAULT_BUDGET = 2000;
export const MAX_BUDGET = 1_000_000;
const N0 = 5;

/** The least the search needs: n0 of every candidate (or the halving's rounds) and of today's design. */
export function leastReplications(count: number): number {
  if (count <= SCREEN_ALL) return (count + 1) * N0;
  let total = 0;
  let size = count;
  let reps = 2;
  let had = 0;
  while (size > FINAL_POOL) {
    total += size * (reps - had);
    had = reps;
    size = Math.max(FINAL_POOL, Math.ceil(size / 2));
    reps *= 2;
  }
  return total + (size + 1) * N0;
}

/** Today's candidate: every lever's value today is one of its values. */
function todayIndexOf(levers: readonly Lever[], firstVariant: string): number | undefined {
  let index = 0;
  for (const l of levers) {
    const today = l.path === 'variant' ? firstVariant : l.today;
    const at = l.values.findIndex((v) => JSON.stringify(v) === JSON.stringify(today));
    if (at < 0) return undefined;
    index = index * l.values.length + at;
  }
  return index;
}

export async function optimiseCommand(args: OptimiseArgs): Promise<number> {
  const file = args.scenario ?? defaultScenarioPath();
  const source = loadScenarioSource(file, { overrides: args.set });
  const goals = readGoals(source.study);
  const valueIssues = leverValueIssues(source.text, file, args.set, diskFiles, source.study);
  if (valueIssues.length > 0) throw new ScenarioError(valueIssues);
  const levers = source.study.levers;
  const count = levers.reduce((n, l) => n * l.values.length, 1);
  const budget = args.budget ?? DEFAULT_BUDGET;
  if (budget > MAX_BUDGET) throw new UsageError(`--budget: expected at most ${groupDigits(MAX_BUDGET)} replications, got ${budget}`);
  const least = leastReplications(count);
  if (budget < least) {
    throw new UsageError(`--budget ${budget}: ${groupDigits(count)} candidates need at least ${groupDigits(least)} replications (${N0} of each${count > SCREEN_ALL ? ' in the halving' : ''}, and of today's design); raise --budget or narrow the levers`);
  }
  let delta: number | undefined;
  if (args.delta !== undefined) {
    delta = constraintValue(goals.objective.metric, args.delta.trim());
    if (delta === undefined || !(delta > 0)) throw new UsageError(`--delta: expected an amount greater than 0 in the unit of ${goals.objective.metric} (e.g. ${goals.objective.metric.endsWith('Days') ? '0.5d' : '50000'}), got '${printable(args.delta)}'`);
  }
  const seed = args.seed ?? source.scenario.seed;
  if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed: expected an integer, got ${seed}`);
  const firstVariant = source.scenario.variants[0]!;
  const fixed = [...args.set, `seed=${seed}`];
  const variantArg = (v: unknown): string => `variants=${JSON.stringify([v])}`;
  const scenarioOf = (i: number) => {
    const setting = leverSetting(levers, i);
    const variant = Object.hasOwn(setting, 'variant') ? setting.variant : firstVariant;
    const sets = Object.entries(setting).filter(([p]) => p !== 'variant').map(([p, v]) => leverArg(p, v));
    return parseScenarioText(source.text, file, [...fixed, variantArg(variant), ...sets]);
  };
  const today = parseScenarioText(source.text, file, [...fixed, variantArg(firstVariant)]);
  const todayLevers = Object.fromEntries(levers.map((l) => [l.path, l.path === 'variant' ? firstVariant : (l.today ?? null)]));
  const out = args.out ?? join('output', `optimise-${source.scenario.name}`);
  const workers = args.workers ?? defaultWorkers();
  const pool = workers > 1 && workerScriptAvailable() ? pooledExecutor(workers) : undefined;
  const progress = createSearchProgress(`optimise ${source.scenario.name}`, !args.quiet);
  const shown = relative(process.cwd(), resolve(file)) || file;
  const identity = { command: 'optimise' as const, scenarios: [{ name: source.scenario.name, sha256: source.sha256 }], seed, replications: budget };
  const t0 = performance.now();
  let sentences: string[] = [];
  try {
    await interruptible(out, () =>
      writeFolderAtomically(out, identity, async (tmp) => {
        const outcome = await optimise({
          levers, goals, scenarioOf, today, todayIndex: todayIndexOf(levers, firstVariant), executor: pool?.executor ?? interruptibleSerialExecutor,
          delta, budget, n0: N0,
          // Of two candidates the objective cannot tell apart, the one that changes fewer levers from today.
          rankOf: (i) => {
            const setting = leverSetting(levers, i);
            return levers.filter((l) => JSON.stringify(setting[l.path]) !== JSON.stringify(todayLevers[l.path])).length * count + i;
          },
          onProgress: (p) => progress.update(p.candidatesLeft, p.spent, p.left),
        });
        progress.done();
        const report = optimiseReport(outcome, levers, todayLevers, goals);
        sentences = optimiseSentences(report, goals, today.currency);
        const json = {
          scenario: { name: source.scenario.name, file: shown, sha256: source.sha256 },
          run: { seed, budget, version: VERSION },
          levers: levers.map((l) => ({ path: l.path, values: l.values, today: todayLevers[l.path] })),
          objective: goals.objective,
          constraints: goals.constraints,
          ...report,
        };
        await writeFile(join(tmp, 'optimise.json'), toJson(json));
        const rows = report.candidates.map((c) => ({
          candidate: c.index, ...Object.fromEntries(levers.map((l) => [l.path, valueText(c.levers[l.path])])), status: c.status, replications: c.replications,
          probabilityFeasible: c.probabilityFeasible ?? '', ...Object.fromEntries(STUDY_METRICS.map((m) => [m, Number.isFinite(c.metrics[m]) ? c.metrics[m] : ''])), reason: c.reason ?? '',
        }));
        await writeFile(join(tmp, 'candidates.csv'), toCsv(rows));
        if (args.charts) await writeOptimiseReport(tmp, { scenario: source.scenario.name, seed, currency: today.currency, version: VERSION }, report, goals);
      }),
    );
  } finally {
    progress.done();
    await pool?.close();
  }
  process.stdout.write(`${sentences.map((s) => printableLines(s)).join('\n')}\n`);
  process.stderr.write(`wrote ${printable(out)}/ (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  return 0;
}
