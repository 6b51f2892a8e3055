// If the scenario calibrate wrote ever failed validation, that is orisim's bug: exit 1 and write
// nothing. Simulated by replacing the scenario writer with one that writes an invalid scenario.
import { expect, it, vi } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

vi.mock('../../src/calibrate/write-scenario.js', async (original) => ({
  ...(await original<typeof import('../../src/calibrate/write-scenario.js')>()),
  scenarioText: () => 'name: ok\nteams:\n  delivery:\n    count: -2\n',
}));
const { main } = await import('../../src/cli/main.js');
import { captureCli } from '../cli/capture.js';

let dir: string;
let err: string[];
captureCli('orisim-invalid-', (c) => ({ dir, err } = c));

it('exits 1 and writes nothing when its own scenario does not validate', async () => {
  const out = join(dir, 's.yaml');
  const report = join(dir, 'r');
  expect(await main(['calibrate', 'test/fixtures/change_request_labels.csv', '--out', out, '--report', report])).toBe(1);
  expect(err.join('')).toBe(`orisim: internal error: the calibrated scenario does not validate (nothing was written):\n${out}:4:12 teams.delivery.count: expected a positive integer, got -2\n`);
  expect(existsSync(out)).toBe(false);
  expect(existsSync(report)).toBe(false);
});
