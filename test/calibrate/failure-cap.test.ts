// An export in which every closed normal change failed calibrates to a failure rate just below 1
// (a scenario's failure rate must be below 1), and the calibrated scenario loads.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { calibrate } from '../../src/calibrate/fit.js';
import { readExport } from '../../src/node/export-file.js';
import { scenarioText } from '../../src/calibrate/write-scenario.js';
import { parseScenarioText } from '../../src/node/scenario-files.js';

const dir = mkdtempSync(join(tmpdir(), 'orisim-failure-cap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('every normal change unsuccessful: failureRate 0.999, with the reason, and the scenario loads', () => {
  const header = 'Number,Type,State,Approval,Risk,Assignment group,Opened,CAB date,Actual start,Actual end,Close code';
  const rows = Array.from({ length: 12 }, (_x, i) => {
    const day = String(i + 4).padStart(2, '0');
    return `CHG${1000 + i},Normal,Closed,Approved,Moderate,Payments,${day}/01/2027 09:00:00,${day}/01/2027 14:00:00,${day}/01/2027 15:00:00,${day}/01/2027 15:30:00,Unsuccessful`;
  });
  const file = join(dir, 'all-failed.csv');
  writeFileSync(file, [header, ...rows].join('\n') + '\n');
  const cal = calibrate(readExport(file));
  expect(cal.failure.unsuccessful.share).toBe(1);
  const text = scenarioText(cal, 'all-failed');
  expect(text).toMatch(/failureRate: 0\.999 +#.*capped below 1, as a change whose every deployment fails would never go live/);
  expect(parseScenarioText(text, 'all-failed.yaml').classes.every((c) => c.failureRate < 1)).toBe(true);
});
