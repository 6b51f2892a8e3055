// The calibrated scenario as YAML text with comments: every fitted field says what it was fitted
// from (rows, dates, statistic), every field the export cannot show keeps its documented default
// with "assumption: not in the export", and approximations say so. Written by hand (not with the
// yaml package's Document API) so that the layout and the comments read like a scenario a person
// wrote; the caller validates the text with the scenario loader before writing it anywhere.
import { classDefaults, DEFAULTS } from '../scenario/defaults.js';
import { unsafeNameReason } from '../scenario/safe-name.js';
import { dayText } from './dates.js';
import { visible } from './text.js';
import type { Calibration } from './fit.js';
import type { ShareFit } from './stats.js';
import { ASSUMED, ev, flow, lognormalText, MIN_RATE_ROWS, pct, round, shareNote, effortText } from './yaml-text.js';
import { cabLines, calendarLines, deliveryLines, emergencyCabLines, MAX_TEAMS, SECTIONS, writtenGroups, type Refused, type Section } from './write-sections.js';
import { uncertainKeysOf, uncertainLines, type RefusedRanges } from './write-uncertain.js';
import { parseWithBases, fileIssue, type ScenarioFiles } from '../scenario/load.js';
import { ScenarioError, type ScenarioIssue } from '../scenario/errors.js';

const DAY = 1440;


/** How a deployment's duration was read: working time when office-hours deployments are seen to pause overnight, else clock time. */
function timeNote(cal: Calibration): string {
  const p = cal.durations.pause;
  const seen = `${p.endedOutside} of the ${p.crossing} started in office hours and running past 17:30 ended out of office hours`;
  return p.pauses
    ? `working time: office minutes for a deployment started in office hours, as it pauses when they close (${seen}), clock time for one started out of hours`
    : `approximation: clock time used as working time, as office-hours deployments do not pause when mon-fri 09:00-17:30 closes (${seen})`;
}

/** A scenario name from the export's file name: "calibrated-<base>", cleaned to a safe folder name. */
export function scenarioName(exportFile: string): string {
  const base = exportFile.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const cleaned = `calibrated-${base}`.replace(/[^\p{L}\p{N} ._-]/gu, '-').slice(0, 90).replace(/[. ]+$/, '');
  return unsafeNameReason(cleaned) === undefined ? cleaned : 'calibrated';
}

/** The `classes` section. Classes are the export's risk levels; high and very high risk take `large`'s defaults, others `small`'s. */
function classLines(cal: Calibration): string[] {
  const out: string[] = [];
  const shares = cal.classes.map((c) => round(c.share.share));
  shares[shares.length - 1] = round(1 - shares.slice(0, -1).reduce((s, x) => s + x, 0));
  cal.classes.forEach((c, i) => {
    const defaults = classDefaults(c.risk === 'high' || c.risk === 'very high' ? 'large' : 'small');
    const dv = (path: string): string => flow(defaults[path]!.value);
    const line = (indent: number, key: string, value: string, note: string): void => {
      out.push(`${' '.repeat(indent)}${key}: ${value}  # ${note}`);
    };
    const shareOr = (indent: number, key: string, s: ShareFit, path: string, of: string, extra = ''): void => {
      if (s.n < MIN_RATE_ROWS) line(indent, key, dv(path), `${ASSUMED} (${s.n === 0 ? 'no' : `only ${s.count} of ${s.n}`} ${of}; a rate needs at least ${MIN_RATE_ROWS})`);
      // A failure rate is below 1 (scenarios/README.md): every failure in the export is written as 0.999.
      else if (key === 'failureRate' && round(s.share) >= 1) line(indent, key, '0.999', `${shareNote(s, of)}${extra}; capped below 1, as a change whose every deployment fails would never go live`);
      else line(indent, key, String(round(s.share)), shareNote(s, of) + extra);
    };
    out.push(`  ${c.name}:  # ${c.risk === 'all' ? 'every change (the export has no risk column)' : c.risk === 'unrated' ? 'changes without a risk' : `changes of risk ${c.risk}`}`);
    line(4, 'share', String(shares[i]), `${shareNote(c.share, 'changes not canceled')}`);
    if (cal.emergency.share.count > 0) {
      line(4, 'emergencyShare', String(round(c.emergency.share)), `${shareNote(c.emergency, 'changes of this risk were emergency changes')}; they take the emergency path`);
      shareOr(4, 'emergencyFailureRate', c.emergencyFailure, 'emergencyFailureRate', 'closed emergency changes with a close code');
    }
    shareOr(4, 'failureRate', c.failure, 'failureRate', 'closed normal changes with a close code', `; unsuccessful counts as failed; ${pct(c.withIssues)} were "successful with issues", counted as successes`);
    shareOr(4, 'rejectionRate', c.rejection, 'rejectionRate', 'CAB decisions on normal changes', "; a decision is an approval, a rejection, or a meeting an approved change was in time for (opened the cutoff and a day before it) but not decided at, counted as a rejection and rework (approximation: it could be a full meeting); a rejection in the export is final, in the model the change is reworked and raised again");
    shareOr(4, 'downtimeShare', c.outOfHours, 'downtimeShare', 'normal deployments', ' started outside mon-fri 09:00-17:30; approximation: out of hours taken as needing downtime');
    out.push('    efforts:');
    for (const e of ['changeDocumentation', 'assessment', 'rework', 'handover']) line(6, e, dv(`efforts.${e}`), ASSUMED);
    if (c.deployment !== undefined) {
      line(6, 'deployment', lognormalText(c.deployment), `fitted from work_end - work_start of ${ev(c.deployment.evidence)}; sample median ${effortText(c.deployment.sampleMedian)}, p90 ${effortText(c.deployment.sampleP90)}; ${timeNote(cal)}`);
    } else line(6, 'deployment', dv('efforts.deployment'), `${ASSUMED} (fewer than 5 timed normal deployments)`);
    for (const e of ['rollback', 'fix', 'validation', 'acceptance']) line(6, e, dv(`efforts.${e}`), ASSUMED);
    out.push('    preApproved:');
    line(6, 'share', String(round(c.standard.share)), `${shareNote(c.standard, `${c.emergency.count > 0 ? 'non-emergency ' : ''}changes of this risk were standard changes`)}; the preApproved variant with this share is the organisation as exported`);
    shareOr(6, 'failureRate', c.standardFailure, 'preApproved.failureRate', 'closed standard changes with a close code');
    if (c.standardDeployment !== undefined) {
      line(6, 'deployment', lognormalText(c.standardDeployment), `fitted from work_end - work_start of ${ev(c.standardDeployment.evidence)}; ${timeNote(cal)}`);
    } else line(6, 'deployment', dv('preApproved.deployment'), `${ASSUMED} (fewer than 5 timed standard changes)`);
    line(6, 'rollback', dv('preApproved.rollback'), ASSUMED);
    line(4, 'costOfDelay', flow({ profile: defaults['costOfDelay.profile']!.value, perWeek: defaults['costOfDelay.perWeek']!.value }), ASSUMED);
  });
  return out;
}

/** What the scenario writes differently from the fit because of a scenario limit, one sentence each (stderr warnings). */
export function clampWarnings(cal: Calibration): string[] {
  const groups = cal.arrivals.groups?.length ?? 0;
  return groups > MAX_TEAMS
    ? [`${groups} assignment groups, more than the ${MAX_TEAMS} delivery teams a scenario may have: written as ${MAX_TEAMS} teams sharing the ${cal.arrivals.changesPerWeek.toFixed(2)} changes a week`]
    : [];
}

/** The Monday on or before a stamp, as minutes. */
const mondayOf = (stamp: number): number => {
  const day = Math.floor(stamp / DAY);
  return (day - ((day + 3) % 7)) * DAY;
};

/** Reads scenario text as the loader does, with no file to extend: the issues, or none. */
function issuesOf(text: string): readonly ScenarioIssue[] {
  const noFiles: ScenarioFiles = {
    read: (file) => {
      throw new ScenarioError([fileIssue(file, 'a calibrated scenario extends no file')]);
    },
    base: (_from, target) => target,
    key: (file) => file,
  };
  try {
    parseWithBases(text, '<calibrated scenario>', [], noFiles);
    return [];
  } catch (err) {
    if (err instanceof ScenarioError) return err.issues;
    throw err;
  }
}

/**
 * The calibrated scenario's YAML text. A section fitted from a pattern (the CAB's schedule,
 * freezes, no-deploy periods, delivery groups) that the validator refuses in a draft is written
 * commented out with the validator's reason, and the plain form in its place; the caller validates
 * the final text again before writing it anywhere.
 */
export function scenarioText(cal: Calibration, name: string): string {
  const refused = new Map<Section, string>();
  const ranges = new Map<string, string>();
  let text = draftText(cal, name, refused, ranges);
  for (let round = 0; round <= Object.keys(SECTIONS).length; round++) {
    const issues = issuesOf(text);
    const groups = writtenGroups(cal, refused); // as this draft was written
    let more = false;
    for (const issue of issues) {
      const keys = uncertainKeysOf(issue.path, cal, groups);
      for (const key of keys.filter((k) => !ranges.has(k))) {
        ranges.set(key, `${issue.path}: ${issue.message}`.replace(/\s+/g, ' ').slice(0, 300));
        more = true;
      }
      if (keys.length > 0) continue;
      const section = (Object.entries(SECTIONS) as [Section, string][]).find(([, path]) => issue.path === path || issue.path.startsWith(`${path}.`) || issue.path.startsWith(`${path}[`))?.[0];
      if (section === undefined || refused.has(section)) continue;
      refused.set(section, `${issue.path}: ${issue.message}`.replace(/\s+/g, ' ').slice(0, 300));
      more = true;
    }
    if (!more) break;
    text = draftText(cal, name, refused, ranges);
  }
  return text;
}

function draftText(cal: Calibration, name: string, refused: Refused, ranges: RefusedRanges): string {
  const d = (path: string): string => flow(DEFAULTS[path]!.value);
  const x = cal.export;
  const firstMonday = mondayOf(Date.parse(`${x.from}T00:00:00Z`) / 60_000);
  const lastDay = Date.parse(`${x.to}T00:00:00Z`) / 60_000;
  const exportWeeks = Math.max(1, Math.ceil((lastDay + DAY - firstMonday) / (7 * DAY)));
  const warmupWeeks = 8;
  const t = cal.types;
  const e = cal.emergency.share;
  const lines = [
    `# Calibrated by "orisim calibrate" from ${visible(JSON.stringify(x.file))}: ${x.rows} rows, ${x.used} used, ${x.badRows} bad (see the report),`,
    `# changes opened ${x.from} to ${x.to}; dates read as ${x.dateFormat}${x.dateFormatDetected ? ' (detected)' : ''}.`,
    '# "fitted" fields say what they were fitted from; "assumption: not in the export" fields keep the',
    '# documented defaults of scenarios/README.md; "approximation" says where the export and the model differ.',
    `name: ${flow(name)}`,
    `description: ${flow(`Calibrated from ${visible(x.file.replace(/^.*[\\/]/, ''))} (${x.used} changes, ${x.from} to ${x.to})`)}`,
    `currency: ${d('currency')}  # ${ASSUMED}`,
    `start: ${dayText(firstMonday - warmupWeeks * 7 * DAY)}  # the Monday ${warmupWeeks} weeks (the warm-up) before the week of the export's first change, so the counted period is the export's`,
    `horizon: ${warmupWeeks + exportWeeks}w  # the warm-up plus the export's ${exportWeeks} weeks`,
    `warmup: ${warmupWeeks}w`,
    `replications: ${d('replications')}`,
    `seed: ${d('seed')}`,
    `variants: [normal, preApproved]  # preApproved with the fitted standard shares is the organisation as exported; normal sends every change through CAB`,
    `# emergency changes: ${e.count} of ${e.n} changes not canceled (${pct(e)}); ${e.count === 0 ? 'none, so no class has an emergencyShare' : "written as each class's emergencyShare and emergencyFailureRate, and the emergency CAB's approval time"}`,
    `# canceled: ${t.canceled.count} of ${t.canceled.n} changes were canceled; not modelled, left out of every fit but the CAB rejections`,
    `holidays: []  # ${ASSUMED}`,
    ...calendarLines(cal, refused),
    'classes:',
    ...classLines(cal),
    'teams:',
    ...deliveryLines(cal, d, refused),
    '  changeManagement:',
    `    people: ${d('teams.changeManagement.people')}  # ${ASSUMED}`,
    `    hours: ${d('teams.changeManagement.hours')}  # ${ASSUMED}`,
    `    hourlyRate: ${d('teams.changeManagement.hourlyRate')}  # ${ASSUMED}`,
    `    setupEffort: ${d('teams.changeManagement.setupEffort')}  # ${ASSUMED}`,
    ...emergencyCabLines(cal),
    '    cab:',
    ...cabLines(cal, d, refused),
    '  applicationSupport:',
    `    people: ${d('teams.applicationSupport.people')}  # ${ASSUMED}`,
    `    hours: ${d('teams.applicationSupport.hours')}  # ${ASSUMED}; also the office hours the out-of-hours share is measured against`,
    `    hourlyRate: ${d('teams.applicationSupport.hourlyRate')}  # ${ASSUMED}`,
    '    otherWork:',
    `      share: ${d('teams.applicationSupport.otherWork.share')}  # ${ASSUMED}`,
    `      jobEffort: ${d('teams.applicationSupport.otherWork.jobEffort')}  # ${ASSUMED}`,
    `      arrivals: ${d('teams.applicationSupport.otherWork.arrivals')}  # ${ASSUMED}`,
    cal.outOfHours.windows.length > 0
      ? `    outOfHoursWindows: ${flow(cal.outOfHours.windows)}  # fitted: each cluster of out-of-hours starts over the week (starts 3 hours or less apart, one window even across midnight) with 10% or more of them, 5th percentile start to 95th percentile end; ${pct(cal.outOfHours.share)} of ${ev(cal.outOfHours.evidence)}`
      : `    outOfHoursWindows: ${d('teams.applicationSupport.outOfHoursWindows')}  # ${ASSUMED} (no deployment started out of hours)`,
    `    outOfHoursPremium: ${d('teams.applicationSupport.outOfHoursPremium')}  # ${ASSUMED}`,
    `    rollbackPremium: ${d('teams.applicationSupport.rollbackPremium')}  # ${ASSUMED}`,
    `    setupEffort: ${d('teams.applicationSupport.setupEffort')}  # ${ASSUMED}`,
    `    onFailure: ${d('teams.applicationSupport.onFailure')}  # ${ASSUMED}`,
    'costs:',
    `  licencesPerMonth: ${d('costs.licencesPerMonth')}  # ${ASSUMED}`,
    `  licencePerChange: ${d('costs.licencePerChange')}  # ${ASSUMED}`,
    `  pipelineSetup: ${d('costs.pipelineSetup')}  # ${ASSUMED}`,
    `  setupAmortisationYears: ${d('costs.setupAmortisationYears')}  # ${ASSUMED}`,
    ...uncertainLines(cal, ranges, writtenGroups(cal, refused)),
  ];
  return lines.join('\n') + '\n';
}
