// Team utilisation per variant: busy time over available time, for each team.
import type { TopLevelSpec } from 'vega-lite';
import type { ReportInput } from '../report-input.js';
import { type ChartDef, CHART_WIDTH, baseSpec, summaryOf, title, variantsOf } from './common.js';
import { MUTED_COLOUR, TEAM_LABEL, TEAMS, VARIANT_LABEL, variantScale } from './palette.js';

export interface UtilisationRow {
  variant: string;
  team: string;
  utilisation: number;
  label: string;
}

export function utilisationRows(input: ReportInput): UtilisationRow[] {
  return variantsOf(input).flatMap((v) => {
    const u = summaryOf(input, v).utilisation;
    return TEAMS.map((t) => ({ variant: VARIANT_LABEL[v], team: TEAM_LABEL[t], utilisation: u[t], label: `${(u[t] * 100).toFixed(0)}%` }));
  });
}

export function utilisation(input: ReportInput): ChartDef {
  const text = 'How busy each team is, per variant';
  const variants = variantsOf(input);
  const rows = utilisationRows(input);
  const max = Math.max(1, ...rows.map((r) => r.utilisation));
  const y = { field: 'team', type: 'nominal', title: null, sort: TEAMS.map((t) => TEAM_LABEL[t]) };
  const yOffset = { field: 'variant', type: 'nominal', sort: variants.map((v) => VARIANT_LABEL[v]) };
  const x = { field: 'utilisation', type: 'quantitative', title: 'Utilisation (share of available working time)', axis: { format: '.0%' }, scale: { domain: [0, max * 1.08] } };
  const spec = {
    ...baseSpec(),
    title: title(text, input, ['Mean over replications; dashed: fully busy (100%)', 'Out-of-hours windows: share of window staff time used']),
    width: CHART_WIDTH,
    height: { step: 14 * variants.length + 10 },
    layer: [
      {
        data: { values: rows },
        layer: [
          {
            mark: { type: 'bar', tooltip: true },
            encoding: {
              y, yOffset, x,
              color: { field: 'variant', type: 'nominal', title: 'Variant', scale: variantScale(variants), legend: { orient: 'bottom' } },
              tooltip: [{ field: 'variant', title: 'Variant' }, { field: 'team', title: 'Team' }, { field: 'utilisation', title: 'Utilisation', format: '.1%' }],
            },
          },
          { mark: { type: 'text', align: 'left', dx: 3, fontSize: 10 }, encoding: { y, yOffset, x, text: { field: 'label' } } },
        ],
      },
      {
        data: { values: [{ full: 1 }] },
        mark: { type: 'rule', strokeDash: [6, 4], color: MUTED_COLOUR },
        encoding: { x: { field: 'full', type: 'quantitative' } },
      },
    ],
  };
  return { name: 'utilisation', title: text, spec: spec as unknown as TopLevelSpec };
}
