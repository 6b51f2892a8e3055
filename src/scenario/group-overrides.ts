// --set and sweep --param paths into `teams.delivery` when the file gives it as a list of groups:
// a group is addressed by its name (`teams.delivery.web-london.count=14`, or its name as written),
// and a field of the single form (`teams.delivery.count=30`) is refused with a message, never
// applied silently: it used to replace the groups — their hours, holidays and class mixes — by one
// default group. Refused rather than applied to every group because a field means something
// different summed over groups (count=30 in each of three groups is 90 teams), so the user says
// which group they mean, or sets each.
import * as msg from './errors.js';

/** A group name as a path segment: lower case, each run of other characters than letters and digits one "-" ("web London" → "web-london"). */
export function groupSlug(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
}

const nameOf = (g: unknown): string | undefined => {
  const name = typeof g === 'object' && g !== null && Object.hasOwn(g, 'name') ? (g as { name: unknown }).name : undefined;
  return typeof name === 'string' ? name : undefined;
};

export type GroupTarget =
  /** The override sets `rest` in group `index`; `named` is the part of the path that named it (path.slice(0, named)). */
  | { readonly kind: 'group'; readonly index: number; readonly named: number; readonly rest: readonly string[] }
  /** Not allowed: the path (as the user wrote it), message, expected and found. */
  | { readonly kind: 'issue'; readonly at: string; readonly message: string; readonly expected: string; readonly found: string };

/**
 * Where an override lands when `teams.delivery` is the list `groups`: in the group whose name (or
 * its slug) is the path after teams.delivery (a name may hold dots: the longest match wins), or an
 * issue when the path sets a field of every group at once (`group` false: a single-form key) or
 * names no group. Undefined when the path does not go into teams.delivery's items.
 */
export function groupTarget(groups: readonly unknown[], path: readonly string[], group: boolean): GroupTarget | undefined {
  if (path.length < 3 || path[0] !== 'teams' || path[1] !== 'delivery') return undefined;
  const names = groups.map(nameOf);
  const slugs = names.map((n) => (n === undefined ? [] : [groupSlug(n)]));
  const shown = slugs.flat();
  if (!group) {
    const field = path[2]!;
    const example = shown[0] ?? 'web';
    return {
      kind: 'issue',
      at: path.slice(0, 3).join('.'),
      message: msg.overrideEveryGroup(field, shown, `teams.delivery.${example}.${path.slice(2).join('.')}`),
      expected: 'a group named in the path',
      found: JSON.stringify(field),
    };
  }
  for (let end = path.length; end >= 3; end--) {
    const written = path.slice(2, end).join('.');
    const index = names.findIndex((n) => n !== undefined && (n === written || groupSlug(n) === written));
    if (index >= 0) return { kind: 'group', index, named: end, rest: path.slice(end) };
  }
  const written = path[2]!;
  return {
    kind: 'issue',
    at: path.slice(0, 3).join('.'),
    message: msg.overrideUnknownGroup(written, msg.suggest(written, shown), shown),
    expected: `one of ${shown.join(', ')}`,
    found: JSON.stringify(written),
  };
}
