// Benchmark: calibrating a generated 10,000-row export (read, fit, write and validate the
// scenario, as `orisim calibrate` does, without writing files): median seconds of five runs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readExport } from '../node/export-file.js';
import { calibrate } from '../calibrate/fit.js';
import { scenarioName, scenarioText } from '../calibrate/write-scenario.js';
import { SYNTHETIC_DEFAULTS, syntheticExport } from '../calibrate/synthetic-export.js';
import { parseScenarioText } from '../node/scenario-files.js';

const ROWS = 10_000;

function once(file: string): number {
  const t0 = performance.now();
  const cal = calibrate(readExport(file));
  parseScenarioText(scenarioText(cal, scenarioName(file)), file);
  return (performance.now() - t0) / 1000;
}

export function benchCalibrate10k(): object {
  const dir = mkdtempSync(join(tmpdir(), 'orisim-bench-calibrate-'));
  try {
    const file = join(dir, 'change_request.csv');
    const text = syntheticExport({ ...SYNTHETIC_DEFAULTS, changes: ROWS });
    writeFileSync(file, text);
    once(file); // warm-up
    const times = Array.from({ length: 5 }, () => once(file)).sort((a, b) => a - b);
    const seconds = times[2]!;
    return { rows: ROWS, bytes: Buffer.byteLength(text), seconds: Number(seconds.toFixed(4)), rowsPerSecond: Math.round(ROWS / seconds) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
