// Reading `uncertain.correlations`: Spearman rank correlations between a file's uncertain inputs,
// a list of { between: [PATH, PATH], rank: R }, each PATH a key of the same `uncertain:` section
// (no --set path is `correlations`: no scenario field has that name, which a test pins). Refused,
// located: a path that is not one of the section's inputs, an input paired with itself, a pair
// given twice (either way round), a rank not strictly between −1 and 1, and a set of ranks whose
// matrix is not positive definite (no joint distribution has them), naming the pairs that conflict.
import * as msg from './errors.js';
import { conflictingCorrelations } from './correlation-matrix.js';
import { isMap, readMap, type IssueList } from './reader.js';
import type { RankCorrelation } from './types.js';
import { MAX_UNCERTAIN_INPUTS } from './limits.js';
import { groupDigits } from './group-digits.js';

/** The key of `uncertain:` that holds the correlations rather than an input. */
export const CORRELATIONS_KEY = 'correlations';

/** At most one correlation for each pair of the most inputs a file may give. */
const MAX_CORRELATIONS = (MAX_UNCERTAIN_INPUTS * (MAX_UNCERTAIN_INPUTS - 1)) / 2;

const EXPECT_PAIR = 'a list of two uncertain inputs such as [classes.large.failureRate, classes.small.failureRate]';
const EXPECT_RANK = 'a rank correlation greater than -1 and less than 1';
const EXPECT_INPUT = "one of this file's uncertain inputs (a key of uncertain:)";

const pairKey = (a: string, b: string): string => JSON.stringify(a < b ? [a, b] : [b, a]);

/**
 * The correlations of the section's `correlations:` list. `paths` maps each key of the section that
 * is an input to its path (as UncertainInput.path); `checkMatrix` is false when the section already
 * has issues (the matrix is then not checked).
 */
export function readCorrelations(list: IssueList, value: unknown, paths: ReadonlyMap<string, string>, keys: readonly string[], checkMatrix: boolean): RankCorrelation[] {
  const at = ['uncertain', CORRELATIONS_KEY];
  if (!Array.isArray(value)) {
    list.expected(at, `${msg.EXPECT.list} of { between: [PATH, PATH], rank: R }`, value);
    return [];
  }
  if (value.length > MAX_CORRELATIONS) {
    const most = `at most ${groupDigits(MAX_CORRELATIONS)} correlations (one for each pair of ${MAX_UNCERTAIN_INPUTS} inputs)`;
    list.add(at, 'value', msg.expectedGot(most, groupDigits(value.length)), most, String(value.length));
    return [];
  }
  const correlations: RankCorrelation[] = [];
  const seen = new Map<string, number>();
  value.forEach((entry: unknown, index) => {
    const here = [...at, index];
    if (!isMap(entry)) {
      list.expected(here, 'a map { between: [PATH, PATH], rank: R }', entry);
      return;
    }
    readMap(list, entry, here, ['between', 'rank']);
    // At the entry: the locator of a missing key would point at its list's key.
    for (const key of ['between', 'rank']) if (entry[key] === undefined) list.add(here, 'value', msg.missingKey(key), `a ${key} value`, 'nothing');
    const { between, rank } = entry;
    if (rank !== undefined && !(typeof rank === 'number' && rank > -1 && rank < 1)) list.expected([...here, 'rank'], EXPECT_RANK, rank);
    if (between !== undefined && !(Array.isArray(between) && between.length === 2 && between.every((p) => typeof p === 'string'))) list.expected([...here, 'between'], EXPECT_PAIR, between);
    if (list.hasIssues(here)) return;
    const [a, b] = between as [string, string];
    [a, b].forEach((p, k) => {
      if (!keys.includes(p) || p === CORRELATIONS_KEY) list.expected([...here, 'between', k], EXPECT_INPUT, p);
    });
    if (list.hasIssues(here)) return;
    if (a === b) {
      list.add([...here, 'between', 1], 'value', msg.expectedGot('two different inputs (an input is always fully correlated with itself)', `${msg.quoteText(a)} twice`), 'two different inputs', msg.quoteText(b));
      return;
    }
    const key = pairKey(a, b);
    const first = seen.get(key);
    if (first !== undefined) {
      list.add([...here, 'between'], 'value', msg.expectedGot('each pair once', `${msg.excerpt(a)} and ${msg.excerpt(b)} again (first at uncertain.correlations[${first}])`), 'each pair once', `${a} and ${b}`);
      return;
    }
    seen.set(key, index);
    const pa = paths.get(a);
    const pb = paths.get(b);
    if (pa !== undefined && pb !== undefined) correlations.push({ between: [pa, pb], rank: rank as number });
  });
  if (!checkMatrix || list.hasIssues(at)) return correlations;
  const conflicts = conflictingCorrelations([...paths.values()], correlations);
  if (conflicts.length > 0) {
    const named = conflicts.map((c) => `${msg.excerpt(c.between[0])} and ${msg.excerpt(c.between[1])} at ${c.rank}`).join('; ');
    list.add(at, 'value', msg.expectedGot('rank correlations that can hold together (a positive definite matrix)', `a set that cannot: ${named}; weaken one of them`), 'a positive definite matrix', named);
  }
  return correlations;
}
