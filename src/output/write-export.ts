// `orisim run --export servicenow`: replication 1 of each variant as a ServiceNow change_request
// export in the run folder. One replication is one history of the organisation over the counted
// period, which is what a client's export is; the scenario's first variant is change_request.csv,
// each other variant change_request-<variant>.csv (an export mixing variants would be two
// organisations at once).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from '../run/replications.js';
import { exportedChanges, exportFileName, serviceNowCsv } from '../calibrate/simulated-export.js';

/** The export kinds `--export` accepts. */
export const EXPORT_KINDS = ['servicenow'] as const;

export function writeServiceNowExports(dir: string, result: RunResult): void {
  const { scenario } = result;
  scenario.variants.forEach((variant, i) => {
    const first = (result.kept[variant] ?? []).find((o) => o.replicationRecord.replication === 1);
    if (first === undefined) throw new Error(`--export: replication 1 of ${variant} was not kept`);
    writeFileSync(join(dir, exportFileName(variant, i)), serviceNowCsv(exportedChanges(scenario, first.changes)));
  });
}
