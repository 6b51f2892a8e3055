// The one helper that makes text from input safe to print on a terminal.
import { describe, expect, it } from 'vitest';
import { printable, printableLines } from '../../src/cli/printable.js';

describe('printable', () => {
  it('shows C0 controls, DEL and C1 controls as \\xHH', () => {
    expect(printable('a\u001b[31mred\u0007')).toBe('a\\x1b[31mred\\x07');
    expect(printable('\u0000\t\n\r\u007f\u0080\u009b\u009f')).toBe('\\x00\\x09\\x0a\\x0d\\x7f\\x80\\x9b\\x9f');
  });

  it('shows bidirectional controls as \\uHHHH and leaves every other character alone', () => {
    expect(printable('abc\u202edcba\u2066x\u2069')).toBe('abc\\u202edcba\\u2066x\\u2069');
    expect(printable('Zürich £ € 東京 \\x1b é\u00a0')).toBe('Zürich £ € 東京 \\x1b é\u00a0');
  });

  it('printableLines keeps the line breaks of a message and escapes the rest', () => {
    expect(printableLines('one\u001b]0;t\u0007\ntwo\r')).toBe('one\\x1b]0;t\\x07\ntwo\\x0d');
  });
});
