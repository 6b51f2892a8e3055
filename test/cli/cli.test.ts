// The command line end to end (in-process): exit codes, stdout/stderr, the output folder, and
// byte-identical files for the same scenario and seed.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureCli } from './capture.js';

let dir: string;
let out: string[];
let err: string[];

captureCli('orisim-cli-', (c) => ({ dir, out, err } = c));

const FILES = ['.orisim-output', 'by-class.csv', 'by-path.csv', 'changes.csv', 'costs.csv', 'events.csv', 'replications.csv', 'stages.csv', 'summary.json', 'wip.csv'];

describe('orisim run', () => {
  it('writes the contract files and prints a table; the same seed gives byte-identical files', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    expect(await main(['run', 'scenarios/ops-run-it.yaml', '-r', '2', '--out', a, '--no-charts', '-q'])).toBe(0);
    expect(out.join('')).toMatch(/^ops-run-it: 2 replications, seed 42/);
    expect(out.join('')).toMatch(/\nnormal +\d/);
    expect(await main(['run', 'scenarios/ops-run-it.yaml', '-r', '2', '--out', b, '--no-charts', '-q'])).toBe(0);
    expect(readdirSync(a).sort()).toEqual(FILES);
    for (const f of FILES) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
    const summary = JSON.parse(readFileSync(join(a, 'summary.json'), 'utf8'));
    expect(Object.keys(summary)).toEqual(['scenario', 'run', 'variants', 'differences']);
    expect(summary.run).toMatchObject({ replications: 2, seed: 42, horizonDays: 364, warmupDays: 56 });
    expect(summary.scenario.sha256).toMatch(/^[0-9a-f]{64}$/);
    const v = summary.variants.normal;
    for (const k of ['changes', 'leadTimeDays', 'stages', 'deploymentsPerWeek', 'changeFailureRate', 'outOfHoursShare', 'utilisation', 'costs', 'warnings']) {
      expect(v, k).toHaveProperty(k);
    }
    expect(Object.keys(v.leadTimeDays)).toEqual(['mean', 'ci95', 'p50', 'p85', 'p95', 'max']);
    expect(Object.keys(v.costs)).toEqual(expect.arrayContaining(['currency', 'setup', 'run', 'opportunity', 'total', 'perDeployment', 'perFeature', 'shares']));
    // Every cost figure states its period: the counted period, and annual figures.
    expect(v.costs.period).toEqual({ days: 308, from: '2027-03-01T00:00', to: '2028-01-03T00:00' });
    expect(Object.keys(v.costs.perYear)).toEqual(['setupAmortised', 'run', 'opportunity', 'total', 'scale', 'setupAmortisationYears', 'cash']);
    expect(v.costs.perYear.setupAmortised).toBeCloseTo(v.costs.setup / 3, 6);
    expect(v.costs.perYear.run).toBeCloseTo((v.costs.run * 364) / 308, 6);
    expect(v.costs.shares.setup).toBeCloseTo(v.costs.perYear.setupAmortised / v.costs.perYear.total, 12);
    expect(out.join('')).toContain('costs in GBP; per year: the 308 counted days scaled to 52 weeks (× 1.182), setup amortised over 3 years\n');
    expect(out.join('')).toMatch(/ total cost\/yr {2}TCO\/yr setup\/run\/opp\n/);
    expect(readFileSync(join(a, 'costs.csv'), 'utf8').split('\n')[0]).toBe(
      'variant,type,item,currency,counted_days,amount_counted_period,amount_per_year,share_of_annual_total',
    );
    const header = readFileSync(join(a, 'events.csv'), 'utf8').split('\n')[0];
    expect(header).toBe('case_id,activity,start,end,resource,variant,replication');
  });

  it('a different seed gives different results', async () => {
    await main(['run', 'scenarios/ops-run-it.yaml', '-r', '1', '--out', join(dir, 'a'), '--no-charts', '-q']);
    await main(['run', 'scenarios/ops-run-it.yaml', '-r', '1', '--seed', '7', '--out', join(dir, 'b'), '--no-charts', '-q']);
    expect(readFileSync(join(dir, 'b', 'changes.csv')).equals(readFileSync(join(dir, 'a', 'changes.csv')))).toBe(false);
  });

  it('--set overrides a value', async () => {
    const a = join(dir, 'a');
    await main(['run', 'scenarios/ops-run-it.yaml', '-r', '1', '--set', 'teams.delivery.count=2', '--set', 'costs.setupAmortisationYears=6', '--out', a, '--no-charts', '-q']);
    const teams = new Set(readFileSync(join(a, 'changes.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[2]));
    expect([...teams].sort()).toEqual(['1', '2']);
    const costs = JSON.parse(readFileSync(join(a, 'summary.json'), 'utf8')).variants.normal.costs;
    expect(costs.perYear.setupAmortised).toBeCloseTo(costs.setup / 6, 9);
    expect(out.join('')).toContain('setup amortised over 6 years');
  });

  it('an invalid scenario exits 2, names file:line:col, path, expected and found, and writes nothing', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: bad\nteams:\n  delivery:\n    count: -2\n');
    const target = join(dir, 'out');
    expect(await main(['run', bad, '--out', target, '-q'])).toBe(2);
    expect(err.join('')).toBe(`${bad}:4:12 teams.delivery.count: expected a positive integer, got -2\n`);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toEqual(['bad.yaml']);
  });

  it('bad options exit 2 with a usage hint', async () => {
    expect(await main(['run', '--replications', '0', '--out', join(dir, 'x')])).toBe(2);
    expect(err.join('')).toBe("orisim: --replications: expected a positive integer, got '0'\nRun \"orisim --help\" for usage.\n");
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  it('--out given twice is refused, not a crash', async () => {
    expect(await main(['run', '--out', join(dir, 'a'), '--out', join(dir, 'b'), '-q'])).toBe(2);
    expect(err.join('')).toBe('orisim: --out is given 2 times: give it once\nRun "orisim --help" for usage.\n');
  });

  it('--slides needs the charts', async () => {
    expect(await main(['run', '--slides', '--no-charts', '--out', join(dir, 'x')])).toBe(2);
    expect(err.join('')).toBe('orisim: --slides draws the charts as slides, so it cannot go with --no-charts\nRun "orisim --help" for usage.\n');
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  it('an invalid value is echoed as typed, not as NaN', async () => {
    expect(await main(['run', '-r', 'five', '--out', join(dir, 'x')])).toBe(2);
    expect(await main(['run', '--seed', '1.5', '--out', join(dir, 'x')])).toBe(2);
    expect(await main(['compare', 'a.yaml', 'b.yaml', '--workers', 'two'])).toBe(2);
    expect(err.join('')).toBe(
      [
        "orisim: --replications: expected a positive integer, got 'five'",
        "orisim: --seed: expected an integer, got '1.5'",
        "orisim: --workers: expected a positive integer, got 'two'",
      ].map((l) => `${l}\nRun "orisim --help" for usage.\n`).join(''),
    );
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  it('a mistyped command or option gets "did you mean"', async () => {
    expect(await main(['rn'])).toBe(2);
    expect(await main(['valdate', 'x.yaml'])).toBe(2);
    expect(await main(['frobnicate', '--out', 'x'])).toBe(2);
    expect(await main(['run', '--replicatons', '3'])).toBe(2);
    expect(await main(['sweep', '--param', 'teams.delivery.count', '--valeus', '1,2'])).toBe(2);
    expect(await main(['run', 'a.yaml', 'b.yaml'])).toBe(2);
    expect(await main(['validate', 'a.yaml', '--set', 'seed=1'])).toBe(2);
    expect(err.join('').split('\n').filter((l) => l.startsWith('orisim:'))).toEqual([
      "orisim: unknown command 'rn'; did you mean 'run'?",
      "orisim: unknown command 'valdate'; did you mean 'validate'?",
      "orisim: unknown command 'frobnicate'; the commands are run, compare, sweep, validate, schema, calibrate, backtest, merge, uncertainty, optimise, workshop",
      "orisim: unknown option '--replicatons'; did you mean '--replications'?",
      "orisim: unknown option '--valeus'; did you mean '--values'?",
      "orisim: unexpected argument 'b.yaml' for run",
      "orisim: option '--set' does not go with validate",
    ]);
  });

  it('sweep --values 1-5 suggests 1..5; a bad value names --values, never --set', async () => {
    expect(await main(['sweep', '--param', 'teams.delivery.count', '--values', '1-5'])).toBe(2);
    expect(await main(['sweep', '--param', 'teams.delivery.count', '--values', '2,x', '--out', join(dir, 'x')])).toBe(2);
    expect(await main(['sweep', '--param', 'teams.delivery.cuont', '--values', '2', '--out', join(dir, 'x')])).toBe(2);
    expect(err.join('')).toBe(
      [
        "orisim: --values '1-5': a range is written FROM..TO[:STEP]; did you mean '1..5'?",
        'Run "orisim --help" for usage.',
        "--values item 'x' teams.delivery.count: expected a positive integer, got \"x\"",
        '--param teams.delivery.cuont teams.delivery.cuont: unknown key; did you mean "count"?',
        '',
      ].join('\n'),
    );
    expect(err.join('')).not.toContain('--set');
  });

  it('help shows each command its own --out default, a described positional and an example', async () => {
    const help = async (cmd: string): Promise<string> => {
      out.length = 0;
      expect(await main([cmd, '--help'])).toBe(0);
      return out.join('').replace(/\s+/g, ' ');
    };
    expect(await help('run')).toContain('output folder (default: output/<scenario name>/)');
    expect(await help('compare')).toContain('output folder (default: output/compare-<A name>-vs-<B name>…/)');
    expect(await help('sweep')).toContain('output folder (default: output/sweep-<scenario name>-<param>/)');
    const validate = await help('validate');
    expect(validate).toContain('one or more scenario files (YAML or JSON) to check');
    for (const cmd of ['run', 'compare', 'sweep', 'validate', 'schema']) expect(await help(cmd)).toContain('Examples:');
  });

  it('a missing file and a directory exit 2', async () => {
    expect(await main(['run', join(dir, 'nope.yaml')])).toBe(2);
    expect(await main(['validate', dir])).toBe(2);
    expect(err.join('')).toContain('no such file');
    expect(err.join('')).toContain('it is a directory, not a file');
  });
});

describe('orisim validate and schema', () => {
  it('validates every shipped scenario', async () => {
    expect(await main(['validate', 'scenarios/ops-run-it.yaml', 'scenarios/ops-run-it-25-teams.yaml'])).toBe(0);
    expect(out.join('')).toBe(
      'scenarios/ops-run-it.yaml: ok (ops-run-it: 6 delivery teams, variants normal, preApproved)\n' +
        'scenarios/ops-run-it-25-teams.yaml: ok (ops-run-it-25-teams: 25 delivery teams, variants normal, preApproved)\n',
    );
  });
  it('prints the JSON Schema', async () => {
    expect(await main(['schema'])).toBe(0);
    const schema = JSON.parse(out.join(''));
    expect(schema.properties).toHaveProperty('teams');
  });
  it('no command prints help', async () => {
    expect(await main([])).toBe(0);
    expect(out.join('')).toContain('orisim <command>');
  });
});

describe('the output folder is never someone else’s', () => {
  it('refuses a folder of other files, and a file, before running; leaves both untouched', async () => {
    const mine = join(dir, 'project');
    mkdirSync(mine);
    writeFileSync(join(mine, 'notes.txt'), 'keep me');
    expect(await main(['run', '-r', '1', '--out', mine, '--no-charts', '-q'])).toBe(2);
    expect(err.join('')).toBe(
      `orisim: output folder "${mine}" is not empty and orisim replaces only its own output folders: it is not an orisim output folder (no valid .orisim-output marker) and holds "notes.txt"; choose another --out\n`,
    );
    expect(readdirSync(mine)).toEqual(['notes.txt']);
    const file = join(dir, 'file.txt');
    writeFileSync(file, 'x');
    expect(await main(['run', '-r', '1', '--out', file, '--no-charts', '-q'])).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('x');
    expect(readdirSync(dir).sort()).toEqual(['file.txt', 'project']);
  });

  it('replaces an earlier run’s folder', async () => {
    const a = join(dir, 'a');
    expect(await main(['run', '-r', '1', '--out', a, '--no-charts', '-q'])).toBe(0);
    expect(await main(['run', '-r', '1', '--seed', '3', '--out', a, '--no-charts', '-q'])).toBe(0);
    expect(JSON.parse(readFileSync(join(a, 'summary.json'), 'utf8')).run.seed).toBe(3);
    expect(readdirSync(dir)).toEqual(['a']);
  });
});
