// The answer in words: a few sentences generated from a run's numbers, printed after the CLI
// table and at the top of report.html. Every number in them is in summary.json (the paired
// intervals under `differences`); a difference whose interval includes zero is worded as no clear
// difference; the caveat is always there.
import { CLASS_DEFAULTS } from '../scenario/defaults.js';
import type { Scenario, Variant } from '../scenario/types.js';
import { biasReason, percent, unfinishedShare } from '../stats/bias.js';
import type { RunDifference, RunDifferences } from '../stats/summary-types.js';
import type { Summary, VariantSummary } from '../stats/summary-types.js';
import { CAVEAT, changeClause, formatDuration, formatMoney, type PairedFigure } from './words.js';
import { groupDigits } from '../scenario/group-digits.js';

/** How a variant is named in a sentence. */
export const VARIANT_WORDS: Record<Variant, string> = {
  normal: 'Normal changes (every change through the CAB and application support)',
  preApproved: 'Pre-approved standard changes',
  youBuildItYouRunIt: 'You Build It You Run It (every team deploys and runs its own changes)',
};

const AGAINST_WORDS: Record<Variant, string> = { normal: 'normal changes', preApproved: 'pre-approved standard changes', youBuildItYouRunIt: 'You Build It You Run It' };

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function paired(baseline: number, design: number, d: RunDifference): PairedFigure {
  return { baseline, design, baselineMean: d.baselineMean, difference: { mean: d.mean, ci95: d.ci95 } };
}

/** "the median lead time falls …; the 85th percentile falls …", and why the tail stays, if it does. */
function leadTimeSentence(baseline: Variant, design: Variant, base: VariantSummary, v: VariantSummary, d: NonNullable<RunDifferences['variants'][Variant]>): string {
  const median = changeClause('the median lead time', paired(base.leadTimeDays.p50, v.leadTimeDays.p50, d.leadTimeP50Days), formatDuration);
  const tail = changeClause('the 85th percentile', paired(base.leadTimeDays.p85, v.leadTimeDays.p85, d.leadTimeP85Days), formatDuration);
  const viaCab = v.byPath['normal'];
  const viaCabWhy =
    design === 'preApproved' && viaCab !== undefined && viaCab.completed > 0 && v.changes.completed > 0
      ? `, because ${percent(viaCab.completed / v.changes.completed)} of its changes still go through the CAB and application support (their median ${formatDuration(viaCab.p50)})`
      : '';
  const why = design === 'youBuildItYouRunIt' ? ', because no change waits for a CAB, a handover or application support' : viaCabWhy;
  return `${VARIANT_WORDS[design]}, against ${AGAINST_WORDS[baseline]}: ${median}; ${tail}${why}.`;
}

/** "Normal …: 85% of changes are live within 16.6 days (median 8.0 days); …; cash cost £944k a year (money paid), cost of delay £1.39M a year (value forgone)". */
function variantSentence(scenario: Scenario, variant: Variant, v: VariantSummary): string {
  const perTeam = v.deploymentsPerWeek.mean / scenario.teams.delivery.count;
  const year = v.costs.perYear;
  const staff = year.cash.staff;
  const staffTotal = staff.changeManagement + staff.applicationSupport + staff.serviceIntroduction + staff.deliveryTeams;
  return (
    `${VARIANT_WORDS[variant]}: 85% of changes are live within ${formatDuration(v.leadTimeDays.p85)} (median ${formatDuration(v.leadTimeDays.p50)}); ` +
    `${perTeam.toFixed(2)} deployments a week per delivery team, ${percent(v.changeFailureRate)} of attempts fail; ` +
    `cash cost ${formatMoney(year.cash.total, v.costs.currency)} a year (money paid; staff ${formatMoney(staffTotal, v.costs.currency)} of it), ` +
    `cost of delay ${formatMoney(year.opportunity, v.costs.currency)} a year (value forgone while changes wait, not money paid).`
  );
}

/**
 * Whether every class's cost of delay is one of orisim's default rates (a standard profile at the
 * `small` or `large` default a week, no penalty): as the defaults give it, or as calibrate writes it
 * for classes an export cannot price (`# assumption: not in the export`).
 */
function defaultCostOfDelay(scenario: Scenario): boolean {
  const rates = new Set(Object.values(CLASS_DEFAULTS).map((d) => d['costOfDelay.perWeek']!.value));
  const profile = CLASS_DEFAULTS.small!['costOfDelay.profile']!.value;
  return scenario.classes.every((c) => c.costOfDelay.profile === profile && c.costOfDelay.penalty === 0 && rates.has(c.costOfDelay.perWeek));
}

/** "The cost of delay is at orisim's default rates (small £1,500 a week, large £4,000 a week …: an assumption), not the client's: …". */
function defaultRatesSentence(scenario: Scenario): string {
  // Exact amounts ("£1,500", not "£2k"): formatMoney's symbol or code, with the number in full.
  const exact = (x: number): string => formatMoney(0, scenario.currency).replace(/0$/, groupDigits(x));
  const rates = scenario.classes.map((c) => `${c.name} ${exact(c.costOfDelay.perWeek)} a week`).join(', ');
  return (
    `The cost of delay is at orisim's default rates (${rates} of waiting per change: an assumption), not the client's: ` +
    'set each class\'s costOfDelay to the value a week of delay really costs before reading it as money.'
  );
}

/** "You Build It You Run It's on-call rotas: £62k a year of standby pay; 0.21 out-of-hours call-outs a team a year, £1k a year." */
function onCallSentence(scenario: Scenario, v: VariantSummary): string | undefined {
  const { onCall } = v;
  const { runItems, perYear, currency } = v.costs;
  if (onCall === undefined || runItems.onCallStandby === undefined || runItems.callOut === undefined) return undefined;
  const perTeamYear = onCall.callOutsPerTeamPerWeek * 52;
  return (
    `${VARIANT_WORDS.youBuildItYouRunIt.split(' (')[0]!}'s on-call rotas (one person per delivery team): ` +
    `${formatMoney(runItems.onCallStandby * perYear.scale, currency)} a year of standby pay; ` +
    `${perTeamYear.toFixed(2)} out-of-hours call-outs a team a year, ${formatMoney(runItems.callOut * perYear.scale, currency)} a year` +
    ` (${scenario.teams.delivery.count} teams).`
  );
}

/** "30%", "2.5%": a rate as a scenario file would give it. */
const rate = (x: number): string => `${Number((x * 100).toFixed(1))}%`;

/**
 * The assumptions that favour You Build It You Run It, named where they hold: every class deploys
 * through the team's pipeline at its class's pre-approved (pipeline) failure rate — also a class
 * that is never pre-approved, whose pipeline rate is then the default — when that is below the
 * normal path's; and no change needs downtime (an empty `downtimeSlot`, the default).
 */
function youBuildItAssumptions(scenario: Scenario): string | undefined {
  const lower = scenario.classes.filter((c) => c.preApproved.failureRate < c.failureRate);
  const parts: string[] = [];
  if (lower.length > 0) {
    const list = lower.map((c) => `${c.name} ${rate(c.preApproved.failureRate)} (${rate(c.failureRate)} through the CAB${c.preApproved.share === 0 ? `; no ${c.name} change is pre-approved, so nothing measured backs it` : ''})`);
    parts.push(`its pipelines fail at each class's pipeline failure rate (classes.*.preApproved.failureRate), ${list.join(', ')}`);
  }
  if ((scenario.youBuildItYouRunIt?.downtimeSlot ?? []).length === 0) {
    parts.push('no change needs downtime (youBuildItYouRunIt.downtimeSlot is empty: zero-downtime deployment, the default)');
  }
  if (parts.length === 0) return undefined;
  return `${VARIANT_WORDS.youBuildItYouRunIt.split(' (')[0]!} rests on assumptions that favour it (vary them before quoting it): ${parts.join('; and ')}.`;
}

/** The sentences for one run, in reading order; the last is the caveat. */
export function runSummarySentences(scenario: Scenario, summary: Summary, differences: RunDifferences | undefined): string[] {
  const variants = scenario.variants.filter((v) => summary.variants[v] !== undefined);
  const out: string[] = [];
  if (differences !== undefined) {
    const base = summary.variants[differences.baseline]!;
    for (const v of variants) {
      const d = differences.variants[v];
      const s = summary.variants[v];
      if (d === undefined || s === undefined) continue;
      out.push(leadTimeSentence(differences.baseline, v, base, s, d));
      const money = (x: number): string => formatMoney(x, s.costs.currency);
      const cash = changeClause(
        `cash cost a year (setup amortised over ${s.costs.perYear.setupAmortisationYears} years)`,
        paired(base.costs.perYear.cash.total, s.costs.perYear.cash.total, d.cashCostPerYear),
        money,
      );
      const delay = changeClause('the cost of delay a year', paired(base.costs.perYear.opportunity, s.costs.perYear.opportunity, d.costOfDelayPerYear), money);
      out.push(`${capitalise(cash)}; ${delay}.`);
    }
  }
  for (const v of variants) out.push(variantSentence(scenario, v, summary.variants[v]!));
  if (variants.length > 0 && defaultCostOfDelay(scenario)) out.push(defaultRatesSentence(scenario));
  const ybr = summary.variants.youBuildItYouRunIt;
  const onCall = ybr === undefined ? undefined : onCallSentence(scenario, ybr);
  if (onCall !== undefined) out.push(onCall);
  const assumptions = ybr === undefined ? undefined : youBuildItAssumptions(scenario);
  if (assumptions !== undefined) out.push(assumptions);
  for (const v of variants) {
    const s = summary.variants[v]!;
    if (biasReason(s.changes) !== undefined) {
      out.push(`${VARIANT_WORDS[v]}: lead times are understated, because ${percent(unfinishedShare(s.changes))} of counted changes were not live when the run ended.`);
    }
  }
  const warnings = variants.reduce((n, v) => n + summary.variants[v]!.warnings.length, 0);
  if (warnings > 0) out.push(`${warnings} warning${warnings === 1 ? '' : 's'} qualify these numbers (see Warnings).`);
  out.push(CAVEAT);
  return out;
}
