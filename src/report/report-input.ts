// Everything the charts and the HTML report are drawn from: the scenario, summary.json and the
// flat records of a run. The run pipeline fills it; the tests fill it from a hand-made fixture.
import type { Scenario, Variant } from '../scenario/types.js';
import type { Summary } from '../stats/summary-types.js';
import type { CabMeetingRecord, ChangeRecord, ReplicationRecord, WipSample } from '../model/records.js';

export interface WeeklyDeployments {
  replication: number;
  variant: Variant;
  /** Week index, 0 = the first week after the scenario's start. */
  week: number;
  deployments: number;
}

export interface ReportInput {
  scenario: Scenario;
  /** The scenario file's text, shown in the report as it was written. */
  scenarioYaml: string;
  summary: Summary;
  /** All replications, all variants (lead times use warmup = false and a finite liveAt). */
  changes: readonly ChangeRecord[];
  /**
   * Optional: the pooled lead times (days, ready → live) of the counted, completed changes of all
   * replications, per variant (e.g. from the replication digests). When given for a variant, the
   * lead-time charts use it instead of `changes`, so a run need not keep every ChangeRecord.
   */
  leadTimesDays?: Partial<Record<Variant, ArrayLike<number>>>;
  replications: readonly ReplicationRecord[];
  cabMeetings: readonly CabMeetingRecord[];
  deploymentsByWeek: readonly WeeklyDeployments[];
  /** Replication 1 only. */
  wip: readonly WipSample[];
  /** The rows of stages.csv. */
  stageRows: readonly Record<string, string | number>[];
  /** The rows of costs.csv. */
  costRows: readonly Record<string, string | number>[];
  timeBase: { toIso(t: number): string };
}
