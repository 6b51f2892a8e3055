// Wires a run's results into the chart and report writers (src/report/): charts/ and report.html.
import { TimeBase } from '../engine/time.js';
import type { RunResult } from '../run/replications.js';
import { DigestStore } from '../run/digest-store.js';
import type { Summary } from '../stats/summary-types.js';
import type { RunTables } from '../output/write-run.js';
import type { ReportInput } from '../report/report-input.js';
import { writeCharts, writeReport, type ChartOptions } from '../report/write-charts.js';

export function reportInput(result: RunResult, summary: Summary, tables: RunTables, scenarioText: string): ReportInput {
  const { scenario } = result;
  const vs = scenario.variants;
  const kept = (v: (typeof vs)[number]) => result.kept[v] ?? [];
  const digests = (v: (typeof vs)[number]) => result.digests[v] ?? new DigestStore();
  return {
    scenario,
    scenarioYaml: scenarioText,
    summary,
    changes: vs.flatMap((v) => kept(v).flatMap((o) => o.changes)),
    leadTimesDays: Object.fromEntries(vs.map((v) => [v, digests(v).leadTimeDays.slice()])),
    replications: vs.flatMap((v) => digests(v).records),
    cabMeetings: vs.flatMap((v) => kept(v).flatMap((o) => o.cabMeetings)),
    deploymentsByWeek: vs.flatMap((v) =>
      digests(v).mapDigests((d) =>
        Array.from(d.deploymentsByWeek, (deployments, week) => ({ replication: d.record.replication, variant: v, week, deployments })),
      ).flat(),
    ),
    wip: vs.flatMap((v) => kept(v).flatMap((o) => o.wip)),
    stageRows: tables.stages,
    costRows: tables.costs,
    timeBase: new TimeBase(scenario.start),
  };
}

export async function writeChartsAndReport(
  dir: string,
  result: RunResult,
  summary: Summary,
  tables: RunTables,
  scenarioText: string,
  options: ChartOptions = {},
): Promise<void> {
  const input = reportInput(result, summary, tables, scenarioText);
  await writeCharts(dir, input, options);
  await writeReport(dir, input);
}
