// Shared by the tests that run pages in Debian's headless Chromium (apt-get install chromium; the
// tests skip when it is missing): where it is, how it is started, and how a summary computed in the
// browser is held to Node's (numbers within 1e-9, since Chromium's Math.log/exp/pow may differ from
// Node's in the last bit).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);

/** Headless Chromium, offline and without a sandbox (containers); `extra` flags are added. */
export function launchChromium(extra: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', ...extra] });
}

/** Where `actual` differs from `expected`: other keys, types or text, or numbers more than 1e-9 (relative) apart. */
export function differences(actual: unknown, expected: unknown, path = 'summary'): string[] {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const close = actual === expected || Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
    return close ? [] : [`${path}: ${actual} ≠ ${expected}`];
  }
  if (typeof expected !== 'object' || expected === null || typeof actual !== 'object' || actual === null) {
    return Object.is(actual, expected) ? [] : [`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`];
  }
  if (Array.isArray(expected) !== Array.isArray(actual)) return [`${path}: array ≠ object`];
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  const keys = Object.keys(e);
  if (JSON.stringify(Object.keys(a)) !== JSON.stringify(keys)) return [`${path}: keys ${Object.keys(a).join(',')} ≠ ${keys.join(',')}`];
  return keys.flatMap((k) => differences(a[k], e[k], `${path}.${k}`));
}
