// The answer of an uncertainty study in words (page one of its report.html, and the command's
// stdout): how often the design best on total cost a year is best over the plausible worlds, the
// input whose value would flip the answer, which input to measure first (the largest EVPPI on total
// cost, with its share of the spread in p85 lead time and what resolving it is worth), and each
// design's interval over plausible inputs with the share that is simulation noise. Every number is
// in uncertainty.json.
import type { UncertainInput } from '../scenario/types.js';
import type { UncertaintyResult } from '../study/analysis.js';
import { formatDuration, formatMoney } from './words.js';

const DESIGN_NAME: Readonly<Record<string, string>> = { normal: 'Normal changes', preApproved: 'Pre-approved standard changes', youBuildItYouRunIt: 'You Build It You Run It' };

/** A design's name in a sentence: the variant's words for a one-scenario study, else its label. */
export function designName(label: string): string {
  return Object.hasOwn(DESIGN_NAME, label) ? DESIGN_NAME[label]! : label;
}

const pct = (share: number): string => (Number.isFinite(share) ? `${Math.round(share * 100)}%` : 'no value');

/** An input's value in its unit: a time in words, a share or rate as a percentage, else 3 significant figures. */
export function inputValueText(input: UncertainInput, value: number): string {
  if (input.kind === 'duration') return formatDuration(value / 1440);
  if (input.kind === 'effort') return value >= 480 ? `${(value / 480).toFixed(1)} working days` : `${(value / 60).toFixed(1)} hours`;
  if (input.kind === 'integer') return String(Math.round(value));
  if (/(Share|Rate|share|failureRate|probability)$/.test(input.path) && input.high <= 1) return pct(value);
  return String(Number(value.toPrecision(3)));
}

function argmax(values: Record<string, number>): string | undefined {
  let best: string | undefined;
  for (const [k, v] of Object.entries(values)) if (Number.isFinite(v) && (best === undefined || v > values[best]!)) best = k;
  return best;
}

export function uncertaintySentences(result: UncertaintyResult, inputs: readonly UncertainInput[], currency: string): string[] {
  const money = (x: number) => formatMoney(x, currency);
  const labels = Object.keys(result.designs);
  const sentences: string[] = [];
  const total = 'totalCostPerYear' as const;
  const best = argmax(result.probabilityBest[total]);
  const byEvppi = [...inputs].sort((a, b) => (result.inputs[b.path]![total].evppi - result.inputs[a.path]![total].evppi) || (a.path < b.path ? -1 : 1));
  if (labels.length > 1 && best !== undefined) {
    const p = result.probabilityBest[total][best]!;
    const others = labels.filter((l) => l !== best);
    const against = others.length === 1 ? `than ${designName(others[0]!).toLowerCase()}` : 'than the other designs';
    let s = `${designName(best)} cost${best === 'youBuildItYouRunIt' ? 's' : ''} less a year (cash cost and cost of delay) ${against} in ${pct(p)} of plausible worlds`;
    const flip = byEvppi.find((i) => result.inputs[i.path]![total].switchesAt !== undefined);
    if (flip !== undefined) {
      const at = result.inputs[flip.path]![total].switchesAt!;
      const side = at.from === best ? 'above' : 'below';
      s += `; the answer flips only if ${flip.path} is ${side} ${inputValueText(flip, at.value)}`;
    } else {
      s += '; no one input flips it within its range';
    }
    sentences.push(`${s}.`);
  }
  const first = byEvppi[0];
  const lead = 'leadTimeP85Days' as const;
  const correlated = result.correlations !== undefined;
  const measured = first !== undefined && result.inputs[first.path]![total].evppi > 0
    ? first
    : [...inputs].sort((a, b) => maxIndex(result, b.path) - maxIndex(result, a.path))[0];
  if (measured !== undefined) {
    const own = best ?? labels[0]!;
    const at = result.inputs[measured.path]![lead];
    // With correlated inputs, the share it explains with the inputs that move with it (no Sobol indices).
    const share = correlated ? at.explained?.[own] ?? NaN : at.firstOrder[own]?.estimate ?? NaN;
    const worth = result.inputs[measured.path]![total].evppi;
    const value = labels.length > 1 && worth > 0 ? `resolving it is worth up to ${money(worth)} a year` : 'resolving it would not change which design is best';
    const explains = correlated ? 'with the inputs correlated with it, it explains' : 'it explains';
    sentences.push(`Measure ${measured.path} first: ${explains} ${pct(Math.min(1, Math.max(0, share)))} of the spread in p85 lead time${labels.length > 1 ? ` of ${designName(own).toLowerCase()}` : ''} and ${value}.`);
  }
  for (const label of labels) {
    const m = result.designs[label]!.metrics;
    sentences.push(
      `${designName(label)}: p85 lead time ${formatDuration(m[lead].p05)} to ${formatDuration(m[lead].p95)} and total cost (cash cost + cost of delay) ${money(m[total].p05)} to ${money(m[total].p95)} a year in 90% of plausible worlds; ` +
        `the inputs are ${pct(m[lead].inputShare)} of the spread of one run's p85, simulation noise the rest.`,
    );
  }
  if (correlated) {
    const n = result.correlations!.length;
    sentences.push(
      `The inputs are drawn with the ${n} rank correlation${n === 1 ? '' : 's'} the scenario gives; an input's share of the spread counts what the inputs that move with it explain, and no Sobol indices are given (they assume independent inputs).`,
    );
  }
  sentences.push('These figures are as good as the ranges in the scenario\'s uncertain: section, and cover the inputs named there only; every other value is taken as certain.');
  return sentences;
}

/** The largest total-order index of an input on p85 lead time over the designs (with correlated inputs, the largest share it explains). */
function maxIndex(result: UncertaintyResult, path: string): number {
  const at = result.inputs[path]!.leadTimeP85Days;
  const values = result.correlations !== undefined ? Object.values(at.explained ?? {}) : Object.values(at.totalOrder).map((i) => i?.estimate ?? NaN);
  return Math.max(...values.filter(Number.isFinite), 0);
}
