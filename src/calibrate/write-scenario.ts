// The calibrated scenario as YAML text with comments: every fitted field says what it was fitted
// from (rows, dates, statistic), every field the export cannot show keeps its documented default
// with "assumption: not in the export", and approximations say so. Written by hand (not with the
// yaml package's Document API) so that the layout and the comments read like a scenario a person
// wrote; the caller validates the text with the scenario loader before writing it anywhere.
import { classDefaults, DEFAULTS } from '../scenario/defaults.js';
import { unsafeNameReason } from '../scenario/safe-name.js';
import { dayText } from './dates.js';
import { MAX_COUNT } from '../scenario/limits.js';
import { firstChars, visible } from './text.js';
import type { Calibration, DurationFit, Evidence } from './fit.js';
import type { ShareFit } from './stats.js';


const ASSUMED = 'assumption: not in the export';
/** Fewer rows than this and a rate is not fitted: the class keeps its default. */
export const MIN_RATE_ROWS = 5;
const DAY = 1440;

/** A value in YAML flow style: plain when safe, else double-quoted (JSON strings are valid YAML). */
export function flow(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (typeof value === 'object' && value !== null) return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${flow(v)}`).join(', ')} }`;
  if (typeof value === 'string') return /^[A-Za-z][A-Za-z0-9._-]*$|^[0-9]+[a-z][0-9a-z]*$/.test(value) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(value) ? value : JSON.stringify(value);
  return String(value);
}

/** An effort in hours and minutes ("1h25m"), never in days, which as efforts are 8 hours. */
export function effortText(minutes: number): string {
  const m = Math.max(1, Math.round(minutes));
  const h = Math.floor(m / 60);
  const r = m % 60;
  return h === 0 ? `${r}m` : r === 0 ? `${h}h` : `${h}h${r}m`;
}

const pct = (s: ShareFit): string => `${(s.share * 100).toFixed(1)}%`;
const round = (x: number, digits = 4): number => Number(x.toFixed(digits));
const ev = (e: Evidence): string => `${e.rows} rows${e.from === undefined ? '' : `, ${e.from} to ${e.to}`}${e.statistic === undefined ? '' : `; ${e.statistic}`}`;
const shareNote = (s: ShareFit, of: string): string => `fitted: ${s.count} of ${s.n} ${of} (standard error ${s.standardError.toFixed(3)})`;

function lognormalText(d: DurationFit): string {
  const median = Math.max(1, Math.round(d.median));
  const p90 = Math.max(median + 1, Math.round(d.p90));
  return flow({ lognormal: { median: effortText(median), p90: effortText(p90) } });
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
    shareOr(4, 'failureRate', c.failure, 'failureRate', 'closed normal changes with a close code', `; unsuccessful counts as failed; ${pct(c.withIssues)} were "successful with issues", counted as successes`);
    shareOr(4, 'rejectionRate', c.rejection, 'rejectionRate', 'approved or rejected normal changes', '; approximation: a rejection in the export is final, in the model the change is reworked and raised again');
    shareOr(4, 'downtimeShare', c.outOfHours, 'downtimeShare', 'normal deployments', ' started outside mon-fri 09:00-17:30; approximation: out of hours taken as needing downtime');
    out.push('    efforts:');
    for (const e of ['changeDocumentation', 'assessment', 'rework', 'handover']) line(6, e, dv(`efforts.${e}`), ASSUMED);
    if (c.deployment !== undefined) {
      line(6, 'deployment', lognormalText(c.deployment), `fitted from work_end - work_start of ${ev(c.deployment.evidence)}; sample median ${effortText(c.deployment.sampleMedian)}, p90 ${effortText(c.deployment.sampleP90)}; approximation: clock time used as working time`);
    } else line(6, 'deployment', dv('efforts.deployment'), `${ASSUMED} (fewer than 5 timed normal deployments)`);
    for (const e of ['rollback', 'fix', 'validation', 'acceptance']) line(6, e, dv(`efforts.${e}`), ASSUMED);
    out.push('    preApproved:');
    line(6, 'share', String(round(c.standard.share)), `${shareNote(c.standard, 'changes of this risk were standard changes')}; the preApproved variant with this share is the organisation as exported`);
    shareOr(6, 'failureRate', c.standardFailure, 'preApproved.failureRate', 'closed standard changes with a close code');
    if (c.standardDeployment !== undefined) {
      line(6, 'deployment', lognormalText(c.standardDeployment), `fitted from work_end - work_start of ${ev(c.standardDeployment.evidence)}; approximation: clock time used as working time`);
    } else line(6, 'deployment', dv('preApproved.deployment'), `${ASSUMED} (fewer than 5 timed standard changes)`);
    line(6, 'rollback', dv('preApproved.rollback'), ASSUMED);
    line(4, 'costOfDelay', flow({ profile: defaults['costOfDelay.profile']!.value, perWeek: defaults['costOfDelay.perWeek']!.value }), ASSUMED);
  });
  return out;
}

/** The most delivery teams a scenario may have: more assignment groups than this are written as this many teams. */
export const MAX_TEAMS = MAX_COUNT['teams.delivery.count'];

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

/** The calibrated scenario's YAML text. */
export function scenarioText(cal: Calibration, name: string): string {
  const d = (path: string): string => flow(DEFAULTS[path]!.value);
  const x = cal.export;
  const firstMonday = mondayOf(Date.parse(`${x.from}T00:00:00Z`) / 60_000);
  const lastDay = Date.parse(`${x.to}T00:00:00Z`) / 60_000;
  const exportWeeks = Math.max(1, Math.ceil((lastDay + DAY - firstMonday) / (7 * DAY)));
  const warmupWeeks = 8;
  const a = cal.arrivals;
  const groups = a.groups?.length;
  const teams = groups === undefined ? undefined : Math.min(groups, MAX_TEAMS);
  const perTeam = round(a.changesPerWeek / (teams ?? (DEFAULTS['teams.delivery.count']!.value as number)), 3);
  const cab = cal.cab;
  const wait = cal.wait;
  const t = cal.types;
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
    `# emergencyShare: ${round(t.emergency.share)}  # not modelled yet: ${shareNote(t.emergency, 'changes not canceled were emergency changes')}; counted in the arrivals and class shares (the model raises them as normal changes), left out of every other fit`,
    `# canceled: ${t.canceled.count} of ${t.canceled.n} changes were canceled; not modelled, left out of every fit but the CAB rejections`,
    `holidays: []  # ${ASSUMED}`,
    `freezes: []  # ${ASSUMED}`,
    'classes:',
    ...classLines(cal),
    'teams:',
    '  delivery:',
    teams === undefined
      ? `    count: ${d('teams.delivery.count')}  # ${ASSUMED} (no assignment group column)`
      : `    count: ${teams}  # fitted: ${groups} assignment groups (${a.groups!.slice(0, 5).map((g) => `${visible(firstChars(g.name, 40))} ${g.changes}`).join(', ')}${groups! > 5 ? ', …' : ''})${groups! > MAX_TEAMS ? `, more than the ${MAX_TEAMS} teams a scenario may have: written as ${MAX_TEAMS} teams sharing their changes` : ''}; approximation: one group is one delivery team`,
    `    people: ${d('teams.delivery.people')}  # ${ASSUMED}`,
    `    hours: ${d('teams.delivery.hours')}  # ${ASSUMED}`,
    `    hourlyRate: ${d('teams.delivery.hourlyRate')}  # ${ASSUMED}`,
    `    featuresPerWeek: ${Math.max(0.001, perTeam)}  # fitted: ${a.changesPerWeek.toFixed(2)} changes a week in all (${ev(a.evidence)}) / ${teams ?? 'the assumed'} teams; approximation: one feature is one change`,
    `    pipelineSetupEffort: ${d('teams.delivery.pipelineSetupEffort')}  # ${ASSUMED}`,
    '  changeManagement:',
    `    people: ${d('teams.changeManagement.people')}  # ${ASSUMED}`,
    `    hours: ${d('teams.changeManagement.hours')}  # ${ASSUMED}`,
    `    hourlyRate: ${d('teams.changeManagement.hourlyRate')}  # ${ASSUMED}`,
    `    setupEffort: ${d('teams.changeManagement.setupEffort')}  # ${ASSUMED}`,
    '    cab:',
    ...cabLines(cab, wait, d),
    '  applicationSupport:',
    `    people: ${d('teams.applicationSupport.people')}  # ${ASSUMED}`,
    `    hours: ${d('teams.applicationSupport.hours')}  # ${ASSUMED}; also the office hours the out-of-hours share is measured against`,
    `    hourlyRate: ${d('teams.applicationSupport.hourlyRate')}  # ${ASSUMED}`,
    '    otherWork:',
    `      share: ${d('teams.applicationSupport.otherWork.share')}  # ${ASSUMED}`,
    `      jobEffort: ${d('teams.applicationSupport.otherWork.jobEffort')}  # ${ASSUMED}`,
    `      arrivals: ${d('teams.applicationSupport.otherWork.arrivals')}  # ${ASSUMED}`,
    cal.outOfHours.windows.length > 0
      ? `    outOfHoursWindows: ${flow(cal.outOfHours.windows)}  # fitted: per weekday with 10% or more of the out-of-hours starts, 5th percentile start to 95th percentile end; ${pct(cal.outOfHours.share)} of ${ev(cal.outOfHours.evidence)}`
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
  ];
  return lines.join('\n') + '\n';
}

/** Why no cutoff was fitted, as seen in the export. */
function noWaitSeen(cab: Calibration['cab']): string {
  if (cab === undefined) return 'no normal change has a cab_date';
  const t = cab.timed;
  if (t.rows === 0) return "no normal change's cab_date has a time of day";
  return `no normal change has its cab_date after opened_at: of the ${t.rows} with a time of day, ${t.atOpened} ${t.atOpened === 1 ? 'is' : 'are'} at opened_at and ${t.beforeOpened} before it`;
}

function cabLines(cab: Calibration['cab'], wait: Calibration['wait'], d: (path: string) => string): string[] {
  const p = 'teams.changeManagement.cab.';
  const out: string[] = [];
  if (cab === undefined || cab.days.length === 0) {
    out.push(`      days: ${d(`${p}days`)}  # ${ASSUMED} (no normal change has a cab_date)`, `      time: ${d(`${p}time`)}  # ${ASSUMED}`);
  } else {
    const cadence = cab.everyWeeks === 1 ? 'weekly' : `every ${cab.everyWeeks} weeks, written as weekly (the nearest form the scenario format has; "every: ${cab.everyWeeks}w" does not exist yet)`;
    out.push(`      days: ${flow(cab.days)}  # fitted from cab_date of ${ev(cab.evidence)}; ${cadence}${cab.adHoc > 0 ? `; ${cab.adHoc} ad hoc meetings on other days left out` : ''}`);
    out.push(cab.time === undefined ? `      time: ${d(`${p}time`)}  # ${ASSUMED} (cab_date has no time of day)` : `      time: ${flow(cab.time)}  # fitted: the most common meeting time`);
  }
  out.push(`      duration: ${d(`${p}duration`)}  # ${ASSUMED}`);
  const maxCutoff = cab === undefined || cab.days.length <= 1 ? 7 * DAY : undefined;
  if (wait !== undefined && (maxCutoff === undefined || wait.cutoffMinutes < maxCutoff)) {
    out.push(`      cutoff: ${wait.cutoffMinutes === 0 ? '0m' : effortText(wait.cutoffMinutes)}  # fitted: the shortest time from opened_at to the meeting of any normal change (${(wait.shortestGapMinutes / 60).toFixed(1)} h) floored to the hour; opened_at to cab_date: median ${wait.days.p50.toFixed(2)} days, p90 ${wait.days.p90.toFixed(2)} days (${wait.evidence.rows} normal changes)`);
  } else out.push(`      cutoff: ${d(`${p}cutoff`)}  # ${ASSUMED} (${noWaitSeen(cab)})`);
  out.push(
    cab === undefined
      ? `      capacity: ${d(`${p}capacity`)}  # ${ASSUMED}`
      : `      capacity: ${Math.max(cab.mostPerMeeting, DEFAULTS[`${p}capacity`]!.value as number)}  # assumption: the default 15 or the most changes one meeting decided (${cab.mostPerMeeting}), whichever is larger; capacity itself is not in the export`,
  );
  out.push(`      attendees: ${d(`${p}attendees`)}  # ${ASSUMED}`, `      hourlyRate: ${d(`${p}hourlyRate`)}  # ${ASSUMED}`);
  return out;
}

