// Text from a change export (assignment group names, the file's name) made safe for the places
// calibrate writes it that a person reads: the calibrated scenario's YAML comments (also what
// calibrate prints on stdout without --out) and calibration.md. Terminal messages on stderr go
// through cli/printable.ts, which escapes the same control and bidi characters the same way.

// C0 controls (line breaks and tabs too), DEL, C1 controls, the bidirectional marks, embeddings,
// overrides and isolates (which can reorder what is shown), the Unicode line and paragraph
// separators, the byte-order mark, the non-characters U+FFFE and U+FFFF, and lone surrogates: a
// YAML comment cannot hold a line break, and YAML allows none of the others unescaped.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udfff]/gu;

const escapeChar = (c: string): string => {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/**
 * Export text for a YAML comment or the terminal: each unsafe character shown as a visible escape,
 * as orisim's terminal messages show them (ESC → \x1b, U+202E → \u202e); every other character,
 * backslashes included, as it is.
 */
export function visible(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** The first `max` characters (code points, so a pair is never split), before any escaping. */
export function firstChars(text: string, max: number): string {
  return text.length <= max ? text : Array.from(text).slice(0, max).join('');
}

const MARKDOWN: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Export text for calibration.md (running text and table cells): visible escapes first, then the
 * HTML-significant characters as entities (no tag or entity of the export's reaches a renderer)
 * and Markdown's inline syntax backslash-escaped: `\`, `` ` ``, `*`, `_`, `[`, `]`, `~`, and `|`,
 * which would end a table cell. The text never starts a line, so `#`, `-`, `+` and `1.` are plain.
 */
export function markdownText(text: string): string {
  return visible(text).replace(/[&<>"'\\`*_[\]~|]/g, (c) => MARKDOWN[c] ?? `\\${c}`);
}
