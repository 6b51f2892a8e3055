// Issue 13: hostile and careless scenario files. Each case is refused with a located, plain
// message (pinned here) instead of an internal error, a stack trace or a runaway run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatScenarioError } from '../../src/scenario/index.js';
import { loadScenario, parseScenarioText } from '../../src/node/scenario-files.js';
import { runReplication } from '../../src/model/replication.js';
import { errorsOf } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'orisim-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The formatted errors of loading a file with these bytes. */
function fileErrors(name: string, bytes: Buffer | string): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return loadErrors(file);
}
function loadErrors(file: string): string {
  try {
    loadScenario(file);
    return '';
  } catch (err) {
    return formatScenarioError(err).replaceAll(dir, 'DIR');
  }
}

describe('values that crashed or ran away (issue 13 points 2 and 3)', () => {
  const hundreds = `1${'0'.repeat(400)}`;
  it('a duration with hundreds of digits (Infinity) is refused, the value shortened', () => {
    expect(errorsOf(`name: acme\nhorizon: ${hundreds}w\n`)).toBe(
      `scenarios/acme.yaml:2:10 horizon: expected a duration no longer than 520w (10 years), got "1${'0'.repeat(39)}"… (402 characters)`,
    );
  });
  it('an effort with hundreds of digits is refused', () => {
    const text = `name: acme\nclasses:\n  small:\n    share: 1\n    efforts:\n      deployment: ${hundreds}h\n`;
    expect(errorsOf(text)).toBe(
      `scenarios/acme.yaml:6:19 classes.small.efforts.deployment: expected an effort no longer than 5200w (100 years of 40-hour weeks), got "1${'0'.repeat(39)}"… (402 characters)`,
    );
  });
  it('a number that overflows to Infinity is refused', () => {
    expect(errorsOf('name: acme\ncosts:\n  pipelineSetup: 1e999\n')).toBe(
      'scenarios/acme.yaml:3:18 costs.pipelineSetup: expected a number ≥ 0, got Infinity',
    );
  });
  it('absurd sizes are refused with their documented limits', () => {
    const text = [
      'name: acme',
      'horizon: 99999999999w',
      'replications: 1000000',
      'teams:',
      '  delivery: { count: 100000, people: 1000000000, featuresPerWeek: 1000 }',
      '  changeManagement: { cab: { attendees: 5000 } }',
      '',
    ].join('\n');
    expect(errorsOf(text).split('\n')).toEqual([
      'scenarios/acme.yaml:2:10 horizon: expected a duration no longer than 520w (10 years), got "99999999999w"',
      'scenarios/acme.yaml:3:15 replications: expected a positive integer no greater than 10,000, got 1000000',
      'scenarios/acme.yaml:5:22 teams.delivery.count: expected a positive integer no greater than 1,000, got 100000',
      'scenarios/acme.yaml:5:38 teams.delivery.people: expected a positive integer no greater than 1,000, got 1000000000',
      'scenarios/acme.yaml:5:67 teams.delivery.featuresPerWeek: expected a number ≥ 0 no greater than 100, got 1000',
      'scenarios/acme.yaml:6:41 teams.changeManagement.cab.attendees: expected a positive integer no greater than 1,000, got 5000',
    ]);
  });
  it('values at their limits are accepted', () => {
    const text = 'name: acme\nhorizon: 520w\nwarmup: 0w\nreplications: 10000\nteams:\n  delivery: { count: 1000, people: 1000, featuresPerWeek: 100 }\n';
    expect(errorsOf(text)).toBe('');
  });
});

describe('a team never open within the horizon (issue 13 point 2)', () => {
  it('horizon: 9h from Monday 00:00 is refused for each team, with the reason', () => {
    expect(errorsOf('name: acme\nhorizon: 9h\nwarmup: 0w\n').split('\n')).toEqual(
      ['delivery', 'changeManagement', 'applicationSupport'].map((team, i) =>
        `scenarios/acme.yaml:1:1 teams.${team}.hours: expected hours open at least once within the horizon (2027-01-04T00:00 to 2027-01-04T09:00), got none: every open hour falls on a holiday or after the horizon, so ${['the delivery teams', 'change management', 'application support'][i]} would never work`),
    );
  });
  it('every working day a holiday: application support alone, located at its hours', () => {
    const days = ['2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08'];
    const text = `name: acme\nhorizon: 1w\nwarmup: 0w\nholidays: [${days.join(', ')}]\nteams:\n  delivery: { hours: [mon-sun 00:00-24:00] }\n  changeManagement: { hours: [sat 09:00-12:00] }\n  applicationSupport:\n    hours: [mon-fri 09:00-17:30]\n`;
    expect(errorsOf(text)).toBe(
      'scenarios/acme.yaml:9:12 teams.applicationSupport.hours: expected hours open at least once within the horizon (2027-01-04T00:00 to 2027-01-11T00:00), got none: every open hour falls on a holiday or after the horizon, so application support would never work',
    );
  });
  it('a hand-built scenario whose application support never opens runs without "invalid delay Infinity"', () => {
    const valid = parseScenarioText('name: acme\nhorizon: 2w\nwarmup: 0w\n', 'x.yaml');
    const scenario = { ...valid, horizon: 540, warmup: 0 }; // 00:00–09:00 Monday: nobody works
    const out = runReplication(scenario, 'normal', 1);
    expect(out.replicationRecord.utilisationApplicationSupport).toBe(0);
  });
});

describe('tiny drawn efforts (issue 13 point 2: "invalid hold -1710")', () => {
  it('the reproducer runs: gamma with sd ≫ mean and Weibull shape 0.01', () => {
    for (const d of ['{ gamma: { mean: 1h, sd: 100h } }', '{ weibull: { shape: 0.01, scale: 1h } }']) {
      const text = `name: tiny\nhorizon: 8w\nwarmup: 0w\nreplications: 3\nclasses:\n  small:\n    share: 1\n    efforts:\n      deployment: ${d}\n      assessment: ${d}\n      validation: ${d}\n`;
      const scenario = parseScenarioText(text, 'tiny.yaml');
      for (let r = 1; r <= 3; r++) {
        const out = runReplication(scenario, 'normal', r);
        for (const c of out.changes) if (Number.isFinite(c.liveAt)) expect(c.liveAt).toBeGreaterThanOrEqual(c.readyAt);
      }
    }
  });
});

describe('a Weibull shape whose draws overflow (issue 13 point 2)', () => {
  it('shape 0.001 is refused (its draws and mean are Infinity; it crashed with "invalid effort Infinity")', () => {
    const text = 'name: acme\nclasses:\n  small:\n    share: 1\n    efforts:\n      assessment: { weibull: { shape: 0.001, scale: 1h } }\n';
    expect(errorsOf(text)).toBe(
      'scenarios/acme.yaml:6:39 classes.small.efforts.assessment.weibull.shape: expected a number ≥ 0.01 (smaller shapes draw efforts that overflow to Infinity), got 0.001',
    );
  });
});

describe('YAML the parser accepts but a scenario cannot hold (issue 13 point 4)', () => {
  it('an undefined alias', () => {
    expect(errorsOf('name: acme\nteams: *nope\n')).toBe('scenarios/acme.yaml:2:8 undefined alias *nope: no anchor &nope is defined before it');
  });
  it('an alias bomb', () => {
    const lines = ['name: bomb', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    expect(errorsOf(lines.join('\n'))).toBe(
      'scenarios/acme.yaml:3:10 too many alias expansions (more than 100): aliases that repeat aliases grow the file exponentially; write the values out instead',
    );
  });
  it('a second document', () => {
    expect(errorsOf('name: a\n---\nname: b\n')).toBe(
      'scenarios/acme.yaml:2:1 expected one YAML document, got a second one here: a scenario file holds one document (remove this "---" line and what follows, or split the file)',
    );
  });
  it('complex keys, located, with no Node warning', () => {
    const warnings: unknown[] = [];
    const listener = (w: unknown): number => warnings.push(w);
    process.on('warning', listener);
    expect(errorsOf('name: a\n? [x, y]\n: 3\n')).toBe('scenarios/acme.yaml:2:3 expected a plain key such as "name", got a list used as a key');
    expect(errorsOf('name: a\nteams:\n  {x: 1}: 3\n')).toBe('scenarios/acme.yaml:3:3 expected a plain key such as "name", got a map used as a key');
    process.off('warning', listener);
    expect(warnings).toEqual([]);
  });
  it('a duplicate key is still reported (found in linear time)', () => {
    expect(errorsOf('name: acme\nteams:\n  delivery: { count: 1, count: 2 }\n')).toBe('scenarios/acme.yaml:3:25 malformed YAML: Map keys must be unique');
  });
  it('a NUL character', () => {
    expect(errorsOf('name: acme\nhorizon: 4w\0\n')).toBe('scenarios/acme.yaml:2:12 expected text, got a NUL character: this is not a text file');
  });
});

describe('files that are not UTF-8 scenario text (issue 13 points 3 and 4)', () => {
  it('UTF-16 with and without a byte order mark', () => {
    const text = 'name: utf16\nhorizon: 4w\n';
    expect(fileErrors('le.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe(
      'cannot read scenario "DIR/le.yaml": it is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8 text',
    );
    expect(fileErrors('nobom.yaml', Buffer.from(text, 'utf16le'))).toBe(
      'cannot read scenario "DIR/nobom.yaml": it looks like UTF-16 text (every other byte is 0); save it as UTF-8 text',
    );
  });
  it('Latin-1 bytes', () => {
    expect(fileErrors('latin.yaml', Buffer.from('name: caf\xe9\n', 'latin1'))).toBe('cannot read scenario "DIR/latin.yaml": it is not UTF-8 text; save it as UTF-8 text');
  });
  it('a UTF-8 byte order mark is fine', () => {
    expect(fileErrors('bom.yaml', '\ufeffname: bom\n')).toBe('');
  });
  it('a file over 1 MB is refused before it is parsed', () => {
    expect(fileErrors('large.yaml', `name: x\n#${'a'.repeat(1024 * 1024)}\n`)).toBe(
      'cannot read scenario "DIR/large.yaml": it is 1,048,586 bytes; scenario files are limited to 1,048,576 bytes (1 MB)',
    );
  });
  it('/dev/zero, a FIFO and a directory are refused at once', () => {
    expect(loadErrors('/dev/zero')).toBe('cannot read scenario "/dev/zero": it is a device, not a regular file');
    const fifo = join(dir, 'fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(loadErrors(fifo)).toBe('cannot read scenario "DIR/fifo.yaml": it is a named pipe (FIFO), not a regular file');
    mkdirSync(join(dir, 'folder.yaml'));
    expect(loadErrors(join(dir, 'folder.yaml'))).toBe('cannot read scenario "DIR/folder.yaml": it is a directory, not a file');
  });
});

describe('many issues (issue 13 point 3: the loader is linear)', () => {
  it('20,000 unknown keys: the first 50 are reported, then how many more', () => {
    const text = `name: k\n${Array.from({ length: 20_000 }, (_, i) => `k${String(i).padStart(5, '0')}: 1\n`).join('')}`;
    const lines = errorsOf(text).split('\n');
    expect(lines).toHaveLength(51);
    expect(lines[0]).toBe('scenarios/acme.yaml:2:1 k00000: unknown key; expected one of extends, name, description, currency, start, horizon, warmup, replications, seed, variants, holidays, freezes, noDeploy, classes, teams, costs, youBuildItYouRunIt, uncertain, levers, objective, constraints');
    expect(lines[50]).toBe('… and 19950 more issues (fix these first)');
  });
});
