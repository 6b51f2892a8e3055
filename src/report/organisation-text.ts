// One sentence per variant for the service introduction team and for short-notice rescheduling,
// when the scenario has them: the terminal prints them under the DORA lines, the report in its
// headline section. Nothing at all when neither is switched on.
import type { VariantSummary } from '../stats/summary-types.js';

function fmt(x: number, digits = 1): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '–';
}

/** "Service introduction normal: 12.4 launches a replication waited 1.3 days on average for the team (4.0 hours of assessment each); its utilisation 31%." */
export function serviceIntroductionLine(variant: string, v: VariantSummary): string | undefined {
  const s = v.serviceIntroduction;
  if (s === undefined) return undefined;
  return `Service introduction ${variant}: ${fmt(s.launches)} launches a replication waited ${fmt(s.meanWaitDays, 2)} days on average for the team ` +
    `(${fmt(s.meanActiveHours)} hours of assessment each); its utilisation ${fmt(s.utilisation * 100, 0)}%.`;
}

/** "Rescheduling normal: 6.2 deployment attempts a replication bumped at short notice (probability 5%), 5.9 changes; a bumped change went live 2.31 days later on average." */
export function reschedulingLine(variant: string, v: VariantSummary): string | undefined {
  const r = v.rescheduling;
  if (r === undefined) return undefined;
  return `Rescheduling ${variant}: ${fmt(r.bumps)} deployment attempts a replication bumped at short notice (probability ${fmt(r.probability * 100, 1)}%), ` +
    `${fmt(r.bumpedChanges)} changes; a bumped change went live ${fmt(r.meanDelayDays, 2)} days later on average.`;
}

/** Both lines of a variant, those that apply. */
export function organisationLines(variant: string, v: VariantSummary): string[] {
  return [serviceIntroductionLine(variant, v), reschedulingLine(variant, v)].filter((l): l is string => l !== undefined);
}
