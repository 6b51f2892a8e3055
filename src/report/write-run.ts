// Writes the output folder of a run: summary.json, the CSV tables, and (unless turned off) the
// charts and report.html.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { TimeBase } from '../engine/time.js';
import type { RunResult } from '../stats/replications.js';
import type { Summary } from '../stats/summary-types.js';
import { writeFolderAtomically } from './output-folder.js';
import { changeRows, costRows, eventRows, replicationRows, stageRows, type Row } from './tables.js';

export interface WriteRunOptions {
  /** Writes charts and report.html into the folder (given by the caller, so this module stays light). */
  extras?: (dir: string, tables: RunTables) => Promise<void>;
}

export interface RunTables {
  stages: Row[];
  costs: Row[];
}

export function toCsv(rows: readonly Row[]): string {
  if (rows.length === 0) return '';
  return stringify(rows as Row[], { header: true, columns: Object.keys(rows[0]!) });
}

/** JSON with NaN and infinities as null, two-space indented, newline at the end. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

export async function writeRun(dir: string, result: RunResult, summary: Summary, options: WriteRunOptions = {}): Promise<void> {
  const { scenario } = result;
  const tb = new TimeBase(scenario.start);
  const outputs = scenario.variants.flatMap((v) => result.outputs[v] ?? []);
  await writeFolderAtomically(dir, async (tmp) => {
    writeFileSync(join(tmp, 'summary.json'), toJson(summary));
    writeFileSync(join(tmp, 'changes.csv'), toCsv(changeRows(outputs.flatMap((o) => o.changes), tb)));
    writeFileSync(join(tmp, 'events.csv'), toCsv(eventRows(outputs.flatMap((o) => o.events), tb)));
    const tables: RunTables = { stages: stageRows(summary), costs: costRows(scenario, summary) };
    writeFileSync(join(tmp, 'stages.csv'), toCsv(tables.stages));
    writeFileSync(join(tmp, 'replications.csv'), toCsv(replicationRows(outputs.map((o) => o.replicationRecord))));
    writeFileSync(join(tmp, 'costs.csv'), toCsv(tables.costs));
    if (options.extras) await options.extras(tmp, tables);
  });
}
