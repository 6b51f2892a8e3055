// The CAB's schedule as calibrate writes it (issue 20): monthly ordinals, several meetings a week
// at their own times, an unsure cadence written commented out (and valid when uncommented), and
// the cutoff as the roundest value between what the changes that missed and made a meeting show.
import { describe, expect, it } from 'vitest';
import { parseExport } from '../../src/calibrate/read-export.js';
import { calibrate, workingMinutes } from '../../src/calibrate/fit.js';
import { cutoffEstimate } from '../../src/calibrate/fit-schedule.js';
import { scenarioText } from '../../src/calibrate/write-scenario.js';
import { parseScenarioText } from '../../src/node/scenario-files.js';

const DAY = 1440;
const stamp = (m: number): string => new Date(m * 60_000).toISOString().slice(0, 19).replace('T', ' ');
const at = (iso: string): number => Date.parse(`${iso}Z`) / 60_000;

/** An export with three normal changes decided at each meeting: opened 3, 4 and 5 days before it, deployed the next day at 10:00. */
function exportOf(meetings: readonly number[]): { text: string; cal: ReturnType<typeof calibrate> } {
  let n = 0;
  const rows = meetings.flatMap((m) => [3, 4, 5].map((d) => `C${n++},Normal,Closed,Approved,${stamp(m - d * DAY + 37)},${stamp(m)},${stamp(Math.floor(m / DAY + 1) * DAY + 600)},${stamp(Math.floor(m / DAY + 1) * DAY + 660)}`));
  const csv = `number,type,state,approval,opened_at,cab_date,work_start,work_end\n${rows.join('\n')}\n`;
  const cal = calibrate(parseExport('x.csv', new TextEncoder().encode(csv), ''));
  return { cal, text: scenarioText(cal, 'x') };
}

describe('the CAB forms calibrate writes', () => {
  it('monthly: the first Thursday of each month at 10:00', () => {
    const firstThursdays = Array.from({ length: 12 }, (_x, i) => {
      const d = new Date(Date.UTC(2026, i, 1));
      return d.getTime() / 60_000 + ((4 - d.getUTCDay() + 7) % 7) * DAY + 600;
    });
    const { cal, text } = exportOf(firstThursdays);
    expect(cal.cab).toMatchObject({ days: ['thu'], monthly: ['first thu'], everyWeeks: 1, unsure: undefined });
    expect(text).toMatch(/\n {6}monthly: \[first thu\] {2}# fitted from cab_date of 36 rows, 2026-01-01 to 2026-12-03; 12 meetings in 12 weeks; the meetings fall on the first thu of the month\n {6}time: "10:00"/);
    expect(parseScenarioText(text, 'x.yaml').teams.changeManagement.cab.schedule).toMatchObject({ kind: 'monthly', slots: [{ ordinal: 1, day: 3, minute: 600 }] });
  });

  it('several meetings a week at their own times: Tuesday 10:00 and Thursday 15:00', () => {
    const weeks = Array.from({ length: 10 }, (_x, w) => at('2026-01-06T10:00:00') + w * 7 * DAY);
    const { cal, text } = exportOf([...weeks, ...weeks.map((t) => t + 2 * DAY + 300)].sort((a, b) => a - b));
    expect(cal.cab).toMatchObject({ days: ['tue', 'thu'], meetingsAt: ['tue 10:00', 'thu 15:00'], everyWeeks: 1 });
    expect(text).toContain('      meetings: [tue 10:00, thu 15:00]  # fitted from cab_date of 60 rows');
    expect(parseScenarioText(text, 'x.yaml').teams.changeManagement.cab.schedule).toMatchObject({ kind: 'weekly', everyWeeks: 1, slots: [{ day: 1, minute: 600 }, { day: 3, minute: 900 }] });
  });

  it('an irregular cadence: weekly written, every 2w suggested commented out with the reason, and valid when uncommented', () => {
    const gaps = [2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2, 5];
    const meetings = [at('2026-01-06T10:00:00')];
    for (const g of gaps) meetings.push(meetings[meetings.length - 1]! + g * 7 * DAY);
    const { cal, text } = exportOf(meetings);
    expect(cal.cab).toMatchObject({ everyWeeks: 1, suggestEvery: 2, firstMeeting: '2026-01-06' });
    expect(cal.cab!.unsure).toBe('meetings in 13 of 29 weeks, no cadence for 90% of them (most common gap 2 weeks); weekly written, the meetings an export shows may be only those with changes to decide');
    expect(text).toContain(`      # every: 2w  # unsure (${cal.cab!.unsure}): uncomment with the next line for a CAB every 2 weeks\n      # from: 2026-01-06\n`);
    expect(parseScenarioText(text, 'x.yaml').teams.changeManagement.cab.schedule).toBeUndefined();
    const uncommented = text.replace('      # every: 2w', '      every: 2w').replace('      # from: 2026-01-06', '      from: 2026-01-06');
    expect(parseScenarioText(uncommented, 'x.yaml').teams.changeManagement.cab.schedule).toMatchObject({ kind: 'weekly', everyWeeks: 2 });
  });
});

describe('the cutoff estimate', () => {
  it('takes the roundest value between the longest miss (less an hour) and the shortest made gap', () => {
    // Issue 20's client: the shortest made gap gave 56 h for a true 48 h. With a change opened 47.5 h
    // before a meeting it missed, 48 h is the only whole day between the bounds.
    expect(cutoffEstimate(56 * 60, 47.5 * 60 - 60, 14 * DAY)).toBe(48 * 60);
    expect(cutoffEstimate(20.3 * 60, 19.9 * 60 - 60, 7 * DAY)).toBe(20 * 60); // no whole day or half-day between: the hour
    expect(cutoffEstimate(20.3 * 60, undefined, 7 * DAY)).toBe(20 * 60); // no miss seen: the shortest made gap floored to the hour
    expect(cutoffEstimate(9 * DAY, 2 * DAY, 7 * DAY)).toBe(7 * DAY - 60); // never longer than the gap between meetings allows
  });
});

describe('a deployment in working time', () => {
  it('counts office minutes when it started in office hours, clock time when it started out of hours', () => {
    // Friday 2026-01-09 17:00 to Monday 2026-01-12 09:30: 30 minutes on Friday, 30 on Monday.
    expect(workingMinutes(at('2026-01-09T17:00:00'), at('2026-01-12T09:30:00'))).toBe(60);
    expect(workingMinutes(at('2026-01-09T17:00:00'), at('2026-01-12T09:30:00'), false)).toBe(2 * DAY + 16.5 * 60);
    expect(workingMinutes(at('2026-01-10T22:00:00'), at('2026-01-11T01:00:00'))).toBe(180); // Saturday night: straight through
    // Wednesday 2026-01-07 12:00 to Wednesday 2026-01-28 12:00: three weeks of 5 × 8h30, whatever the path through them.
    expect(workingMinutes(at('2026-01-07T12:00:00'), at('2026-01-28T12:00:00'))).toBe(3 * 5 * 510);
    // 100 years from Monday 2026-01-05 09:00 (36,524 days: 5217 weeks and 5 days, Monday to Friday), in a few steps.
    expect(workingMinutes(at('2026-01-05T09:00:00'), at('2126-01-05T09:00:00'))).toBe((5217 * 5 + 5) * 510);
  });
});
