// The zod schema of a scenario file's `uncertain:` section (issue 22): uncertain inputs by their
// --set path, each a range of low, likely and high, read by uncertain.ts and used by `orisim
// uncertainty`. Kept in its own file so that schema.ts gains one line.
import * as z from './zod.js';

const value = () => z.union([z.number(), z.string()]);

export const UNCERTAIN_DISTRIBUTIONS = ['pert', 'triangular', 'uniform'] as const;

export const UncertainRangeSchema = z.strictObject({
  low: value().describe('The lowest plausible value, in the unit of the field (a number, or a time such as 1d).'),
  likely: value().optional().describe('The most likely value, between low and high. Default: none (a two-point range, uniform). Source: assumption.'),
  high: value().describe('The highest plausible value; at least low.'),
  distribution: z.enum(UNCERTAIN_DISTRIBUTIONS).optional().describe('The shape of a three-point range: pert (a Beta with mean (low + 4·likely + high)/6), triangular or uniform. Default: pert (uniform for a two-point range). Source: assumption.'),
});

export const RankCorrelationSchema = z.strictObject({
  between: z.array(z.string()).describe('The two uncertain inputs, by their keys in uncertain: (such as [classes.large.failureRate, classes.small.failureRate]).'),
  rank: z.number().describe('Their Spearman rank correlation, greater than -1 and less than 1.'),
});

export const UncertainSchema = z
  .strictObject({
    correlations: z.array(RankCorrelationSchema).optional().describe('Spearman rank correlations between pairs of the uncertain inputs, induced on the drawn input sets by the Iman–Conover method. Default: none (inputs drawn independently). Source: assumption.'),
  })
  .catchall(UncertainRangeSchema)
  .describe('Uncertain inputs for `orisim uncertainty`, by the path --set accepts (such as classes.large.downtimeShare), each a range { low, likely, high } with units like the field, and optional rank correlations between them (correlations:). `orisim run` uses the values in the file and ignores this section. Default: none. Source: assumption.');
