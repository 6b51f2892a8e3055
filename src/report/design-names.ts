// How pages and the command line name a compared design: the scenario's name and a plain variant
// name ("today · You Build It You Run It"), not comparison.json's FILE:VARIANT label (which stays
// the design's key there and what --baseline takes). When two compared files carry the same
// scenario name, the file is added to tell them apart ("today (b.yaml) · Pre-approved").
import type { DesignRef } from '../stats/compare.js';
import { variantLabel } from './charts/palette.js';

/** The file part of a design's FILE:VARIANT label ("b.yaml", "a.yaml#2"). */
function fileOf(d: DesignRef): string {
  return d.label.slice(0, d.label.length - d.variant.length - 1);
}

/** The name shown for design `d` among `designs` (every design of the comparison). */
export function designName(d: DesignRef, designs: readonly DesignRef[]): string {
  const clash = designs.some((o) => o.scenario === d.scenario && fileOf(o) !== fileOf(d));
  const scenario = clash ? `${d.scenario} (${fileOf(d)})` : d.scenario;
  return `${scenario} · ${variantLabel(d.variant)}`;
}
