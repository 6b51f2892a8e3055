// Whatever the scenario validator refuses in the scenario calibrate fitted is exit 2 naming the
// scenario field and the validator's limit, and nothing is written (issue 25: before, exit 1
// "internal error" naming a YAML file never written). Simulated by replacing the scenario writer
// with one that writes a scenario the validator refuses.
import { expect, it, vi } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

vi.mock('../../src/calibrate/write-scenario.js', async (original) => ({
  ...(await original<typeof import('../../src/calibrate/write-scenario.js')>()),
  scenarioText: () => 'name: ok\nteams:\n  delivery:\n    count: -2  # fitted: minus two teams\n',
}));
const { main } = await import('../../src/cli/main.js');
import { captureCli } from '../cli/capture.js';

let dir: string;
let err: string[];
captureCli('orisim-invalid-', (c) => ({ dir, err } = c));

it('exits 2 naming the field, the limit and the fit, and writes nothing', async () => {
  const out = join(dir, 's.yaml');
  const report = join(dir, 'r');
  const fixture = 'test/fixtures/change_request_labels.csv';
  expect(await main(['calibrate', fixture, '--out', out, '--report', report])).toBe(2);
  expect(err.join('')).toBe(`orisim: ${fixture}: cannot write the calibrated scenario: teams.delivery.count: expected a positive integer, got -2 (fitted: minus two teams)\n`);
  expect(readdirSync(dir)).toEqual([]);
});
