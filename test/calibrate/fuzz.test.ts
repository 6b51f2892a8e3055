// Issue 25: a seeded fuzz test of `orisim calibrate` through the in-process CLI. Random exports:
// CR, LF, CRLF and mixed line ends, quoted and unquoted cells, UTF-8 with and without a BOM,
// UTF-16 (LE, BE, with and without a BOM), Latin-1 bytes, junk and duplicated columns, extreme
// dates (0001 … 9999, before 1970, past 2100), control and bidi characters, and extreme counts
// (a row repeated up to 1,200 times: many groups, or every change in one minute). Every case must
// exit 0 or 2 (never 1, never a stack trace), within a time bound, print no raw control or bidi
// character, write nothing but its --out file and --report folder, and nothing at all on exit 2;
// a scenario written must load.
import { describe, expect, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { loadScenario } from '../../src/node/scenario-files.js';
import { captureCli } from '../cli/capture.js';

let dir: string;
let out: string[];
let err: string[];
captureCli('orisim-calibrate-fuzz-', (c) => ({ dir, out, err } = c));

const COLUMNS = ['number', 'type', 'state', 'approval', 'risk', 'assignment_group', 'opened_at', 'cab_date', 'work_start', 'work_end', 'close_code'] as const;
const LABELS: Record<(typeof COLUMNS)[number], string> = {
  number: 'Number', type: 'Type', state: 'State', approval: 'Approval', risk: 'Risk', assignment_group: 'Assignment group',
  opened_at: 'Opened', cab_date: 'CAB date', work_start: 'Actual start', work_end: 'Actual end', close_code: 'Close code',
};
const JUNK_COLUMNS = ['Short description', '', 'x', 'Number', 'opened_at', '"quoted, header"', '\u202eevil', 'sys_id'];

const NASTY = ['"', ',', '\n', '\r', '\r\n', '\u0000', '\u001b[31m', '\u0007', '\u009b', '\u202e', '\u2066', '\u2028', '\ufeff', '\ud800', '\uffff',
  '|', '</script><script>alert(1)</script>', '*_`[x](y)', '=cmd()', '-1', 'NaN', 'é', '東京', '🙂', ' ', ''];
const junk = fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom(...NASTY));
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const EXTREME_DATES = ['0001-01-01 00:00:00', '1969-12-31 23:59:59', '1970-01-01 00:00:00', '1970-01-05', '2099-12-31 23:59:59', '2100-01-01 00:00:00',
  '2201-01-01 00:00:00', '9999-12-31 23:59:59', '31/12/9999 23:59', '01/01/1970 00:00:00', '02-29-2024 12:00:00', '2026-02-29 10:00:00', '2026-01-05T10:00'];
const stamp = fc
  .tuple(fc.integer({ min: 2025, max: 2027 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([y, m, d, h, mi]) => `${y}-${pad(m)}-${pad(d)} ${pad(h)}:${pad(mi)}:00`);
const dateCell = fc.oneof({ weight: 6, arbitrary: stamp }, { weight: 2, arbitrary: fc.constantFrom(...EXTREME_DATES) }, { weight: 1, arbitrary: fc.constant('') }, { weight: 1, arbitrary: junk });
const pickOr = (values: string[]): fc.Arbitrary<string> => fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: junk });
const CELLS: Record<(typeof COLUMNS)[number], fc.Arbitrary<string>> = {
  number: pickOr(['CHG1', 'CHG2', '']),
  type: pickOr(['Normal', 'Standard', 'Emergency', 'normal', 'Comprehensive']),
  state: pickOr(['Closed', 'Canceled', 'Review', 'New', '3', '-5', '']),
  approval: pickOr(['Approved', 'Rejected', 'Not Yet Requested', '']),
  risk: pickOr(['High', 'Low', 'Moderate', '1', '']),
  assignment_group: pickOr(['Payments', 'Web', 'G#', '']),
  opened_at: dateCell,
  cab_date: dateCell,
  work_start: dateCell,
  work_end: dateCell,
  close_code: pickOr(['Successful', 'Unsuccessful', 'Successful with issues', '']),
};

const REQUIRED = ['type', 'opened_at', 'work_start', 'work_end'] as const;
const OPTIONAL = COLUMNS.filter((c) => !(REQUIRED as readonly string[]).includes(c));
/** A header: the required columns (one now and then left out) and some optional ones in any order, by field name or label, with junk columns. */
const header = fc
  .tuple(fc.subarray(OPTIONAL), fc.oneof({ weight: 9, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }) }))
  .map(([optional, drop]) => [...REQUIRED.filter((_c, i) => i !== drop), ...optional])
  .chain((cols) => fc.tuple(fc.shuffledSubarray(cols, { minLength: cols.length, maxLength: cols.length }), fc.boolean(), fc.subarray(JUNK_COLUMNS, { maxLength: 2 })))
  .map(([cols, labels, extra]) => ({ cols, names: [...cols.map((c) => (labels ? LABELS[c] : c)), ...extra], extra: extra.length }));

/** Rows for a header: each a few cells, sometimes repeated (up to 1,200 times) with its group or minute varied or not. */
const rowsFor = (cols: readonly (typeof COLUMNS)[number][], extra: number) => {
  const tail = fc.oneof({ weight: 9, arbitrary: fc.constant(extra) }, { weight: 1, arbitrary: fc.constantFrom(Math.max(0, extra - 1), extra + 1) });
  const row = fc.tuple(fc.tuple(...cols.map((c) => CELLS[c])), tail.chain((n) => fc.array(junk, { minLength: n, maxLength: n })));
  const block = fc.tuple(row, fc.oneof({ weight: 8, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 1200 }) }), fc.boolean());
  return fc.array(block, { maxLength: 12 }).map((blocks) =>
    blocks.flatMap(([[cells, tail], times, vary]) =>
      Array.from({ length: times }, (_x, i) => {
        const r = [...cells, ...tail];
        if (vary && times > 1) {
          const g = cols.indexOf('assignment_group');
          if (g >= 0) r[g] = `G${i}`;
        }
        return r;
      }),
    ),
  );
};

const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const EOLS = ['\n', '\r\n', '\r'];

/** The export's bytes in one of the encodings an export may come in (or be wrongly saved in). */
function encode(text: string, encoding: string): Buffer {
  switch (encoding) {
    case 'utf8-bom': return Buffer.from(`\ufeff${text}`, 'utf8');
    case 'utf16le-bom': return Buffer.from(`\ufeff${text}`, 'utf16le');
    case 'utf16le': return Buffer.from(text, 'utf16le');
    case 'utf16be-bom': return Buffer.from(`\ufeff${text}`, 'utf16le').swap16();
    case 'latin1': return Buffer.from(text, 'latin1');
    default: return Buffer.from(text, 'utf8');
  }
}

const exportCase = header.chain(({ cols, names, extra }) =>
  fc.record({
    names: fc.constant(names),
    rows: rowsFor(cols, extra),
    eol: fc.oneof(fc.constantFrom(...EOLS), fc.constant('mixed')),
    quoting: fc.constantFrom('needed', 'needed', 'needed', 'all', 'none', 'unclosed'),
    encoding: fc.constantFrom('utf8', 'utf8', 'utf8', 'utf8', 'utf8-bom', 'utf8-bom', 'latin1', 'latin1', 'utf16le-bom', 'utf16le', 'utf16be-bom'),
    withOut: fc.boolean(),
    withReport: fc.boolean(),
    mixedEols: fc.array(fc.constantFrom(...EOLS), { minLength: 1, maxLength: 5 }),
  }),
);

function csvText(c: { names: string[]; rows: string[][]; eol: string; quoting: string; mixedEols: string[] }): string {
  const cell = (s: string): string => (c.quoting === 'all' || (c.quoting !== 'none' && /[",\r\n]/.test(s)) ? quote(s) : s);
  const lines = [c.names, ...c.rows].map((r) => r.map(cell).join(','));
  if (c.quoting === 'unclosed' && lines.length > 1) lines[lines.length - 1] += ',"never closed';
  if (c.eol !== 'mixed') return lines.join(c.eol) + c.eol;
  return lines.map((l, i) => l + c.mixedEols[i % c.mixedEols.length]).join('');
}

// eslint-disable-next-line no-control-regex -- what must never reach the terminal raw
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const CASES = 150;
const CASE_MS = 15_000;

describe('fuzz: calibrate on random exports exits 0 or 2, in time, writing only its outputs', () => {
  it(`${CASES} exports`, async () => {
    const cwdBefore = readdirSync('.').sort();
    let refused = 0;
    let written = 0;
    await fc.assert(
      fc.asyncProperty(exportCase, async (c) => {
        const caseDir = mkdtempSync(join(dir, 'case-'));
        try {
          const file = join(caseDir, 'export.csv');
          writeFileSync(file, encode(csvText(c), c.encoding));
          const yaml = join(caseDir, 'calibrated.yaml');
          const report = join(caseDir, 'report');
          out.length = 0;
          err.length = 0;
          const t0 = Date.now();
          const code = await main(['calibrate', file, ...(c.withOut ? ['--out', yaml] : []), ...(c.withReport ? ['--report', report] : [])]);
          const ms = Date.now() - t0;
          const stderr = err.join('');
          expect([0, 2], stderr).toContain(code);
          expect(stderr).not.toMatch(/internal error|\n\s+at /);
          expect(ms, 'a hang').toBeLessThan(CASE_MS);
          expect(stderr).not.toMatch(RAW);
          expect(out.join('')).not.toMatch(RAW);
          const files = readdirSync(caseDir).sort();
          if (code === 2) {
            refused++;
            expect(files, stderr).toEqual(['export.csv']);
            expect(out.join('')).toBe('');
          } else {
            written++;
            expect(files).toEqual(['export.csv', ...(c.withOut ? ['calibrated.yaml'] : []), ...(c.withReport ? ['report'] : [])].sort());
            if (c.withOut) expect(() => loadScenario(yaml)).not.toThrow();
            else expect(out.join('')).toMatch(/^# Calibrated by "orisim calibrate"/);
          }
        } finally {
          rmSync(caseDir, { recursive: true, force: true });
        }
      }),
      { numRuns: CASES, seed: 25 },
    );
    // The generator reaches both outcomes, and nothing was written beside the test's folder.
    expect(refused).toBeGreaterThan(CASES / 10);
    expect(written).toBeGreaterThan(CASES / 10);
    expect(readdirSync('.').sort()).toEqual(cwdBefore);
  }, 300_000);
});
