// Date-times of a change export: the formats ServiceNow instances write, detected from the file
// or forced with --date-format. Times are the instance's local time with no zone, kept as minutes
// since 1970-01-01 00:00 on a clock without daylight-saving shifts (like the scenario's own time).

/** The formats calibrate reads; the first three are detected, the others only with --date-format. */
export const DATE_FORMATS = ['yyyy-MM-dd HH:mm:ss', 'dd/MM/yyyy HH:mm:ss', 'MM-dd-yyyy HH:mm:ss', 'MM/dd/yyyy HH:mm:ss', 'dd-MM-yyyy HH:mm:ss', 'dd.MM.yyyy HH:mm:ss'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** A parsed date-time: minutes since the epoch, and whether the text had a time of day. */
export interface Stamp {
  readonly minutes: number;
  readonly hasTime: boolean;
}

const SHAPE = /^(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** The day-month-year order and separator of each format. */
const LAYOUT: Record<DateFormat, { order: 'ymd' | 'dmy' | 'mdy'; sep: string }> = {
  'yyyy-MM-dd HH:mm:ss': { order: 'ymd', sep: '-' },
  'dd/MM/yyyy HH:mm:ss': { order: 'dmy', sep: '/' },
  'MM-dd-yyyy HH:mm:ss': { order: 'mdy', sep: '-' },
  'MM/dd/yyyy HH:mm:ss': { order: 'mdy', sep: '/' },
  'dd-MM-yyyy HH:mm:ss': { order: 'dmy', sep: '-' },
  'dd.MM.yyyy HH:mm:ss': { order: 'dmy', sep: '.' },
};

/** Parses `text` in `format`; undefined when it does not match or names no real date or time. */
export function parseStamp(text: string, format: DateFormat): Stamp | undefined {
  const m = SHAPE.exec(text.trim());
  if (m === null) return undefined;
  const { order, sep } = LAYOUT[format];
  if (m[2] !== sep) return undefined;
  const [a, b, c] = [m[1]!, m[3]!, m[4]!];
  const yearFirst = order === 'ymd';
  if (yearFirst ? a.length !== 4 || c.length > 2 : c.length !== 4 || a.length > 2) return undefined;
  const [y, mo, d] = order === 'ymd' ? [a, b, c] : order === 'dmy' ? [c, b, a] : [c, a, b];
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(m[5] ?? 0);
  const minute = Number(m[6] ?? 0);
  const second = Number(m[7] ?? 0);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(ms).getUTCDate() !== day || year < 1970) return undefined; // 31/02, or before the epoch
  return { minutes: ms / 60_000, hasTime: m[5] !== undefined };
}

/**
 * The format of a file's dates, from a sample of its date cells: year first → yyyy-MM-dd; slashes →
 * dd/MM/yyyy unless some value has a second part above 12 and none a first part above 12 (then
 * MM/dd/yyyy); dashes with the year last → MM-dd-yyyy. The most common shape wins; undefined when
 * no cell looks like a date.
 */
export function detectDateFormat(samples: Iterable<string>): DateFormat | undefined {
  const counts = new Map<DateFormat, number>();
  let slashFirstOver12 = false;
  let slashSecondOver12 = false;
  for (const s of samples) {
    const m = SHAPE.exec(s.trim());
    if (m === null) continue;
    let f: DateFormat | undefined;
    if (m[1]!.length === 4 && m[2] === '-') f = 'yyyy-MM-dd HH:mm:ss';
    else if (m[4]!.length === 4 && m[2] === '/') {
      f = 'dd/MM/yyyy HH:mm:ss';
      if (Number(m[1]) > 12) slashFirstOver12 = true;
      if (Number(m[3]) > 12) slashSecondOver12 = true;
    } else if (m[4]!.length === 4 && m[2] === '-') f = 'MM-dd-yyyy HH:mm:ss';
    else if (m[4]!.length === 4 && m[2] === '.') f = 'dd.MM.yyyy HH:mm:ss';
    if (f !== undefined) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  let best: DateFormat | undefined;
  for (const [f, n] of counts) if (best === undefined || n > counts.get(best)!) best = f;
  if (best === 'dd/MM/yyyy HH:mm:ss' && slashSecondOver12 && !slashFirstOver12) return 'MM/dd/yyyy HH:mm:ss';
  return best;
}

/** "2026-01-05" of a minute stamp. */
export function dayText(minutes: number): string {
  return new Date(minutes * 60_000).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayOf(minutes: number): number {
  return (new Date(minutes * 60_000).getUTCDay() + 6) % 7;
}

/** Minutes since midnight. */
export function timeOfDay(minutes: number): number {
  return ((minutes % 1440) + 1440) % 1440;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
