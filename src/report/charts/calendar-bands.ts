// The simulated calendar drawn behind every chart with a time axis: the warm-up (grey), change
// freezes (blue) and public holidays (yellow), each shaded over its span, labelled (warm-up and
// freezes by name, holidays in their tooltip and in a legend line), and clipped to the horizon.
import type { ReportInput } from '../report-input.js';
import { MUTED_COLOUR } from './palette.js';

export const WARMUP_FILL = '#eeeeee';
export const FREEZE_FILL = '#d6e6f5';
export const HOLIDAY_FILL = '#f7ecc4';

export interface CalendarBand {
  kind: 'warm-up' | 'freeze' | 'holiday';
  label: string;
  /** In the chart's x unit (weeks or days since the start). */
  from: number;
  to: number;
}

const MINUTES_PER_DAY = 1440;

/** The bands in `unit` (minutes per x unit), clipped to [0, horizon]; empty ones left out. */
export function calendarBands(input: ReportInput, unitMinutes: number): CalendarBand[] {
  const horizon = input.summary.run.horizonDays * MINUTES_PER_DAY;
  const bands: CalendarBand[] = [];
  const add = (kind: CalendarBand['kind'], label: string, from: number, to: number): void => {
    const a = Math.max(0, from);
    const b = Math.min(horizon, to);
    if (b > a) bands.push({ kind, label, from: a / unitMinutes, to: b / unitMinutes });
  };
  add('warm-up', 'warm-up (not counted)', 0, input.summary.run.warmupDays * MINUTES_PER_DAY);
  for (const f of input.scenario.freezes) add('freeze', `freeze: ${f.name}`, f.from, f.to);
  for (const h of input.scenario.holidays) add('holiday', `holiday: ${h.name}`, h.from, h.to);
  return bands;
}

const FILL: Record<CalendarBand['kind'], string> = { 'warm-up': WARMUP_FILL, freeze: FREEZE_FILL, holiday: HOLIDAY_FILL };

/** The legend line for a chart's subtitle, naming only the kinds that are drawn. */
export function calendarLegend(input: ReportInput, unitMinutes: number): string[] {
  const kinds = new Set(calendarBands(input, unitMinutes).map((b) => b.kind));
  const parts = [
    kinds.has('warm-up') ? 'grey: warm-up' : '',
    kinds.has('freeze') ? 'blue: change freeze' : '',
    kinds.has('holiday') ? 'yellow: public holiday' : '',
  ].filter((p) => p !== '');
  return parts.length === 0 ? [] : [`Shaded ${parts.join(', ')}`];
}

/** Vega-Lite layers: one shaded rect per band, with a text label for the warm-up and each freeze. */
export function calendarLayers(input: ReportInput, unitMinutes: number, xTitle: string): object[] {
  const bands = calendarBands(input, unitMinutes);
  // A label in the right-hand third of the axis ends at its band's end, so it stays on the chart.
  const end = (input.summary.run.horizonDays * MINUTES_PER_DAY) / unitMinutes;
  const label = (of: CalendarBand[], right: boolean): object => ({
    data: { values: of },
    mark: { type: 'text', align: right ? 'right' : 'left', baseline: 'top', dx: right ? -3 : 3, dy: 3, fontSize: 10, color: MUTED_COLOUR },
    encoding: { x: { field: right ? 'to' : 'from', type: 'quantitative', title: xTitle }, y: { value: 0 }, text: { field: 'label' } },
  });
  const layers: object[] = [];
  for (const kind of ['warm-up', 'freeze', 'holiday'] as const) {
    const of = bands.filter((b) => b.kind === kind);
    if (of.length === 0) continue;
    layers.push({
      data: { values: of },
      mark: { type: 'rect', color: FILL[kind] },
      encoding: { x: { field: 'from', type: 'quantitative', title: xTitle }, x2: { field: 'to' }, tooltip: [{ field: 'label', title: 'Period' }] },
    });
    if (kind === 'holiday') continue;
    const left = of.filter((b) => b.from <= (2 * end) / 3);
    const right = of.filter((b) => b.from > (2 * end) / 3);
    if (left.length > 0) layers.push(label(left, false));
    if (right.length > 0) layers.push(label(right, true));
  }
  return layers;
}
