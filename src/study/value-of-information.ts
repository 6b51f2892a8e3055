// Deciding between designs under uncertain inputs: the probability that each design is best, the
// acceptability curve (that probability as the value of a day of lead time grows), the expected
// value of perfect information (EVPI) and of partial information about one input (EVPPI), and the
// switching value of an input where the best design changes. Values are "net benefits", higher
// better (callers negate costs). EVPPI by a regression metamodel (Strong, Oakley & Brennan 2014):
// each design's net benefit is regressed on the one input, and EVPPI = mean_s max_d ĝ_d − max_d mean_s ĝ_d.
// The smoother is a regression in the input's probability u (the uniform it was drawn from),
// t = 2u − 1, on the nested bases 1 | 1, t | 1, t, t², t³ | and the cubic regression spline adding
// (t − k)³₊ for knots k = −½, 0, ½ (its quartiles), fitted by least squares, the basis chosen by BIC:
// a GAM-like smoother whose penalty is the choice among four sizes (1, 2, 4, 7 terms). Written by
// hand: no package in node_modules fits one. BIC keeps an input that changes nothing at a constant
// (EVPPI 0) instead of fitting its noise, which would bias EVPPI upwards.

const KNOTS = [-0.5, 0, 0.5];

function basis(u: number): number[] {
  const t = 2 * u - 1;
  return [1, t, t * t, t * t * t, ...KNOTS.map((k) => (t > k ? (t - k) ** 3 : 0))];
}

/** Solves the symmetric system M·x = y by Gaussian elimination with partial pivoting (M is changed). */
function solve(m: number[][], y: number[]): number[] {
  const n = y.length;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    [y[c], y[p]] = [y[p]!, y[c]!];
    const pivot = m[c]![c]!;
    if (Math.abs(pivot) < 1e-12) continue;
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / pivot;
      for (let k = c; k < n; k++) m[r]![k]! -= f * m[c]![k]!;
      y[r]! -= f * y[c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = y[r]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * x[k]!;
    x[r] = Math.abs(m[r]![r]!) < 1e-12 ? 0 : s / m[r]![r]!;
  }
  return x;
}

/** The sizes of the nested bases BIC chooses among. */
const SIZES = [1, 2, 4, 7];

/** The least-squares fit of values on the first p terms of the basis of u, as fitted values at each point. */
function fit(u: readonly number[], values: readonly number[], p: number): number[] {
  const rows = u.map((v) => basis(v).slice(0, p));
  const m = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const y = new Array<number>(p).fill(0);
  rows.forEach((row, s) => {
    for (let a = 0; a < p; a++) {
      y[a]! += row[a]! * values[s]!;
      for (let b = 0; b < p; b++) m[a]![b]! += row[a]! * row[b]!;
    }
  });
  const coef = solve(m, y);
  return rows.map((row) => row.reduce((sum, b, k) => sum + b * coef[k]!, 0));
}

/** The smoothed values: the fit on the basis of least BIC, n·ln(RSS/n) + p·ln n (the smaller basis on a tie). */
export function smooth(u: readonly number[], values: readonly number[]): number[] {
  const n = u.length;
  let best: { bic: number; fitted: number[] } | undefined;
  for (const p of SIZES) {
    if (p >= n) break;
    const fitted = fit(u, values, p);
    const rss = fitted.reduce((sum, f, s) => sum + (values[s]! - f) ** 2, 0);
    // A perfect fit (RSS 0) wins outright; 1e-300 keeps the logarithm finite.
    const bic = n * Math.log(Math.max(rss / n, 1e-300)) + p * Math.log(n);
    if (best === undefined || bic < best.bic) best = { bic, fitted };
  }
  return best?.fitted ?? [...values];
}

function columnMeans(nb: readonly (readonly number[])[]): number[] {
  const d = nb[0]?.length ?? 0;
  const sums = new Array<number>(d).fill(0);
  for (const row of nb) row.forEach((v, k) => (sums[k]! += v));
  return sums.map((s) => s / nb.length);
}

/** EVPI: E[max_d NB_d] − max_d E[NB_d], with nb[s][d] the net benefit of design d at input set s. */
export function evpi(nb: readonly (readonly number[])[]): number {
  if (nb.length === 0) return 0;
  const best = nb.reduce((sum, row) => sum + Math.max(...row), 0) / nb.length;
  return best - Math.max(...columnMeans(nb));
}

/** Each design's net benefit smoothed on one input's probabilities u[s]: fitted[s][d]. */
function fitted(u: readonly number[], nb: readonly (readonly number[])[]): number[][] {
  const d = nb[0]?.length ?? 0;
  const columns = Array.from({ length: d }, (_, k) => smooth(u, nb.map((row) => row[k]!)));
  return u.map((_, s) => columns.map((c) => c[s]!));
}

/** EVPPI of one input, whose probabilities at the input sets are u[s]. */
export function evppi(u: readonly number[], nb: readonly (readonly number[])[]): number {
  if (nb.length === 0) return 0;
  return evpi(fitted(u, nb));
}

/**
 * Where the design best on the smoothed net benefits changes as the input's probability rises: the
 * u at the first change on a grid of 101 points, with the designs before and after; undefined when one
 * design is best throughout.
 */
export function switchingPoint(u: readonly number[], nb: readonly (readonly number[])[]): { u: number; from: number; to: number } | undefined {
  if (nb.length === 0 || (nb[0]?.length ?? 0) < 2) return undefined;
  const order = u.map((_, s) => s).sort((x, y) => u[x]! - u[y]!);
  const fit = fitted(u, nb);
  const argmax = (row: readonly number[]) => row.reduce((b, v, k) => (v > row[b]! ? k : b), 0);
  const first = argmax(fit[order[0]!]!);
  for (const s of order) {
    const best = argmax(fit[s]!);
    if (best !== first) return { u: u[s]!, from: first, to: best };
  }
  return undefined;
}

/** The share of input sets at which each design has the highest net benefit (ties go to the first design). */
export function probabilityBest(nb: readonly (readonly number[])[]): number[] {
  const d = nb[0]?.length ?? 0;
  const wins = new Array<number>(d).fill(0);
  for (const row of nb) wins[row.reduce((b, v, k) => (v > row[b]! ? k : b), 0)]! += 1;
  return wins.map((w) => (nb.length > 0 ? w / nb.length : 0));
}

/**
 * The acceptability curve: at each value λ of a day of lead time (money a year), the probability that
 * each design has the lowest cost + λ·lead time. cost[s][d] and leadDays[s][d] per input set and design.
 */
export function acceptabilityCurve(cost: readonly (readonly number[])[], leadDays: readonly (readonly number[])[], lambdas: readonly number[]): { lambda: number; probability: number[] }[] {
  return lambdas.map((lambda) => ({
    lambda,
    probability: probabilityBest(cost.map((row, s) => row.map((c, k) => -(c + lambda * leadDays[s]![k]!)))),
  }));
}
