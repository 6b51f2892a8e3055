// sweep: a scenario run once per value of one parameter (as `set PATH=value`), with every value's
// points (lead time, cost, utilisation per variant), where utilisation crosses its thresholds and
// where the yearly cost is lowest — sweep.json's object. Every value's scenario is made and
// validated before anything runs. Also the command line's reading of `--param` and `--values`
// (loadSweep) and the sweep run into its output folder (sweepToFolder, which merge also uses).
import { ScenarioError, type Scenario, type ScenarioIssue } from '../scenario/index.js';
import { parseScenarioText } from '../node/scenario-files.js';
import { overrideSource } from '../scenario/overrides.js';
import { writeFolderAtomically } from '../output/output-folder.js';
import type { SweepInfo } from '../report/sweep-charts.js';
import type { ValuesBeyond } from '../report/sweep-summary.js';
import { simulateReplications, type Executor } from '../run/replications.js';
import { buildSummary } from '../stats/run-summary.js';
import {
  annualCostSeries, costMinima, crossings, parseSweepValues, SweepValuesError, sweepPoints, type SweepPoint,
} from '../stats/sweep.js';
import { VERSION } from '../output/version.js';
import { loadScenario, type LoadedScenario } from './load-scenario.js';
import { applyRunOverrides, single, UsageError, type RunOverrides } from './options.js';
import { executorOf, type ExecutionOptions } from './run.js';
import { planIdentity, type SweepPlan } from './plan.js';
import type { FolderRunOptions, SweepOutcome } from './results.js';
import { writeSweepFiles } from './write-folders.js';


export interface SweepOptions extends RunOverrides, Omit<ExecutionOptions, 'onProgress'> {
  /** Called after each replication: the value's index and replications × variants done in it. */
  onProgress?: ((value: number, doneInValue: number) => void) | undefined;
}

/** An issue of the override a sweep value makes, told in the user's words: --param or --values. */
function sweepIssue(issue: ScenarioIssue, param: string, value: string): ScenarioIssue {
  // The path's own faults (an unknown key or group, a field of every delivery group) are the --param's.
  if (/^unknown key|^no delivery group|^refused: teams\.delivery/.test(issue.message)) return { ...issue, file: `--param ${param}` };
  if (/^expected --set path=value/.test(issue.message)) {
    return { ...issue, file: `--param '${param}'`, path: '', message: 'expected a scenario path such as teams.delivery.count' };
  }
  return { ...issue, file: `--values item '${value}'` };
}

/** The values of `--values`: a list (1,2,5 or 1w,2w) or a range FROM..TO[:STEP]; a mistake is a UsageError. */
export function sweepValues(spec: string): string[] {
  const dashed = /^\s*(\d+(?:\.\d+)?[a-z]*)\s*-\s*(\d+(?:\.\d+)?[a-z]*)\s*$/i.exec(spec);
  if (dashed !== null) {
    throw new UsageError(`--values '${spec}': a range is written FROM..TO[:STEP]; did you mean '${dashed[1]}..${dashed[2]}'?`);
  }
  try {
    return parseSweepValues(spec);
  } catch (e) {
    if (e instanceof SweepValuesError) throw new UsageError(e.message);
    throw e;
  }
}

/**
 * One scenario per value, all from one reading of the file (its SHA-256 is of exactly that text);
 * a bad value or path throws the loader's ScenarioError, told as --values or --param.
 */
export function loadSweep(
  file: string,
  args: { param: string; values: string; set: readonly string[] } & RunOverrides,
): { values: string[]; scenarios: Scenario[]; sha256: string; beyond: ValuesBeyond } {
  const param = single('--param', args.param).trim();
  const values = sweepValues(single('--values', args.values));
  if (param === '') throw new UsageError('--param is empty: name a scenario path, e.g. teams.delivery.count');
  let first: LoadedScenario;
  try {
    first = loadScenario(file, { set: [...args.set, `${param}=${values[0]!}`] });
  } catch (e) {
    throw inUserWords(param, values[0]!, e);
  }
  const source = { ...first, file, set: args.set };
  const scenarios = sweepScenarios(source, param, values, args, first.scenario);
  return { values, scenarios, sha256: first.sha256, beyond: valuesBeyond(source, param, values) };
}

/** A swept value as a number and its unit ("1w" → 1 and "w", "0.25" → 0.25 and ""). */
const NUMBER_AND_UNIT = /^(-?\d+(?:\.\d+)?)([a-z%]*)$/i;

/**
 * Whether a value exists beyond the first and beyond the last value swept: a whole step further
 * out (the step to its neighbour), half a step or a tenth of one that gives a valid scenario
 * ("teams.delivery.count" has nothing below 1, a share nothing above 1). Values that are not
 * numbers with one unit cannot be judged: true (the sentence keeps "may lie beyond").
 */
export function valuesBeyond(source: Pick<LoadedScenario, 'text' | 'file' | 'set'>, param: string, values: readonly string[]): ValuesBeyond {
  const outward = (edge: string, neighbour: string | undefined): boolean => {
    const e = NUMBER_AND_UNIT.exec(edge.trim());
    const n = neighbour === undefined ? null : NUMBER_AND_UNIT.exec(neighbour.trim());
    if (e === null || n === null || e[2] !== n[2]) return true;
    const step = Number(e[1]) - Number(n[1]);
    if (!(step !== 0 && Number.isFinite(step))) return true;
    return [1, 0.5, 0.1].some((k) => {
      const v = `${Number((Number(e[1]) + k * step).toPrecision(12))}${e[2]}`;
      try {
        parseScenarioText(source.text, source.file, [...source.set, `${param}=${v}`]);
        return true;
      } catch (err) {
        if (err instanceof ScenarioError) return false;
        throw err;
      }
    });
  };
  return { first: outward(values[0]!, values[1]), last: outward(values.at(-1)!, values.at(-2)) };
}

/** A ScenarioError of a sweep value's override, told as --param or --values (other errors as they are). */
function inUserWords(param: string, value: string, e: unknown): unknown {
  // A bad value is the user's --values item (or --param path), not a --set they never typed.
  if (!(e instanceof ScenarioError)) return e;
  const own = overrideSource(`${param}=${value}`);
  return new ScenarioError(e.issues.map((i) => (i.file === own ? sweepIssue(i, param, value) : i)));
}

/** The scenario for each value: the loaded text with its own `set` and then `param=value`. */
function sweepScenarios(source: LoadedScenario, param: string, values: readonly string[], overrides: RunOverrides, firstScenario?: Scenario): Scenario[] {
  return values.map((v, i) => {
    try {
      const s = i === 0 && firstScenario !== undefined ? firstScenario : parseScenarioText(source.text, source.file, [...source.set, `${param}=${v}`]);
      return applyRunOverrides(s, overrides);
    } catch (e) {
      throw inUserWords(param, v, e);
    }
  });
}

/** Runs each value's scenario and gathers the sweep's points, crossings and cost minima. */
async function sweepRun(
  scenarios: readonly Scenario[],
  id: { file: string; sha256: string; param: string; values: readonly string[]; beyond?: ValuesBeyond | undefined },
  options: { executor?: Executor | undefined; source?: FolderRunOptions['from']; onProgress?: ((value: number, done: number) => void) | undefined },
): Promise<SweepOutcome> {
  const { param, values } = id;
  const first = scenarios[0]!;
  const source = options.source?.replications ?? simulateReplications;
  const points: SweepPoint[] = [];
  const series = new Map<string, number[]>();
  const key = (value: string, variant: string): string => `${variant}\u0000${value}`;
  for (const [i, scenario] of scenarios.entries()) {
    const result = await source(scenario, i, { ...(options.executor ? { executor: options.executor } : {}), onProgress: (p) => options.onProgress?.(i, p.done) });
    const summary = buildSummary(result, { file: id.file, sha256: id.sha256, version: VERSION });
    points.push(...sweepPoints(values[i]!, result, summary));
    for (const v of scenario.variants) series.set(key(values[i]!, v), annualCostSeries(result, v));
  }
  const info: SweepInfo = {
    scenario: first.name, param, values, replications: first.replications, seed: first.seed, currency: first.currency, version: VERSION,
    // From a plan.bin, the field is whatever the file held: taken only as two booleans.
    ...(typeof id.beyond?.first === 'boolean' && typeof id.beyond.last === 'boolean' ? { beyond: { first: id.beyond.first, last: id.beyond.last } } : {}),
  };
  return {
    info, file: id.file, sha256: id.sha256, points,
    crossings: crossings(points, values),
    costMinima: costMinima(points, values, (value, variant) => series.get(key(value, variant)) ?? []),
  };
}

/** Runs the scenario once per value of `param` (a list, or a spec such as "2..30:4"). */
export async function sweep(source: LoadedScenario, param: string, values: string | readonly string[], options: SweepOptions = {}): Promise<SweepOutcome> {
  const list = typeof values === 'string' ? sweepValues(values) : [...values];
  if (list.length === 0) throw new UsageError('sweep: no values');
  const scenarios = sweepScenarios(source, param.trim(), list, options);
  options.signal?.throwIfAborted();
  return sweepRun(scenarios, { file: source.file, sha256: source.sha256, param: param.trim(), values: list, beyond: valuesBeyond(source, param.trim(), list) }, {
    executor: executorOf({ ...options, onProgress: undefined }),
    onProgress: options.onProgress,
  });
}

/** Carries out a sweep plan into the output folder `out` (atomically: all of it or nothing). */
export async function sweepToFolder(
  plan: SweepPlan,
  out: string,
  options: Omit<FolderRunOptions, 'onProgress'> & { onProgress?: ((value: number, done: number) => void) | undefined },
): Promise<SweepOutcome> {
  let outcome: SweepOutcome | undefined;
  await writeFolderAtomically(out, planIdentity(plan), async (tmp) => {
    outcome = await sweepRun(plan.scenarios, plan, { executor: options.executor, source: options.from, onProgress: options.onProgress });
    await writeSweepFiles(tmp, outcome, { charts: plan.charts });
  });
  return outcome!;
}
