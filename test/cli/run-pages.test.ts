// Issue 20, section 4, run: the table writes each lead time in the unit that fits it, as the words
// do (a median of 45 minutes was `0.0` days); each result's warning on stderr names its variant;
// the summary names the assumptions that favour You Build It You Run It.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureCli } from './capture.js';

let dir: string;
let out: string[];
let err: string[];

captureCli('orisim-runpages-', (c) => ({ dir, out, err } = c));

const DESIGN = 'scenarios/designs/you-build-it.yaml';
const SHORT = ['-r', '2', '-q', '--no-charts', '--set', 'horizon=12w', '--set', 'warmup=2w'];

describe('run: units, warnings and assumptions', () => {
  it('prints lead times in minutes, hours or days as they fit (seed 42, 2 replications: pinned)', async () => {
    expect(await main(['run', DESIGN, ...SHORT, '--out', join(dir, 'r')])).toBe(0);
    const lines = out.join('').split('\n');
    // the lead-time columns, pinned (the cost columns belong to the cost model)
    const lead = (l: string): string => l.slice(0, l.indexOf(')') + 1);
    expect(lines.slice(1, 5).map(lead)).toEqual([
      'variant             lead p50     p85     p95       mean (95% CI)',
      'normal                 8.1 d  16.5 d  22.9 d   10.2 d (9.1–11.4)',
      'preApproved           44 min  14.0 d  22.5 d     6.0 d (5.1–7.0)',
      'youBuildItYouRunIt    30 min  45 min  18.7 h  7.3 h (0.0–2673.4)',
    ]);
    expect(lines[1]).toMatch(/^variant +lead p50 +p85 +p95 +mean \(95% CI\) +deploys\/wk /);
    // the words say the same in the same units
    expect(out.join('')).toContain('85% of changes are live within 45 minutes (median 30 minutes)');

    const stderr = err.join('').split('\n').filter((l) => l.startsWith('warning: '));
    // the scenario's calendar warnings are the scenario's; every result's warning names its variant
    const results = stderr.filter((l) => !/^warning: (holiday|freeze) /.test(l));
    expect(results.length).toBeGreaterThan(0);
    for (const l of results) expect(l).toMatch(/^warning: (normal|preApproved|youBuildItYouRunIt): /);
    expect(results[0]).toMatch(/^warning: normal: 7\.0 out-of-hours deployments a replication ran past the end of their window/);

    expect(out.join('')).toContain(
      'You Build It You Run It rests on assumptions that favour it (vary them before quoting it): ' +
        "its pipelines fail at each class's pipeline failure rate (classes.*.preApproved.failureRate), small 10% (15% through the CAB), " +
        'large 10% (30% through the CAB; no large change is pre-approved, so nothing measured backs it); ' +
        'and no change needs downtime (youBuildItYouRunIt.downtimeSlot is empty: zero-downtime deployment, the default).\n',
    );
  });

  it('names only the assumptions that hold: a downtime slot given, large changes at the CAB failure rate', async () => {
    const set = ['--set', 'youBuildItYouRunIt.downtimeSlot=[tue 07:00-08:00]', '--set', 'classes.large.preApproved.failureRate=0.3', '--set', 'classes.small.preApproved.failureRate=0.15'];
    expect(await main(['run', DESIGN, ...SHORT, ...set, '--out', join(dir, 'r2')])).toBe(0);
    expect(out.join('')).not.toContain('rests on assumptions');
    out.length = 0;
    expect(await main(['run', DESIGN, ...SHORT, set[0]!, set[1]!, '--out', join(dir, 'r3')])).toBe(0);
    expect(out.join('')).toContain(
      "You Build It You Run It rests on assumptions that favour it (vary them before quoting it): its pipelines fail at each class's pipeline failure rate (classes.*.preApproved.failureRate), small 10% (15% through the CAB), large 10% (30% through the CAB; no large change is pre-approved, so nothing measured backs it).\n",
    );
  });
});
