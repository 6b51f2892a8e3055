// `extends: base.yaml`: a scenario file may name a base file (relative to its own folder) whose
// settings it starts from. The merge is deep: maps merge key by key (the extending file wins), a
// list replaces the base's list whole, and `null` removes the key (so the default applies again).
// Bases may extend further bases, up to MAX_EXTENDS_DEPTH files; a cycle is an error.
// Every key is written as an own property, `__proto__` and `constructor` included, as the YAML
// parser writes them: a class named `__proto__` in a base is kept, a top-level `__proto__` stays an
// unknown key, and no prototype is reached or changed.

/** The most files in one chain of `extends` (the file itself and its bases). */
export const MAX_EXTENDS_DEPTH = 16;

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Sets `key` as an own, enumerable property (a plain `out[key] = v` would set the prototype for "__proto__"). */
function setOwn(map: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * `over` laid on `base`: maps merge recursively, lists and scalars replace, null removes. The maps
 * made are plain objects like the parser's (messages may turn them into text), with own keys only.
 */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainMap(base) || !isPlainMap(over)) return over;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(base)) setOwn(out, key, base[key]);
  for (const key of Object.keys(over)) {
    const value = over[key];
    if (value === null) delete out[key];
    else setOwn(out, key, Object.hasOwn(out, key) ? deepMerge(out[key], value) : value);
  }
  return out;
}

/** What the values hold at this path (a key given, even as null; a list item), or undefined when nothing. */
export function valueAt(values: unknown, path: readonly (string | number)[]): { value: unknown } | undefined {
  let node = values;
  for (const key of path) {
    if (Array.isArray(node) && typeof key === 'number') {
      if (key < 0 || key >= node.length) return undefined;
      node = node[key];
    } else if (isPlainMap(node) && Object.hasOwn(node, String(key))) {
      node = node[String(key)];
    } else {
      return undefined;
    }
  }
  return { value: node };
}

/** The values without their top-level `extends` key. */
export function withoutExtends(values: unknown): unknown {
  if (!isPlainMap(values) || !Object.hasOwn(values, 'extends')) return values;
  const { extends: _extends, ...rest } = values;
  return rest;
}
