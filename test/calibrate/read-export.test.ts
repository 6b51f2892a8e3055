// Reading exports: date formats and their detection, display and raw values, and a property:
// whatever the rows hold, reading never throws anything but ExportError, every row is either
// used or a bad row with a reason, and the scenario written from any usable export validates.
import { afterAll, describe, expect, it } from 'vitest';
import { test as fcTest, fc } from '@fast-check/vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectDateFormat, parseStamp } from '../../src/calibrate/dates.js';
import { ExportError } from '../../src/calibrate/read-export.js';
import { readExport } from '../../src/node/export-file.js';
import { calibrate } from '../../src/calibrate/fit.js';
import { scenarioText } from '../../src/calibrate/write-scenario.js';
import { parseScenarioText } from '../../src/node/scenario-files.js';

const at = (iso: string): number => Date.parse(`${iso}Z`) / 60_000;

describe('dates', () => {
  it('reads each format and refuses impossible dates and times', () => {
    expect(parseStamp('2026-03-04 10:05:09', 'yyyy-MM-dd HH:mm:ss')!.minutes).toBe(at('2026-03-04T10:05:09'));
    expect(parseStamp('04/03/2026 10:05:00', 'dd/MM/yyyy HH:mm:ss')!.minutes).toBe(at('2026-03-04T10:05:00'));
    expect(parseStamp('03-04-2026 10:05:00', 'MM-dd-yyyy HH:mm:ss')!.minutes).toBe(at('2026-03-04T10:05:00'));
    expect(parseStamp('03/04/2026 10:05', 'MM/dd/yyyy HH:mm:ss')!.minutes).toBe(at('2026-03-04T10:05:00'));
    expect(parseStamp('2026-03-04', 'yyyy-MM-dd HH:mm:ss')).toEqual({ minutes: at('2026-03-04T00:00:00'), hasTime: false });
    for (const bad of ['31/02/2026 10:00:00', '04/13/2026 10:00:00', '04/03/2026 24:00:00', '04/03/2026 10:60:00', '2026-03-04 10:00:00', 'soon', '']) {
      expect(parseStamp(bad, 'dd/MM/yyyy HH:mm:ss'), bad).toBeUndefined();
    }
  });

  it('detects the format from the cells', () => {
    expect(detectDateFormat(['2026-01-05 10:00:00', ''])).toBe('yyyy-MM-dd HH:mm:ss');
    expect(detectDateFormat(['05/01/2026 10:00:00', '13/01/2026 10:00:00'])).toBe('dd/MM/yyyy HH:mm:ss');
    expect(detectDateFormat(['01/05/2026 10:00:00', '01/13/2026 10:00:00'])).toBe('MM/dd/yyyy HH:mm:ss');
    expect(detectDateFormat(['01-13-2026 10:00:00'])).toBe('MM-dd-yyyy HH:mm:ss');
    expect(detectDateFormat(['nothing'])).toBeUndefined();
  });
});

describe('values', () => {
  it('display values and raw values mean the same', () => {
    const dir = mkdtempSync(join(tmpdir(), 'orisim-read-'));
    try {
      const file = join(dir, 'x.csv');
      writeFileSync(
        file,
        'number,type,state,approval,risk,opened_at,work_start,work_end,close_code\n' +
          'A,Normal,Closed,Approved,Moderate,2026-01-05 10:00:00,2026-01-06 10:00:00,2026-01-06 11:00:00,Successful with issues\n' +
          'B,normal,3,approved,3,2026-01-05 10:00:00,2026-01-06 10:00:00,2026-01-06 11:00:00,successful_issues\n' +
          'C,Standard,Cancelled,Not Yet Requested,Low,2026-01-05 10:00:00,,,\n',
      );
      const data = readExport(file);
      expect(data.bad).toEqual([]);
      const [a, b, c] = data.rows;
      expect({ ...a, row: 0, number: '' }).toEqual({ ...b, row: 0, number: '' });
      expect(a).toMatchObject({ type: 'normal', state: 'implemented', approval: 'approved', risk: 'moderate', closeCode: 'successful with issues', workStart: at('2026-01-06T10:00:00') });
      expect(c).toMatchObject({ type: 'standard', state: 'canceled', approval: 'not requested', risk: 'low', workStart: undefined });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Cells drawn from plausible values, near misses and junk (quotes, commas, newlines, control characters).
const junk = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('"', ',', '\n', '\r\n', '\u0000', '\u009b', '\u2028', '=cmd()', '-1', 'NaN'));
const cell = (values: string[]) => fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: junk });
const stamp = fc
  .tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([d, m, h, mi]) => `2026-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')} ${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:00`);
const stampCell = fc.oneof({ weight: 6, arbitrary: stamp }, { weight: 1, arbitrary: fc.constant('') }, { weight: 1, arbitrary: junk });
const row = fc.tuple(
  cell(['CHG1', 'CHG2']),
  cell(['Normal', 'Standard', 'Emergency', 'normal']),
  cell(['Closed', 'Canceled', 'Review', 'New', '']),
  cell(['Approved', 'Rejected', '']),
  cell(['High', 'Low', 'Moderate', '']),
  cell(['Payments', 'Web', '']),
  stampCell,
  stampCell,
  stampCell,
  stampCell,
  cell(['Successful', 'Unsuccessful', 'Successful with issues', '']),
);
const HEADERS = ['number,type,state,approval,risk,assignment_group,opened_at,cab_date,work_start,work_end,close_code', 'Number,Type,State,Approval,Risk,Assignment group,Opened,CAB date,Actual start,Actual end,Close code'];
const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;

describe('any export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'orisim-prop-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  fcTest.prop([fc.array(row, { maxLength: 30 }), fc.constantFrom(...HEADERS), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean()], { numRuns: 150, seed: 12 })(
    'is read without a crash, every row used or a bad row, and what is written validates',
    (rows, header, eol, bom, quoteAll) => {
      const text = (bom ? '\ufeff' : '') + [header, ...rows.map((r) => r.map((c) => (quoteAll || /[",\r\n]/.test(c) ? quote(c) : c)).join(','))].join(eol) + eol;
      const file = join(dir, 'x.csv');
      writeFileSync(file, text);
      let data;
      try {
        data = readExport(file);
      } catch (err) {
        expect(err).toBeInstanceOf(ExportError);
        return;
      }
      expect(data.rows.length + data.bad.length).toBeLessThanOrEqual(rows.length);
      for (const b of data.bad) expect(b.reason).toMatch(/^(missing|unparseable|unknown|wrong|work_end)/);
      if (!data.rows.some((r) => r.state !== 'canceled')) return;
      const cal = calibrate(data);
      expect(() => parseScenarioText(scenarioText(cal, 'prop'), 'prop.yaml')).not.toThrow();
    },
  );
});

describe('row numbers', () => {
  it('are spreadsheet rows: blank lines count, a multi-line field is one row', () => {
    const dir = mkdtempSync(join(tmpdir(), 'orisim-rows-'));
    try {
      const file = join(dir, 'x.csv');
      writeFileSync(file, 'number,type,opened_at,work_start,work_end\r\n\r\nA,"two\r\nlines",2026-01-05 10:00:00,,\r\n\r\nB,normal,bad,,\r\n');
      expect(readExport(file).bad.map((b) => [b.row, b.number, b.reason])).toEqual([
        [3, 'A', 'unknown type'],
        [5, 'B', 'unparseable opened_at'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
