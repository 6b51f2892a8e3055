// The warnings of a sweep as a reader takes them in: a warning that holds at every value swept
// (for a variant, or for every variant) is one line, not one per value; the others stay with their
// value and variant. Used for stderr and for report.html's Warnings; bias notes stay per result.
import type { Variant } from '../scenario/types.js';
import type { SweepPoint } from '../stats/sweep.js';
import { VARIANT_LABEL } from './charts/palette.js';
import type { PageWarning } from './chart-page.js';

/** Which result a sweep warning is about: `teams.delivery.count=30, Normal (CAB)`. */
export function pointSubject(param: string, p: SweepPoint): string {
  return `${param}=${p.value}, ${VARIANT_LABEL[p.variant]}`;
}

/** Does every point of `variant` carry warning `w`? */
const everywhere = (points: readonly SweepPoint[], variant: Variant, w: string): boolean =>
  points.filter((p) => p.variant === variant).every((p) => p.warnings.includes(w));

/**
 * The run warnings of every value × variant, a warning that holds at every value written once:
 * "every value of PARAM" (with its variant when not every variant has it). With a single value,
 * nothing is collapsed. Order: the collapsed warnings first, in the order first met, then the rest.
 */
export function sweepRunWarnings(param: string, points: readonly SweepPoint[]): PageWarning[] {
  const values = new Set(points.map((p) => p.value));
  const variants = [...new Set(points.map((p) => p.variant))];
  const collapsed: PageWarning[] = [];
  const held = new Set<string>();
  const key = (v: Variant, w: string): string => `${v}\u0000${w}`;
  if (values.size > 1) {
    for (const p of points) {
      for (const w of p.warnings) {
        if (held.has(key(p.variant, w)) || !everywhere(points, p.variant, w)) continue;
        const all = variants.every((v) => everywhere(points, v, w));
        for (const v of all ? variants : [p.variant]) held.add(key(v, w));
        collapsed.push({ subject: all ? `every value of ${param}` : `every value of ${param}, ${VARIANT_LABEL[p.variant]}`, text: w });
      }
    }
  }
  const rest = points.flatMap((p) => p.warnings.filter((w) => !held.has(key(p.variant, w))).map((w) => ({ subject: pointSubject(param, p), text: w })));
  return [...collapsed, ...rest];
}

/** Every point's bias note, then the run warnings (collapsed as above), as the report lists them. */
export function sweepWarnings(param: string, points: readonly SweepPoint[]): PageWarning[] {
  const bias = points.flatMap((p) => (p.biasReason !== undefined ? [{ subject: pointSubject(param, p), text: p.biasReason, bias: true }] : []));
  return [...bias, ...sweepRunWarnings(param, points)];
}
