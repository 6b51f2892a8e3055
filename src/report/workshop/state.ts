// The workshop's whole state in the page's URL (after #), so a link reopens the same scenario, lever
// settings, seed and replication cap, and the same numbers: "v<version>." and the state as JSON,
// compressed with the built-in CompressionStream (deflate-raw) and written in base64url. Every
// earlier version is migrated on opening (migrate); a newer one is refused with a message. Also the
// what-if as scenario YAML: the file's own text with the levers' --set changes, the seed and the
// replications written into it (comments kept), which `orisim run` runs to the same numbers. Node-free.
import { parseDocument, parse as parseYaml } from 'yaml';
import { MAX_FILE_BYTES } from '../../scenario/limits.js';

export const STATE_VERSION = 1;

/** The most replications of each design the page runs. */
export const MAX_CAP = 320;

/** A scenario imported in the page (its text travels in the URL). */
export interface ImportedScenario {
  readonly file: string;
  readonly text: string;
}

export interface Preset {
  readonly name: string;
  readonly levers: Readonly<Record<string, string>>;
}

export interface WorkshopState {
  readonly v: typeof STATE_VERSION;
  /** Which scenario: the index of one the workshop was written with, or one imported in the page. */
  readonly scenario: number | ImportedScenario;
  readonly seed: number;
  /** At most this many replications of each design. */
  readonly cap: number;
  /** Lever path → chosen value (as a --set value); levers not listed are at today's value. */
  readonly levers: Readonly<Record<string, string>>;
  /** Facilitator mode: the levers the room may not move, and named settings to jump to. */
  readonly facilitator?: { readonly locked: readonly string[]; readonly presets: readonly Preset[] };
}

export class StateError extends Error {
  override name = 'StateError';
}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** The most a link's state may hold once decompressed: a scenario file at its largest, and room for the rest. */
export const MAX_STATE_BYTES = MAX_FILE_BYTES + 1024 * 1024;

/** The bytes through a (de)compression stream; a StateError past MAX_STATE_BYTES (a link that decompresses without end is refused, not run out of memory on). */
async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > MAX_STATE_BYTES) {
      await reader.cancel();
      throw new StateError(`this link holds more than ${MAX_STATE_BYTES} bytes of state: it is not one a workshop page made`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The URL fragment (without #) that holds the state. */
export async function encodeState(state: WorkshopState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(state));
  return `v${STATE_VERSION}.${toBase64Url(await through(json, new CompressionStream('deflate-raw')))}`;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Brings a state of any earlier version to this one (version 1 is the first: nothing to migrate yet). */
export function migrate(version: number, state: unknown): WorkshopState {
  if (version > STATE_VERSION) throw new StateError(`this link is from a newer workshop page (state version ${version}; this page reads up to ${STATE_VERSION}): open it with a newer orisim workshop`);
  if (!isRecord(state)) throw new StateError('this link holds no workshop state');
  const s = state;
  const scenario = typeof s['scenario'] === 'number' || (isRecord(s['scenario']) && typeof s['scenario']['text'] === 'string' && typeof s['scenario']['file'] === 'string') ? s['scenario'] : 0;
  const levers = isRecord(s['levers']) ? Object.fromEntries(Object.entries(s['levers']).filter(([, v]) => typeof v === 'string')) as Record<string, string> : {};
  const f = s['facilitator'];
  const facilitator = isRecord(f)
    ? {
        locked: Array.isArray(f['locked']) ? f['locked'].filter((x): x is string => typeof x === 'string') : [],
        presets: Array.isArray(f['presets']) ? f['presets'].filter((p): p is Preset => isRecord(p) && typeof p['name'] === 'string' && isRecord(p['levers'])) : [],
      }
    : undefined;
  return {
    v: STATE_VERSION,
    scenario: scenario as number | ImportedScenario,
    seed: Number.isSafeInteger(s['seed']) ? (s['seed'] as number) : 42,
    cap: Number.isInteger(s['cap']) && (s['cap'] as number) >= 1 && (s['cap'] as number) <= MAX_CAP ? (s['cap'] as number) : 80,
    levers,
    ...(facilitator === undefined ? {} : { facilitator }),
  };
}

/** The state in a URL fragment (with or without #); throws StateError when it cannot be read. */
export async function decodeState(fragment: string): Promise<WorkshopState> {
  const m = /^#?v(\d{1,6})\.([A-Za-z0-9_-]*)$/.exec(fragment);
  if (m === null) throw new StateError('this link holds no workshop state (expected #v1.…)');
  // A newer version is named before its payload is read: its encoding may not be this one's.
  if (Number(m[1]) > STATE_VERSION) migrate(Number(m[1]), undefined);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(await through(fromBase64Url(m[2]!), new DecompressionStream('deflate-raw'))));
  } catch (err) {
    if (err instanceof StateError) throw err;
    throw new StateError('this link is damaged: its state cannot be read (was it cut short?)');
  }
  return migrate(Number(m[1]), json);
}

/**
 * The what-if as scenario YAML: `text` (the scenario file as loaded) with each "path=value" change
 * set at its path (values read as YAML, as --set reads them), and the seed and replications given, so
 * that `orisim run` on it gives the page's numbers.
 */
export function whatIfYaml(text: string, overrides: readonly string[], seed: number, replications: number): string {
  const doc = parseDocument(text);
  for (const o of overrides) {
    const eq = o.indexOf('=');
    doc.setIn(o.slice(0, eq).split('.'), doc.createNode(parseYaml(o.slice(eq + 1)) as unknown, { flow: true }));
  }
  doc.set('seed', seed);
  doc.set('replications', replications);
  return doc.toString();
}
