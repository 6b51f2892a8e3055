// The scenario name names the output folder: only one safe folder name passes validation, and a
// refused name gets a located error like any other scenario problem (issue 13, points 1 and 2).
import { describe, expect, it } from 'vitest';
import { MAX_NAME_BYTES, unsafeNameReason } from '../../src/scenario/safe-name.js';
import { errorsOf } from './helpers.js';

const EXPECTED =
  'expected a folder name of letters, digits, spaces, ".", "-" and "_", starting with a letter or digit, ' +
  'not ending with "." or a space, at most 100 bytes';

describe('scenario name: a safe single folder name', () => {
  it('names that climb out of output/ or hide the folder are refused, located at the value', () => {
    expect(errorsOf('name: "../../victim"\n')).toBe(`scenarios/acme.yaml:1:7 name: ${EXPECTED}, got "../../victim": it contains "/"`);
    expect(errorsOf('seed: 1\nname: ..\n')).toBe(`scenarios/acme.yaml:2:7 name: ${EXPECTED}, got "..": it starts with "."`);
    expect(errorsOf('name: .hidden\n')).toBe(`scenarios/acme.yaml:1:7 name: ${EXPECTED}, got ".hidden": it starts with "."`);
    expect(errorsOf('name: a\\b\n')).toBe(`scenarios/acme.yaml:1:7 name: ${EXPECTED}, got "a\\\\b": it contains "\\\\"`);
  });

  it('a NUL, a control character or an escape sequence is refused and shown escaped', () => {
    expect(errorsOf('name: "a\\0b"\n')).toBe(`scenarios/acme.yaml:1:7 name: ${EXPECTED}, got "a\\u0000b": it contains "\\u0000"`);
    expect(errorsOf('name: "red\\e[31m"\n')).toBe(`scenarios/acme.yaml:1:7 name: ${EXPECTED}, got "red\\u001b[31m": it contains "\\u001b"`);
    expect(errorsOf('name: "tab\\there"\n')).toContain('it contains "\\t"');
  });

  it('a name of 255 characters is refused (it used to fail with ENAMETOOLONG), shown cut', () => {
    const long = 'a'.repeat(255);
    expect(errorsOf(`name: ${long}\n`)).toBe(`scenarios/acme.yaml:1:7 name: ${EXPECTED}, got "${'a'.repeat(40)}"…: it is 255 bytes long`);
  });

  it('the limit counts UTF-8 bytes: 100 ASCII characters pass, 51 two-byte letters do not', () => {
    expect(unsafeNameReason('a'.repeat(MAX_NAME_BYTES))).toBeUndefined();
    expect(unsafeNameReason('a'.repeat(MAX_NAME_BYTES + 1))).toBe('it is 101 bytes long');
    expect(unsafeNameReason('é'.repeat(50))).toBeUndefined();
    expect(unsafeNameReason('é'.repeat(51))).toBe('it is 102 bytes long');
  });

  it('names a spreadsheet or a shell would read as something else are refused', () => {
    expect(unsafeNameReason('=HYPERLINK("x")')).toBe('it contains "="');
    expect(unsafeNameReason('-rf')).toBe('it starts with "-"');
    expect(unsafeNameReason('+1')).toBe('it contains "+"');
    expect(unsafeNameReason('@SUM')).toBe('it contains "@"');
    expect(unsafeNameReason('name.')).toBe('it ends with "."');
    expect(unsafeNameReason('name ')).toBe('it ends with " "');
    expect(unsafeNameReason(' name')).toBe('it starts with " "');
    expect(unsafeNameReason('CON')).toBe('it is a device name Windows reserves');
    expect(unsafeNameReason('nul.txt')).toBe('it is a device name Windows reserves');
    expect(unsafeNameReason('com1')).toBe('it is a device name Windows reserves');
    expect(unsafeNameReason('console')).toBeUndefined();
  });

  it('ordinary names pass, in any script', () => {
    for (const name of ['ops-run-it', 'ops-run-it-25-teams', 'Prévision 2027', 'v1.2_final', '日本の運用', 'Ωmega 3', 'a..b']) {
      expect(unsafeNameReason(name), name).toBeUndefined();
      expect(errorsOf(`name: ${name}\n`), name).toBe('');
    }
  });
});
