// Issue 25, point 14: `orisim backtest` refuses an export it cannot judge a scenario against,
// before simulating anything, instead of printing "KS distance NaN" and a verdict from 0 rows.
import { expect, it } from 'vitest';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureCli } from '../cli/capture.js';

let dir: string;
let out: string[];
let err: string[];
captureCli('orisim-backtest-refusals-', (c) => ({ dir, out, err } = c));

const SCENARIO = 'test/fixtures/round-trip.yaml';

it('an export with no implemented change: exit 2 saying why, no output folder', async () => {
  const file = join(dir, 'open.csv');
  writeFileSync(
    file,
    'number,type,state,opened_at,work_start,work_end\n' +
      'CHG1,normal,New,2026-01-05 10:00:00,,\n' +
      'CHG2,standard,Scheduled,2026-01-06 10:00:00,,\n' +
      'CHG3,normal,Assess,2026-01-07 10:00:00,,\n' +
      'CHG4,normal,Canceled,2026-01-07 10:00:00,,\n' +
      'CHG5,normal,Closed,soon,,\n',
  );
  const folder = join(dir, 'bt');
  expect(await main(['backtest', SCENARIO, file, '--out', folder, '--quiet'])).toBe(2);
  expect(err.join('')).toBe(
    `orisim: ${file}:2:1 expected at least one implemented change (state Implement, Review or Closed) to set beside the simulated lead times, got none: 3 open, 1 canceled, 1 bad rows\n`,
  );
  expect(out.join('')).toBe('');
  expect(readdirSync(dir)).toEqual(['open.csv']);
});

it('an export whose every row is bad: the top reasons, as calibrate gives them', async () => {
  const file = join(dir, 'bad.csv');
  writeFileSync(file, 'number,type,opened_at,work_start,work_end\nCHG1,minor,2026-01-05 10:00:00,,\n');
  expect(await main(['backtest', SCENARIO, file, '--out', join(dir, 'bt'), '--quiet'])).toBe(2);
  expect(err.join('')).toBe(`orisim: ${file}:2:1 expected at least one change that is not canceled, got 0 canceled and 1 bad rows: unknown type 1 row (row 2: expected Standard, Normal or Emergency, got "minor")\n`);
});
