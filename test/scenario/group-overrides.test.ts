// --set and sweep --param into teams.delivery when it is a list of groups (scenarios/retail-bank.yaml:
// "web London", 8 teams, and "data Pune", 4): a field of the single form is refused with a located
// message instead of silently replacing the groups; a group is addressed by its name.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadScenario } from '../../src/node/scenario-files.js';
import { groupSlug } from '../../src/scenario/group-overrides.js';
import { formatScenarioError } from '../../src/scenario/index.js';
import { deliveryGroups } from '../../src/scenario/types.js';

const BANK = 'scenarios/retail-bank.yaml';

function errorsWith(overrides: string[], file = BANK): string {
  try {
    loadScenario(file, { overrides });
    return '';
  } catch (err) {
    return formatScenarioError(err);
  }
}

describe('--set on delivery groups', () => {
  it('a field of every group at once is refused, with the groups named', () => {
    expect(errorsWith(['teams.delivery.count=30'])).toBe(
      '--set teams.delivery.count=30 teams.delivery.count: refused: teams.delivery is a list of 2 groups (web-london, data-pune), ' +
        'and this would set count in every one; name the group, such as teams.delivery.web-london.count',
    );
    expect(errorsWith(['teams.delivery.hours=[mon-fri 08:00-16:00]'])).toContain('teams.delivery.hours: refused: teams.delivery is a list of 2 groups');
  });

  it('a group by its slug or its name as written: only that group changes, the other keeps its hours, holidays and mix', () => {
    const before = deliveryGroups(loadScenario(BANK));
    for (const set of ['teams.delivery.web-london.count=14', 'teams.delivery.web London.count=14']) {
      const groups = deliveryGroups(loadScenario(BANK, { overrides: [set] }));
      expect(groups.map((g) => [g.name, g.count])).toEqual([['web London', 14], ['data Pune', 4]]);
      expect(groups[1]).toEqual({ ...before[1]!, firstTeam: 14 });
      expect(groups[0]!.hours).toEqual(before[0]!.hours);
    }
    const both = deliveryGroups(loadScenario(BANK, { overrides: ['teams.delivery.data-pune.hourlyRate=40', 'teams.delivery.data-pune.release=perFeature'] }));
    expect(both[1]!.hourlyRate).toBe(40);
    expect(both[1]!.release).toEqual({ kind: 'perFeature' });
    expect(both[1]!.holidays).toEqual(before[1]!.holidays);
  });

  it('an unknown group, an unknown field and a bad value are located at the argument', () => {
    expect(errorsWith(['teams.delivery.web-lundon.count=14'])).toBe(
      '--set teams.delivery.web-lundon.count=14 teams.delivery.web-lundon: no delivery group named "web-lundon"; did you mean "web-london"?',
    );
    expect(errorsWith(['teams.delivery.mainframe.count=14'])).toBe(
      '--set teams.delivery.mainframe.count=14 teams.delivery.mainframe: no delivery group named "mainframe"; the groups are web-london, data-pune',
    );
    expect(errorsWith(['teams.delivery.web-london.cuont=14'])).toBe(
      '--set teams.delivery.web-london.cuont=14 teams.delivery.web-london.cuont: unknown key; did you mean "count"?',
    );
    expect(errorsWith(['teams.delivery.data-pune.count=lots'])).toMatch(/^--set teams\.delivery\.data-pune\.count=lots teams\.delivery\[1\]\.count: expected /);
  });

  it('the single form is unchanged: its fields as before, a group name is an unknown key', () => {
    expect(loadScenario('scenarios/ops-run-it.yaml', { overrides: ['teams.delivery.count=30'] }).teams.delivery.count).toBe(30);
    expect(errorsWith(['teams.delivery.web.count=3'], 'scenarios/ops-run-it.yaml')).toMatch(/^--set teams\.delivery\.web\.count=3 teams\.delivery\.web: unknown key; expected one of count, /);
  });

  it('group slugs', () => {
    expect(['web London', 'data  Pune', 'Équipe_Paris', '  core.api  '].map(groupSlug)).toEqual(['web-london', 'data-pune', 'équipe-paris', 'core-api']);
  });
});

describe('sweep --param on delivery groups', () => {
  const dir = mkdtempSync(join(tmpdir(), 'orisim-group-sweep-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const quick = ['-r', '1', '--set', 'horizon=6w', '--set', 'warmup=1w', '--no-charts', '-q'];

  it('sweeps one group by name', async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const out = join(dir, 'named');
      expect(await main(['sweep', BANK, '--param', 'teams.delivery.data-pune.count', '--values', '2,6', '--out', out, ...quick])).toBe(0);
      const sweep = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')) as { param: string; values: string[]; points: { value: string; variant: string; totalCostPerYear: { mean: number } }[] };
      expect(sweep.param).toBe('teams.delivery.data-pune.count');
      expect(sweep.values).toEqual(['2', '6']);
      // The value reached the group: four more Pune teams cost more (their pipeline setup alone, in preApproved).
      const cost = (v: string): number => sweep.points.find((p) => p.value === v && p.variant === 'preApproved')!.totalCostPerYear.mean;
      expect(cost('6')).toBeGreaterThan(cost('2'));
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('refuses a field of every group, told as --param', async () => {
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    try {
      expect(await main(['sweep', BANK, '--param', 'teams.delivery.count', '--values', '2,6', '--out', join(dir, 'refused'), ...quick])).toBe(2);
      expect(err.join('')).toContain('--param teams.delivery.count teams.delivery.count: refused: teams.delivery is a list of 2 groups');
    } finally {
      vi.restoreAllMocks();
    }
  });
});
