// Delivery groups from assignment groups: each assignment group is taken as one delivery team, and
// teams whose change rate and class mix differ by more than chance are put in different groups
// (`teams.delivery` as a list). Teams are ranked by their number of changes; each joins the group
// before it unless its count is more than 3 Poisson standard deviations from the group's mean per
// team, or its class mix differs from the group's by a chi-square test at the 0.1% level.
export interface TeamCount {
  readonly name: string;
  readonly changes: number;
  /** Changes by class name. */
  readonly byClass: Readonly<Record<string, number>>;
}

export interface GroupFit {
  readonly members: readonly TeamCount[];
  readonly changes: number;
  readonly byClass: Readonly<Record<string, number>>;
}

/** Wilson–Hilferty: the chi-square quantile with `df` degrees of freedom at the standard normal quantile z. */
const chiSquareQuantile = (df: number, z: number): number => df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
/** The standard normal quantile of 0.999 (the test's level). */
const Z999 = 3.0902;

/** Pearson's chi-square statistic of a 2 × K table (a team's class counts against a group's), and its degrees of freedom. */
function chiSquare(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>, classes: readonly string[]): { stat: number; df: number } {
  const na = classes.reduce((s, c) => s + (a[c] ?? 0), 0);
  const nb = classes.reduce((s, c) => s + (b[c] ?? 0), 0);
  let stat = 0;
  let df = -1;
  for (const c of classes) {
    const total = (a[c] ?? 0) + (b[c] ?? 0);
    if (total === 0) continue;
    df++;
    for (const [x, n] of [[a[c] ?? 0, na], [b[c] ?? 0, nb]] as const) {
      const e = (total * n) / (na + nb);
      if (e > 0) stat += (x - e) ** 2 / e;
    }
  }
  return { stat, df };
}

/** Whether a team's class mix is consistent with a group's (chi-square at the 0.1% level). */
function sameMix(team: Readonly<Record<string, number>>, group: Readonly<Record<string, number>>, classes: readonly string[]): boolean {
  const { stat, df } = chiSquare(team, group, classes);
  return df < 1 || stat <= chiSquareQuantile(df, Z999);
}

/** Groups of teams alike in rate and class mix, the busiest first. One group when all are alike. */
export function groupFits(teams: readonly TeamCount[], classes: readonly string[]): GroupFit[] {
  const ranked = [...teams].sort((a, b) => b.changes - a.changes || (a.name < b.name ? -1 : 1));
  const groups: { members: TeamCount[]; byClass: Record<string, number>; changes: number }[] = [];
  for (const t of ranked) {
    const g = groups[groups.length - 1];
    const mean = g === undefined ? 0 : g.changes / g.members.length;
    if (g !== undefined && Math.abs(t.changes - mean) <= 3 * Math.sqrt(Math.max(mean, 1)) && sameMix(t.byClass, g.byClass, classes)) {
      g.members.push(t);
      g.changes += t.changes;
      for (const c of classes) g.byClass[c] = (g.byClass[c] ?? 0) + (t.byClass[c] ?? 0);
    } else groups.push({ members: [t], byClass: { ...t.byClass }, changes: t.changes });
  }
  return groups;
}
