// Which column of a change export holds which field. Real instances label their columns by release
// and language ("Actual start" or "Actual start date", "Opened" or "Created"), in any case and
// spacing; each field is found by its ServiceNow field name or any of its labels below, compared
// as keys (lower case, accents dropped, every run of other characters one space). A missing
// required column names the closest header; with no actual start and end columns the planned ones
// are read instead (the caller warns).
import { editDistance } from '../scenario/errors.js';

/** The fields calibrate reads: ServiceNow field name → its labels, the list label first. */
export const FIELD_LABELS = {
  number: ['Number', 'Change number', 'Change request number', 'Change ID', 'Nummer', 'Numéro'],
  type: ['Type', 'Change type', 'Typ'],
  state: ['State', 'Status', 'Change state', 'Statut', 'Estado'],
  approval: ['Approval', 'Approval status', 'Approval state', 'Genehmigung'],
  risk: ['Risk', 'Risk level', 'Risiko', 'Risque', 'Riesgo'],
  opened_at: ['Opened', 'Opened at', 'Opened on', 'Date opened', 'Created', 'Created on', 'Created at', 'Date created', 'sys_created_on', 'Geöffnet', 'Erstellt', 'Ouvert', 'Créé', 'Créé le', 'Abierto', 'Creado'],
  cab_date: ['CAB date', 'CAB date time', 'CAB date/time', 'CAB meeting', 'CAB meeting date', 'cab_date_time', 'CAB-Datum', 'Date du CAB'],
  work_start: ['Actual start', 'Actual start date', 'Actual start time', 'Actual start date/time', 'Work start', 'Tatsächlicher Beginn', 'Début réel', 'Inicio real'],
  work_end: ['Actual end', 'Actual end date', 'Actual end time', 'Actual end date/time', 'Work end', 'Tatsächliches Ende', 'Fin réelle', 'Fin real'],
  close_code: ['Close code', 'Closure code', 'Close status', 'Abschlusscode', 'Code de clôture'],
  assignment_group: ['Assignment group', 'Assigned group', 'Support group', 'Zuordnungsgruppe', "Groupe d'affectation"],
  start_date: ['Planned start date', 'Planned start', 'Scheduled start', 'Geplanter Beginn', 'Date de début prévue'],
  end_date: ['Planned end date', 'Planned end', 'Scheduled end', 'Geplantes Ende', 'Date de fin prévue'],
} as const;
export type Field = keyof typeof FIELD_LABELS;
export const FIELDS = Object.keys(FIELD_LABELS) as Field[];
/** Columns without which the file cannot be calibrated at all (work_start and work_end may be the planned start_date and end_date). */
export const REQUIRED_FIELDS: readonly Field[] = ['type', 'opened_at', 'work_start', 'work_end'];
/** The planned field read in place of each actual one when its column is missing. */
export const PLANNED: Readonly<Partial<Record<Field, Field>>> = { work_start: 'start_date', work_end: 'end_date' };

/** A header's key: lower case, accents dropped, every run of characters that are not letters or digits one space. */
export const headerKey = (s: string): string =>
  s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** The label a field is named by in messages ("Actual start"). */
export const fieldLabel = (f: Field): string => FIELD_LABELS[f][0];

export interface ColumnMatch {
  /** Field → column index. */
  readonly cols: Map<Field, number>;
  /** Fields read from their planned column (work_start from start_date, …). */
  readonly planned: readonly Field[];
}

export class ColumnError extends Error {
  override name = 'ColumnError';
}

/**
 * Field → column index: from `map` (field → header, compared as keys) first, then the field name,
 * then each label in order; a column is given to one field only. Throws ColumnError (the message
 * after "file:1:1 ") for a --map header that is not there or a missing required column.
 */
export function matchColumns(header: readonly string[], map: Readonly<Partial<Record<Field, string>>>, showHeader: () => string): ColumnMatch {
  const keys = header.map(headerKey);
  const taken = new Set<number>();
  const cols = new Map<Field, number>();
  for (const f of FIELDS) {
    const wanted = map[f];
    if (wanted === undefined) continue;
    const i = keys.indexOf(headerKey(wanted));
    if (i < 0) throw new ColumnError(`--map ${f}=${wanted}: expected a column named ${JSON.stringify(wanted)}, got the header ${showHeader()}`);
    cols.set(f, i);
    taken.add(i);
  }
  for (const f of FIELDS) {
    if (cols.has(f)) continue;
    for (const name of [f, ...FIELD_LABELS[f]]) {
      const i = keys.findIndex((k, j) => k === headerKey(name) && !taken.has(j));
      if (i >= 0) {
        cols.set(f, i);
        taken.add(i);
        break;
      }
    }
  }
  const planned: Field[] = [];
  for (const [actual, plan] of Object.entries(PLANNED) as [Field, Field][]) {
    if (!cols.has(actual) && cols.has(plan) && map[actual] === undefined) planned.push(actual);
  }
  // Planned times stand in only for both ends at once: an actual start with a planned end would mix two clocks.
  const usePlanned = planned.length === 2 || (planned.length === 1 && !cols.has(planned[0] === 'work_start' ? 'work_end' : 'work_start'));
  const missing = REQUIRED_FIELDS.filter((f) => !cols.has(f) && !(usePlanned && planned.includes(f)));
  if (missing.length > 0) {
    const want = missing.map((f) => `${f} ("${fieldLabel(f)}")`).join(', ');
    const free = header.filter((_h, i) => !taken.has(i));
    const hints = missing.flatMap((f) => {
      const near = closestHeader(f, free);
      return near === undefined ? [] : [`did you mean ${JSON.stringify(near)} for ${f}? (--map ${f}=${JSON.stringify(near)})`];
    });
    throw new ColumnError(`expected the column${missing.length > 1 ? 's' : ''} ${want} (by field name or label, or --map FIELD=COLUMN), got the header ${showHeader()}${hints.length > 0 ? `; ${hints.join('; ')}` : ''}`);
  }
  if (usePlanned) for (const f of planned) cols.set(f, cols.get(PLANNED[f]!)!);
  return { cols, planned: usePlanned ? planned : [] };
}

/**
 * The header closest to one of a field's names: the smallest edit distance between keys, if at
 * most a third of the name's length (at least 1); else a header whose key starts or ends with a
 * name's key ("Actual start (UTC)"). Undefined when none is close.
 */
export function closestHeader(f: Field, header: readonly string[]): string | undefined {
  const names = [f, ...FIELD_LABELS[f]].map(headerKey);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const h of header) {
    const k = headerKey(h);
    if (k === '' || k.length > 80) continue;
    for (const n of names) {
      if (Math.abs(k.length - n.length) > Math.max(1, Math.floor(n.length / 3))) continue;
      const d = editDistance(k, n);
      if (d <= Math.max(1, Math.floor(n.length / 3)) && d < bestScore) {
        best = h;
        bestScore = d;
      }
    }
  }
  if (best !== undefined) return best;
  return header.find((h) => {
    const k = headerKey(h);
    return k.length <= 80 && names.some((n) => n.length >= 4 && (k.startsWith(`${n} `) || k.endsWith(` ${n}`)));
  });
}
