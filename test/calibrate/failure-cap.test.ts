// An export in which every closed normal change failed calibrates to a failure rate just below 1
// (a scenario's failure rate must be below 1), and the calibrated scenario loads.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { calibrate } from '../../src/calibrate/fit.js';
import { readExport } from '../../src/node/export-file.js';
import { writeAllFailedExport } from './all-failed-export.js';
import { scenarioText } from '../../src/calibrate/write-scenario.js';
import { parseScenarioText } from '../../src/node/scenario-files.js';

const dir = mkdtempSync(join(tmpdir(), 'orisim-failure-cap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('every normal change unsuccessful: failureRate 0.999, with the reason, and the scenario loads', () => {
  const file = writeAllFailedExport(dir);
  const cal = calibrate(readExport(file));
  expect(cal.failure.unsuccessful.share).toBe(1);
  const text = scenarioText(cal, 'all-failed');
  expect(text).toMatch(/failureRate: 0\.999 +#.*capped below 1, as a change whose every deployment fails would never go live/);
  expect(parseScenarioText(text, 'all-failed.yaml').classes.every((c) => c.failureRate < 1)).toBe(true);
});
