// Rows of objects as CSV text (the tables, simulated exports), falling back to csv-stringify for what
// csvTable does not write itself. Apart from rows.ts so that what a replication loads — a worker
// thread, a browser bundle — does not load csv-stringify, whose Node entry uses Buffer when loaded.
import { stringify } from 'csv-stringify/sync';
import { CSV_STRINGIFY_OPTIONS, csvTable } from './csv.js';
import type { Row } from './rows.js';

/** Rows as CSV text with the given columns (text cells neutralised, see csv.ts); `header` adds the header line. */
export function csvRows(rows: readonly Row[], columns: readonly string[], header = false): string {
  if (rows.length === 0 && !header) return '';
  return csvTable(rows, columns, header, () => stringify(rows as Row[], { ...CSV_STRINGIFY_OPTIONS, header, columns: columns as string[] }));
}
