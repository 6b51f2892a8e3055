// Reading a change export (a ServiceNow change_request list export, or any tool's CSV mapped onto
// the same fields with --map) into typed change rows and a list of bad rows. Hostile input: the
// file must be a regular file under MAX_EXPORT_BYTES (node/export-file.ts reads it); a file that
// cannot be read as CSV, or lacks a required column, is an ExportError (exit 2, "file:row:column
// what was expected"); a row that cannot be used is a BadRow with its row number and reason,
// never dropped silently.
// Row numbers are spreadsheet rows: the header is row 1, the first change row 2 (a quoted
// multi-line description stays one row; a blank line is skipped but keeps its number).
import { parse } from 'csv-parse/sync';
import { detectDateFormat, parseStamp, type DateFormat } from './dates.js';
import { ColumnError, fieldLabel, matchColumns, type Field } from './columns.js';

/** The largest export read (a year of changes of a large organisation is tens of megabytes). */
export const MAX_EXPORT_BYTES = 100 * 1024 * 1024;
/** The most lines read: bounds the memory the parsed rows take, whatever their length. */
export const MAX_EXPORT_LINES = 1_000_000;
/** The largest single row (a change with a very long description). */
const MAX_ROW_BYTES = 1024 * 1024;

export { FIELDS, type Field } from './columns.js';

export type ChangeType = 'standard' | 'normal' | 'emergency';
export type ChangeState = 'open' | 'implemented' | 'canceled';
export type CloseCode = 'successful' | 'successful with issues' | 'unsuccessful';
export type Approval = 'approved' | 'rejected' | 'requested' | 'not requested' | 'not required';
export type Risk = 'very high' | 'high' | 'moderate' | 'low' | 'very low';

/** One usable change. Times are minutes since the epoch in the export's local time. */
export interface ChangeRow {
  readonly row: number;
  readonly number: string;
  readonly type: ChangeType;
  readonly state: ChangeState;
  readonly approval?: Approval | undefined;
  readonly risk?: Risk | undefined;
  readonly openedAt: number;
  /** The CAB meeting that decided it; cabHasTime says whether the export gave its time of day. */
  readonly cabDate?: number | undefined;
  readonly cabHasTime: boolean;
  readonly workStart?: number | undefined;
  readonly workEnd?: number | undefined;
  readonly closeCode?: CloseCode | undefined;
  readonly group?: string | undefined;
}

export interface BadRow {
  readonly row: number;
  readonly number: string;
  /** A short reason such as "unparseable opened_at" (bad rows are counted by it). */
  readonly reason: string;
  /** What was found, shown after the reason. */
  readonly detail: string;
}

export interface ExportData {
  readonly file: string;
  readonly bytes: number;
  /** SHA-256 of the file's bytes, for the report's marker. */
  readonly sha256: string;
  readonly dateFormat: DateFormat;
  readonly dateFormatDetected: boolean;
  /** Field → the header text of the column it was read from. */
  readonly columns: Partial<Record<Field, string>>;
  /** What was read differently from what the fields ask for (planned times for actual ones), one sentence each. */
  readonly warnings: readonly string[];
  readonly rows: readonly ChangeRow[];
  readonly bad: readonly BadRow[];
}

/** The file cannot be calibrated: `file:row:column message`. Exit 2. */
export class ExportError extends Error {
  override name = 'ExportError';
}

export interface ReadOptions {
  /** field → column header, from --map FIELD=COLUMN. */
  readonly map?: Readonly<Partial<Record<Field, string>>>;
  readonly dateFormat?: DateFormat | undefined;
}

/** Lower case, single spaces, "_" as a space: "Close_code " and "close code" are one value. */
const norm = (s: string): string => s.trim().toLowerCase().replace(/[_\s]+/g, ' ');

// Display values and raw values, normalised, onto one vocabulary.
const TYPES: Record<string, ChangeType> = { standard: 'standard', normal: 'normal', emergency: 'emergency', comprehensive: 'normal' };
const STATES: Record<string, ChangeState> = {
  new: 'open', assess: 'open', authorize: 'open', scheduled: 'open', '-5': 'open', '-4': 'open', '-3': 'open', '-2': 'open',
  implement: 'implemented', review: 'implemented', closed: 'implemented', '-1': 'implemented', '0': 'implemented', '3': 'implemented',
  canceled: 'canceled', cancelled: 'canceled', '4': 'canceled',
};
const CLOSE_CODES: Record<string, CloseCode> = {
  successful: 'successful', 'successful with issues': 'successful with issues', 'successful issues': 'successful with issues', unsuccessful: 'unsuccessful',
};
const APPROVALS: Record<string, Approval> = {
  approved: 'approved', rejected: 'rejected', requested: 'requested', 'not yet requested': 'not requested', 'not requested': 'not requested', 'not required': 'not required', 'no longer required': 'not required',
};
const RISKS: Record<string, Risk> = {
  'very high': 'very high', high: 'high', moderate: 'moderate', medium: 'moderate', low: 'low', 'very low': 'very low', '1': 'very high', '2': 'high', '3': 'moderate', '4': 'low', '5': 'very low',
};
const lookup = <T>(table: Record<string, T>, text: string): T | undefined => (Object.hasOwn(table, norm(text)) ? table[norm(text)] : undefined);

/**
 * The line ends in `bytes`, counted until there are more than `cap`: CRLF, a lone LF and a lone CR
 * each end a line, as each ends a row for csv-parse (record_delimiter below). Counting only LF let
 * a CR-only file of 4 MB past the cap into a parse of 65 s and 1.45 GB. A byte loop written here:
 * csv-parse's own limits (`to`, `to_line`) stop silently, and its parse is what is to be bounded.
 */
export function countLineEnds(bytes: Uint8Array, cap: number): number {
  let n = 0;
  for (let i = 0; i < bytes.length && n <= cap; i++) {
    const b = bytes[i];
    if (b === 10) n++;
    else if (b === 13) {
      n++;
      if (bytes[i + 1] === 10) i++;
    }
  }
  return n;
}

/** The CSV records (header first), or an ExportError at the row and column csv-parse stopped at. */
function parseCsv(file: string, bytes: Uint8Array): string[][] {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ExportError(`${file}:1:1 expected UTF-8 text, got UTF-16 (save the export as CSV UTF-8)`);
  }
  if (bytes.includes(0)) throw new ExportError(`${file}:0:0 expected CSV text, got a binary file (it contains NUL bytes)`);
  if (countLineEnds(bytes, MAX_EXPORT_LINES) > MAX_EXPORT_LINES) throw new ExportError(`${file}:${MAX_EXPORT_LINES + 1}:1 expected at most ${MAX_EXPORT_LINES} lines, got more`);
  try {
    return parse(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), {
      bom: true,
      relax_column_count: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      max_record_size: MAX_ROW_BYTES,
    }) as string[][];
  } catch (err) {
    const e = err as { code?: string; records?: number; column?: number; message?: string };
    const row = (e.records ?? 0) + 1;
    const col = typeof e.column === 'number' ? e.column + 1 : 1;
    const what = e.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a closing quote before the end of the file'
      : e.code === 'CSV_INVALID_CLOSING_QUOTE' ? 'a comma or the end of the row after a closing quote'
      : e.code === 'CSV_MAX_RECORD_SIZE' ? `a row of at most ${MAX_ROW_BYTES} bytes`
      : 'valid CSV';
    throw new ExportError(`${file}:${row}:${col} expected ${what} (${e.code ?? 'CSV error'})`);
  }
}

function showHeader(header: readonly string[]): string {
  const shown = header.slice(0, 12).map((h) => JSON.stringify(h.length > 40 ? `${h.slice(0, 40)}…` : h)).join(', ');
  return header.length > 12 ? `${shown} and ${header.length - 12} more` : shown;
}

const DATE_FIELDS: readonly Field[] = ['opened_at', 'cab_date', 'work_start', 'work_end'];

/**
 * Types an export's bytes (`file` names it in messages; `sha256` is the bytes' SHA-256, which the
 * caller computes: node/export-file.ts reads the file and hashes it); throws ExportError when the
 * file as a whole cannot be used.
 */
export function parseExport(file: string, bytes: Uint8Array, sha256: string, options: ReadOptions = {}): ExportData {
  const records = parseCsv(file, bytes);
  if (records.length === 0) throw new ExportError(`${file}:1:1 expected a header row naming the columns, got an empty file`);
  const header = records[0]!;
  let match;
  try {
    match = matchColumns(header, options.map ?? {}, () => showHeader(header));
  } catch (err) {
    if (err instanceof ColumnError) throw new ExportError(`${file}:1:1 ${err.message}`);
    throw err;
  }
  const cols = match.cols;
  const warnings: string[] = [];
  if (match.planned.length > 0) {
    const what = match.planned.map((f) => `"${fieldLabel(f)}"`).join(' and ');
    const instead = match.planned.map((f) => JSON.stringify(header[cols.get(f)!])).join(' and ');
    warnings.push(`no ${what} column${match.planned.length > 1 ? 's' : ''}: read the planned ${instead} instead, so deployment durations and lead times are the plan's, not what happened`);
  }
  // An implemented change whose actual times are empty, in an export that has planned ones: the plan stands in.
  const plannedCell = (rec: readonly string[], f: 'work_start' | 'work_end'): string => {
    const i = cols.get(f === 'work_start' ? 'start_date' : 'end_date');
    return match.planned.length > 0 || i === undefined ? '' : (rec[i] ?? '').trim();
  };
  let plannedRows = 0;
  const cell = (rec: readonly string[], f: Field): string => {
    const i = cols.get(f);
    return i === undefined ? '' : (rec[i] ?? '').trim();
  };
  const samples = function* (): Generator<string> {
    for (let r = 1; r < records.length && r <= 2000; r++) for (const f of DATE_FIELDS) yield cell(records[r]!, f);
  };
  const detected = options.dateFormat === undefined ? detectDateFormat(samples()) : undefined;
  const dateFormat = options.dateFormat ?? detected ?? 'yyyy-MM-dd HH:mm:ss';
  const rows: ChangeRow[] = [];
  const bad: BadRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const rec = records[r]!;
    if (rec.length === 1 && rec[0]!.trim() === '') continue; // a blank line: no change, but it keeps its row number
    let read = cell;
    if ((cell(rec, 'work_start') === '' || cell(rec, 'work_end') === '') && plannedCell(rec, 'work_start') !== '' && plannedCell(rec, 'work_end') !== '') {
      read = (x, f) => (f === 'work_start' || f === 'work_end' ? plannedCell(x, f) : cell(x, f));
    }
    const result = typeRow(rec, r + 1, header.length, read, dateFormat);
    if ('reason' in result) bad.push(result);
    else {
      rows.push(result);
      if (read !== cell && result.state === 'implemented') plannedRows++;
    }
  }
  if (plannedRows > 0) warnings.push(`${plannedRows} implemented change${plannedRows === 1 ? ' has' : 's have'} no actual start or end: ${plannedRows === 1 ? 'its' : 'their'} planned start and end read instead`);
  const columns: Partial<Record<Field, string>> = {};
  for (const [f, i] of cols) columns[f] = header[i]!;
  return { file, bytes: bytes.length, sha256, dateFormat, dateFormatDetected: options.dateFormat === undefined && detected !== undefined, columns, warnings, rows, bad };
}

/**
 * The exit-2 message (without "orisim: ") when the export holds no change that is not canceled,
 * else undefined. With bad rows, the three most common reasons follow, each with its count and
 * its first row's number and what was found there: "all rows bad" must say why.
 */
export function noLiveChange(file: string, data: ExportData): string | undefined {
  if (data.rows.some((r) => r.state !== 'canceled')) return undefined;
  const byReason = new Map<string, BadRow[]>();
  for (const b of data.bad) {
    const same = byReason.get(b.reason);
    if (same === undefined) byReason.set(b.reason, [b]);
    else same.push(b);
  }
  const top = [...byReason.values()].sort((a, b) => b.length - a.length || a[0]!.row - b[0]!.row);
  const shown = top.slice(0, 3).map((rows) => `${rows[0]!.reason} ${rows.length} row${rows.length === 1 ? '' : 's'} (row ${rows[0]!.row}: ${rows[0]!.detail})`);
  const more = top.length - shown.length;
  if (more > 0) shown.push(`and ${more} more reason${more === 1 ? '' : 's'}`);
  return `${file}:2:1 expected at least one change that is not canceled, got ${data.rows.length} canceled and ${data.bad.length} bad rows${shown.length > 0 ? `: ${shown.join('; ')}` : ''}`;
}

function typeRow(rec: readonly string[], row: number, width: number, cell: (rec: readonly string[], f: Field) => string, format: DateFormat): ChangeRow | BadRow {
  const number = cell(rec, 'number');
  const badRow = (reason: string, detail: string): BadRow => ({ row, number, reason, detail });
  if (rec.length !== width) return badRow('wrong number of columns', `expected ${width}, got ${rec.length}`);
  const date = (f: Field, required: boolean): { ok: true; stamp?: ReturnType<typeof parseStamp> } | { ok: false; bad: BadRow } => {
    const text = cell(rec, f);
    if (text === '') return required ? { ok: false, bad: badRow(`missing ${f}`, 'empty') } : { ok: true };
    const stamp = parseStamp(text, format);
    return stamp === undefined ? { ok: false, bad: badRow(`unparseable ${f}`, `expected ${format}, got ${JSON.stringify(text.slice(0, 40))}`) } : { ok: true, stamp };
  };
  const typeText = cell(rec, 'type');
  if (typeText === '') return badRow('missing type', 'empty');
  const type = lookup(TYPES, typeText);
  if (type === undefined) return badRow('unknown type', `expected Standard, Normal or Emergency, got ${JSON.stringify(typeText.slice(0, 40))}`);
  const stateText = cell(rec, 'state');
  const state = stateText === '' ? 'implemented' : lookup(STATES, stateText);
  if (state === undefined) return badRow('unknown state', `expected New, Assess, Authorize, Scheduled, Implement, Review, Closed or Canceled, got ${JSON.stringify(stateText.slice(0, 40))}`);
  const codeText = cell(rec, 'close_code');
  const closeCode = codeText === '' ? undefined : lookup(CLOSE_CODES, codeText);
  if (codeText !== '' && closeCode === undefined) return badRow('unknown close_code', `expected Successful, Successful with issues or Unsuccessful, got ${JSON.stringify(codeText.slice(0, 40))}`);
  const approvalText = cell(rec, 'approval');
  const approval = approvalText === '' ? undefined : lookup(APPROVALS, approvalText);
  if (approvalText !== '' && approval === undefined) return badRow('unknown approval', `expected Approved, Rejected, Requested, Not Yet Requested or Not Required, got ${JSON.stringify(approvalText.slice(0, 40))}`);
  const riskText = cell(rec, 'risk');
  const risk = riskText === '' ? undefined : lookup(RISKS, riskText);
  if (riskText !== '' && risk === undefined) return badRow('unknown risk', `expected Very High, High, Moderate, Low or Very Low, got ${JSON.stringify(riskText.slice(0, 40))}`);
  const opened = date('opened_at', true);
  if (!opened.ok) return opened.bad;
  const cab = date('cab_date', false);
  if (!cab.ok) return cab.bad;
  // Implemented changes must say when they were deployed; open and canceled ones need not.
  const implemented = state === 'implemented';
  const start = date('work_start', implemented);
  if (!start.ok) return start.bad;
  const end = date('work_end', implemented);
  if (!end.ok) return end.bad;
  if (start.stamp !== undefined && end.stamp !== undefined && end.stamp.minutes < start.stamp.minutes) {
    return badRow('work_end before work_start', `${cell(rec, 'work_end')} is before ${cell(rec, 'work_start')}`);
  }
  const group = cell(rec, 'assignment_group');
  return {
    row,
    number,
    type,
    state,
    approval,
    risk,
    openedAt: opened.stamp!.minutes,
    cabDate: cab.stamp?.minutes,
    cabHasTime: cab.stamp?.hasTime ?? false,
    workStart: implemented ? start.stamp?.minutes : undefined,
    workEnd: implemented ? end.stamp?.minutes : undefined,
    closeCode,
    group: group === '' ? undefined : group,
  };
}
