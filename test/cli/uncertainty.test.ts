// orisim uncertainty (issue 22) and how the other commands treat a file's `uncertain:` section.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureCli, type Captured } from './capture.js';

let c: Captured;
captureCli('orisim-uncertainty-', (x) => (c = x));

/** A small scenario with two uncertain inputs, written in the test's folder. */
function tinyScenario(extra = ''): string {
  const file = join(c.dir, 'tiny.yaml');
  writeFileSync(file, `extends: ${resolve('scenarios/ops-run-it.yaml')}
name: tiny
horizon: 10w
warmup: 2w
replications: 1
teams: { delivery: { count: 2 } }
uncertain:
  classes.large.downtimeShare: { low: 0.2, likely: 0.6, high: 0.9 }
  teams.delivery.hourlyRate: { low: 60, high: 90 }
${extra}`);
  return file;
}

describe('orisim run with uncertain inputs', () => {
  it('runs with the values in the file and says which command uses the ranges', async () => {
    expect(await main(['run', tinyScenario(), '--out', join(c.dir, 'out'), '--no-charts', '-q'])).toBe(0);
    expect(c.err.join('')).toContain('note: the scenario has 2 uncertain inputs (uncertain:); run uses the values in the file, and orisim uncertainty uses the ranges\n');
  });
});
