// The scenario `name` names the default output folder (output/<name>/, compare-…, sweep-…), so it
// must be one safe folder name on every system: no path separators, nothing that hides the folder
// or climbs out of output/, no control characters, short enough for the hidden partial folder
// beside it. Refused names get a located error like every other scenario problem.

/** The longest name in UTF-8 bytes (100 plain ASCII characters; fewer accented or non-Latin ones). */
export const MAX_NAME_BYTES = 100;

export const SAFE_NAME_EXPECTED =
  `a folder name of letters, digits, spaces, ".", "-" and "_", starting with a letter or digit, ` +
  `not ending with "." or a space, at most ${MAX_NAME_BYTES} bytes`;

/** Letters (with their combining marks) and digits of any script. */
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const ALLOWED = /^[\p{L}\p{M}\p{N} ._-]$/u;
/** Device names Windows reserves whatever the extension (CON, NUL.txt, COM1, …). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])(\..*)?$/iu;

const show = (s: string): string => JSON.stringify(s);

/** Why `name` is not a safe folder name ("it contains \"/\""), or undefined if it is one. */
export function unsafeNameReason(name: string): string | undefined {
  const chars = [...name];
  const bad = chars.find((c) => !ALLOWED.test(c));
  if (bad !== undefined) return `it contains ${show(bad)}`;
  if (!LETTER_OR_DIGIT.test(chars[0] ?? '')) return `it starts with ${show(chars[0] ?? '')}`;
  const last = chars[chars.length - 1]!;
  if (last === '.' || last === ' ') return `it ends with ${show(last)}`;
  const bytes = new TextEncoder().encode(name).length; // UTF-8 bytes
  if (bytes > MAX_NAME_BYTES) return `it is ${bytes} bytes long`;
  if (WINDOWS_RESERVED.test(name)) return 'it is a device name Windows reserves';
  return undefined;
}

/** The name as shown in an error: quoted, cut after 40 characters. */
export function showName(name: string): string {
  const chars = [...name];
  return chars.length > 40 ? `${show(chars.slice(0, 40).join(''))}…` : show(name);
}
