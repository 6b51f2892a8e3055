// `uncertain.correlations` (issue 22): Spearman rank correlations between a file's uncertain inputs,
// read by their keys, and refused with located one-line messages: a path that is not one of the
// section's inputs, an input paired with itself, a pair given twice, a rank outside (−1, 1), and a
// set of ranks whose matrix is not positive definite (naming the pairs that conflict).
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/node/scenario-files.js';
import { scenarioJsonSchema } from '../../src/scenario/index.js';
import { fieldSchemas } from '../../src/scenario/overrides.js';
import { errorsOf } from './helpers.js';

const BASE = 'name: acme\nclasses:\n  small: { share: 0.7 }\n  large: { share: 0.3 }\n';
const INPUTS = `${BASE}uncertain:
  classes.small.failureRate: { low: 0.05, high: 0.3 }
  classes.large.failureRate: { low: 0.1, likely: 0.3, high: 0.45 }
  classes.large.downtimeShare: { low: 0.3, high: 0.9 }
`;

describe('uncertain.correlations', () => {
  it('reads the pairs by their paths, in the order given; a file without them has none', () => {
    const s = parseScenarioText(`${INPUTS}  correlations:
    - { between: [classes.small.failureRate, classes.large.failureRate], rank: 0.6 }
    - { between: [classes.large.downtimeShare, classes.small.failureRate], rank: -0.3 }
`, 'acme.yaml');
    expect(s.uncertain?.map((i) => i.path)).toEqual(['classes.small.failureRate', 'classes.large.failureRate', 'classes.large.downtimeShare']);
    expect(s.uncertainCorrelations).toEqual([
      { between: ['classes.small.failureRate', 'classes.large.failureRate'], rank: 0.6 },
      { between: ['classes.large.downtimeShare', 'classes.small.failureRate'], rank: -0.3 },
    ]);
    expect(parseScenarioText(INPUTS, 'acme.yaml').uncertainCorrelations).toBeUndefined();
    // The key cannot collide with an input: no --set path is `correlations`.
    expect(fieldSchemas(['correlations'])).toEqual([]);
  });

  it('is in the JSON Schema: a list of { between, rank } inside uncertain:, beside the ranges', () => {
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(scenarioJsonSchema());
    const given = (correlations: string) => parseYaml(`${INPUTS}  correlations: ${correlations}\n`);
    expect(validate(given('[{ between: [classes.small.failureRate, classes.large.failureRate], rank: 0.6 }]')), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(given('[{ between: [classes.small.failureRate, classes.large.failureRate], rank: high }]'))).toBe(false);
    expect(validate(given('{ low: 0, high: 1 }'))).toBe(false);
  });

  it('refuses unknown paths, an input with itself, a pair twice, ranks outside (−1, 1) and malformed entries, located', () => {
    expect(errorsOf(`${INPUTS}  correlations:
    - { between: [classes.small.failureRate, classes.small.rejectionRate], rank: 0.5 }
    - { between: [classes.large.failureRate, classes.large.failureRate], rank: 0.5 }
    - { between: [classes.small.failureRate, classes.large.failureRate], rank: 0.5 }
    - { between: [classes.large.failureRate, classes.small.failureRate], rank: 0.2 }
    - { between: [classes.small.failureRate, classes.large.downtimeShare], rank: 1 }
    - { between: [classes.large.failureRate, classes.large.downtimeShare], rank: -1.5 }
    - { between: [classes.large.failureRate], rank: 0.1 }
    - { between: [classes.large.failureRate, correlations], rank: 0.1 }
    - { between: [classes.large.failureRate, classes.large.downtimeShare], rank: high, by: 2 }
    - { rank: 0.1 }
    - classes.large.failureRate
`, 'acme.yaml').split('\n')).toEqual([
      'acme.yaml:10:46 uncertain.correlations[0].between[1]: expected one of this file\'s uncertain inputs (a key of uncertain:), got "classes.small.rejectionRate"',
      'acme.yaml:11:46 uncertain.correlations[1].between[1]: expected two different inputs (an input is always fully correlated with itself), got "classes.large.failureRate" twice',
      'acme.yaml:13:18 uncertain.correlations[3].between: expected each pair once, got classes.large.failureRate and classes.small.failureRate again (first at uncertain.correlations[2])',
      'acme.yaml:14:82 uncertain.correlations[4].rank: expected a rank correlation greater than -1 and less than 1, got 1',
      'acme.yaml:15:82 uncertain.correlations[5].rank: expected a rank correlation greater than -1 and less than 1, got -1.5',
      'acme.yaml:16:18 uncertain.correlations[6].between: expected a list of two uncertain inputs such as [classes.large.failureRate, classes.small.failureRate], got a list',
      'acme.yaml:17:46 uncertain.correlations[7].between[1]: expected one of this file\'s uncertain inputs (a key of uncertain:), got "correlations"',
      'acme.yaml:18:82 uncertain.correlations[8].rank: expected a rank correlation greater than -1 and less than 1, got "high"',
      'acme.yaml:18:88 uncertain.correlations[8].by: unknown key; expected one of between, rank',
      'acme.yaml:19:7 uncertain.correlations[9]: missing required key "between"',
      'acme.yaml:20:7 uncertain.correlations[10]: expected a map { between: [PATH, PATH], rank: R }, got "classes.large.failureRate"',
    ]);
    expect(errorsOf(`${INPUTS}  correlations: { between: [a, b], rank: 0.5 }\n`, 'acme.yaml')).toBe(
      'acme.yaml:9:17 uncertain.correlations: expected a list of { between: [PATH, PATH], rank: R }, got a map',
    );
  });

  it('refuses ranks that cannot hold together (not positive definite), naming the pairs that conflict', () => {
    const text = `${BASE}uncertain:
  classes.small.failureRate: { low: 0.05, high: 0.3 }
  classes.large.failureRate: { low: 0.1, high: 0.45 }
  classes.large.downtimeShare: { low: 0.3, high: 0.9 }
  classes.small.downtimeShare: { low: 0.3, high: 0.9 }
  correlations:
    - { between: [classes.small.downtimeShare, classes.small.failureRate], rank: 0.2 }
    - { between: [classes.small.failureRate, classes.large.failureRate], rank: 0.9 }
    - { between: [classes.large.failureRate, classes.large.downtimeShare], rank: 0.9 }
    - { between: [classes.small.failureRate, classes.large.downtimeShare], rank: -0.9 }
`;
    expect(errorsOf(text, 'acme.yaml')).toBe(
      'acme.yaml:11:5 uncertain.correlations: expected rank correlations that can hold together (a positive definite matrix), got a set that cannot: ' +
        'classes.small.failureRate and classes.large.failureRate at 0.9; classes.large.failureRate and classes.large.downtimeShare at 0.9; classes.small.failureRate and classes.large.downtimeShare at -0.9; weaken one of them',
    );
    // The same three pairs at 0.5, 0.5 and −0.2 can hold together (the matrix is positive definite).
    expect(errorsOf(text.replace(/0\.9/g, '0.5').replace('-0.5', '-0.2'), 'acme.yaml')).toBe('');
  });
});
