// `orisim calibrate` end to end (in-process): the hand-written fixture export (labels, display
// values, dd/MM/yyyy, BOM, CRLF, multi-line descriptions, canceled changes, ten bad rows), the
// pinned errors for exports that cannot be used, and the report folder's refusal rules.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, truncateSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { loadScenario } from '../../src/node/scenario-files.js';
import { captureCli } from '../cli/capture.js';

const FIXTURE = 'test/fixtures/change_request_labels.csv';
let dir: string;
let out: string[];
let err: string[];

captureCli('orisim-calibrate-', (c) => ({ dir, out, err } = c));

describe('orisim calibrate on the hand-written fixture export', () => {
  it('reports each bad row by number and reason and still writes a valid scenario', async () => {
    const raw = readFileSync(FIXTURE);
    // The fixture is what it claims to be: a BOM, CRLF line ends, quoted multi-line fields, label headers.
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(raw.toString('utf8')).toContain('\r\n');
    expect(raw.toString('utf8').replace(/\r\n/g, '')).not.toContain('\n');
    expect(raw.toString('utf8')).toContain('"Rotate TLS certificates\r\non the web shop front ends"');

    const yaml = join(dir, 'acme.yaml');
    const report = join(dir, 'report');
    expect(await main(['calibrate', FIXTURE, '--out', yaml, '--report', report])).toBe(0);
    expect(err.join('')).toBe(
      [
        `read ${FIXTURE}: 44 rows, 34 used, 10 bad; dates as dd/MM/yyyy HH:mm:ss (detected)`,
        'bad rows skipped (row numbers count the header as row 1):',
        '  missing opened_at: 1 row (12)',
        '  unparseable opened_at: 2 rows (14, 16)',
        '  unknown type: 1 row (18)',
        '  missing type: 1 row (20)',
        '  work_end before work_start: 1 row (22)',
        '  missing work_start: 1 row (24)',
        '  unparseable work_end: 1 row (26)',
        '  unknown close_code: 1 row (28)',
        '  wrong number of columns: 1 row (30)',
        `wrote ${yaml}`,
        `wrote ${report}/ (calibration.json, calibration.md)`,
        '',
      ].join('\n'),
    );
    expect(out.join('')).toBe('');

    const cal = JSON.parse(readFileSync(join(report, 'calibration.json'), 'utf8'));
    expect(cal.badRows.rows.map((b: { row: number; number: string; reason: string }) => [b.row, b.number, b.reason])).toEqual([
      [12, 'CHG0030011', 'missing opened_at'],
      [14, 'CHG0030013', 'unparseable opened_at'],
      [16, 'CHG0030015', 'unparseable opened_at'],
      [18, 'CHG0030017', 'unknown type'],
      [20, 'CHG0030019', 'missing type'],
      [22, 'CHG0030021', 'work_end before work_start'],
      [24, 'CHG0030023', 'missing work_start'],
      [26, 'CHG0030025', 'unparseable work_end'],
      [28, 'CHG0030027', 'unknown close_code'],
      [30, 'CHG0030029', 'wrong number of columns'],
    ]);
    expect(cal.badRows.rows[1].detail).toBe('expected dd/MM/yyyy HH:mm:ss, got "31/02/2026 10:00:00"');
    expect(cal.badRows.rows[9].detail).toBe('expected 12, got 4');
    expect(cal.export.columns).toMatchObject({ number: 'Number', type: 'Type', opened_at: 'Opened', cab_date: 'CAB date', work_start: 'Actual start', close_code: 'Close code' });
    // Counted by hand from the fixture: 34 good rows, 3 canceled, 31 live: 10 standard, 19 normal, 2 emergency.
    expect(cal.types.standard).toMatchObject({ count: 10, n: 31 });
    expect(cal.types.emergency).toMatchObject({ count: 2, n: 31 });
    expect(cal.types.canceled).toMatchObject({ count: 3, n: 34 });
    // Normal changes approved or rejected: 22, of which CHG0030008 and CHG0030040 rejected.
    expect(cal.rejection.share).toMatchObject({ count: 2, n: 22 });
    // Implemented (Closed or Review) normal changes with a close code: the 19 live normal ones but
    // CHG0030037 (Scheduled) = 18; unsuccessful CHG0030006 and CHG0030039.
    expect(cal.failure.unsuccessful).toMatchObject({ count: 2, n: 18 });
    expect(cal.cab).toMatchObject({ days: ['tue'], time: '10:00', everyWeeks: 1, meetings: 9 });
    // Shortest opened → CAB of a change that made its meeting: CHG0030003, 05/01 08:40 → 06/01 10:00
    // = 25h20m; longest before a meeting it missed: CHG0030037, 16/02 10:00 → 17/02 10:00 = 24h, less
    // an hour for its assessment. The roundest value above 23h and at most 25h20m: a whole day.
    expect(cal.wait).toMatchObject({ shortestGapMinutes: 25 * 60 + 20, longestMissMinutes: 24 * 60, cutoffMinutes: 24 * 60 });
    expect(readFileSync(join(report, 'calibration.md'), 'utf8')).toContain('- unparseable opened_at: 2 rows (14, 16)');
    expect(readdirSync(report).sort()).toEqual(['.orisim-output', 'calibration.json', 'calibration.md']);

    const s = loadScenario(yaml);
    expect(s.teams.delivery.count).toBe(3);
    expect(s.teams.changeManagement.cab.days).toEqual([1]); // Tuesday (Monday is 0)
    const text = readFileSync(yaml, 'utf8');
    expect(text).toContain('    count: 3  # fitted: 3 assignment groups (Web Shop 11, Data Platform 10, Payments 10)');
    expect(text).toContain('      time: "10:00"  # fitted: the most common meeting time');
    expect(text).toContain('    people: 7  # assumption: not in the export');
    // Low-risk normal changes: one deployment only, too few for a rate, so the default stays.
    expect(text).toContain('    failureRate: 0.15  # assumption: not in the export (only 0 of 1 closed normal changes with a close code; a rate needs at least 5)');
    expect(text).toContain('      deployment: { lognormal: { median: 1h31m, p90: 2h36m } }  # fitted from work_end - work_start of 10 rows, 2026-01-10 to 2026-03-07; KS distance 0.183;');
    // 2 emergency changes of 31 (issue 20: written as each class's emergencyShare, no longer a comment that would not load).
    expect(text).toMatch(/^# emergency changes: 2 of 31 changes not canceled \(6\.5%\); written as each class's emergencyShare/m);
    expect(text).toMatch(/^ {4}emergencyShare: 0\.2 {2}# fitted: 2 of 10 changes of this risk were emergency changes/m);
  });

  it('prints the scenario on stdout without --out, and the same export gives the same text', async () => {
    expect(await main(['calibrate', FIXTURE])).toBe(0);
    const first = out.join('');
    out.length = 0;
    expect(await main(['calibrate', FIXTURE])).toBe(0);
    expect(out.join('')).toBe(first);
    expect(first).toMatch(/^# Calibrated by "orisim calibrate"/);
  });

  it('--map reads fields from other columns (an export from another tool)', async () => {
    const text = readFileSync(FIXTURE, 'utf8').replace('Number,Short description,Type,State,Approval,Risk,Assignment group,Opened', 'Key,Summary,Kind,Status,Approval,Risk,Team,Created');
    const file = join(dir, 'jira.csv');
    writeFileSync(file, text);
    expect(await main(['calibrate', file, '--map', 'number=Key', '--map', 'type=Kind', '--map', 'state=Status', '--map', 'assignment_group=Team', '--map', 'opened_at=Created'])).toBe(0);
    expect(err.join('')).toContain(`read ${file}: 44 rows, 34 used, 10 bad`);
    expect(out.join('')).toContain('count: 3  # fitted: 3 assignment groups');
  });
});

describe('orisim calibrate refuses exports it cannot use, with file:row:column (exit 2)', () => {
  const run = async (args: string[]): Promise<[number, string]> => [await main(['calibrate', ...args]), err.join('')];

  it('a missing required column', async () => {
    const file = join(dir, 'no-opened.csv');
    writeFileSync(file, 'Number,Type,Actual start,Actual end\nCHG1,Normal,2026-01-05 10:00:00,2026-01-05 11:00:00\n');
    expect(await run([file])).toEqual([2, `orisim: ${file}:1:1 expected the column opened_at ("Opened") (by field name or label, or --map FIELD=COLUMN), got the header "Number", "Type", "Actual start", "Actual end"\n`]);
  });

  it('a file that does not exist, a folder, a FIFO', async () => {
    const missing = join(dir, 'nope.csv');
    expect(await run([missing])).toEqual([2, `orisim: ${missing}:0:0 cannot read the export: no such file\n`]);
    err.length = 0;
    expect(await run([dir])).toEqual([2, `orisim: ${dir}:0:0 cannot read the export: it is a folder\n`]);
    err.length = 0;
    const fifo = join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    expect(await run([fifo])).toEqual([2, `orisim: ${fifo}:0:0 cannot read the export: it is not a regular file\n`]);
  });

  it('an unreadable file', async () => {
    const file = join(dir, 'secret.csv');
    writeFileSync(file, 'x', { mode: 0o000 });
    if (process.getuid?.() === 0) return; // root reads anything
    expect(await run([file])).toEqual([2, `orisim: ${file}:0:0 cannot read the export: permission denied\n`]);
  });

  it('CSV it cannot parse, UTF-16, binary, an empty file', async () => {
    const file = join(dir, 'x.csv');
    writeFileSync(file, 'number,type,opened_at,work_start,work_end\nCHG1,normal,"2026-01-05 10:00:00,x,y\n');
    expect(await run([file])).toEqual([2, `orisim: ${file}:2:3 expected a closing quote before the end of the file (CSV_QUOTE_NOT_CLOSED)\n`]);
    err.length = 0;
    writeFileSync(file, Buffer.from('\ufeffnumber,type', 'utf16le'));
    expect(await run([file])).toEqual([2, `orisim: ${file}:1:1 expected UTF-8 text, got UTF-16 (save the export as CSV UTF-8)\n`]);
    err.length = 0;
    writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    expect(await run([file])).toEqual([2, `orisim: ${file}:0:0 expected CSV text, got a binary file (it contains NUL bytes)\n`]);
    err.length = 0;
    writeFileSync(file, '');
    expect(await run([file])).toEqual([2, `orisim: ${file}:1:1 expected a header row naming the columns, got an empty file\n`]);
  });

  it('an export with no usable change', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'number,type,opened_at,work_start,work_end\nCHG1,minor,2026-01-05 10:00:00,,\n');
    expect(await run([file])).toEqual([2, `orisim: ${file}:2:1 expected at least one change that is not canceled, got 0 canceled and 1 bad rows: unknown type 1 row (row 2: expected Standard, Normal or Emergency, got "minor")\n`]);
  });

  it('wrong --map and --date-format arguments', async () => {
    expect(await run([FIXTURE, '--map', 'opend_at=Created'])).toEqual([2, 'orisim: --map opend_at=Created: unknown field "opend_at"; did you mean "opened_at"?\nRun "orisim --help" for usage.\n']);
    err.length = 0;
    expect(await run([FIXTURE, '--map', 'opened_at'])).toEqual([2, 'orisim: --map opened_at: expected FIELD=COLUMN, e.g. --map opened_at=Created\nRun "orisim --help" for usage.\n']);
    err.length = 0;
    expect((await run([FIXTURE, '--map', 'opened_at=Created']))[1]).toBe(`orisim: ${FIXTURE}:1:1 --map opened_at=Created: expected a column named "Created", got the header "Number", "Short description", "Type", "State", "Approval", "Risk", "Assignment group", "Opened", "CAB date", "Actual start", "Actual end", "Close code"\n`);
    err.length = 0;
    expect((await run([FIXTURE, '--date-format', 'dd/mm/yy']))[1]).toMatch(/^orisim: --date-format: expected one of "yyyy-MM-dd HH:mm:ss", "dd\/MM\/yyyy HH:mm:ss", .* got "dd\/mm\/yy"\n/);
  });

  it('--date-format forces a format: the fixture read as MM-dd-yyyy has no usable row', async () => {
    expect(await run([FIXTURE, '--date-format', 'MM-dd-yyyy HH:mm:ss'])).toEqual([2, `orisim: ${FIXTURE}:2:1 expected at least one change that is not canceled, got 0 canceled and 44 bad rows: unparseable opened_at 39 rows (row 2: expected MM-dd-yyyy HH:mm:ss, got "02/01/2026 09:15:00"); missing opened_at 1 row (row 12: empty); unknown type 1 row (row 18: expected Standard, Normal or Emergency, got "Minor"); and 3 more reasons\n`]);
  });
});

describe('orisim calibrate writes only where it may', () => {
  it('refuses a --report folder that holds files orisim did not write, before reading the export', async () => {
    const report = join(dir, 'notes');
    mkdirSync(report);
    writeFileSync(join(report, 'mine.txt'), 'keep');
    expect(await main(['calibrate', join(dir, 'missing.csv'), '--report', report])).toBe(2);
    expect(err.join('')).toBe(`orisim: output folder "${report}" is not empty and orisim replaces only its own output folders: it is not an orisim output folder (no valid .orisim-output marker) and holds "mine.txt"; choose another --out\n`);
    expect(readFileSync(join(report, 'mine.txt'), 'utf8')).toBe('keep');
  });

  it('replaces its own --out file and report folder, refuses a scenario file it did not write', async () => {
    const yaml = join(dir, 's.yaml');
    const report = join(dir, 'r');
    expect(await main(['calibrate', FIXTURE, '--out', yaml, '--report', report])).toBe(0);
    expect(await main(['calibrate', FIXTURE, '--out', yaml, '--report', report])).toBe(0);
    writeFileSync(yaml, 'name: mine\n');
    err.length = 0;
    expect(await main(['calibrate', FIXTURE, '--out', yaml])).toBe(2);
    expect(err.join('')).toContain(`orisim: --out ${yaml} exists and was not written by orisim calibrate; choose another --out\n`);
    expect(readFileSync(yaml, 'utf8')).toBe('name: mine\n');
  });
});

describe('orisim calibrate limits', () => {
  it('refuses an export over 100 MB and one over a million lines', async () => {
    const big = join(dir, 'big.csv');
    writeFileSync(big, '');
    truncateSync(big, 100 * 1024 * 1024 + 1); // sparse: nothing is really written
    expect(await main(['calibrate', big])).toBe(2);
    expect(err.join('')).toBe(`orisim: ${big}:0:0 cannot read the export: it is 104857601 bytes, at most 104857600\n`);
    err.length = 0;
    const many = join(dir, 'many.csv');
    writeFileSync(many, 'number,type,opened_at,work_start,work_end\n' + '\n'.repeat(1_000_000));
    expect(await main(['calibrate', many])).toBe(2);
    expect(err.join('')).toBe(`orisim: ${many}:1000001:1 expected at most 1000000 lines, got more\n`);
  });
});
