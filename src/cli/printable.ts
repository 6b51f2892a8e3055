// Text from input (scenario names, class names, the currency, file names, sweep values, found
// values echoed in errors) made safe to print on a terminal. A control character in it could move
// the cursor, recolour or retitle the terminal, hide text, or ring the bell, so each one is shown
// as a visible escape instead: C0 controls (U+0000–U+001F, line breaks and tabs included), DEL
// (U+007F) and C1 controls (U+0080–U+009F) as \xHH (ESC → \x1b, BEL → \x07), and the Unicode
// bidirectional controls (U+202A–U+202E, U+2066–U+2069), which can reorder what is shown, as
// \uHHHH. Every other character, backslashes included, is printed as it is.
// Every line orisim writes to stdout or stderr passes text from input through printable (one
// value) or printableLines (a whole message whose own line breaks are kept).
import { formatIssue, moreIssues, ScenarioError } from '../scenario/errors.js';
import { MAX_REPORTED_ISSUES } from '../scenario/limits.js';

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function escape(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One value for the terminal: every control character shown as an escape (line breaks too). */
export function printable(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** A message for the terminal: its line breaks are kept, every other control character escaped. */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}

/** A scenario's problems for the terminal, one per line, each line escaped as a whole (a name with a line break stays on its line). */
export function printableScenarioError(err: unknown): string {
  if (err instanceof ScenarioError) {
    // The first MAX_REPORTED_ISSUES, then how many more (a file with 50,000 unknown keys prints 51 lines).
    const shown = err.issues.slice(0, MAX_REPORTED_ISSUES).map((i) => printable(formatIssue(i)));
    if (err.issues.length > MAX_REPORTED_ISSUES) shown.push(moreIssues(err.issues.length - MAX_REPORTED_ISSUES));
    return shown.join('\n');
  }
  return printableLines(err instanceof Error ? err.message : String(err));
}
