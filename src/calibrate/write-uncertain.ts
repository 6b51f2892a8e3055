// The calibrated scenario's `uncertain:` section (issue 22): for each value calibrate fitted, its
// plausible range from the export's evidence, keyed by the --set path the value lives at, with likely
// the fitted value: shares by their Wilson score 95% interval, the change rate (of each delivery
// group, when the teams are written as groups) by its Poisson score 95% interval, lognormal medians by a seeded bootstrap. Defaults the export cannot show are written
// commented out as candidate ranges for the user to fill in. A range the validator refuses in a
// draft (write-scenario.ts) is written commented out with the validator's reason.
import { classDefaults, DEFAULTS } from '../scenario/defaults.js';
import { excerpt } from '../scenario/errors.js';
import { MAX_UNCERTAIN_INPUTS } from '../scenario/limits.js';
import { parseTime } from '../scenario/units.js';
import type { Calibration, DurationFit } from './fit.js';
import { BOOTSTRAP_RESAMPLES, poissonScoreInterval, wilsonInterval, type ShareFit } from './stats.js';
import { groupFeaturesPerWeek, MAX_TEAMS, type writtenGroups } from './write-sections.js';
import { groupSlug } from '../scenario/group-overrides.js';

/** The delivery groups the scenario is written with (undefined: one map of teams). */
export type WrittenGroups = ReturnType<typeof writtenGroups>;
import { effortText, flow, MIN_RATE_ROWS, round } from './yaml-text.js';

/** Uncertain entries the validator refused in a draft: the key, and the reason. */
export type RefusedRanges = ReadonlyMap<string, string>;

interface Entry {
  readonly key: string;
  readonly low: number | string;
  readonly likely: number | string;
  readonly high: number | string;
  readonly note: string;
}

const floorTo = (x: number, digits: number): number => Number((Math.floor(x * 10 ** digits + 1e-9) / 10 ** digits).toFixed(digits));
const ceilTo = (x: number, digits: number): number => Number((Math.ceil(x * 10 ** digits - 1e-9) / 10 ** digits).toFixed(digits));

/** The largest value a share field takes: a failure rate is below 1 (written 0.999, as the fitted rate is capped). */
const FAILURE_MAX = 0.999;

/** A share's entry: likely the value written above, low and high its Wilson interval (4 decimals, outward), clamped to the field's limits. */
function shareEntry(key: string, s: ShareFit, of: string, max = 1): Entry | undefined {
  if (s.n < MIN_RATE_ROWS) return undefined;
  const likely = Math.min(round(s.share), max);
  const w = wilsonInterval(s.count, s.n);
  const low = Math.min(floorTo(w.low, 4), likely);
  const rawHigh = Math.max(ceilTo(w.high, 4), likely);
  const high = Math.min(rawHigh, max);
  const clamp = rawHigh > max ? `; high clamped to ${max}, the field's limit (below 1)` : '';
  return { key, low, likely, high, note: `Wilson 95% interval of ${s.count} of ${s.n} ${of}${clamp}` };
}

/** A lognormal median's entry: likely the median written above, low and high its bootstrap interval (whole minutes, outward), below the p90. */
function medianEntry(key: string, d: DurationFit | undefined): Entry | undefined {
  if (d?.medianInterval === undefined) return undefined;
  const likely = Math.max(1, Math.round(d.median));
  const p90 = Math.max(likely + 1, Math.round(d.p90));
  const i = d.medianInterval;
  const low = Math.max(1, Math.min(Math.floor(i.low), likely));
  const rawHigh = Math.max(Math.ceil(i.high), likely);
  const high = Math.min(rawHigh, p90 - 1);
  const how = i.resamples > 0 ? `bootstrap 95% interval (percentiles 2.5 and 97.5 of ${i.resamples} seeded resamples)` : 'normal 95% interval of the mean log (over 20000 values)';
  const clamp = rawHigh > high ? `; high clamped to ${effortText(high)}, below the p90 (${effortText(p90)}) as a median must be` : '';
  return { key, low: effortText(low), likely: effortText(likely), high: effortText(high), note: `${how} of the median of ${d.n} durations${clamp}` };
}

/** The fitted entries, in the scenario's order; `groups`: the delivery groups as written (write-sections.ts writtenGroups), if any. */
function fittedEntries(cal: Calibration, groups: WrittenGroups): Entry[] {
  const out: (Entry | undefined)[] = [];
  for (const c of cal.classes) {
    const k = `classes.${c.name}.`;
    if (cal.emergency.share.count > 0) {
      out.push(shareEntry(`${k}emergencyShare`, c.emergency, 'changes'), shareEntry(`${k}emergencyFailureRate`, c.emergencyFailure, 'closed emergency changes', FAILURE_MAX));
    }
    out.push(
      shareEntry(`${k}failureRate`, c.failure, 'closed normal changes', FAILURE_MAX),
      shareEntry(`${k}rejectionRate`, c.rejection, 'CAB decisions'),
      shareEntry(`${k}downtimeShare`, c.outOfHours, 'normal deployments'),
      medianEntry(`${k}efforts.deployment.lognormal.median`, c.deployment),
      c.standard.n > 0 ? shareEntry(`${k}preApproved.share`, c.standard, 'non-emergency changes', 1) : undefined,
      shareEntry(`${k}preApproved.failureRate`, c.standardFailure, 'closed standard changes', FAILURE_MAX),
      medianEntry(`${k}preApproved.deployment.lognormal.median`, c.standardDeployment),
    );
  }
  if (cal.emergency.share.count > 0) out.push(medianEntry('teams.changeManagement.emergencyCab.approval.lognormal.median', cal.emergency.approval));
  const a = cal.arrivals;
  const rate = (key: string, count: number, teams: number, likely: number, of: string): Entry => {
    const p = poissonScoreInterval(count, a.weeks);
    return {
      key,
      low: Math.max(0.001, Math.min(floorTo(p.low / teams, 3), likely)),
      likely,
      high: Math.min(100, Math.max(ceilTo(p.high / teams, 3), likely)),
      note: `Poisson score 95% interval of ${count} changes over ${a.weeks.toFixed(1)} weeks, per team${of}`,
    };
  };
  if (groups === undefined) {
    // One map of teams (write-sections.ts deliveryLines): featuresPerWeek is the total rate over the teams.
    const teams = a.groups === undefined ? (DEFAULTS['teams.delivery.count']!.value as number) : Math.min(a.groups.length, MAX_TEAMS);
    out.push(rate('teams.delivery.featuresPerWeek', Math.round(a.changesPerWeek * a.weeks), teams, Math.max(0.001, round(a.changesPerWeek / teams, 3)), ''));
  } else {
    // A list of groups: each group's rate from its own changes, keyed by its name as --set addresses it (its slug). Two
    // names with one slug (written apart by a "'", which a slug drops) would be one key: neither gets a range.
    const slugs = groups.map((g) => groupSlug(g.name));
    groups.forEach(({ fit }, i) => {
      const slug = slugs[i]!;
      if (slug === '' || slugs.indexOf(slug) !== slugs.lastIndexOf(slug)) return;
      const teams = fit.members.length;
      out.push(rate(`teams.delivery.${slug}.featuresPerWeek`, fit.changes, teams, groupFeaturesPerWeek(fit, a.weeks), ` of the group's ${teams}`));
    });
  }
  return out.filter((e): e is Entry => e !== undefined);
}

/** Half to twice a default time, in whole minutes (high below `below` when given). */
function timeRange(text: string, below?: string): { low: string; high: string } {
  const m = parseTime(text, 'effort')!;
  const cap = below === undefined ? Infinity : parseTime(below, 'effort')! - 1;
  return { low: effortText(Math.max(1, Math.floor(m / 2))), high: effortText(Math.min(2 * m, cap)) };
}

/** Candidate ranges for defaults the export cannot show: half to twice the default, with likely the default written above. */
function candidateEntries(cal: Calibration): Entry[] {
  const why = 'candidate: not in the export (the default, from half to twice it): replace with the client\'s range and uncomment';
  const out: Entry[] = [];
  for (const c of cal.classes) {
    const defaults = classDefaults(c.risk === 'high' || c.risk === 'very high' ? 'large' : 'small');
    for (const effort of ['changeDocumentation', 'assessment', 'handover']) {
      const d = defaults[`efforts.${effort}`]!.value as { lognormal: { median: string; p90: string } };
      out.push({ key: `classes.${c.name}.efforts.${effort}.lognormal.median`, likely: effortText(parseTime(d.lognormal.median, 'effort')!), ...timeRange(d.lognormal.median, d.lognormal.p90), note: why });
    }
    const perWeek = defaults['costOfDelay.perWeek']!.value as number;
    out.push({ key: `classes.${c.name}.costOfDelay.perWeek`, low: perWeek / 2, likely: perWeek, high: perWeek * 2, note: why });
  }
  for (const path of ['teams.delivery.hourlyRate', 'teams.changeManagement.hourlyRate', 'teams.applicationSupport.hourlyRate']) {
    const v = DEFAULTS[path]!.value as number;
    out.push({ key: path, low: v / 2, likely: v, high: v * 2, note: why });
  }
  return out;
}

const entryText = (e: Entry): string => `${e.key}: ${flow({ low: e.low, likely: e.likely, high: e.high })}`;

/** The `uncertain:` section's lines, with the comment that opens it. */
export function uncertainLines(cal: Calibration, refused: RefusedRanges, groups: WrittenGroups): string[] {
  const fitted = fittedEntries(cal, groups);
  const lines = [
    '# uncertain: how far each fitted value could be off, from the evidence, for "orisim uncertainty" (orisim run uses the values',
    '# above and ignores this section). Keys are --set paths; likely is the fitted value. Shares: the Wilson score 95% interval',
    `# of their counts. Medians: the percentile bootstrap 95% interval (${BOOTSTRAP_RESAMPLES} resamples, seeded: the same export writes the`,
    '# same file). Change rate: the Poisson score 95% interval. Class shares are not ranged (they must sum to 1), nor the CAB\'s',
    '# schedule and cutoff. Commented-out entries are candidates for defaults the export cannot show: fill in the client\'s',
    `# range and uncomment (at most ${MAX_UNCERTAIN_INPUTS} entries in all).`,
  ];
  let active = 0;
  const body: string[] = [];
  for (const e of fitted) {
    const why = refused.get(e.key);
    if (why !== undefined) body.push(`  # ${entryText(e)}  # ${e.note}; refused: ${why}`);
    else if (active >= MAX_UNCERTAIN_INPUTS) body.push(`  # ${entryText(e)}  # ${e.note}; left out: more than ${MAX_UNCERTAIN_INPUTS} inputs`);
    else {
      body.push(`  ${entryText(e)}  # ${e.note}`);
      active++;
    }
  }
  for (const e of candidateEntries(cal)) body.push(`  # ${entryText(e)}  # ${e.note}`);
  lines.push(active === 0 ? 'uncertain: {}  # nothing fitted has a range' : 'uncertain:', ...body);
  return lines;
}

/**
 * The entry keys an issue of the `uncertain` section is about: those its path starts with, as issue
 * paths show them (a key longer than 40 characters cut with "…", so two keys may match), or none.
 */
export function uncertainKeysOf(issuePath: string, cal: Calibration, groups: WrittenGroups): string[] {
  if (!issuePath.startsWith('uncertain.')) return [];
  const rest = issuePath.slice('uncertain.'.length);
  return fittedEntries(cal, groups)
    .map((e) => e.key)
    .filter((k) => rest === excerpt(k) || rest.startsWith(`${excerpt(k)}.`));
}
