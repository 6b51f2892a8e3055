// The workshop's levers: each one a `--set` path (or `variant`, the design) with candidate values
// written as --set values (YAML), the words and unit shown beside its control, and today's value read
// from the scenario as loaded. A scenario's `levers:` section (issue 23: path → candidate values)
// plugs in through leversFromSection; without one, defaultLevers gives the usual questions of a
// workshop: CAB days and cutoff, pre-approved share by class, application-support people, the
// out-of-hours windows, release batching, delivery teams and the design. Node-free (runs in the page).
import type { ReleasePolicy, Scenario, Variant } from '../../scenario/types.js';
import { WEEKDAY_NAMES } from '../../scenario/units.js';

export interface Lever {
  /** The --set path it sets, or "variant": the design (sets `variants=[X]`). */
  readonly path: string;
  /** What it is, in words. */
  readonly label: string;
  /** The unit of its values, shown beside the control. */
  readonly unit: string;
  /** A slider (ordered numbers) or a select. */
  readonly control: 'slider' | 'select';
  /** Candidate values, as --set values (YAML), in order; today's value is among them. */
  readonly values: readonly string[];
  /** Words for each value (default: the value). */
  readonly names?: readonly string[];
  /** The value of the scenario as loaded. */
  readonly today: string;
}

/** The design lever's path: it sets `variants` to the one chosen design. */
export const VARIANT_PATH = 'variant';

const VARIANT_NAMES: Readonly<Record<Variant, string>> = {
  normal: 'normal changes (CAB)',
  preApproved: 'pre-approved (standard) changes',
  youBuildItYouRunIt: 'You Build It You Run It',
};

/** "20h", "2d", "90m": a duration in minutes as a --set value. */
export function durationValue(minutes: number): string {
  if (minutes > 0 && minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

function releaseValue(r: ReleasePolicy | undefined): string {
  if (r === undefined || r.kind === 'perFeature') return 'perFeature';
  return r.kind === 'batch' ? `{batch: ${r.size}}` : `{every: ${durationValue(r.period)}}`;
}

/** The value at a dotted path of the file's own contents (before defaults), or undefined. */
function rawAt(raw: unknown, path: string): unknown {
  let at: unknown = raw;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null || Array.isArray(at) || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** A list of strings as a YAML flow sequence: "[sat 22:00-04:00]". */
function flowList(items: readonly string[]): string {
  return `[${items.join(', ')}]`;
}

/** Numbers from..to by step (rounded to 6 decimals), with today's value added in order when it is not on the grid. */
function numberGrid(from: number, to: number, step: number, today: number): string[] {
  const out: number[] = [];
  for (let x = from; x <= to + step / 1e6; x += step) out.push(Math.round(x * 1e6) / 1e6);
  if (!out.includes(today)) out.push(today);
  return out.sort((a, b) => a - b).map(String);
}

/** The values with today's added (first) when it is not among them. */
function withToday(values: readonly string[], names: readonly string[], today: string): { values: string[]; names: string[] } {
  if (values.includes(today)) return { values: [...values], names: [...names] };
  return { values: [today, ...values], names: [`${today} (as loaded)`, ...names] };
}

function select(path: string, label: string, unit: string, values: readonly string[], names: readonly string[], today: string): Lever {
  return { path, label, unit, control: 'select', ...withToday(values, names, today), today };
}

const CAB_DAYS = [['[tue]', 'once a week (tue)'], ['[tue, thu]', 'twice a week (tue, thu)'], ['[mon, wed, fri]', 'three times a week'], ['[mon, tue, wed, thu, fri]', 'every working day']] as const;
const CUTOFFS = ['2h', '4h', '8h', '20h', '1d', '2d'];
const WINDOWS = [
  ['[sat 22:00-04:00]', 'Saturday night, 6 hours'],
  ['[sat 22:00-02:00]', 'Saturday night, 4 hours'],
  ['[sat 20:00-06:00]', 'Saturday night, 10 hours'],
  ['[wed 22:00-04:00, sat 22:00-04:00]', 'Wednesday and Saturday nights, 6 hours'],
  ['[tue 22:00-04:00, thu 22:00-04:00, sat 22:00-04:00]', 'Tuesday, Thursday and Saturday nights, 6 hours'],
  ['[mon 22:00-04:00, tue 22:00-04:00, wed 22:00-04:00, thu 22:00-04:00, fri 22:00-04:00]', 'every weeknight, 6 hours'],
] as const;
const RELEASES = [['perFeature', 'one change per feature'], ['{batch: 3}', 'a release of every 3 features'], ['{batch: 5}', 'a release of every 5 features'], ['{every: 1w}', 'a release every week'], ['{every: 2w}', 'a release every 2 weeks'], ['{every: 4w}', 'a release every 4 weeks']] as const;

/**
 * The default levers for a scenario (`raw`: the file's own contents, for values written as text such
 * as the windows). Delivery teams and release batching only when `teams.delivery` is one map (not
 * groups); CAB days only for a weekly CAB (no `every`/`meetings` schedule).
 */
export function defaultLevers(scenario: Scenario, raw: unknown): Lever[] {
  const cm = scenario.teams.changeManagement;
  const support = scenario.teams.applicationSupport;
  const delivery = scenario.teams.delivery;
  const levers: Lever[] = [
    select(VARIANT_PATH, 'Design', 'design', Object.keys(VARIANT_NAMES), Object.values(VARIANT_NAMES), scenario.variants[0]!),
  ];
  if (cm.cab.schedule === undefined) {
    levers.push(select('teams.changeManagement.cab.days', 'CAB meetings', 'days a week', CAB_DAYS.map((d) => d[0]), CAB_DAYS.map((d) => d[1]), flowList(cm.cab.days.map((d) => WEEKDAY_NAMES[d]!))));
  }
  levers.push(select('teams.changeManagement.cab.cutoff', 'CAB cutoff', 'before the meeting', CUTOFFS, CUTOFFS, durationValue(cm.cab.cutoff)));
  for (const c of scenario.classes) {
    levers.push({
      path: `classes.${c.name}.preApproved.share`,
      label: `Pre-approved share of ${c.name} changes`,
      unit: 'share (0–1), pre-approved design',
      control: 'slider',
      values: numberGrid(0, 1, 0.25, c.preApproved.share),
      today: String(c.preApproved.share),
    });
  }
  levers.push({
    path: 'teams.applicationSupport.people',
    label: 'Application support',
    unit: 'people',
    control: 'slider',
    values: numberGrid(1, Math.max(10, support.people), 1, support.people),
    today: String(support.people),
  });
  const windows = rawAt(raw, 'teams.applicationSupport.outOfHoursWindows');
  const windowsToday = Array.isArray(windows) && windows.every((w) => typeof w === 'string') ? flowList(windows) : WINDOWS[0][0];
  levers.push(select('teams.applicationSupport.outOfHoursWindows', 'Out-of-hours windows', 'nights and length', WINDOWS.map((w) => w[0]), WINDOWS.map((w) => w[1]), windowsToday));
  if (delivery.listed !== true) {
    levers.push(select('teams.delivery.release', 'Release batching', 'per team', RELEASES.map((r) => r[0]), RELEASES.map((r) => r[1]), releaseValue(delivery.release)));
    levers.push({
      path: 'teams.delivery.count',
      label: 'Delivery teams',
      unit: 'teams',
      control: 'slider',
      values: numberGrid(1, Math.max(30, delivery.count), 1, delivery.count),
      today: String(delivery.count),
    });
  }
  return levers;
}

/** A `levers:` section's candidates for one path: a list, or {from, to, step} (issue 23's form). */
export type LeverCandidates = readonly (string | number)[] | { readonly from: number; readonly to: number; readonly step: number };

/**
 * Levers from a scenario's `levers:` section (path → candidates), with words and today's value
 * from the default lever of the same path where there is one. Numbers become sliders, others selects.
 */
export function leversFromSection(section: Readonly<Record<string, LeverCandidates>>, defaults: readonly Lever[]): Lever[] {
  return Object.entries(section).map(([path, candidates]) => {
    const known = defaults.find((l) => l.path === path);
    const values = Array.isArray(candidates)
      ? (candidates as readonly (string | number)[]).map(String)
      : numberGrid((candidates as { from: number }).from, (candidates as { to: number }).to, (candidates as { step: number }).step, (candidates as { from: number }).from);
    const today = known?.today ?? values[0]!;
    const numeric = [...values, today].every((v) => v.trim() !== '' && Number.isFinite(Number(v)));
    const nameOf = (v: string): string => known?.names?.[known.values.indexOf(v)] ?? v;
    const label = known?.label ?? path;
    const unit = known?.unit ?? '';
    if (numeric) {
      // A slider's values in order, today's among them.
      const ordered = [...new Set([...values, today])].sort((a, b) => Number(a) - Number(b));
      return { path, label, unit, control: 'slider', values: ordered, names: ordered.map(nameOf), today };
    }
    return { path, label, unit, control: 'select', ...withToday(values, values.map(nameOf), today), today };
  });
}

/** The chosen values that differ from today, as --set arguments ("path=value"; the design as `variants=[X]`), in lever order. */
export function overridesOf(levers: readonly Lever[], chosen: Readonly<Record<string, string>>): string[] {
  const out: string[] = [];
  for (const l of levers) {
    const v = Object.hasOwn(chosen, l.path) ? chosen[l.path]! : l.today;
    if (l.path === VARIANT_PATH) out.unshift(`variants=[${v}]`);
    else if (v !== l.today) out.push(`${l.path}=${v}`);
  }
  return out;
}

/** Today's design: the scenario as loaded, its first variant only. */
export function todayOverrides(levers: readonly Lever[]): string[] {
  const design = levers.find((l) => l.path === VARIANT_PATH);
  return design === undefined ? [] : [`variants=[${design.today}]`];
}
