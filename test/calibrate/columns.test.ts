// Column names as real instances write them (issue 20): labels by release and language, any case
// and spacing; a missing required column names the closest header; planned start and end stand in,
// with a warning, when an export has no actual times.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readExport } from '../../src/node/export-file.js';
import { closestHeader } from '../../src/calibrate/columns.js';

const dir = mkdtempSync(join(tmpdir(), 'orisim-columns-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const write = (text: string): string => {
  const file = join(dir, `e${n++}.csv`);
  writeFileSync(file, text);
  return file;
};
const at = (iso: string): number => Date.parse(`${iso}Z`) / 60_000;
const ROW = 'CHG1,Normal,Closed,2026-01-05 10:00:00,2026-01-06 10:00:00,2026-01-06 11:00:00';

describe('tolerant column matching', () => {
  it('reads release and language variants, in any case and spacing', () => {
    for (const head of [
      'Number,Type,State,Created,Actual start date,Actual end date',
      'NUMBER,  type ,STATE,Opened on,actual_start,ACTUAL-END',
      'Nummer,Typ,Status,Erstellt,Tatsächlicher Beginn,Tatsächliches Ende',
      'Numéro,Type,Statut,Créé le,Début réel,Fin réelle',
    ]) {
      const data = readExport(write(`${head}\n${ROW}\n`));
      expect(data.bad, head).toEqual([]);
      expect(data.rows[0], head).toMatchObject({ number: 'CHG1', type: 'normal', state: 'implemented', openedAt: at('2026-01-05T10:00:00'), workStart: at('2026-01-06T10:00:00'), workEnd: at('2026-01-06T11:00:00') });
      expect(data.warnings).toEqual([]);
    }
  });

  it('a missing required column names the closest header (pinned)', () => {
    const file = write(`Number,Type,State,Opened,Actual strat date,Actual end date\n${ROW}\n`);
    expect(() => readExport(file)).toThrow(
      `${file}:1:1 expected the column work_start ("Actual start") (by field name or label, or --map FIELD=COLUMN), got the header "Number", "Type", "State", "Opened", "Actual strat date", "Actual end date"; did you mean "Actual strat date" for work_start? (--map work_start="Actual strat date")`,
    );
    expect(closestHeader('opened_at', ['Number', 'Opened (UTC)'])).toBe('Opened (UTC)');
    expect(closestHeader('opened_at', ['Number', 'Priority'])).toBeUndefined();
  });

  it('planned start and end stand in, with a warning, when there are no actual times', () => {
    const data = readExport(write(`Number,Type,State,Opened,Planned start date,Planned end date\n${ROW}\n`));
    expect(data.rows[0]).toMatchObject({ workStart: at('2026-01-06T10:00:00'), workEnd: at('2026-01-06T11:00:00') });
    expect(data.warnings).toEqual(['no "Actual start" and "Actual end" columns: read the planned "Planned start date" and "Planned end date" instead, so deployment durations and lead times are the plan\'s, not what happened']);
  });

  it('a row without actual times reads its planned ones, counted in a warning', () => {
    const data = readExport(write('Number,Type,State,Opened,Actual start,Actual end,Planned start date,Planned end date\n' + 'A,Normal,Closed,2026-01-05 10:00:00,,,2026-01-07 10:00:00,2026-01-07 12:00:00\n' + 'B,Normal,Closed,2026-01-05 10:00:00,2026-01-06 10:00:00,2026-01-06 11:00:00,2026-01-07 10:00:00,2026-01-07 12:00:00\n'));
    expect(data.rows.map((r) => r.workStart)).toEqual([at('2026-01-07T10:00:00'), at('2026-01-06T10:00:00')]);
    expect(data.warnings).toEqual(['1 implemented change has no actual start or end: its planned start and end read instead']);
  });
});
