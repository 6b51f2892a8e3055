// Writes the output folder of a run: the per-change and per-event tables row by row as
// replications finish (so memory stays bounded), then summary.json, the other tables and, if
// asked, the charts and report.html. Everything goes into a hidden folder renamed into place
// when complete.
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { TimeBase } from '../engine/time.js';
import type { ReplicationOutput } from '../model/records.js';
import type { RunResult } from '../stats/replications.js';
import type { Summary } from '../stats/summary-types.js';
import { writeFolderAtomically } from './output-folder.js';
import { changeRows, costRows, eventRows, replicationRows, stageRows, type Row } from './tables.js';

export interface RunTables {
  stages: Row[];
  costs: Row[];
}

export function toCsv(rows: readonly Row[], columns?: readonly string[]): string {
  const cols = columns ?? (rows.length > 0 ? Object.keys(rows[0]!) : []);
  if (cols.length === 0) return '';
  return stringify(rows as Row[], { header: true, columns: cols as string[] });
}

/** JSON with NaN and infinities as null, two-space indented, newline at the end. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

/** A CSV file written in batches: the header with the first non-empty batch. */
class CsvAppender {
  readonly #fd: number;
  #columns: string[] | null = null;
  constructor(path: string) {
    this.#fd = openSync(path, 'w');
  }
  append(rows: readonly Row[]): void {
    if (rows.length === 0) return;
    const header = this.#columns === null;
    if (this.#columns === null) this.#columns = Object.keys(rows[0]!);
    writeSync(this.#fd, stringify(rows as Row[], { header, columns: this.#columns }));
  }
  close(): void {
    closeSync(this.#fd);
  }
}

/** The streaming part of a run's folder: changes.csv and events.csv, a replication at a time. */
export class RowWriter {
  readonly #changes: CsvAppender;
  readonly #events: CsvAppender;
  readonly #tb: TimeBase;
  constructor(dir: string, start: string) {
    this.#tb = new TimeBase(start);
    this.#changes = new CsvAppender(join(dir, 'changes.csv'));
    this.#events = new CsvAppender(join(dir, 'events.csv'));
  }
  write(output: ReplicationOutput): void {
    this.#changes.append(changeRows(output.changes, this.#tb));
    this.#events.append(eventRows(output.events, this.#tb));
  }
  close(): void {
    this.#changes.close();
    this.#events.close();
  }
}

/** Writes the tables that need the whole run: summary.json, stages, replications, costs. */
export function writeRunTables(dir: string, result: RunResult, summary: Summary): RunTables {
  const { scenario } = result;
  writeFileSync(join(dir, 'summary.json'), toJson(summary));
  const tables: RunTables = { stages: stageRows(summary), costs: costRows(scenario, summary) };
  writeFileSync(join(dir, 'stages.csv'), toCsv(tables.stages));
  const records = scenario.variants.flatMap((v) => (result.digests[v] ?? []).map((d) => d.record));
  writeFileSync(join(dir, 'replications.csv'), toCsv(replicationRows(records)));
  writeFileSync(join(dir, 'costs.csv'), toCsv(tables.costs));
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
