// groupDigits writes every number as toLocaleString('en-GB') does: whole numbers by hand (the
// locale data it avoids loading), the rest through toLocaleString itself.
import { describe, expect } from 'vitest';
import { fc, it } from '@fast-check/vitest';
import { groupDigits } from '../../src/scenario/group-digits.js';

describe('groupDigits', () => {
  it('pins the cases', () => {
    expect([0, -0, 7, 999, 1000, -1000, 1234567, -987654321, 1e20, 2.5].map(groupDigits)).toEqual(
      ['0', '-0', '7', '999', '1,000', '-1,000', '1,234,567', '-987,654,321', '100,000,000,000,000,000,000', '2.5'],
    );
  });

  it.prop([fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.maxSafeInteger(), fc.double({ min: -1e22, max: 1e22 }), fc.double().map(Math.round), fc.constant(-0))])(
    'agrees with toLocaleString("en-GB")',
    (n) => {
      expect(groupDigits(n)).toBe(n.toLocaleString('en-GB'));
    },
  );
});
