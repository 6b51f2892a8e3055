// CSV cells that are safe to open in a spreadsheet. Text from a scenario (class names, the
// currency, scenario names, sweep values) lands in CSV files; a cell that begins with = + - @, a
// tab or a carriage return is read by Excel, LibreOffice and Google Sheets as a formula
// ("=HYPERLINK(…)", "+cmd|…", "-2+3+cmd…", "@SUM(…)"). Following OWASP's advice on CSV injection,
// such a text cell is written with a single quote in front ("'=HYPERLINK(…)"), which spreadsheets
// show as text. Numbers are never changed, and neither is text that is a plain decimal number
// ("-2.5"): a spreadsheet reads it as that number, not as a formula.
// Every CSV writer goes through this module: csvCell (the hand-written changes.csv hot path) and
// CSV_STRINGIFY_OPTIONS (csv-stringify, for every other table); both make the same bytes.
import type { Options } from 'csv-stringify/sync';

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Whether a character code starts a formula in a spreadsheet: = + - @ tab CR. */
function startsFormula(code: number): boolean {
  // '=' 61, '+' 43, '-' 45, '@' 64, tab 9, CR 13
  return code === 61 || code === 43 || code === 45 || code === 64 || code === 9 || code === 13;
}

/** Text as a spreadsheet-safe cell: a leading ' when it would otherwise be read as a formula. */
export function neutraliseFormula(text: string): string {
  if (text.length === 0 || !startsFormula(text.charCodeAt(0))) return text;
  return PLAIN_NUMBER.test(text) ? text : `'${text}`;
}

/** A CSV cell: text neutralised, then quoted (quotes doubled) only when it holds a comma, a quote or a line break. */
export function csvCell(v: string | number): string {
  if (typeof v === 'number') return String(v);
  const text = neutraliseFormula(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * csv-stringify options giving the same cells as csvCell: text neutralised (headers are our own
 * column names and left as they are), numbers as they are.
 */
export const CSV_STRINGIFY_OPTIONS: Pick<Options, 'cast'> = {
  cast: { string: (value, context) => (context.header ? value : neutraliseFormula(value)) },
};

/** What a table cell may hold; anything else (booleans, objects) goes to csv-stringify. */
type Cell = string | number | null | undefined;

/** A header cell as csv-stringify writes it with CSV_STRINGIFY_OPTIONS: quoted when it must be, never neutralised. */
function headerCell(name: string): string {
  return /[",\r\n]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name;
}

/**
 * Rows of objects as CSV text, the bytes csv-stringify makes of them with CSV_STRINGIFY_OPTIONS
 * (`header` adds the header line), made cell by cell with csvCell: csv-stringify's general
 * machinery costs about ten times as much a cell, which a table of thousands of rows (a run's
 * replications.csv, its wip.csv) pays after the simulation, while nothing else runs. Hand-written
 * for that reason; the tests hold it to csv-stringify byte for byte. A column name that
 * csv-stringify would read as a path ("a.b", "a[0]") or a cell of another type falls back to it.
 */
export function csvTable(rows: readonly Readonly<Record<string, unknown>>[], columns: readonly string[], header: boolean, fallback: () => string): string {
  if (columns.some((c) => c.includes('.') || c.includes('['))) return fallback();
  let out = header ? columns.map(headerCell).join(',') + '\n' : '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < columns.length; i++) {
      const v = row[columns[i]!] as Cell | boolean | object;
      if (i > 0) line += ',';
      if (typeof v === 'string') line += csvCell(v);
      else if (typeof v === 'number') line += String(v);
      else if (v !== undefined && v !== null) return fallback();
    }
    out += line + '\n';
  }
  return out;
}
