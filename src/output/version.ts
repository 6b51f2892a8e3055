// The package version, read from package.json (the same file from src/ under tests and from dist/).
import { readFileSync } from 'node:fs';

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** The package root folder (holds scenarios/, package.json). */
export const PACKAGE_ROOT: string = new URL('../..', import.meta.url).pathname;
