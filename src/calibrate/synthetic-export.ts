// A seeded synthetic ServiceNow change_request export drawn from known parameters (field-name
// header, raw values, yyyy-MM-dd HH:mm:ss), for the calibration tests and benchmark: calibrate
// must recover the parameters it was drawn from. Not a simulation of the model: each change is
// drawn independently (opened uniformly over the period, decided at the first CAB meeting at
// least the cutoff after it was opened, deployed in the following week's office hours or in the
// Saturday-night window).
import { stringify } from 'csv-stringify/sync';
import { createStream, type Rng } from '../engine/random.js';
import { standardNormal, Z90 } from '../engine/distributions.js';

export interface SyntheticParams {
  readonly seed: number;
  readonly changes: number;
  /** The Monday the export starts, "2026-01-05". */
  readonly start: string;
  readonly weeks: number;
  readonly groups: readonly string[];
  readonly shares: { readonly standard: number; readonly emergency: number };
  readonly failureRate: number;
  readonly withIssuesRate: number;
  readonly rejectionRate: number;
  readonly outOfHoursShare: number;
  /** CAB weekday (0 = Monday), time in minutes after midnight, cutoff in minutes; meets every `everyWeeks` weeks from the first week. */
  readonly cab: { readonly weekday: number; readonly time: number; readonly cutoff: number; readonly everyWeeks: number };
  /** Deployment durations in minutes (lognormal by median and p90), by type. */
  readonly deployment: { readonly normal: { median: number; p90: number }; readonly standard: { median: number; p90: number } };
}

export const SYNTHETIC_DEFAULTS: SyntheticParams = {
  seed: 7,
  changes: 3000,
  start: '2026-01-05',
  weeks: 52,
  groups: ['Payments', 'Web Shop', 'Data Platform', 'Mobile'],
  shares: { standard: 0.3, emergency: 0.05 },
  failureRate: 0.12,
  withIssuesRate: 0.08,
  rejectionRate: 0.1,
  outOfHoursShare: 0.2,
  cab: { weekday: 1, time: 600, cutoff: 20 * 60, everyWeeks: 1 },
  deployment: { normal: { median: 90, p90: 300 }, standard: { median: 20, p90: 45 } },
};

const DAY = 1440;
export const HEADER = ['number', 'short_description', 'type', 'state', 'approval', 'risk', 'assignment_group', 'opened_at', 'cab_date', 'work_start', 'work_end', 'close_code'];

const pad = (n: number): string => String(n).padStart(2, '0');
export function formatStamp(minutes: number): string {
  const d = new Date(Math.round(minutes) * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
const weekday = (m: number): number => (Math.floor(m / DAY) + 3) % 7;
const lognormal = (rng: Rng, p: { median: number; p90: number }): number => p.median * Math.exp(((Math.log(p.p90) - Math.log(p.median)) / Z90) * standardNormal(rng));

/** The next weekday office-hours start after `t`: a working day's 09:00 plus up to 6 hours. */
function officeSlot(rng: Rng, t: number): number {
  let day = Math.floor(t / DAY) + 1;
  while (weekday(day * DAY) >= 5) day++;
  return day * DAY + 9 * 60 + Math.floor(rng.next() * 360);
}

/** The export's rows (header first). */
export function syntheticRows(p: SyntheticParams = SYNTHETIC_DEFAULTS): string[][] {
  const rng = createStream(p.seed, 0, 'synthetic-export');
  const start = Date.parse(`${p.start}T00:00:00Z`) / 60_000;
  const opened = Array.from({ length: p.changes }, () => start + Math.floor(rng.next() * p.weeks * 7 * DAY)).sort((a, b) => a - b);
  const rows: string[][] = [HEADER];
  opened.forEach((at, i) => {
    const u = rng.next();
    const type = u < p.shares.standard ? 'standard' : u < p.shares.standard + p.shares.emergency ? 'emergency' : 'normal';
    const group = p.groups[Math.floor(rng.next() * p.groups.length)]!;
    const risk = ['low', 'moderate', 'high'][Math.floor(rng.next() * 3)]!;
    let cab = '';
    let approval = type === 'standard' ? 'not requested' : 'approved';
    let state = 'closed';
    let decided = at;
    if (type === 'normal') {
      // The first meeting at least the cutoff after opening.
      let m = Math.floor((at + p.cab.cutoff) / DAY) * DAY + p.cab.time;
      const meets = (t: number): boolean => weekday(t) === p.cab.weekday && Math.floor((t - start) / (7 * DAY)) % p.cab.everyWeeks === 0;
      while (!meets(m) || m - at < p.cab.cutoff) m += DAY;
      cab = formatStamp(m);
      decided = m;
      if (rng.next() < p.rejectionRate) {
        approval = 'rejected';
        state = 'canceled';
      }
    }
    let workStart = '';
    let workEnd = '';
    let close = '';
    if (state === 'closed') {
      const ooh = type !== 'standard' && rng.next() < p.outOfHoursShare;
      let s: number;
      if (ooh) {
        let day = Math.floor(decided / DAY) + 1;
        while (weekday(day * DAY) !== 5) day++;
        s = day * DAY + 22 * 60 + Math.floor(rng.next() * 120);
      } else s = officeSlot(rng, decided);
      const duration = lognormal(rng, type === 'standard' ? p.deployment.standard : p.deployment.normal);
      workStart = formatStamp(s);
      workEnd = formatStamp(s + duration);
      const c = rng.next();
      close = c < p.failureRate ? 'unsuccessful' : c < p.failureRate + p.withIssuesRate ? 'successful_issues' : 'successful';
    }
    rows.push([`CHG${String(1_000_000 + i)}`, `Change ${i} for ${group}`, type, state, approval, risk, group, formatStamp(at), cab, workStart, workEnd, close]);
  });
  return rows;
}

/** The export as CSV text. */
export function syntheticExport(p: SyntheticParams = SYNTHETIC_DEFAULTS): string {
  return stringify(syntheticRows(p));
}
