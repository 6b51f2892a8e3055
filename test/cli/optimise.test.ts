// `orisim optimise` as a user runs it (the built CLI): the same seed writes byte-identical folders
// with one worker and with two; optimise.json holds the recommendation, the frontier and the
// candidates; bad levers and options exit 2 and write nothing; Ctrl-C leaves nothing behind; and
// `orisim run` says a file has levers it ignores.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, CLI, ROOT } from './built-cli.js';

const PLANTED = 'test/fixtures/optimise/planted.yaml';
let tmp = '';
beforeAll(() => {
  buildCli();
  tmp = mkdtempSync(join(tmpdir(), 'orisim-optimise-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

describe('orisim optimise', () => {
  it('the same seed writes the same bytes with --workers 1 and 2; optimise.json holds the answer', () => {
    const one = cli(['optimise', PLANTED, '--seed', '3', '-q', '--workers', '1', '--out', join(tmp, 'w1')]);
    expect(one.status, one.stderr).toBe(0);
    const two = cli(['optimise', PLANTED, '--seed', '3', '-q', '--workers', '2', '--out', join(tmp, 'w2')]);
    expect(two.status, two.stderr).toBe(0);
    const names = files(join(tmp, 'w1'));
    expect(names).toEqual(['.orisim-output', 'candidates.csv', 'charts', 'charts/frontier.png', 'charts/frontier.svg', 'charts/frontier.vl.json', 'optimise.json', 'report.html']);
    for (const f of names.filter((n) => n !== 'charts')) expect(readFileSync(join(tmp, 'w2', f)).equals(readFileSync(join(tmp, 'w1', f))), f).toBe(true);
    expect(one.stdout).toBe(two.stdout);
    expect(one.stdout.split('\n')[0]).toBe(
      'Change teams.changeManagement.cab.days from [tue] to [mon, thu], and teams.changeManagement.cab.attendees from 8 to 4: of 8 candidates, this minimises cashCostPerYear that meets leadTimeP85Days <= 12d.',
    );
    const json = JSON.parse(readFileSync(join(tmp, 'w1', 'optimise.json'), 'utf8'));
    expect(json.recommended.levers).toEqual({ 'teams.changeManagement.cab.days': ['mon', 'thu'], 'teams.changeManagement.cab.attendees': 4 });
    expect(json.recommended.probabilityCorrectSelection).toBe(0.9);
    expect(json.recommended.probabilityFeasible).toBeGreaterThanOrEqual(0.9);
    expect(json.frontier.length).toBeGreaterThan(0);
    expect(json.candidates).toHaveLength(8);
    const csv = readFileSync(join(tmp, 'w1', 'candidates.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('candidate,teams.changeManagement.cab.days,teams.changeManagement.cab.attendees,status,replications,probabilityFeasible,leadTimeP50Days,leadTimeP85Days,cashCostPerYear,costOfDelayPerYear,totalCostPerYear,deploymentsPerWeek,changeFailureRate,unfinishedShare,reason');
    expect(csv[3]).toMatch(/^2,"\[mon, thu\]",4,recommended,/);
    expect(readFileSync(join(tmp, 'w1', 'report.html'), 'utf8')).toContain('Change teams.changeManagement.cab.days from [tue] to [mon, thu]');
  }, 120_000);

  it('a lever path that does not exist: exit 2, located, nothing written', () => {
    const file = join(tmp, 'bad-lever.yaml');
    writeFileSync(file, `extends: ${resolve(PLANTED)}\nname: bad\nlevers:\n  teams.changeManagement.cab.atendees: [4, 8]\n`);
    const out = join(tmp, 'bad-lever');
    const r = cli(['optimise', file, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr.replaceAll(tmp, 'TMP')).toBe(
      'TMP/bad-lever.yaml:4:3 levers.teams.changeManagement.cab.atendees: expected a scenario path (as --set takes it) or variant, got "teams.changeManagement.cab.atendees": teams.changeManagement.cab.atendees: unknown key; did you mean "attendees"?\n',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('a budget too small for the candidates, and a bad --delta: exit 2', () => {
    const small = cli(['optimise', PLANTED, '--budget', '20', '--out', join(tmp, 'never')]);
    expect(small.status).toBe(2);
    expect(small.stderr).toBe("orisim: --budget 20: 8 candidates need at least 45 replications (5 of each, and of today's design); raise --budget or narrow the levers\nRun \"orisim --help\" for usage.\n");
    const delta = cli(['optimise', PLANTED, '--delta', 'soon', '--out', join(tmp, 'never')]);
    expect(delta.status).toBe(2);
    expect(delta.stderr).toContain("--delta: expected an amount greater than 0 in the unit of cashCostPerYear (e.g. 50000), got 'soon'");
    expect(existsSync(join(tmp, 'never'))).toBe(false);
  });

  it('orisim run says the file has levers it ignores', () => {
    const r = cli(['run', PLANTED, '-r', '1', '--no-charts', '-q', '--changes', 'none', '--out', join(tmp, 'run')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`note: ${PLANTED} has levers (teams.changeManagement.cab.days, teams.changeManagement.cab.attendees); orisim run ignores them and runs the file as written; orisim optimise ${PLANTED} searches them\n`);
  });

  for (const workers of ['1', '2']) {
    it(`SIGINT with --workers ${workers}: exit 130, no folder left`, async () => {
      const name = `stopped-${workers}`;
      const out = join(tmp, name);
      // δ of £1 a year: KN++ would go on for thousands of replications.
      const child = spawn(process.execPath, [CLI, 'optimise', PLANTED, '--delta', '1', '--budget', '100000', '-q', '--workers', workers, '--out', out], { cwd: ROOT });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
      while (!readdirSync(tmp).some((f) => f.startsWith(`.${name}.partial-`)) && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 500));
      child.kill('SIGINT');
      expect(await exited, stderr).toBe(130);
      expect(stderr).toContain('interrupted; no output written');
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(tmp).filter((f) => f.startsWith(`.${name}`))).toEqual([]);
    }, 60_000);
  }
});
