// Upper limits of scenario values and files. A value beyond its limit is refused at validation
// (exit 2, located), because it is absurd for an organisation and would only exhaust memory or
// time; scenarios/README.md and docs/limits-and-safety.md list the same numbers.

/** Largest scenario file read, in bytes; larger files are refused before they are parsed. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Issues reported for one file at most; the rest are counted ("… and N more"). */
export const MAX_REPORTED_ISSUES = 50;

/** The longest horizon: 520w (10 years) of calendar time. */
export const MAX_HORIZON_WEEKS = 520;

/**
 * The earliest and latest `start`. With the longest horizon (520w, 3,640 days) the run ends by
 * 2210-12-20, and yearly holidays and freezes, expanded from the year before the start to the year
 * after the end, stay within 1899–2211: every date keeps the four-digit year that YYYY-MM-DD (in
 * the files, the report and the date parser) needs. 1900 is also where spreadsheet dates begin.
 */
export const START_RANGE = { from: '1900-01-01', to: '2200-12-31' } as const;

/** Any other duration or effort: at most 5200w (100 years) in its own unit. */
export const MAX_TIME_WEEKS = 5200;

/** Upper limits of counts, by scenario path (people: every team's `people`). */
export const MAX_COUNT = {
  replications: 10_000,
  'teams.delivery.count': 1_000,
  people: 1_000,
  'teams.changeManagement.cab.attendees': 1_000,
} as const;

/** Features per delivery team per week at most. */
export const MAX_FEATURES_PER_WEEK = 100;

/**
 * The smallest Weibull shape. A draw is scale·(−ln U)^(1/shape) and its mean scale·Γ(1 + 1/shape):
 * below about 0.005 both overflow to Infinity; at 0.01 the largest draw is about 1e156 times the scale.
 */
export const MIN_WEIBULL_SHAPE = 0.01;

/** Uncertain inputs a scenario may give at most (each is checked by resolving the scenario a few times). */
export const MAX_UNCERTAIN_INPUTS = 50;

/** The most shards a run may be split into (`--shard I/N`). Here, with the other limits, so that parsing --shard loads no simulation code. */
export const MAX_SHARDS = 10_000;
