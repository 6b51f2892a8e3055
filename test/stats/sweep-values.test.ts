// Sweep values (--values): lists, ranges and steps parsed into the values swept, and where a team's
// utilisation first crosses 85% and 100% along the sweep.
import { describe, expect, it } from 'vitest';
import { crossings, numericValues, parseSweepValues, type SweepPoint } from '../../src/stats/sweep.js';

describe('parseSweepValues', () => {
  it('parses lists, ranges and steps', () => {
    expect(parseSweepValues('1,2,5')).toEqual(['1', '2', '5']);
    expect(parseSweepValues(' 1w, 2w ,4w')).toEqual(['1w', '2w', '4w']);
    expect(parseSweepValues('weekly')).toEqual(['weekly']);
    expect(parseSweepValues('1..5')).toEqual(['1', '2', '3', '4', '5']);
    expect(parseSweepValues('1..30:5')).toEqual(['1', '6', '11', '16', '21', '26']);
    expect(parseSweepValues('2..30:4')).toEqual(['2', '6', '10', '14', '18', '22', '26', '30']);
    expect(parseSweepValues('0..1:0.25')).toEqual(['0', '0.25', '0.5', '0.75', '1']);
    expect(parseSweepValues('0..0.3:0.1')).toEqual(['0', '0.1', '0.2', '0.3']);
    expect(parseSweepValues('3..3')).toEqual(['3']);
    expect(parseSweepValues('-2..2:2')).toEqual(['-2', '0', '2']);
  });

  it('says what is wrong with bad values', () => {
    expect(() => parseSweepValues('5..1')).toThrow("--values '5..1': FROM (5) is greater than TO (1)");
    expect(() => parseSweepValues('1..x')).toThrow("--values '1..x': TO must be a number, got 'x'");
    expect(() => parseSweepValues('a..3')).toThrow("--values 'a..3': FROM must be a number, got 'a'");
    expect(() => parseSweepValues('1..10:0')).toThrow("--values '1..10:0': STEP must be greater than 0, got 0");
    expect(() => parseSweepValues('1..10:-1')).toThrow("--values '1..10:-1': STEP must be greater than 0, got -1");
    expect(() => parseSweepValues('1..10:z')).toThrow("--values '1..10:z': STEP must be a number, got 'z'");
    expect(() => parseSweepValues('')).toThrow('--values is empty: give a list (1,2,5) or a range (FROM..TO or FROM..TO:STEP)');
    expect(() => parseSweepValues('  ')).toThrow('--values is empty');
    expect(() => parseSweepValues('1,,2')).toThrow("--values '1,,2': item 2 is empty");
    expect(() => parseSweepValues('1,2,1')).toThrow("--values '1,2,1': '1' is given twice");
    expect(() => parseSweepValues('1..100000')).toThrow("--values '1..100000': 100000 values, at most 1000");
  });

  it('knows numeric values from others', () => {
    expect(numericValues(['1', '2.5'])).toEqual([1, 2.5]);
    expect(numericValues(['1w', '2w'])).toBeUndefined();
  });
});

describe('crossings', () => {
  const point = (value: string, delivery: number): SweepPoint =>
    ({ value, variant: 'normal', utilisation: { delivery, changeManagement: 0.1, applicationSupport: 0.2, outOfHoursWindows: 0 } }) as unknown as SweepPoint;
  it('finds the first value where a team reaches 85% and 100%', () => {
    const values = ['1', '2', '3', '4'];
    const c = crossings([point('1', 0.5), point('2', 0.86), point('3', 0.9), point('4', 0.99)], values);
    expect(c.map((x) => [x.team, x.threshold, x.value])).toEqual([
      ['delivery', '85%', '2'],
      ['delivery', '100%', '4'],
    ]);
  });
});
