// Probability distributions for efforts and delays: each samples from an Rng and knows its theoretical mean and variance.
import type { Rng } from './random.js';

export interface Distribution {
  sample(rng: Rng): number;
  readonly mean: number;
  /** Theoretical variance (Infinity where it is not finite). */
  readonly variance: number;
  describe(): string;
}

/** z such that P(Z <= z) = 0.9 for a standard normal Z. */
export const Z90 = 1.2815515655446004;

/** A distribution as plain data (scenario files resolve to this; the scenario's types re-export it). */
export type DistributionSpec =
  | { readonly kind: 'fixed'; readonly value: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'triangular'; readonly min: number; readonly mode: number; readonly max: number }
  | { readonly kind: 'exponential'; readonly mean: number }
  | { readonly kind: 'lognormal'; readonly median: number; readonly p90: number }
  | { readonly kind: 'lognormalMeanSd'; readonly mean: number; readonly sd: number }
  | { readonly kind: 'gamma'; readonly mean: number; readonly sd: number }
  | { readonly kind: 'weibull'; readonly shape: number; readonly scale: number }
  | { readonly kind: 'empirical'; readonly values: readonly number[] };

/** Anything shaped like a DistributionSpec (e.g. the scenario's own type). */
export type DistributionSpecLike = DistributionSpec;

function fmt(x: number): string {
  return String(Number.isInteger(x) ? x : Number(x.toPrecision(6)));
}

function requireFinite(dist: string, name: string, x: number): void {
  if (!Number.isFinite(x)) throw new RangeError(`${dist}: ${name} must be a finite number, got ${x}`);
}

function requirePositive(dist: string, name: string, x: number): void {
  if (!(Number.isFinite(x) && x > 0)) throw new RangeError(`${dist}: ${name} must be a positive finite number, got ${x}`);
}

/** A uniform draw in (0, 1], safe for logarithms. */
function openUniform(rng: Rng): number {
  return 1 - rng.next();
}

/** A standard normal draw by the Box–Muller transform (Box & Muller, 1958); uses exactly two uniforms, no cached spare. */
export function standardNormal(rng: Rng): number {
  const r = Math.sqrt(-2 * Math.log(openUniform(rng)));
  return r * Math.cos(2 * Math.PI * rng.next());
}

/** Lanczos approximation coefficients, g = 7, n = 9 (as published, e.g. Press et al.; Wikipedia "Lanczos approximation"). */
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln |Γ(x)| by the Lanczos approximation, with the reflection formula for x < 0.5. */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i]! / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Γ(x) for x > 0. */
export function gammaFunction(x: number): number {
  return Math.exp(lnGamma(x));
}

export function fixed(value: number): Distribution {
  requireFinite('fixed', 'value', value);
  return { sample: () => value, mean: value, variance: 0, describe: () => `fixed(${fmt(value)})` };
}

export function uniform(min: number, max: number): Distribution {
  requireFinite('uniform', 'min', min);
  requireFinite('uniform', 'max', max);
  if (min > max) throw new RangeError(`uniform: min ${min} must not exceed max ${max}`);
  const w = max - min;
  return {
    sample: (rng) => min + w * rng.next(),
    mean: (min + max) / 2,
    variance: (w * w) / 12,
    describe: () => `uniform(${fmt(min)}, ${fmt(max)})`,
  };
}

/** Triangular by inverse CDF. */
export function triangular(min: number, mode: number, max: number): Distribution {
  requireFinite('triangular', 'min', min);
  requireFinite('triangular', 'mode', mode);
  requireFinite('triangular', 'max', max);
  if (!(min <= mode && mode <= max)) {
    throw new RangeError(`triangular: need min <= mode <= max, got min ${min}, mode ${mode}, max ${max}`);
  }
  const w = max - min;
  const fc = w === 0 ? 0 : (mode - min) / w;
  return {
    sample: (rng) => {
      const u = rng.next();
      return u < fc ? min + Math.sqrt(u * w * (mode - min)) : max - Math.sqrt((1 - u) * w * (max - mode));
    },
    mean: (min + mode + max) / 3,
    variance: (min * min + mode * mode + max * max - min * mode - min * max - mode * max) / 18,
    describe: () => `triangular(${fmt(min)}, ${fmt(mode)}, ${fmt(max)})`,
  };
}

export function exponential(mean: number): Distribution {
  requirePositive('exponential', 'mean', mean);
  return {
    sample: (rng) => -mean * Math.log(openUniform(rng)),
    mean,
    variance: mean * mean,
    describe: () => `exponential(mean=${fmt(mean)})`,
  };
}

function lognormal(mu: number, sigma: number, label: string): Distribution {
  const s2 = sigma * sigma;
  return {
    sample: (rng) => Math.exp(mu + sigma * standardNormal(rng)),
    mean: Math.exp(mu + s2 / 2),
    variance: Math.expm1(s2) * Math.exp(2 * mu + s2),
    describe: () => label,
  };
}

/** Lognormal with the given median and 90th percentile: mu = ln median, sigma = (ln p90 − mu) / z0.9. */
export function lognormalFromMedianP90(median: number, p90: number): Distribution {
  requirePositive('lognormal', 'median', median);
  requireFinite('lognormal', 'p90', p90);
  if (!(p90 > median)) throw new RangeError(`lognormal: p90 ${p90} must exceed median ${median}`);
  const mu = Math.log(median);
  return lognormal(mu, (Math.log(p90) - mu) / Z90, `lognormal(median=${fmt(median)}, p90=${fmt(p90)})`);
}

/** Lognormal with the given mean and standard deviation: sigma² = ln(1 + sd²/mean²), mu = ln mean − sigma²/2. */
export function lognormalFromMeanSd(mean: number, sd: number): Distribution {
  requirePositive('lognormalMeanSd', 'mean', mean);
  requireFinite('lognormalMeanSd', 'sd', sd);
  if (sd < 0) throw new RangeError(`lognormalMeanSd: sd must not be negative, got ${sd}`);
  const s2 = Math.log1p((sd * sd) / (mean * mean));
  return lognormal(Math.log(mean) - s2 / 2, Math.sqrt(s2), `lognormal(mean=${fmt(mean)}, sd=${fmt(sd)})`);
}

/**
 * Gamma(shape k, scale θ) drawn by Marsaglia & Tsang (2000), "A simple method for generating gamma
 * variables"; for k < 1 draws Gamma(k + 1) and multiplies by U^(1/k) (the boost in the same paper).
 */
function sampleGamma(rng: Rng, shape: number): number {
  const boost = shape < 1;
  const k = boost ? shape + 1 : shape;
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = standardNormal(rng);
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = openUniform(rng);
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
      const g = d * v;
      return boost ? g * Math.pow(openUniform(rng), 1 / shape) : g;
    }
  }
}

/** Gamma with the given mean and standard deviation: shape = mean²/sd², scale = sd²/mean. */
export function gamma(mean: number, sd: number): Distribution {
  requirePositive('gamma', 'mean', mean);
  requirePositive('gamma', 'sd', sd);
  const shape = (mean * mean) / (sd * sd);
  const scale = (sd * sd) / mean;
  return {
    sample: (rng) => scale * sampleGamma(rng, shape),
    mean,
    variance: sd * sd,
    describe: () => `gamma(mean=${fmt(mean)}, sd=${fmt(sd)})`,
  };
}

/** Weibull by inverse CDF; mean = scale·Γ(1 + 1/shape), variance = scale²·(Γ(1 + 2/shape) − Γ(1 + 1/shape)²). */
export function weibull(shape: number, scale: number): Distribution {
  requirePositive('weibull', 'shape', shape);
  requirePositive('weibull', 'scale', scale);
  const g1 = gammaFunction(1 + 1 / shape);
  const g2 = gammaFunction(1 + 2 / shape);
  return {
    sample: (rng) => scale * Math.pow(-Math.log(openUniform(rng)), 1 / shape),
    mean: scale * g1,
    variance: scale * scale * (g2 - g1 * g1),
    describe: () => `weibull(shape=${fmt(shape)}, scale=${fmt(scale)})`,
  };
}

/** Resamples uniformly from the given values; mean and (population) variance are those of the values. */
export function empirical(values: readonly number[]): Distribution {
  if (values.length === 0) throw new RangeError('empirical: values must not be empty');
  values.forEach((v, i) => requireFinite('empirical', `values[${i}]`, v));
  const vs = Float64Array.from(values);
  const n = vs.length;
  let mean = 0;
  for (const v of vs) mean += v;
  mean /= n;
  let ss = 0;
  for (const v of vs) ss += (v - mean) * (v - mean);
  return {
    sample: (rng) => vs[Math.floor(rng.next() * n)]!,
    mean,
    variance: ss / n,
    describe: () => `empirical(${n} values)`,
  };
}

/** True with probability p: rng.next() < p. */
export function bernoulli(rng: Rng, p: number): boolean {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`bernoulli: p must be in [0, 1], got ${p}`);
  return rng.next() < p;
}

/** Builds a Distribution from a spec object; RangeError for an unknown kind or bad parameters. */
export function fromSpec(spec: DistributionSpecLike): Distribution {
  switch (spec.kind) {
    case 'fixed':
      return fixed(spec.value);
    case 'uniform':
      return uniform(spec.min, spec.max);
    case 'triangular':
      return triangular(spec.min, spec.mode, spec.max);
    case 'exponential':
      return exponential(spec.mean);
    case 'lognormal':
      return lognormalFromMedianP90(spec.median, spec.p90);
    case 'lognormalMeanSd':
      return lognormalFromMeanSd(spec.mean, spec.sd);
    case 'gamma':
      return gamma(spec.mean, spec.sd);
    case 'weibull':
      return weibull(spec.shape, spec.scale);
    case 'empirical':
      return empirical(spec.values);
    default: {
      const kind = (spec as { kind?: unknown }).kind;
      throw new RangeError(`unknown distribution kind ${JSON.stringify(kind)}`);
    }
  }
}
