// Wires the run's results into the chart and report writers (src/report/).
import type { RunResult } from '../stats/replications.js';
import type { Summary } from '../stats/summary-types.js';
import type { RunTables } from '../report/write-run.js';

export async function writeChartsAndReport(
  _dir: string,
  _result: RunResult,
  _summary: Summary,
  _tables: RunTables,
  _scenarioText: string,
): Promise<void> {
  // Filled in when the chart writers land.
}
