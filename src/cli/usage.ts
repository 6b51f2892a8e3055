// A mistake in the command line (exit 2, "orisim: <message>" and a pointer to --help), and the
// check every command makes of an option that takes one value. Every command module uses them.

/** A mistake in the command line: an unknown or repeated option, a value out of range (exit 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** An option that takes one value, given once (the parser makes a list of an option given twice). */
export function single(option: string, value: unknown): string {
  if (Array.isArray(value)) throw new UsageError(`${option} is given ${value.length} times: give it once`);
  return String(value);
}
