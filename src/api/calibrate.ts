// calibrate: a client's change export (ServiceNow change_request CSV) read and fitted — the
// calibration (every fitted value with the evidence it came from) and the calibrated scenario's
// text, checked to validate. The command line's `orisim calibrate` writes them (the scenario to a
// file or stdout, the evidence as calibration.json and calibration.md: writeCalibrationReport).
import { calibrate as fit, type Calibration } from '../calibrate/fit.js';
import { ExportError, noLiveChange, type ExportData, type Field } from '../calibrate/read-export.js';
import type { DateFormat } from '../calibrate/dates.js';
import { scenarioName, scenarioText } from '../calibrate/write-scenario.js';
import { readExport } from '../node/export-file.js';
import { parseScenarioText } from '../node/scenario-files.js';
import { ScenarioError } from '../scenario/errors.js';

export type { Calibration, ExportData, DateFormat, Field };

export interface ExportOptions {
  /** Read a field from another column: `{ opened_at: 'Created' }`. */
  map?: Partial<Record<Field, string>> | undefined;
  /** The export's date format (default: detected). */
  dateFormat?: DateFormat | undefined;
}

export interface CalibrateOptions extends ExportOptions {
  /** The scenario's name (default: from the export's file name). */
  name?: string | undefined;
  /** The file name the fitted scenario is checked under, in a refusal's messages (default "<calibrated scenario>"). */
  file?: string | undefined;
}

/** The validator refused a fitted value: the issues, and the fitted text whose comments say what each value was fitted from. */
export class CalibrationRefused extends ScenarioError {
  override name = 'CalibrationRefused';
  constructor(
    err: ScenarioError,
    /** The calibrated scenario as written, refused. */
    readonly text: string,
  ) {
    super(err.issues);
  }
}

export interface CalibrateOutcome {
  /** Every fitted value with its evidence (calibration.json's content). */
  readonly calibration: Calibration;
  /** The calibrated scenario as YAML, each value's comment saying what it was fitted from. */
  readonly text: string;
  /** The export as read: its rows, bad rows and SHA-256. */
  readonly data: ExportData;
}

/** The export read, with at least one change that is not canceled (ExportError otherwise, saying why the rows were not used). */
export function readLiveExport(exportPath: string, options: ExportOptions = {}): ExportData {
  const data = readExport(exportPath, { ...(options.map ? { map: options.map } : {}), ...(options.dateFormat ? { dateFormat: options.dateFormat } : {}) });
  const none = noLiveChange(exportPath, data);
  if (none !== undefined) throw new ExportError(none);
  return data;
}

/**
 * Fits a scenario to the export. Throws ExportError for an export that cannot be read or has no
 * usable change, CalibrationRefused (a ScenarioError with the fitted text) if the fitted scenario
 * does not validate: a fitted value beyond a scenario limit.
 */
export function calibrate(exportPath: string, options: CalibrateOptions = {}): CalibrateOutcome {
  const data = readLiveExport(exportPath, options);
  const calibration = fit(data);
  const text = scenarioText(calibration, options.name ?? scenarioName(exportPath));
  try {
    parseScenarioText(text, options.file ?? '<calibrated scenario>');
  } catch (err) {
    throw err instanceof ScenarioError ? new CalibrationRefused(err, text) : err;
  }
  return { calibration, text, data };
}
