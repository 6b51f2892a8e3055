// `orisim calibrate EXPORT.csv`: a change export → a calibrated scenario (stdout, or --out FILE),
// a summary of the bad rows on stderr, and with --report DIR the calibration report. Exit 2 when
// the export cannot be used (ExportError: file:row:column) or an argument is wrong; exit 1 if the
// scenario orisim wrote does not validate (that is orisim's bug, so nothing is written).
import { lstatSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ExportError, FIELDS, type Field } from '../calibrate/read-export.js';
import { readExport } from '../node/export-file.js';
import { DATE_FORMATS, type DateFormat } from '../calibrate/dates.js';
import { calibrate } from '../calibrate/fit.js';
import { scenarioName, scenarioText } from '../calibrate/write-scenario.js';
import { badRowSummary, writeCalibrationReport } from '../output/calibration-report.js';
import { ScenarioError } from '../scenario/index.js';
import { parseScenarioText } from '../node/scenario-files.js';
import { printable, printableLines, printableScenarioError } from './printable.js';
import { suggest } from '../scenario/errors.js';
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

/** Writes the scenario file whole (a hidden temporary beside it, renamed), replacing only a file calibrate wrote. */
function writeScenarioFile(file: string, text: string): void {
  if (file.trim() === '' || file.includes('\0')) throw new OutputFolderError(`--out ${JSON.stringify(file)}: expected a file name`);
  const target = resolve(file);
  const st = lstatSync(target, { throwIfNoEntry: false });
  if (st !== undefined) {
    if (!st.isFile()) throw new OutputFolderError(`--out ${file} exists and is not a regular file; choose another --out`);
    let head = '';
    try {
      head = readFileSync(target, 'utf8').slice(0, OWN_FILE_START.length);
    } catch (err) {
      throw new OutputFolderError(`cannot write ${file}: ${plainReason(err as NodeJS.ErrnoException)}`);
    }
    if (head !== OWN_FILE_START) throw new OutputFolderError(`--out ${file} exists and was not written by orisim calibrate; choose another --out`);
  }
  const tmp = join(dirname(target), `.${basename(target)}.partial-${process.pid}`);
  try {
    writeFileSync(tmp, text, { flag: 'wx' });
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new OutputFolderError(`cannot write ${file}: ${plainReason(err as NodeJS.ErrnoException)}`);
  }
}

export async function calibrateCommand(args: CalibrateArgs): Promise<number> {
  const map = parseMaps(args.map);
  const dateFormat = dateFormatOption(args.dateFormat);
  if (args.report !== undefined) checkOutputFolder(args.report); // refuse before reading anything
  let data;
  try {
    data = readExport(args.export, { map, dateFormat });
  } catch (err) {
    if (!(err instanceof ExportError)) throw err;
    process.stderr.write(`orisim: ${printable(err.message)}\n`); // one line: a line break in the file's text is escaped too
    return 2;
  }
  const live = data.rows.filter((r) => r.state !== 'canceled').length;
  if (live === 0) {
    process.stderr.write(`orisim: ${printable(args.export)}:2:1 expected at least one change that is not canceled, got ${data.rows.length} canceled and ${data.bad.length} bad rows\n`);
    return 2;
  }
  const cal = calibrate(data);
  const text = scenarioText(cal, scenarioName(args.export));
  try {
    parseScenarioText(text, args.out ?? '<calibrated scenario>');
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    process.stderr.write(`orisim: internal error: the calibrated scenario does not validate (nothing was written):\n${printableScenarioError(err)}\n`);
    return 1;
  }
  const x = cal.export;
  process.stderr.write(`read ${printable(args.export)}: ${x.rows} rows, ${x.used} used, ${x.badRows} bad; dates as ${x.dateFormat}${x.dateFormatDetected ? ' (detected)' : ''}\n`);
  if (x.badRows > 0) process.stderr.write(`bad rows skipped (row numbers count the header as row 1):\n${printableLines(badRowSummary(cal).join('\n'))}\n`);
  if (args.report !== undefined) {
    await writeCalibrationReport(args.report, cal, data.sha256, args.out);
    process.stderr.write(`wrote ${printable(args.report)}/ (calibration.json, calibration.md)\n`);
  }
  if (args.out === undefined) process.stdout.write(text);
  else {
    writeScenarioFile(args.out, text);
    process.stderr.write(`wrote ${printable(args.out)}\n`);
  }
  return 0;
}
