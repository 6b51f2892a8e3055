// Writes the output folder of a run: the per-change and per-event tables a replication at a time
// as replications finish (so memory stays bounded), then summary.json, the other tables and, if
// asked, the charts and report.html. Everything goes into a hidden folder renamed into place
// when complete.
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { CSV_STRINGIFY_OPTIONS, csvTable } from '../run/csv.js';
import type { ChangesFormat, RunResult } from '../run/replications.js';
import type { ChangeBatch } from '../run/change-batch.js';
import type { ChangesParquetWriter } from './changes-parquet.js';
import type { Summary } from '../stats/summary-types.js';
import { writeFolderAtomically } from './output-folder.js';
import { BREAKDOWN_KEYS } from '../stats/breakdowns.js';
import { CHANGE_COLUMNS, EVENT_COLUMNS, breakdownColumns, breakdownRows, costRows, csvFileName, csvRows, replicationRows, stageRows, type Row } from './tables.js';

export interface RunTables {
  stages: Row[];
  costs: Row[];
}

/** Rows as CSV text with a header; text cells that a spreadsheet would run as formulas are neutralised (see run/csv.ts). */
export function toCsv(rows: readonly Row[], columns?: readonly string[]): string {
  const cols = columns ?? (rows.length > 0 ? Object.keys(rows[0]!) : []);
  if (cols.length === 0) return '';
  return csvTable(rows, cols, true, () => stringify(rows as Row[], { ...CSV_STRINGIFY_OPTIONS, header: true, columns: cols as string[] }));
}

/** JSON with NaN and infinities as null, two-space indented, newline at the end. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

/** Writes every byte (writeSync may write fewer than asked). */
function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}

/**
 * The per-change file (changes.csv or changes.parquet, as `format` says, or none) and events.csv,
 * written a replication at a time as replications finish (header first, then each chunk of rows).
 */
export class RowWriter {
  readonly #changesCsv: number | undefined;
  readonly #changesParquet: ChangesParquetWriter | undefined;
  readonly #events: number;
  /** `parquet`: the changes.parquet writer, needed when `format` is parquet (openRowWriter makes it). */
  constructor(dir: string, format: ChangesFormat = 'csv', parquet?: ChangesParquetWriter) {
    if (format === 'parquet' && parquet === undefined) throw new Error('RowWriter: --changes parquet needs its changes.parquet writer');
    this.#changesCsv = format === 'csv' ? openSync(join(dir, 'changes.csv'), 'w') : undefined;
    this.#changesParquet = format === 'parquet' ? parquet : undefined;
    this.#events = openSync(join(dir, 'events.csv'), 'w');
    if (this.#changesCsv !== undefined) writeSync(this.#changesCsv, csvRows([], CHANGE_COLUMNS, true));
    writeSync(this.#events, csvRows([], EVENT_COLUMNS, true));
  }
  /** One replication's rows: changes.csv and events.csv lines as bytes (written as they are), or a batch for changes.parquet. */
  write(changesCsv: Uint8Array, eventsCsv: Uint8Array, changesBatch: ChangeBatch | null = null): void {
    if (this.#changesCsv !== undefined) writeAll(this.#changesCsv, changesCsv);
    if (this.#changesParquet !== undefined && changesBatch !== null) this.#changesParquet.append(changesBatch);
    writeAll(this.#events, eventsCsv);
  }
  close(): void {
    if (this.#changesCsv !== undefined) closeSync(this.#changesCsv);
    this.#changesParquet?.close();
    closeSync(this.#events);
  }
}

/**
 * The row files of a run in `dir` (see RowWriter). The Parquet libraries are loaded only for
 * `--changes parquet`, so a plain run does not spend its start-up loading them.
 */
export async function openRowWriter(dir: string, format: ChangesFormat = 'csv'): Promise<RowWriter> {
  if (format !== 'parquet') return new RowWriter(dir, format);
  const { ChangesParquetWriter } = await import('./changes-parquet.js');
  return new RowWriter(dir, format, new ChangesParquetWriter(join(dir, 'changes.parquet')));
}

/** Writes the tables that need the whole run: summary.json, stages, replications, costs, by-class and by-path. */
export function writeRunTables(dir: string, result: RunResult, summary: Summary): RunTables {
  const { scenario } = result;
  writeFileSync(join(dir, 'summary.json'), toJson(summary));
  const tables: RunTables = { stages: stageRows(summary), costs: costRows(scenario, summary) };
  writeFileSync(join(dir, 'stages.csv'), toCsv(tables.stages));
  const records = scenario.variants.flatMap((v) => result.digests[v]?.records ?? []);
  writeFileSync(join(dir, 'replications.csv'), toCsv(replicationRows(scenario, records)));
  writeFileSync(join(dir, 'costs.csv'), toCsv(tables.costs));
  for (const key of BREAKDOWN_KEYS) writeFileSync(join(dir, csvFileName(key)), toCsv(breakdownRows(summary, key), breakdownColumns(key)));
  const wip = scenario.variants.flatMap((v) => (result.kept[v] ?? []).filter((o) => o.replicationRecord.replication === 1).flatMap((o) => o.wip));
  writeFileSync(
    join(dir, 'wip.csv'),
    toCsv(
      wip.map((w) => ({ variant: w.variant, replication: w.replication, day: w.day, stage: w.stage, changes: w.count })),
      ['variant', 'replication', 'day', 'stage', 'changes'],
    ),
  );
  return tables;
}

export { writeFolderAtomically };
