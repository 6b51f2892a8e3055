// `extends: base.yaml`: a scenario file may name a base file (relative to its own folder) whose
// settings it starts from. The merge is deep: maps merge key by key (the extending file wins), a
// list replaces the base's list whole, and `null` removes the key (so the default applies again).
// Bases may extend further bases, up to MAX_EXTENDS_DEPTH files; a cycle is an error.

/** The most files in one chain of `extends` (the file itself and its bases). */
export const MAX_EXTENDS_DEPTH = 16;

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** `over` laid on `base`: maps merge recursively, lists and scalars replace, null removes. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainMap(base) || !isPlainMap(over)) return over;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(base)) out[key] = base[key];
  for (const key of Object.keys(over)) {
    const value = over[key];
    if (value === null) delete out[key];
    else out[key] = Object.hasOwn(out, key) ? deepMerge(out[key], value) : value;
  }
  return out;
}

/** Whether the values hold something at this path (a key given, even as null; a list item). */
export function hasPath(values: unknown, path: readonly (string | number)[]): boolean {
  let node = values;
  for (const key of path) {
    if (Array.isArray(node) && typeof key === 'number') {
      if (key < 0 || key >= node.length) return false;
      node = node[key];
    } else if (isPlainMap(node) && Object.hasOwn(node, String(key))) {
      node = node[String(key)];
    } else {
      return false;
    }
  }
  return true;
}

/** The values without their top-level `extends` key. */
export function withoutExtends(values: unknown): unknown {
  if (!isPlainMap(values) || !Object.hasOwn(values, 'extends')) return values;
  const { extends: _extends, ...rest } = values;
  return rest;
}
