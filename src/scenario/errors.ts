// Every user-facing message of the scenario loader, one named function each (as Vega-Lite's
// log/message.ts), plus ScenarioError, which carries all the issues of a file at once.
import { MAX_REPORTED_ISSUES } from './limits.js';
import { groupDigits } from './group-digits.js';

/** One problem in a scenario, located in its file. line and column are 1-based; 0 = unknown. */
export interface ScenarioIssue {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Scenario path such as "teams.delivery.count"; "" for the file itself. */
  readonly path: string;
  /** What was expected, e.g. "a positive integer"; "" when not applicable. */
  readonly expected: string;
  /** What was found, e.g. "-2"; "" when not applicable. */
  readonly found: string;
  /** The text after the location and path, e.g. "expected a positive integer, got -2". */
  readonly message: string;
}

export class ScenarioError extends Error {
  readonly issues: readonly ScenarioIssue[];
  constructor(issues: readonly ScenarioIssue[]) {
    const sorted = [...issues].sort(
      (a, b) => (a.file === b.file ? 0 : a.file.localeCompare(b.file)) || a.line - b.line || a.column - b.column,
    );
    super(formatIssues(sorted));
    this.name = 'ScenarioError';
    this.issues = sorted;
  }
}

/** "file:line:column path: message"; parts that are unknown are left out. */
export function formatIssue(issue: ScenarioIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
  const what = issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
  return where === '' ? what : `${where} ${what}`;
}

/** One issue per line, the first MAX_REPORTED_ISSUES of them, then how many more there are. */
export function formatIssues(issues: readonly ScenarioIssue[]): string {
  const shown = issues.slice(0, MAX_REPORTED_ISSUES).map(formatIssue);
  if (issues.length > MAX_REPORTED_ISSUES) shown.push(moreIssues(issues.length - MAX_REPORTED_ISSUES));
  return shown.join('\n');
}

/** One issue per line (at most MAX_REPORTED_ISSUES); for any other error, its message. */
export function formatScenarioError(err: unknown): string {
  if (err instanceof ScenarioError) return formatIssues(err.issues);
  return err instanceof Error ? err.message : String(err);
}

/** How a found value is quoted in messages: numbers as written, strings in quotes. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value (null)';
  if (typeof value === 'string') return quoteText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  return 'a map';
}

/** Characters of a value or key that a message shows at most (the rest is cut, "…"). */
export const EXCERPT_CHARACTERS = 40;

/**
 * A string in quotes, JSON-escaped (a line break as \n, ESC as \u001b), cut to its first 40
 * characters (code points) with "…" and its length when longer: an error never quotes more of a
 * file than that.
 */
export function quoteText(text: string): string {
  if (text.length <= EXCERPT_CHARACTERS) return JSON.stringify(text);
  const chars = [...text];
  if (chars.length <= EXCERPT_CHARACTERS) return JSON.stringify(text);
  return `${JSON.stringify(chars.slice(0, EXCERPT_CHARACTERS).join(''))}… (${chars.length} characters)`;
}

/** Text shown without quotes (a key in a path, a name in a sum), cut to its first 40 characters with "…". */
export function excerpt(text: string): string {
  if (text.length <= EXCERPT_CHARACTERS) return text;
  const chars = [...text];
  return chars.length <= EXCERPT_CHARACTERS ? text : `${chars.slice(0, EXCERPT_CHARACTERS).join('')}…`;
}

/** What kind of value this is, without showing it: "a text", "a number", "a list", "a map" … */
export function describeKind(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value (null)';
  if (typeof value === 'string') return 'a text';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'true or false';
  if (value instanceof Date) return 'a date';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object' && Object.keys(value).length === 0) return 'an empty map';
  return typeof value === 'object' ? 'a map' : 'a value';
}

// --- a base of `extends`: located, never quoted ------------------------------------------------

/** Why a value, a key or the parser's message is left out of a message about a base. */
export const IN_BASE = 'not shown: it is in a base of extends';

/** "a text (not shown: it is in a base of extends)": the found half of a message about a base's value. */
export function hiddenValue(kind: string): string {
  return `${kind} (${IN_BASE})`;
}

/** An unknown key of a base, named by its parent's path; the suggestion is a known key. */
export function unknownKeyInBase(suggestion: string | undefined, known: readonly string[]): string {
  return `unknown key (${IN_BASE}); ${suggestion !== undefined ? `did you mean "${suggestion}"?` : `expected one of ${known.join(', ')}`}`;
}

/** A base that is not a map of scenario settings, reported at the extends line that names it. */
export function notAScenario(file: string, found: string): string {
  return `base of extends: "${file}" is not a scenario file: ${expectedGot('a map of scenario settings', found)}`;
}

/** "a map with 3 keys that are not scenario settings (the first at line 1, column 1)". */
export function otherKeys(count: number, line: number, column: number, suggestion: string | undefined): string {
  const hint = suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
  return count === 1
    ? `a map with 1 key that is not a scenario setting (line ${line}, column ${column}${hint})`
    : `a map with ${count} keys that are not scenario settings (the first at line ${line}, column ${column}${hint})`;
}

export function yamlSyntaxInBase(): string {
  return `malformed YAML (the parser's message is not shown: it is in a base of extends)`;
}

export function undefinedAliasInBase(): string {
  return `undefined alias (${IN_BASE}): no anchor is defined before it`;
}

// --- expectations (the "expected …" half of a message) ---------------------------------------

export const EXPECT = {
  duration: 'a duration with a unit such as 30m, 4h, 2d or 1w',
  effort: 'an effort with a unit such as 30m, 4h, 2d (8-hour working days) or 1w (40 hours)',
  distribution: 'an effort such as 4h, or a distribution such as { lognormal: { median: 2h, p90: 6h } }',
  durationDistribution: 'a duration such as 1h, or a distribution of durations such as { lognormal: { median: 30m, p90: 2h } }',
  positiveInteger: 'a positive integer',
  integer: 'an integer',
  positiveNumber: 'a positive number',
  weibullShape: 'a number ≥ 0.01 (smaller shapes draw efforts that overflow to Infinity)',
  nonNegativeNumber: 'a number ≥ 0',
  probability: 'a probability between 0 and 1',
  workShare: 'a share ≥ 0 and < 1',
  emergencyFailureRate: 'a probability ≥ 0 and < 1 (an emergency change that always fails never goes live)',
  failureRate: 'a probability ≥ 0 and < 1 (a change whose every deployment fails never goes live)',
  premium: 'a multiplier ≥ 1',
  text: 'a text',
  map: 'a map of keys and values',
  list: 'a list',
  date: 'a date such as 2027-01-04',
  dateTime: 'a date such as 2027-01-04 or a date-time such as 2027-01-04T08:00',
  clock: 'a time of day "HH:MM" such as "10:00"',
  weekday: 'a day of the week (mon, tue, wed, thu, fri, sat, sun)',
  weeklyHours: 'weekly hours such as "mon-fri 09:00-17:30" or "sat 22:00-04:00"',
  capacity: 'a positive integer or "unlimited"',
  profile: 'one of standard, fixedDate, expedite, intangible',
  onFailure: 'one of redeploy, reraise',
  otherWorkArrivals: 'one of workingHours, aroundTheClock',
  jobEffort: 'a job effort with a mean greater than 0',
  variant: 'one of normal, preApproved, youBuildItYouRunIt',
  baseFile: 'the path of a base scenario file such as base.yaml, relative to this file',
} as const;

// --- messages ---------------------------------------------------------------------------------

/** "a positive integer no greater than 1,000". */
export function atMost(expected: string, max: number): string {
  return `${expected} no greater than ${groupDigits(max)}`;
}

/** "a duration no longer than 520w (10 years)". */
export function timeAtMost(kind: 'duration' | 'effort', weeks: number): string {
  const years = kind === 'duration' ? ` (${Math.round(weeks / 52)} years)` : ` (${Math.round(weeks / 52)} years of 40-hour weeks)`;
  return `${kind === 'duration' ? 'a duration' : 'an effort'} no longer than ${weeks}w${years}`;
}

export function expectedGot(expected: string, found: string): string {
  return `expected ${expected}, got ${found}`;
}

export function unknownKey(suggestion: string | undefined, known: readonly string[]): string {
  if (suggestion !== undefined) return `unknown key; did you mean "${suggestion}"?`;
  return `unknown key; expected one of ${known.join(', ')}`;
}

export function missingKey(key: string): string {
  return `missing required key "${key}"`;
}

export function unknownVariant(found: string, suggestion: string | undefined): string {
  const hint = suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
  return `${expectedGot(EXPECT.variant, found)}${hint}`;
}

export function duplicate(what: string, found: string): string {
  return `expected each ${what} once, got ${excerpt(found)} twice`;
}

export function emptyVariants(): string {
  return 'expected at least one variant (normal, preApproved, youBuildItYouRunIt), got an empty list';
}

export function malformedWeeklyHours(found: string, problem: string): string {
  return `${expectedGot(EXPECT.weeklyHours, found)}: ${problem}`;
}

export function hoursNeverOpen(): string {
  return `${expectedGot('at least one weekly interval such as "mon-fri 09:00-17:30"', 'an empty list')}: these hours never open`;
}

export function clockNotQuoted(found: number): string {
  return `${expectedGot(EXPECT.clock, String(found))}: quote the time (YAML 1.1 reads 10:00 as the number 600)`;
}

export function sharesDoNotSum(shares: readonly (readonly [string, number])[], sum: number): string {
  const terms = shares.map(([name, share]) => `${excerpt(name)} ${share}`).join(' + ');
  return `expected class shares that sum to 1, got ${terms} = ${+sum.toFixed(12)}`;
}

export function noClasses(): string {
  return 'expected at least one class, got an empty map';
}

export function cutoffTooLong(cutoff: string, gap: string): string {
  return `expected a cutoff no longer than the shortest gap between meetings (${gap}), got ${excerpt(cutoff)}: a cutoff longer than the gap means a change that missed one meeting's cutoff also missed the next one's`;
}

export function warmupNotShorter(warmup: string, horizon: string): string {
  return `expected a warm-up shorter than the horizon (${excerpt(horizon)}), got ${excerpt(warmup)}`;
}

export function neverOpenWithinHorizon(team: string, from: string, to: string): string {
  return `expected hours open at least once within the horizon (${from} to ${to}), got none: every open hour falls on a holiday or after the horizon, so ${team} would never work`;
}

export function order(what: string, found: string): string {
  return `expected ${what}, got ${found}`;
}

export function lognormalOrder(median: string, p90: string): string {
  return order('a p90 greater than the median (0 < median < p90)', `median ${excerpt(median)} and p90 ${excerpt(p90)}`);
}

export function freezeOrder(from: string, to: string): string {
  return order('"to" after "from"', `from ${from} to ${to}`);
}

/** The parser's message, cut to 80 characters (it may quote the file). */
export function yamlSyntax(detail: string): string {
  const chars = [...detail];
  return `malformed YAML: ${chars.length <= 2 * EXCERPT_CHARACTERS ? detail : `${chars.slice(0, 2 * EXCERPT_CHARACTERS).join('')}…`}`;
}

export function multipleDocuments(): string {
  return 'expected one YAML document, got a second one here: a scenario file holds one document (remove this "---" line and what follows, or split the file)';
}

export function complexKey(what: string): string {
  return `expected a plain key such as "name", got ${what} used as a key`;
}

export function undefinedAlias(name: string): string {
  const shown = excerpt(name);
  return `undefined alias *${shown}: no anchor &${shown} is defined before it`;
}

export function tooManyAliases(max: number): string {
  return `too many alias expansions (more than ${max}): aliases that repeat aliases grow the file exponentially; write the values out instead`;
}

export function notUtf8(file: string, what: string): string {
  return `cannot read scenario "${file}": ${what}; save it as UTF-8 text`;
}

export function nulCharacter(): string {
  return 'expected text, got a NUL character: this is not a text file';
}

export function fileTooLarge(file: string, bytes: number, max: number): string {
  return `cannot read scenario "${file}": it is ${groupDigits(bytes)} bytes; scenario files are limited to ${groupDigits(max)} bytes (1 MB)`;
}

export function notRegularFile(file: string, kind: string): string {
  return `cannot read scenario "${file}": it is ${kind}, not a regular file`;
}

export function moreIssues(count: number): string {
  return `… and ${count} more issue${count === 1 ? '' : 's'} (fix these first)`;
}

export function emptyFile(): string {
  return 'expected a map of scenario settings (at least "name"), got an empty file';
}

/** A file whose content is not a map: its kind only (the file is not quoted). */
export function fileNotMap(kind: string): string {
  return `expected a map of scenario settings (at least "name"), got ${kind}`;
}

export function fileMissing(file: string): string {
  return `cannot read scenario "${file}": no such file`;
}

export function fileIsDirectory(file: string): string {
  return `cannot read scenario "${file}": it is a directory, not a file`;
}

export function fileUnreadable(file: string, reason: string): string {
  return `cannot read scenario "${file}": ${reason}`;
}

export function overrideMalformed(arg: string): string {
  return expectedGot('--set path=value, such as teams.delivery.count=25', JSON.stringify(arg));
}

export function overrideUnknownPath(suggestion: string | undefined, known: readonly string[]): string {
  return unknownKey(suggestion, known);
}

/** Group names as a message lists them: the first five, each cut to 40 characters. */
function groupList(groups: readonly string[]): string {
  return groups.slice(0, 5).map(excerpt).join(', ') + (groups.length > 5 ? ', …' : '');
}

/** A --set of a single-form teams.delivery field when the file's delivery teams are groups (group-overrides.ts). */
export function overrideEveryGroup(field: string, groups: readonly string[], example: string): string {
  return `refused: teams.delivery is a list of ${groups.length} groups (${groupList(groups)}), and this would set ${excerpt(field)} in every one; name the group, such as ${excerpt(example)}`;
}

/** A --set path naming a delivery group the file does not have. */
export function overrideUnknownGroup(name: string, suggestion: string | undefined, groups: readonly string[]): string {
  const hint = suggestion !== undefined ? `did you mean "${suggestion}"?` : `the groups are ${groupList(groups)}`;
  return `no delivery group named ${quoteText(name)}; ${hint}`;
}

/** A --set path segment that names a JavaScript object internal (never a scenario key). */
export function overrideReservedKey(key: string): string {
  return `unknown key; "${key}" is never a scenario key (__proto__, constructor and prototype are refused in --set and --param paths)`;
}

// --- suggestions ------------------------------------------------------------------------------

/**
 * Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions), with
 * three rolling rows, so that checking thousands of unknown keys allocates little.
 */
export function editDistance(a: string, b: string): number {
  const cols = b.length + 1;
  let prev2 = new Uint32Array(cols);
  let prev = Uint32Array.from({ length: cols }, (_, j) => j);
  let row = new Uint32Array(cols);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, prev2[j - 2]! + 1);
      row[j] = best;
    }
    [prev2, prev, row] = [prev, row, prev2];
  }
  return prev[b.length]!;
}

/** The nearest known word within distance 3 (case-insensitive), or one the word is a prefix of. */
export function suggest(word: string, known: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    // Words whose lengths differ by more than 3 are never suggested: skip the distance.
    if (Math.abs(candidate.length - lower.length) > 3) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== undefined && bestDistance <= Math.min(3, Math.max(1, best.length - 1))) return best;
  return lower.length >= 2 ? known.find((k) => k.toLowerCase().startsWith(lower)) : undefined;
}

/** teams.applicationSupport.otherWorkShare (the older name) and otherWork.share both given. */
export function otherWorkShareTwice(): string {
  return 'give the share once: otherWorkShare is the older name of otherWork.share; keep otherWork.share';
}
