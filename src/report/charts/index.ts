// Every chart of a run, in the order the report shows them.
import type { ReportInput } from '../report-input.js';
import type { ChartDef } from './common.js';
import { leadTimeCdfChart, leadTimeDistribution } from './lead-time.js';
import { stageWaits } from './stages.js';
import { leadTimeByClassPath } from './by-class.js';
import { costBreakdown, runCostItems, totalCostReplications } from './costs.js';
import { changesPerCab, cumulativeFlow, deploymentsPerWeek } from './flow.js';
import { utilisation } from './utilisation.js';

export type { ChartDef } from './common.js';

export const CHART_BUILDERS: readonly ((input: ReportInput) => ChartDef)[] = [
  leadTimeDistribution,
  leadTimeCdfChart,
  leadTimeByClassPath,
  stageWaits,
  costBreakdown,
  runCostItems,
  totalCostReplications,
  deploymentsPerWeek,
  changesPerCab,
  cumulativeFlow,
  utilisation,
];

export function buildCharts(input: ReportInput): ChartDef[] {
  return CHART_BUILDERS.map((build) => build(input));
}
