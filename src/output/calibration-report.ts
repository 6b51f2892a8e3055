// The calibration report: calibration.json (every fit with its evidence, every bad row) and a short
// calibration.md for people, written into an output folder the safe way runs are written
// (output-folder.ts: a hidden partial folder renamed into place, a marker, refusal rules).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFolderAtomically } from './output-folder.js';
import type { Calibration, DurationFit } from '../calibrate/fit.js';
import type { ShareFit } from '../calibrate/stats.js';
import { effortText } from '../calibrate/yaml-text.js';
import { markdownText, visible } from '../calibrate/text.js';

/** At most `max` row numbers, then "and N more". */
export function rowList(rows: readonly number[], max = 20): string {
  const shown = rows.slice(0, max).join(', ');
  return rows.length > max ? `${shown} and ${rows.length - max} more` : shown;
}

/** One line per reason: "  unparseable opened_at: 2 rows (5, 9)". */
export function badRowSummary(cal: Calibration, max = 20): string[] {
  return Object.entries(cal.badRows.byReason).map(([reason, rows]) => `  ${reason}: ${rows.length} row${rows.length === 1 ? '' : 's'} (${rowList(rows, max)})`);
}

const share = (s: ShareFit): string => (s.n === 0 ? 'no rows' : `${(s.share * 100).toFixed(1)}% (${s.count} of ${s.n}, standard error ${(s.standardError * 100).toFixed(1)} points)`);
const dur = (d: DurationFit | undefined): string =>
  d === undefined ? 'too few rows' : `median ${effortText(d.median)}, p90 ${effortText(d.p90)} (sample ${effortText(d.sampleMedian)}, ${effortText(d.sampleP90)}; ${d.n} rows; KS ${d.ks.toFixed(3)})`;

/** The CAB's schedule in words: "wed 11:00, every 2 weeks from 2027-09-01", "first thu 10:00, monthly". */
function cabText(cab: NonNullable<Calibration['cab']>): string {
  const when = cab.meetingsAt?.join(' and ') ?? `${cab.days.join(', ')} ${cab.time ?? ''}`.trim();
  if (cab.monthly !== undefined) return `${cab.monthly.join(' and ')} ${cab.time ?? ''} of each month`.replace(/ +/g, ' ');
  return cab.everyWeeks > 1 ? `${when}, every ${cab.everyWeeks} weeks from ${cab.from}` : `${when}, weekly`;
}

export function calibrationMarkdown(cal: Calibration, scenarioFile: string | undefined): string {
  const x = cal.export;
  const lines = [
    `# Calibration of ${markdownText(x.file)}`,
    '',
    `${x.rows} rows: ${x.used} used, ${x.badRows} bad. Changes opened ${x.from} to ${x.to}; dates read as \`${x.dateFormat}\`${x.dateFormatDetected ? ' (detected)' : ''}.`,
    scenarioFile === undefined ? '' : `Scenario written to ${markdownText(scenarioFile)}.`,
    '',
    '| fit | value | evidence |',
    '|---|---|---|',
    `| changes per week | ${cal.arrivals.changesPerWeek.toFixed(2)} | ${cal.arrivals.evidence.rows} changes over ${cal.arrivals.weeks.toFixed(1)} weeks; variance/mean of weekly counts ${cal.arrivals.dispersion.toFixed(2)} |`,
    `| delivery teams (assignment groups) | ${cal.arrivals.groups?.length ?? 'not in the export'} | ${cal.arrivals.groups?.map((g) => `${markdownText(g.name)} ${g.changes}`).join(', ') ?? ''} |`,
    `| standard share | ${share(cal.types.standard)} | |`,
    `| normal share | ${share(cal.types.normal)} | |`,
    `| emergency share | ${share(cal.types.emergency)} | each class's emergencyShare; approval (opened → work start of those that never failed) ${cal.emergency.approval === undefined ? 'too few rows' : `median ${effortText(cal.emergency.approval.median)}, p90 ${effortText(cal.emergency.approval.p90)}`} |`,
    `| canceled | ${share(cal.types.canceled)} | left out of the fits except rejections |`,
    `| CAB | ${cal.cab === undefined ? 'no cab_date' : cabText(cal.cab)} | ${cal.cab?.evidence.statistic ?? ''}${cal.cab?.unsure === undefined ? '' : `; unsure: ${cal.cab.unsure}`} |`,
    `| opened to CAB (days) | ${cal.wait === undefined ? 'no timed cab_date' : `median ${cal.wait.days.p50.toFixed(2)}, p90 ${cal.wait.days.p90.toFixed(2)}`} | ${cal.wait === undefined ? '' : `${cal.wait.days.n} normal changes; implied cutoff ${effortText(cal.wait.cutoffMinutes)}`} |`,
    `| out-of-hours share | ${share(cal.outOfHours.share)} | windows ${cal.outOfHours.windows.join(', ') || 'none'} |`,
    `| freezes | ${cal.calendar.freezes.map((f) => `${f.from} to ${f.to}`).join(', ') || 'none seen'} | gaps in the deployments (emergency changes left out) |`,
    `| no-deploy periods | ${cal.calendar.noDeploy.map((n) => n.period).join(', ') || 'none seen'} | half-hours of the office week with no deployment start |`,
    `| delivery groups | ${cal.arrivals.deliveryGroups?.map((g) => `${g.members.length} team${g.members.length === 1 ? '' : 's'} (${markdownText(g.members[0]!.name)}${g.members.length > 1 ? ', …' : ''})`).join('; ') ?? 'one group'} | assignment groups alike in change rate and class mix |`,
    `| failure rate (unsuccessful) | ${share(cal.failure.unsuccessful)} | normal changes with a close code |`,
    `| successful with issues | ${share(cal.failure.withIssues)} | counted as successes |`,
    `| rejection rate | ${share(cal.rejection.share)} | CAB decisions on normal changes: rejections, approvals and meetings an approved change was in time for but skipped |`,
    ...(['normal', 'standard', 'emergency'] as const).map((t) => `| deployment, ${t} | ${dur(cal.durations.byType[t])} | work_end − work_start |`),
    ...Object.entries(cal.durations.byRisk).map(([r, d]) => `| deployment, risk ${r} | ${dur(d)} | work_end − work_start |`),
    ...(['normal', 'standard', 'emergency'] as const).map((t) => {
      const s = cal.leadTimeDays[t];
      return `| lead time opened → live, ${t} (days) | ${s === undefined ? 'no rows' : `p50 ${s.p50.toFixed(2)}, p85 ${s.p85.toFixed(2)}, p95 ${s.p95.toFixed(2)}`} | ${s?.n ?? 0} changes |`;
    }),
    '',
    '## Bad rows',
    '',
    cal.badRows.total === 0 ? 'None.' : `${cal.badRows.total} rows were skipped (row numbers count the header as row 1; every row is in calibration.json):`,
    '',
    ...badRowSummary(cal, 1000).map((l) => `- ${l.trim()}`),
  ];
  return lines.join('\n') + '\n';
}

/** Writes calibration.json and calibration.md into `dir` (replacing only an earlier orisim folder). */
export async function writeCalibrationReport(dir: string, cal: Calibration, sha256: string, scenarioFile: string | undefined): Promise<void> {
  const name = visible(cal.export.file.replace(/^.*[\\/]/, ''));
  await writeFolderAtomically(dir, { command: 'calibrate', scenarios: [{ name, sha256 }], seed: 0, replications: 0 }, async (tmp) => {
    writeFileSync(join(tmp, 'calibration.json'), JSON.stringify(cal, null, 2) + '\n');
    writeFileSync(join(tmp, 'calibration.md'), calibrationMarkdown(cal, scenarioFile));
  });
}
