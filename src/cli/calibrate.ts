// `orisim calibrate EXPORT.csv`: a change export → a calibrated scenario (stdout, or --out FILE) by
// the API's calibrate (api/calibrate.ts), a summary of the bad rows on stderr, and with --report DIR
// the calibration report. Exit 2 when
// an output cannot be written (checked before anything is read or written), the export cannot be
// used (ExportError: file:row:column), a fitted value is beyond a scenario limit (the validator
// refuses it: the field, the limit and the fit are named, nothing is written) or an argument is wrong.
import { accessSync, constants, lstatSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ExportError, FIELDS, type Field } from '../calibrate/read-export.js';
import { DATE_FORMATS, type DateFormat } from '../calibrate/dates.js';
import { calibrate, CalibrationRefused } from '../api/calibrate.js';
import { clampWarnings } from '../calibrate/write-scenario.js';
import { badRowSummary, writeCalibrationReport } from '../output/calibration-report.js';
import type { ScenarioError } from '../scenario/index.js';
import { printable, printableLines } from './printable.js';
import { moreIssues, suggest } from '../scenario/errors.js';
import { MAX_REPORTED_ISSUES } from '../scenario/limits.js';
import { checkOutputFolder, OutputFolderError, plainReason } from '../output/output-folder.js';
import { UsageError } from '../api/options.js';

export interface CalibrateArgs {
  export: string;
  map: readonly string[];
  dateFormat?: string | undefined;
  out?: string | undefined;
  report?: string | undefined;
}

/** The first line of every scenario calibrate writes: an existing --out file is replaced only if it starts so. */
const OWN_FILE_START = '# Calibrated by "orisim calibrate"';

/** --map FIELD=COLUMN arguments → field → column. */
export function parseMaps(maps: readonly string[]): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  for (const m of maps) {
    const eq = m.indexOf('=');
    if (eq <= 0 || eq === m.length - 1) throw new UsageError(`--map ${printable(m)}: expected FIELD=COLUMN, e.g. --map opened_at=Created`);
    const field = m.slice(0, eq).trim();
    if (!(FIELDS as string[]).includes(field)) {
      const near = suggest(field, FIELDS);
      throw new UsageError(`--map ${printable(m)}: unknown field "${printable(field)}"${near === undefined ? `; the fields are ${FIELDS.join(', ')}` : `; did you mean "${near}"?`}`);
    }
    out[field as Field] = m.slice(eq + 1).trim();
  }
  return out;
}

export function dateFormatOption(raw: string | undefined): DateFormat | undefined {
  if (raw === undefined) return undefined;
  if ((DATE_FORMATS as readonly string[]).includes(raw)) return raw as DateFormat;
  throw new UsageError(`--date-format: expected one of ${DATE_FORMATS.map((f) => `"${f}"`).join(', ')}, got "${printable(raw)}"`);
}

/**
 * Throws unless --out can take the scenario: a regular file calibrate wrote, or no file, in a folder
 * that exists and may be written. Checked before anything is written, with the --report folder.
 */
function checkScenarioFile(file: string): void {
  if (file.trim() === '' || file.includes('\0')) throw new OutputFolderError(`--out ${JSON.stringify(file)}: expected a file name`);
  const target = resolve(file);
  const cannot = (err: unknown): OutputFolderError => new OutputFolderError(`cannot write ${file}: ${plainReason(err as NodeJS.ErrnoException)}`);
  let st;
  try {
    st = lstatSync(target, { throwIfNoEntry: false });
  } catch (err) {
    throw cannot(err);
  }
  if (st !== undefined) {
    if (!st.isFile()) throw new OutputFolderError(`--out ${file} exists and is not a regular file; choose another --out`);
    let head = '';
    try {
      head = readFileSync(target, 'utf8').slice(0, OWN_FILE_START.length);
    } catch (err) {
      throw cannot(err);
    }
    if (head !== OWN_FILE_START) throw new OutputFolderError(`--out ${file} exists and was not written by orisim calibrate; choose another --out`);
  }
  try {
    accessSync(dirname(target), constants.W_OK);
  } catch (err) {
    throw cannot(err);
  }
}

/** Writes the scenario file whole (a hidden temporary beside it, renamed); checkScenarioFile has passed. */
function writeScenarioFile(file: string, text: string): void {
  const target = resolve(file);
  const tmp = join(dirname(target), `.${basename(target)}.partial-${process.pid}`);
  try {
    writeFileSync(tmp, text, { flag: 'wx' });
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new OutputFolderError(`cannot write ${file}: ${plainReason(err as NodeJS.ErrnoException)}`);
  }
}

/**
 * Throws unless the --report folder could be made: the nearest folder above it that exists may be
 * written (writeFolderAtomically makes the missing ones), so that the report, written after the
 * scenario, is not refused once the scenario is in place.
 */
function checkReportParent(dir: string): void {
  try {
    let parent = dirname(resolve(dir));
    while (lstatSync(parent, { throwIfNoEntry: false }) === undefined && dirname(parent) !== parent) parent = dirname(parent);
    accessSync(parent, constants.W_OK);
  } catch (err) {
    throw new OutputFolderError(`cannot write ${dir}: ${plainReason(err as NodeJS.ErrnoException)}`);
  }
}

/** Refuses every output before anything is read or written: the --report folder, --out inside it, the --out file. */
function checkOutputs(args: CalibrateArgs): void {
  if (args.report !== undefined) {
    checkOutputFolder(args.report);
    checkReportParent(args.report);
  }
  if (args.out === undefined) return;
  if (args.report !== undefined) {
    const inside = relative(resolve(args.report), resolve(args.out));
    if (inside === '' || (inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside))) {
      throw new OutputFolderError(`--out ${args.out} is inside the --report folder ${args.report}, which calibrate replaces whole; choose an --out outside it`);
    }
  }
  checkScenarioFile(args.out);
}

/**
 * The validator's refusal of the calibrated scenario, one line per refused value: the scenario
 * field and the limit (the validator's words), then the fit (the comment on the value's line,
 * which says what it was fitted from). Exit 2: the export, not orisim, holds the value.
 */
function refusedValues(exportFile: string, text: string, err: ScenarioError): string {
  const lines = text.split('\n');
  const shown = err.issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => {
    const line = issue.line > 0 ? (lines[issue.line - 1] ?? '') : '';
    const hash = line.indexOf('  # ', Math.max(0, issue.column - 1));
    const fit = hash >= 0 ? ` (${line.slice(hash + 4)})` : '';
    const what = issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
    return `orisim: ${printable(exportFile)}: cannot write the calibrated scenario: ${printable(what + fit)}`;
  });
  if (err.issues.length > MAX_REPORTED_ISSUES) shown.push(`orisim: ${moreIssues(err.issues.length - MAX_REPORTED_ISSUES)}`);
  return shown.join('\n') + '\n';
}

export async function calibrateCommand(args: CalibrateArgs): Promise<number> {
  const map = parseMaps(args.map);
  const dateFormat = dateFormatOption(args.dateFormat);
  checkOutputs(args); // refuse before reading anything
  let outcome;
  try {
    outcome = calibrate(args.export, { map, dateFormat, file: args.out });
  } catch (err) {
    if (err instanceof ExportError) {
      process.stderr.write(`orisim: ${printable(err.message)}\n`); // one line: a line break in the file's text is escaped too
      return 2;
    }
    if (err instanceof CalibrationRefused) {
      process.stderr.write(refusedValues(args.export, err.text, err));
      return 2;
    }
    throw err;
  }
  const { calibration: cal, text, data } = outcome;
  const x = cal.export;
  process.stderr.write(`read ${printable(args.export)}: ${x.rows} rows, ${x.used} used, ${x.badRows} bad; dates as ${x.dateFormat}${x.dateFormatDetected ? ' (detected)' : ''}\n`);
  for (const w of [...data.warnings, ...clampWarnings(cal)]) process.stderr.write(`warning: ${printable(args.export)}: ${printable(w)}\n`);
  if (x.badRows > 0) process.stderr.write(`bad rows skipped (row numbers count the header as row 1):\n${printableLines(badRowSummary(cal).join('\n'))}\n`);
  // The scenario first: the report names it as written.
  if (args.out === undefined) process.stdout.write(text);
  else {
    writeScenarioFile(args.out, text);
    process.stderr.write(`wrote ${printable(args.out)}\n`);
  }
  if (args.report !== undefined) {
    await writeCalibrationReport(args.report, cal, data.sha256, args.out);
    process.stderr.write(`wrote ${printable(args.report)}/ (calibration.json, calibration.md)\n`);
  }
  return 0;
}
