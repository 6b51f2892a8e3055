// Numbers in words: units a reader thinks in, money with currency, signed percentages, and the
// rule that an interval including zero is worded as no clear difference.
import { describe, expect, it } from 'vitest';
import { CAVEAT, changeClause, formatDuration, formatMoney, formatSignedPercent, noClearDifference, relativeChange } from '../../src/report/words.js';

describe('words', () => {
  it('durations: minutes under an hour, hours under a day, else days', () => {
    expect(formatDuration(40 / 1440)).toBe('40 minutes');
    expect(formatDuration(1 / 1440)).toBe('1 minute');
    expect(formatDuration(0)).toBe('0 minutes');
    expect(formatDuration(5.5 / 24)).toBe('5.5 hours');
    expect(formatDuration(1)).toBe('1.0 days');
    expect(formatDuration(8.14)).toBe('8.1 days');
    expect(formatDuration(Number.NaN)).toBe('no value');
  });

  it('money: symbol or code, k and M', () => {
    expect(formatMoney(334_000, 'GBP')).toBe('£334k');
    expect(formatMoney(1_662_126, 'GBP')).toBe('£1.66M');
    expect(formatMoney(-334_400, 'EUR')).toBe('−€334k');
    expect(formatMoney(950, 'CHF')).toBe('CHF 950');
    expect(formatMoney(2_500, 'constructor')).toBe('constructor 3k');
  });

  it('signed percentages with a typographic minus', () => {
    expect(formatSignedPercent(-0.2)).toBe('−20%');
    expect(formatSignedPercent(0.035)).toBe('+3.5%');
    expect(formatSignedPercent(-0.99)).toBe('−99%');
    expect(formatSignedPercent(0.0001)).toBe('0%');
  });

  it('an interval that includes zero is "no clear difference"; one that excludes it is a change with its interval', () => {
    const flat = { baseline: 100, design: 98, difference: { mean: -2, ci95: [-5, 1] as const } };
    expect(noClearDifference(flat)).toBe(true);
    expect(changeClause('total cost', flat, (x) => formatMoney(x * 1000, 'GBP'))).toBe('no clear difference in total cost (£100k against £98k)');
    const touching = { baseline: 100, design: 95, difference: { mean: -5, ci95: [-10, 0] as const } };
    expect(noClearDifference(touching)).toBe(true);
    const down = { baseline: 1_662_000, design: 1_328_000, difference: { mean: -334_000, ci95: [-366_000, -300_000] as const } };
    expect(relativeChange(down).share).toBeCloseTo(-0.20096, 4);
    expect(changeClause('total cost a year', down, (x) => formatMoney(x, 'GBP'))).toBe(
      'total cost a year falls from £1.66M to £1.33M (−20%, 95% CI −22% to −18%)',
    );
    const up = { baseline: 8.1, design: 9.1, difference: { mean: 1, ci95: [0.5, 1.5] as const } };
    expect(changeClause('the mean lead time', up, formatDuration)).toBe('the mean lead time rises from 8.1 days to 9.1 days (+12%, 95% CI +6.2% to +19%)');
  });

  it('the caveat names what the intervals do not cover', () => {
    expect(CAVEAT).toContain('simulation noise only');
    expect(CAVEAT).toContain("not uncertainty in the scenario's inputs");
  });
});
