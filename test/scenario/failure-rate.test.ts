// A deployment failure rate of 1 is refused (normal path and pipeline): a change whose every
// deployment fails never goes live, and with zero deployment, rollback and fix efforts it used to be
// redeployed for ever at one instant (the run hung and its memory grew without a word).
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/node/scenario-files.js';
import { errorsOf } from './helpers.js';

const EXPECT = 'expected a probability ≥ 0 and < 1 (a change whose every deployment fails never goes live)';

describe('failure rates are below 1', () => {
  it('the normal path: failureRate 1 is refused, with the zero efforts that made it loop', () => {
    const text = 'name: acme\nclasses:\n  small:\n    share: 1\n    failureRate: 1\n    efforts: { deployment: 0m, rollback: 0m, fix: 0m }\n';
    expect(errorsOf(text)).toBe(`scenarios/acme.yaml:5:18 classes.small.failureRate: ${EXPECT}, got 1`);
  });

  it('the pipeline: preApproved.failureRate 1 is refused; --set is checked the same way', () => {
    expect(errorsOf('name: acme\nclasses:\n  small: { share: 1, preApproved: { failureRate: 1 } }\n')).toBe(
      `scenarios/acme.yaml:3:50 classes.small.preApproved.failureRate: ${EXPECT}, got 1`,
    );
    expect(errorsOf('name: acme\n', 'scenarios/acme.yaml', ['classes.small.failureRate=1'])).toContain(`classes.small.failureRate: ${EXPECT}, got 1`);
  });

  it('just below 1 still loads and is kept as given', () => {
    const s = parseScenarioText('name: acme\nclasses:\n  small: { share: 1, failureRate: 0.999, preApproved: { failureRate: 0 } }\n', 'acme.yaml');
    expect([s.classes[0]!.failureRate, s.classes[0]!.preApproved.failureRate]).toEqual([0.999, 0]);
  });
});
