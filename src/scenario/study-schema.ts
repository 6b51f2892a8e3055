// The zod schema of the study sections of a scenario file — `levers:`, `objective:` and
// `constraints:` — which `orisim optimise` reads and every other command ignores. Kept apart from
// schema.ts (which spreads STUDY_SECTIONS into the file schema) so that the section is one unit.
import * as z from './zod.js';

const leverValue = z.union([z.number(), z.string(), z.boolean(), z.array(z.unknown()), z.record(z.string(), z.unknown())]);
const rangeEnd = z.union([z.number(), z.string()]);

export const STUDY_SECTIONS = {
  levers: z
    .record(
      z.string(),
      z.union([
        z.array(leverValue).min(1).describe('The candidate values, each as the field takes it (e.g. [2, 3, 4] or [1w, 2w]).'),
        z.strictObject({
          from: rangeEnd.describe('First value.'),
          to: rangeEnd.describe('Last value (included when a whole number of steps from "from").'),
          step: rangeEnd.describe('Step (> 0), in the unit of from and to.'),
        }).describe('A range of values: numbers, or durations and efforts in one unit (from: 1w, to: 4w, step: 1w).'),
      ]),
    )
    .optional()
    .describe('For orisim optimise: the fields it may change, each a --set path (such as teams.applicationSupport.people) or "variant", mapped to its candidate values. Every combination is a candidate. Ignored by the other commands. Default: none. Source: assumption.'),
  objective: z
    .strictObject({
      minimise: z.string().optional().describe('The metric to make as small as possible (e.g. cashCostPerYear).'),
      maximise: z.string().optional().describe('The metric to make as large as possible (e.g. deploymentsPerWeek).'),
    })
    .optional()
    .describe('For orisim optimise: the one metric to minimise or maximise. Ignored by the other commands. Default: none.'),
  constraints: z
    .array(z.string())
    .optional()
    .describe('For orisim optimise: conditions every recommendation must meet with 90% confidence, each "<metric> <= <value>" or "<metric> >= <value>" (e.g. "leadTimeP85Days <= 5d"). Ignored by the other commands. Default: none.'),
};
