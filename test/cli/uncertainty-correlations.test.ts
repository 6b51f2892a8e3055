// orisim uncertainty with rank correlations between inputs (issue 22, uncertain.correlations): the
// design is two Latin hypercubes reordered by Iman–Conover (2N design sets, no AB_i), the drawn
// values in samples.csv rank-correlated as asked, uncertainty.json without Sobol indices (null, and
// sobolOmitted says why) but with each input's explained share and each pair's achieved correlation,
// page one saying so; shards merge to the one-machine bytes; files giving a pair different ranks,
// or ranks that cannot hold together over the files, are refused (exit 2).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOBOL_OMITTED } from '../../src/study/analysis.js';
import { spearman } from '../../src/study/rank-correlation.js';
import { cli, sameFolder, study as studyOf, TINY } from './study-shard-fixture.js';

const CORRELATED = `${TINY}  classes.small.failureRate: { low: 0.05, likely: 0.15, high: 0.3 }
  correlations:
    - { between: [classes.small.efforts.changeDocumentation, classes.small.failureRate], rank: 0.8 }
`;

let dir: string;
let file: string;
let one: { out: string; err: string };
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'orisim-uncertainty-correlations-'));
  file = join(dir, 'tiny.yaml');
  writeFileSync(file, CORRELATED);
  const r = await cli([...studyOf(file, 16), '--out', join(dir, 'one')]);
  if (r.code !== 0) throw new Error(r.err);
  one = r;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('orisim uncertainty with rank correlations', () => {
  it('draws 2N design sets whose values are rank-correlated as asked, and says so in samples.csv and uncertainty.json', () => {
    // 2 × 16 design sets, then 2·3 + 1 tornado sets; × 1 replication × 2 designs.
    expect(one.err.split('\n')[0]).toBe('note: 3 uncertain inputs, 39 input sets × 1 replications × 2 designs = 78 simulations');
    const rows = readFileSync(join(dir, 'one', 'samples.csv'), 'utf8').split('\n').filter((l) => l !== '').map((l) => l.split(','));
    expect(rows[0]!.slice(0, 5)).toEqual(['set', 'role', 'classes.small.efforts.changeDocumentation', 'teams.delivery.hourlyRate', 'classes.small.failureRate']);
    const design = rows.slice(1).filter((r) => r[1] === 'design');
    expect(design).toHaveLength(32);
    const col = (c: number) => design.map((r) => Number(r[c]));
    expect(spearman(col(2), col(4))).toBeGreaterThan(0.7);
    expect(Math.abs(spearman(col(2), col(3)))).toBeLessThan(0.4);
    const json = JSON.parse(readFileSync(join(dir, 'one', 'uncertainty.json'), 'utf8'));
    expect(json.simulations).toBe(78);
    expect(json.sobolOmitted).toBe(SOBOL_OMITTED);
    expect(json.correlations).toHaveLength(1);
    expect(json.correlations[0]).toMatchObject({ between: ['classes.small.efforts.changeDocumentation', 'classes.small.failureRate'], rank: 0.8 });
    expect(json.correlations[0].achieved).toBeCloseTo(spearman(col(2), col(4)), 10);
    const docs = json.inputs['classes.small.efforts.changeDocumentation'].leadTimeP85Days;
    expect(Object.keys(docs)).toEqual(['low', 'high', 'firstOrder', 'totalOrder', 'explained', 'evppi']);
    expect(docs.firstOrder).toEqual({ normal: null, preApproved: null });
    expect(docs.totalOrder).toEqual({ normal: null, preApproved: null });
    // Documentation effort dominates lead time by construction; the delivery rate changes none (common random numbers).
    expect(docs.explained.normal).toBeGreaterThan(0.5);
    expect(json.inputs['teams.delivery.hourlyRate'].leadTimeP85Days.explained).toEqual({ normal: 0, preApproved: 0 });
    expect(Object.keys(json.designs.normal.metrics.leadTimeP85Days)).toEqual(['mean', 'p05', 'p50', 'p95', 'inputShare']);
    expect(json.ranges.map((r: { path: string }) => r.path)).toEqual(['classes.small.efforts.changeDocumentation', 'teams.delivery.hourlyRate', 'classes.small.failureRate']);
  });

  it('says on page one that the inputs are correlated and what the shares mean; report.html shows the shares explained', () => {
    expect(one.out).toContain('Measure classes.small.efforts.changeDocumentation first: with the inputs correlated with it, it explains ');
    expect(one.out).toContain('The inputs are drawn with the 1 rank correlation the scenario gives; an input\'s share of the spread counts what the inputs that move with it explain, and no Sobol indices are given (they assume independent inputs).\n');
    const html = readFileSync(join(dir, 'one', 'report.html'), 'utf8');
    expect(html).toContain('two Latin hypercubes of 16 rows with the rank correlations induced by Iman–Conover, 32 input sets, plus 7 for the tornado');
    expect(html).toContain('<th>share explained</th>');
    expect(html).not.toContain('total order (95%)');
    expect(html).toContain('classes.small.efforts.changeDocumentation and classes.small.failureRate at 0.8, ');
  });

  it('is the same bytes from 3 shards merged as from one machine', async () => {
    const shards: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const to = join(dir, `s-${i}`);
      const r = await cli([...studyOf(file, 16, ['--shard', `${i}/3`]), '-q', '--out', to]);
      expect(r.code, r.err).toBe(0);
      shards.push(to);
    }
    const r = await cli(['merge', join(dir, 'merged'), ...shards]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(one.out);
    sameFolder(join(dir, 'merged'), join(dir, 'one'));
  });

  it("refuses files that give a pair different ranks, or ranks that cannot hold together over the files though each file's can (exit 2)", async () => {
    const other = join(dir, 'other.yaml');
    writeFileSync(other, CORRELATED.replace('name: tiny', 'name: other').replace('rank: 0.8', 'rank: 0.5'));
    const r = await cli([...studyOf(file, 2), other, '-q', '--out', join(dir, 'x')]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`orisim: uncertain.correlations: ${file} and ${other} give classes.small.efforts.changeDocumentation and classes.small.failureRate different ranks (0.8 and 0.5); give it once, or the same rank in both\nRun "orisim --help" for usage.\n`);
    const third = join(dir, 'third.yaml');
    writeFileSync(third, `${TINY.replace('name: tiny', 'name: third')}  classes.small.failureRate: { low: 0.05, likely: 0.15, high: 0.3 }
  correlations:
    - { between: [teams.delivery.hourlyRate, classes.small.efforts.changeDocumentation], rank: 0.6 }
    - { between: [teams.delivery.hourlyRate, classes.small.failureRate], rank: -0.6 }
`);
    const s = await cli([...studyOf(file, 2), third, '-q', '--out', join(dir, 'x')]);
    expect(s.code).toBe(2);
    expect(s.err).toBe(
      "orisim: uncertain.correlations: the files' rank correlations cannot hold together (not a positive definite matrix): classes.small.efforts.changeDocumentation and classes.small.failureRate at 0.8; " +
        'teams.delivery.hourlyRate and classes.small.efforts.changeDocumentation at 0.6; teams.delivery.hourlyRate and classes.small.failureRate at -0.6; weaken one of them\nRun "orisim --help" for usage.\n',
    );
  });
});
