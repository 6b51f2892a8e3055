// What a command will do, fixed before anything is simulated: its scenarios (loaded, overridden and
// validated), how its outputs name them, and the options that shape its output files and stdout.
// A shard folder (--shard I/N) records its command's plan, so that `orisim merge` can finish the
// command from the shards alone, without the scenario files or the options again.
import type { Scenario } from '../scenario/types.js';
import type { DesignKey } from '../stats/compare.js';
import type { BreakdownKey } from '../stats/breakdowns.js';
import type { OutputIdentity } from '../output/output-marker.js';
import type { MergedReplications } from '../output/run-to-folder.js';
import type { ChangesFormat, Executor } from '../run/replications.js';
import { commandTaskCount, shardRange, type Shard } from '../run/shard.js';
import { fingerprint, type ShardManifest } from '../output/shard-folder.js';
import { VERSION } from '../output/version.js';
import type { ValuesBeyond } from '../report/sweep-summary.js';

export interface RunPlan {
  readonly command: 'run';
  readonly scenario: Scenario;
  /** The scenario file as summary.json shows it, the text it was read from, and that text's SHA-256. */
  readonly file: string;
  readonly text: string;
  readonly sha256: string;
  readonly charts: boolean;
  readonly slides: boolean;
  readonly export: 'servicenow' | undefined;
  readonly by: readonly (BreakdownKey | 'group')[];
  /** `--changes`: how the per-change rows are written (csv when not given). */
  readonly changes: ChangesFormat;
}

export interface ComparePlan {
  readonly command: 'compare';
  readonly scenarios: readonly Scenario[];
  /** The files as outputs show them (relative to the working folder), and the SHA-256 of each text. */
  readonly files: readonly string[];
  readonly sha256s: readonly string[];
  readonly baseline: DesignKey;
  readonly charts: boolean;
}

export interface SweepPlan {
  readonly command: 'sweep';
  /** One scenario per value. */
  readonly scenarios: readonly Scenario[];
  readonly file: string;
  readonly sha256: string;
  readonly param: string;
  readonly values: readonly string[];
  readonly charts: boolean;
  /** Whether values exist beyond the first and the last (api/sweep.ts valuesBeyond), for the words; absent: not known. */
  readonly beyond?: ValuesBeyond | undefined;
}

export type CommandPlan = RunPlan | ComparePlan | SweepPlan;

/** How a plan is carried out: into `out`, with replications simulated by `executor` or taken `from` shard folders. */
export interface PlanContext {
  readonly out: string;
  readonly quiet: boolean;
  readonly executor?: Executor | undefined;
  readonly from?: MergedReplications | undefined;
}

export function planScenarios(plan: CommandPlan): readonly Scenario[] {
  return plan.command === 'run' ? [plan.scenario] : plan.scenarios;
}

/** The scenarios as the marker and the shard manifest name them: name and SHA-256 of the text. */
export function planScenarioIds(plan: CommandPlan): { name: string; sha256: string }[] {
  switch (plan.command) {
    case 'run':
      return [{ name: plan.scenario.name, sha256: plan.sha256 }];
    case 'compare':
      return plan.scenarios.map((s, i) => ({ name: s.name, sha256: plan.sha256s[i]! }));
    case 'sweep':
      return [{ name: plan.scenarios[0]!.name, sha256: plan.sha256 }];
  }
}

/** What the output folder's marker says about the run (output/output-marker.ts). */
export function planIdentity(plan: CommandPlan): OutputIdentity {
  const first = planScenarios(plan)[0]!;
  const identity: OutputIdentity = { command: plan.command, scenarios: planScenarioIds(plan), seed: first.seed, replications: first.replications };
  return plan.command === 'sweep' ? { ...identity, param: plan.param, values: plan.values } : identity;
}

/** The default output folder of a shard: the command's own, with `-shard-I-of-N` after it. */
export function shardOut(out: string, shard: Shard | undefined): string {
  return shard === undefined ? out : `${out}-shard-${shard.index}-of-${shard.count}`;
}

/** The options in a plan that shape the output, as the manifest records them (merge refuses shards whose options differ). */
function planOptions(plan: CommandPlan): Record<string, unknown> {
  switch (plan.command) {
    case 'run':
      return { charts: plan.charts, slides: plan.slides, export: plan.export ?? null, by: plan.by, changes: plan.changes };
    case 'compare':
      return { charts: plan.charts, baseline: plan.baseline };
    case 'sweep':
      return { charts: plan.charts, param: plan.param, values: plan.values };
  }
}

/** Each scenario's file as outputs show it. */
function planFiles(plan: CommandPlan): readonly string[] {
  return plan.command === 'compare' ? plan.files : planScenarios(plan).map(() => plan.file);
}

function planSha256s(plan: CommandPlan): readonly string[] {
  return plan.command === 'compare' ? plan.sha256s : planScenarios(plan).map(() => plan.sha256);
}

export function shardManifest(plan: CommandPlan, shard: Shard): ShardManifest {
  const scenarios = planScenarios(plan);
  const total = commandTaskCount(scenarios);
  const files = planFiles(plan);
  const sha256s = planSha256s(plan);
  return {
    orisim: 'shard folder',
    version: VERSION,
    command: plan.command,
    shard: { index: shard.index, count: shard.count },
    tasks: { ...shardRange(total, shard), total },
    seed: scenarios[0]!.seed,
    replications: scenarios[0]!.replications,
    scenarios: scenarios.map((s, k) => ({ name: s.name, file: files[k]!, sha256: sha256s[k]!, resolvedSha256: fingerprint(s), variants: [...s.variants] })),
    options: planOptions(plan),
    rows: plan.command !== 'run' ? 'none' : plan.changes === 'none' ? 'events' : plan.changes,
  };
}
